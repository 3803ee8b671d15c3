/**
 * The compose stack an SQL file belongs to: the compose files of its folder and up to COMPOSE_SEARCH_PARENTS parents
 * whose services mount it into /docker-entrypoint-initdb.d (as a file or inside a mounted folder). Each compose file
 * is modelled with the compose format's own model and kept until it or one of its scripts changes on disk.
 */
import * as path from 'path';
import { pathToFileURL } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Catalog, Major } from '../../catalog/types';
import { BoundedCache } from '../../service/boundedCache';
import type { FileSystemHost } from '../../service/types';
import type { SqlParserHost } from '../../sql/parser';
import { isComposeFile } from '../compose/format';
import type { InitScript } from '../compose/initScripts';
import { buildModel, type ComposeModel, type ServiceInfo } from '../compose/model';
import { RuleContext } from '../compose/rules/context';
import { serviceSql } from '../compose/rules/logical/serviceSql';
import type { Side } from '../compose/rules/logical/side';
import { ChunkParser } from '../compose/yaml/chunks';
import { COMPOSE_SEARCH_PARENTS } from '../pgconf/composeMajor';

/** A stack that runs the script: its compose file, the service (and the mount) that runs it, every side with init SQL. */
export interface ScriptStack {
  composeFile: string;
  service: ServiceInfo;
  script: InitScript;
  ctx: RuleContext;
  /** Services with init SQL, read with PostgreSQL's parser (absent while it is not loaded). */
  sides: Map<ServiceInfo, Side>;
}

interface Modelled {
  stamp: string;
  model: ComposeModel;
  text: string;
  /** The sides, once the parser is loaded (the model is rebuilt when a script changes on disk). */
  sides?: Map<ServiceInfo, Side>;
}

export class ScriptStacks {
  private readonly models = new BoundedCache<string, Modelled>({ entries: 32, weight: 64 * 1024 * 1024 });

  constructor(
    private readonly fs: FileSystemHost,
    private readonly catalog: Catalog,
    private readonly defaultMajor: () => Major,
    private readonly sql: SqlParserHost | undefined,
  ) {}

  /** The stacks running `file` (nearest compose file first); none when no compose file around mounts it. */
  of(file: string): ScriptStack[] {
    const stacks: ScriptStack[] = [];
    let dir = path.dirname(file);
    for (let level = 0; level <= COMPOSE_SEARCH_PARENTS; level++) {
      const names = this.fs.isDirectory(dir) ? this.fs.readDir(dir).filter((name) => isComposeFile(name)).sort() : [];
      for (const name of names) stacks.push(...this.runners(path.join(dir, name), file));
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    return stacks;
  }

  private runners(composeFile: string, file: string): ScriptStack[] {
    const modelled = this.model(composeFile);
    if (!modelled) return [];
    const { model, text } = modelled;
    const found = model.services.flatMap((service) => service.init.scripts.filter((s) => s.hostPath === file && !s.missing).map((script) => ({ service, script })));
    if (!found.length) return [];
    const ctx = new RuleContext(TextDocument.create(pathToFileURL(composeFile).toString(), 'yaml', 0, text), model, this.catalog, this.defaultMajor(), this.fs, this.sql);
    const sides = modelled.sides ?? new Map<ServiceInfo, Side>();
    if (!modelled.sides) {
      for (const service of model.services) {
        const sql = serviceSql(this.sql, service);
        if (sql) sides.set(service, { service, sql });
      }
      if (this.sql?.ready) modelled.sides = sides;
    }
    return found.map(({ service, script }) => ({ composeFile, service, script, ctx, sides }));
  }

  /** The compose file's model, rebuilt when the file or one of the init scripts it read changed. */
  private model(composeFile: string): Modelled | undefined {
    const known = this.models.get(composeFile);
    const stampOf = (model?: ComposeModel) => [composeFile, ...(model?.services.flatMap((s) => s.init.scripts.map((x) => x.hostPath ?? '')) ?? [])].map((f) => this.fs.mtime?.(f) ?? '?').join(',');
    if (known && !known.stamp.includes('?') && known.stamp === stampOf(known.model)) return known;
    const text = this.fs.readFile(composeFile);
    if (text === undefined) return undefined;
    let model: ComposeModel;
    try {
      model = buildModel(text, pathToFileURL(composeFile).toString(), new ChunkParser(), this.fs);
    } catch {
      return undefined; // a compose file being edited may be anything
    }
    const modelled = { stamp: stampOf(model), model, text };
    this.models.set(composeFile, modelled, text.length);
    return modelled;
  }
}
