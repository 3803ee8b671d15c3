import { isMap, isScalar } from 'yaml';
import { interpolate, type Variables } from './interpolate';
import { deref, entries, getEntry, isMapping, scalarText, seqItems, spanOf, type AnchorTable, type Entry, type Located, type Span } from './yaml/nodes';

/** Readers for the service keys we model; each keeps document spans for diagnostics. */

export interface EnvEntry {
  name: string;
  /** As written. */
  value?: string;
  /** After Compose's interpolation (`${VAR:-default}` with the default when `.env` does not set VAR); undefined when unknown. */
  resolved?: string;
  /** Variables whose default the resolved value took. */
  defaulted?: string[];
  keySpan: Span;
  valueSpan?: Span;
  /** Anchor the entry came from, when it was merged or aliased in. */
  fromAnchor?: string;
  listForm: boolean;
}

const NO_VARIABLES: Variables = new Map();

function withResolved(entry: Omit<EnvEntry, 'resolved' | 'defaulted'>, vars: Variables): EnvEntry {
  if (entry.value === undefined) return entry;
  const r = interpolate(entry.value, vars);
  return { ...entry, resolved: r.value, ...(r.defaulted.length ? { defaulted: r.defaulted } : {}) };
}

export interface PortEntry {
  text: string;
  hostIp?: string;
  hostPort?: number;
  /** The host port is a variable nothing in the workspace sets (published, on a port chosen at run time). */
  hostPortUnknown?: boolean;
  containerPort: number;
  protocol: 'tcp' | 'udp';
  span: Span;
  short: boolean;
}

export interface VolumeEntry {
  type: 'volume' | 'bind' | 'tmpfs';
  source?: string;
  target: string;
  readOnly: boolean;
  span: Span;
}

export interface HealthcheckEntry {
  /** The test as one command line (list forms joined, CMD/CMD-SHELL dropped). */
  command: string;
  span: Span;
  keySpan: Span;
  disabled: boolean;
  interval?: string;
  timeout?: string;
  retries?: number;
  startPeriod?: string;
  raw: string[] | string;
  /** Anchor the healthcheck came from (merge or alias). */
  fromAnchor?: string;
}

export interface DependsEntry {
  service: string;
  condition: 'service_started' | 'service_healthy' | 'service_completed_successfully';
  span: Span;
  long: boolean;
}

const anchorOf = (entry: Entry) => entry.mergedFrom ?? entry.value.viaAnchor;

export function readEnvironment(entry: Entry | undefined, anchors: AnchorTable, vars: Variables = NO_VARIABLES): EnvEntry[] {
  if (!entry) return [];
  const result: EnvEntry[] = [];
  if (isMapping(entry.value, anchors)) {
    for (const e of entries(entry.value, anchors).entries) {
      const value = scalarText(e.value, anchors);
      result.push(withResolved({ name: e.key, value, keySpan: e.keySpan, valueSpan: spanOf(deref(e.value, anchors)), fromAnchor: anchorOf(e) ?? anchorOf(entry), listForm: false }, vars));
    }
    return result;
  }
  for (const item of seqItems(entry.value, anchors)) {
    const text = scalarText(item, anchors);
    const span = spanOf(item);
    if (text === undefined || !span) continue;
    const eq = text.indexOf('=');
    const name = eq >= 0 ? text.slice(0, eq) : text;
    const quote = /^["']/.test(textAt(item) ?? '') ? 1 : 0;
    const keySpan = { start: span.start + quote, end: span.start + quote + name.length };
    const entryValue = {
      name,
      value: eq >= 0 ? text.slice(eq + 1) : undefined,
      keySpan,
      valueSpan: eq >= 0 ? { start: keySpan.end + 1, end: Math.max(keySpan.end + 1, span.end - quote) } : undefined,
      fromAnchor: item.viaAnchor ?? anchorOf(entry),
      listForm: true,
    };
    result.push(withResolved(entryValue, vars));
  }
  return result;
}

function textAt(loc: Located): string | undefined {
  return loc.node && isScalar(loc.node) ? (loc.node.type === 'QUOTE_DOUBLE' ? '"' : loc.node.type === 'QUOTE_SINGLE' ? "'" : '') : undefined;
}

/** Short (`[ip:]host:container[/proto]`) and long port syntax. */
export function readPorts(entry: Entry | undefined, anchors: AnchorTable, vars: Variables = NO_VARIABLES): PortEntry[] {
  const ports: PortEntry[] = [];
  const resolve = (text: string | undefined) => (text === undefined ? undefined : interpolate(text, vars));
  for (const item of seqItems(entry?.value, anchors)) {
    const span = spanOf(item);
    if (!span) continue;
    if (isMap(item.node)) {
      const es = entries(item, anchors).entries;
      const target = Number(resolve(scalarText(getEntry(es, 'target')?.value, anchors))?.value);
      const published = Number(resolve(scalarText(getEntry(es, 'published')?.value, anchors))?.value);
      const hostIp = resolve(scalarText(getEntry(es, 'host_ip')?.value, anchors))?.value;
      const protocol = scalarText(getEntry(es, 'protocol')?.value, anchors) === 'udp' ? 'udp' : 'tcp';
      if (Number.isFinite(target)) {
        ports.push({ text: '', hostIp: hostIp || undefined, hostPort: Number.isFinite(published) ? published : undefined, containerPort: target, protocol, span, short: false });
      }
      continue;
    }
    const text = scalarText(item, anchors);
    if (!text) continue;
    const resolved = resolve(text)!;
    // A variable nothing sets still publishes the port; only its number is unknown.
    const known = resolved.value ?? text.replace(/\$\{[^}]*\}|\$[A-Za-z_]\w*/g, '0');
    const [spec, proto] = known.split('/');
    // IPv6 host addresses are bracketed: [::1]:5432:5432
    const match = /^(?:(\[[^\]]*\]|[^:]*):)??(?:(\d*(?:-\d+)?):)?(\d+)(?:-\d+)?$/.exec(spec);
    if (!match) continue;
    ports.push({
      text,
      hostIp: match[1] ? match[1].replace(/^\[|\]$/g, '') : undefined,
      hostPort: match[2] ? Number(match[2].split('-')[0]) : undefined,
      ...(resolved.value === undefined && match[2] ? { hostPortUnknown: true } : {}),
      containerPort: Number(match[3]),
      protocol: proto === 'udp' ? 'udp' : 'tcp',
      span,
      short: true,
    });
  }
  return ports;
}

/** Short (`src:target[:ro]`) and long volume syntax. */
export function readVolumes(entry: Entry | undefined, anchors: AnchorTable, vars: Variables = NO_VARIABLES): VolumeEntry[] {
  const volumes: VolumeEntry[] = [];
  for (const item of seqItems(entry?.value, anchors)) {
    const span = spanOf(item);
    if (!span) continue;
    if (isMap(item.node)) {
      const es = entries(item, anchors).entries;
      const target = scalarText(getEntry(es, 'target')?.value, anchors);
      if (!target) continue;
      const type = scalarText(getEntry(es, 'type')?.value, anchors);
      volumes.push({
        type: type === 'bind' ? 'bind' : type === 'tmpfs' ? 'tmpfs' : 'volume',
        source: scalarText(getEntry(es, 'source')?.value, anchors),
        target,
        readOnly: scalarText(getEntry(es, 'read_only')?.value, anchors) === 'true',
        span,
      });
      continue;
    }
    const written = scalarText(item, anchors);
    const text = written === undefined ? undefined : (interpolate(written, vars).value ?? written);
    if (!text) continue;
    const parts = text.split(':');
    if (parts.length === 1) {
      volumes.push({ type: 'volume', target: parts[0], readOnly: false, span });
      continue;
    }
    const source = parts[0];
    const bind = /^[./~]/.test(source) || source.includes('/');
    volumes.push({ type: bind ? 'bind' : 'volume', source, target: parts[1], readOnly: parts[2]?.split(',').includes('ro') ?? false, span });
  }
  return volumes;
}

export function readHealthcheck(entry: Entry | undefined, anchors: AnchorTable): HealthcheckEntry | undefined {
  if (!entry || !isMapping(entry.value, anchors)) return undefined;
  const es = entries(entry.value, anchors).entries;
  const test = getEntry(es, 'test');
  const disabled = scalarText(getEntry(es, 'disable')?.value, anchors) === 'true';
  let raw: string[] | string = '';
  let command = '';
  if (test) {
    const items = seqItems(test.value, anchors);
    if (items.length) {
      raw = items.map((i) => scalarText(i, anchors) ?? '');
      if (raw[0] === 'NONE') command = '';
      else if (raw[0] === 'CMD-SHELL') command = raw.slice(1).join(' ');
      else command = (raw[0] === 'CMD' ? raw.slice(1) : raw).join(' ');
    } else {
      raw = scalarText(test.value, anchors) ?? '';
      command = raw;
    }
  }
  const retries = Number(scalarText(getEntry(es, 'retries')?.value, anchors));
  return {
    command,
    span: (test && spanOf(deref(test.value, anchors))) ?? entry.keySpan,
    keySpan: entry.keySpan,
    disabled: disabled || (Array.isArray(raw) && raw[0] === 'NONE'),
    interval: scalarText(getEntry(es, 'interval')?.value, anchors),
    timeout: scalarText(getEntry(es, 'timeout')?.value, anchors),
    retries: Number.isFinite(retries) ? retries : undefined,
    startPeriod: scalarText(getEntry(es, 'start_period')?.value, anchors),
    raw,
    fromAnchor: anchorOf(entry),
  };
}

export function readDependsOn(entry: Entry | undefined, anchors: AnchorTable): DependsEntry[] {
  if (!entry) return [];
  if (isMapping(entry.value, anchors)) {
    return entries(entry.value, anchors).entries.map((e) => {
      const condition = scalarText(getEntry(entries(e.value, anchors).entries, 'condition')?.value, anchors);
      return {
        service: e.key,
        condition: condition === 'service_healthy' || condition === 'service_completed_successfully' ? condition : 'service_started',
        span: e.keySpan,
        long: true,
      };
    });
  }
  return seqItems(entry.value, anchors).flatMap((item) => {
    const name = scalarText(item, anchors);
    const span = spanOf(item);
    return name && span ? [{ service: name, condition: 'service_started' as const, span, long: false }] : [];
  });
}

/** A list of names (`networks`, `secrets`) in list or mapping form. */
export function readNames(entry: Entry | undefined, anchors: AnchorTable): string[] {
  if (!entry) return [];
  if (isMapping(entry.value, anchors)) return entries(entry.value, anchors).entries.map((e) => e.key);
  return seqItems(entry.value, anchors).flatMap((item) => {
    if (isMap(item.node)) return [scalarText(getEntry(entries(item, anchors).entries, 'source')?.value, anchors) ?? ''].filter(Boolean);
    const name = scalarText(item, anchors);
    return name ? [name] : [];
  });
}
