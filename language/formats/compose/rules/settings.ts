import { checkCommandSetting } from '../settingCheck';
import type { RuleContext } from './context';
import { unsupportedVersion } from './majors';

/** `-c` settings checked as postgres checks command-line options, with the catalog of the service's major. */
export function settingRules(ctx: RuleContext): void {
  // A major outside the catalog has nothing to check its settings against (majorRules says so).
  for (const service of ctx.model.services.filter((s) => s.pgRelated && !unsupportedVersion(s))) {
    const major = ctx.majorOf(service);
    const seen = new Map<string, number>();
    service.command.settings.forEach((setting, index) => {
      const verdict = checkCommandSetting(ctx.catalog, major, setting.form, setting.rawName, setting.name, setting.value);
      if (verdict) {
        const onValue = verdict.code === 'compose/setting-invalid-value' || verdict.code === 'compose/setting-quoted';
        const span = onValue && setting.valueSpan ? setting.valueSpan : setting.name ? setting.nameSpan : setting.span;
        const fixes = (verdict.suggestions ?? []).slice(0, 3).map((s, i) => ({ title: onValue ? `Change to ${s}` : `Change to '${s}'`, edits: [ctx.edit(span, s)], isPreferred: i === 0 }));
        ctx.report(span, verdict.severity, verdict.code, verdict.message, { service: service.name, fixes });
      }
      if (setting.name && setting.value !== undefined) {
        const earlier = seen.get(setting.name);
        if (earlier !== undefined) {
          ctx.report(service.command.settings[earlier].nameSpan, 'information', 'compose/setting-overridden', `${setting.name} is set again later on the command line; the last one (${setting.value}) wins.`, { service: service.name });
        }
        seen.set(setting.name, index);
      }
    });
  }
}

/** YAML problems: syntax errors, duplicate keys, merge conflicts and shallow merges that drop anchor values. */
/** Aliases whose anchor is defined nowhere before them: Compose refuses the file ("unknown anchor"). */
function unknownAliases(ctx: RuleContext, chunk: RuleContext['model']['chunks'][number]): void {
  for (const alias of chunk.parsed.aliases) {
    const span = { start: chunk.base + alias.start, end: chunk.base + Math.max(alias.end, alias.start + 1) };
    if (ctx.model.anchors.definedBefore(alias.name, span.start)) continue;
    const later = ctx.model.anchors.has(alias.name) ? ` (&${alias.name} is defined after it: an anchor must come before its aliases)` : '';
    ctx.report(span, 'error', 'compose/yaml-syntax', `YAML: unknown anchor "${alias.name}" referenced by *${alias.name}${later}: Compose refuses the file. Define &${alias.name} earlier in the file or fix the name.`);
  }
}

export function yamlRules(ctx: RuleContext): void {
  const { model } = ctx;
  for (const chunk of model.chunks) {
    for (const error of chunk.parsed.errors) {
      // Errors at the end of a chunk (unclosed brackets) are shown on its last content line.
      const contentEnd = chunk.base + ctx.model.text.slice(chunk.base, chunk.end).trimEnd().length;
      const start = Math.min(chunk.base + error.start, Math.max(chunk.base, contentEnd - 1));
      const span = { start, end: Math.max(start + 1, Math.min(chunk.base + error.end, contentEnd)) };
      if (error.code === 'DUPLICATE_KEY') {
        ctx.report(span, 'error', 'compose/duplicate-key', `${error.message}: Compose rejects the file (YAML keys must be unique in a mapping).`);
      } else ctx.report(span, 'error', 'compose/yaml-syntax', `YAML: ${error.message}`);
    }
    unknownAliases(ctx, chunk);
  }
  for (const service of model.services) {
    for (const [first, second] of service.mergeConflicts) {
      ctx.report(second.keySpan, 'warning', 'compose/merge-conflict', `"${second.key}" comes from both "${first.mergedFrom}" and "${second.mergedFrom}" merged into "${service.name}": the first merge source wins, this value is ignored.`, { service: service.name });
    }
    if (!service.pgRelated) continue;
    for (const { own, merged } of service.shadowedKeys) {
      if (!['environment', 'healthcheck', 'volumes', 'command', 'ports', 'depends_on'].includes(own.key)) continue;
      ctx.report(own.keySpan, 'information', 'compose/merge-shallow-override', `"${own.key}" replaces the whole "${own.key}" of "${merged}": YAML merge keys are shallow, so nothing from the anchor's "${own.key}" is kept.`, { service: service.name });
    }
  }
}
