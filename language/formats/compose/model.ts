import * as path from 'path';
import { uriToPath } from '../../../core/paths';
import type { Major } from '../../catalog/types';
import type { ImageFlavor, ServiceRole } from '../../../core/model/topology';
import type { FileSystemHost } from '../../service/types';
import { analyseCommand, basebackupOption, extraFlagSettings, type CommandAnalysis } from './command';
import { readDependsOn, readEnvironment, readHealthcheck, readNames, readPorts, readVolumes, type DependsEntry, type EnvEntry, type HealthcheckEntry, type PortEntry, type VolumeEntry } from './fields';
import { parseImage, type ImageRef } from './images';
import { addConfigFacts, readInitFacts, type InitConfig, type InitFacts } from './initScripts';
import { relocateService, offsetMapper } from './relocate';
import { chunkPair, splitChunks, type Chunk, type ChunkParser, type ParsedChunk } from './yaml/chunks';
import { AnchorTable, entries, getEntry, isMapping, scalarText, seqItems, shadowedMergeKeys, spanOf, type Entry, type Located, type Span } from './yaml/nodes';

export interface ServiceInfo {
  name: string;
  nameSpan: Span;
  chunk: Chunk;
  located: Located;
  entries: Entry[];
  mergeConflicts: Entry[][];
  image?: ImageRef & { span: Span; fromAnchor?: string };
  flavor: ImageFlavor;
  major?: Major;
  role: ServiceRole;
  /** True for PostgreSQL servers, replicas and poolers: only these get our features. */
  pgRelated: boolean;
  env: EnvEntry[];
  command: CommandAnalysis;
  ports: PortEntry[];
  volumes: VolumeEntry[];
  healthcheck?: HealthcheckEntry;
  dependsOn: DependsEntry[];
  dependsOnEntry?: Entry;
  init: InitFacts;
  /** Explicit keys that replace a whole mapping/list from a merged anchor (merge keys are shallow). */
  shadowedKeys: { own: Entry; merged: string }[];
  /** Top-level configs mounted into /docker-entrypoint-initdb.d. */
  initConfigs: InitConfig[];
  upstream?: string;
  upstreamSpan?: Span;
  slot?: string;
  slotSpan?: Span;
  /** The role a replica connects as (pg_basebackup -U, PGUSER, or Bitnami replication user). */
  replicationUser?: string;
}

export interface ComposeModel {
  text: string;
  uri: string;
  composeDir?: string;
  chunks: Chunk[];
  anchors: AnchorTable;
  services: ServiceInfo[];
  byName: Map<string, ServiceInfo>;
  /** Top-level entries (version, name, volumes, secrets, x-…). */
  topLevel: Map<string, { chunk: Chunk; entry: Entry }>;
  project: string;
  /** True when the file has at least one PostgreSQL-related service. */
  pgRelated: boolean;
}

export function envValue(service: ServiceInfo, name: string): string | undefined {
  return service.env.find((e) => e.name === name)?.value;
}

export function envEntry(service: ServiceInfo, name: string): EnvEntry | undefined {
  return service.env.find((e) => e.name === name);
}

export function composeDirOf(uri: string): string | undefined {
  const file = uriToPath(uri);
  return file === undefined ? undefined : path.dirname(file);
}

function projectName(uri: string, dir: string | undefined, explicit: string | undefined): string {
  const base = explicit ?? (dir ? path.basename(dir) : uri.replace(/[?#].*$/, '').split('/').slice(-2, -1)[0] ?? 'compose');
  return base.toLowerCase().replace(/[^a-z0-9_-]/g, '') || 'compose';
}

/** Top-level `configs:` by name (inline `content:` or `file:`), for init scripts mounted as configs. */
export type ConfigLookup = (name: string) => { content?: string; file?: string } | undefined;

function configLookup(chunks: Chunk[], anchors: AnchorTable): ConfigLookup {
  const chunk = chunks.find((c) => !c.isService && c.key === 'configs');
  const pair = chunk && chunkPair(chunk);
  if (!chunk || !pair) return () => undefined;
  const all = entries({ node: (pair.value as Located['node']) ?? null, base: chunk.base }, anchors).entries;
  return (name) => {
    const e = getEntry(all, name);
    if (!e) return undefined;
    const es = entries(e.value, anchors).entries;
    return { content: scalarText(getEntry(es, 'content')?.value, anchors), file: scalarText(getEntry(es, 'file')?.value, anchors) };
  };
}

/** Service `configs:` entries that place a top-level config under /docker-entrypoint-initdb.d. */
function initConfigs(entry: Entry | undefined, anchors: AnchorTable, lookup: ConfigLookup): InitConfig[] {
  const result: InitConfig[] = [];
  for (const item of seqItems(entry?.value, anchors)) {
    const span = spanOf(item);
    if (!span) continue;
    const es = isMapping(item, anchors) ? entries(item, anchors).entries : [];
    const source = es.length ? scalarText(getEntry(es, 'source')?.value, anchors) : scalarText(item, anchors);
    const target = (es.length ? scalarText(getEntry(es, 'target')?.value, anchors) : undefined) ?? `/${source}`;
    if (!source) continue;
    const config = lookup(source);
    if (config) result.push({ target, content: config.content, file: config.file, span });
  }
  return result;
}

function buildService(name: string, nameSpan: Span, chunk: Chunk, located: Located, anchors: AnchorTable, text: string, dir: string | undefined, fs: FileSystemHost, lookup: ConfigLookup): ServiceInfo {
  const { entries: es, mergeConflicts } = entries(located, anchors);
  const imageEntry = getEntry(es, 'image');
  const imageText = scalarText(imageEntry?.value, anchors);
  const imageSpan = imageEntry ? spanOf(imageEntry.value) : undefined;
  const image = imageText && imageSpan ? { ...parseImage(imageText), span: imageSpan, fromAnchor: imageEntry?.mergedFrom ?? imageEntry?.value.viaAnchor } : undefined;
  const command = analyseCommand(getEntry(es, 'command')?.value, anchors, text, getEntry(es, 'entrypoint')?.value);
  const env = readEnvironment(getEntry(es, 'environment'), anchors);
  if (image?.flavor === 'bitnami' || image?.flavor === 'bitnami-repmgr') command.settings.push(...extraFlagSettings(getEntry(es, 'environment')?.value, anchors, text));
  const volumes = readVolumes(getEntry(es, 'volumes'), anchors);
  const dependsOnEntry = getEntry(es, 'depends_on');
  const flavor = image?.flavor ?? (command.calls.length ? 'custom' : 'unknown');
  const service: ServiceInfo = {
    name,
    nameSpan,
    chunk,
    located,
    entries: es,
    mergeConflicts,
    image,
    flavor,
    major: image?.major,
    role: 'other',
    pgRelated: false,
    env,
    command,
    ports: readPorts(getEntry(es, 'ports'), anchors),
    volumes,
    healthcheck: readHealthcheck(getEntry(es, 'healthcheck'), anchors),
    dependsOn: readDependsOn(dependsOnEntry, anchors),
    dependsOnEntry,
    init: readInitFacts(volumes, dir, fs),
    initConfigs: initConfigs(getEntry(es, 'configs'), anchors, lookup),
    shadowedKeys: shadowedMergeKeys(located, anchors),
  };
  addConfigFacts(service.init, service.initConfigs, dir, fs);
  assignRole(service);
  return service;
}

function assignRole(s: ServiceInfo): void {
  const env = (n: string) => envValue(s, n);
  const postgresImage = s.flavor === 'official' || s.flavor === 'bitnami' || s.flavor === 'bitnami-repmgr' || (s.flavor === 'custom' && !!s.image);
  s.pgRelated = postgresImage || s.flavor === 'pgbouncer' || s.flavor === 'pgpool' || s.command.calls.some((c) => c.program === 'postgres' || c.program === 'pg_basebackup');
  if (s.flavor === 'pgbouncer' || s.flavor === 'pgpool') {
    s.role = 'pooler';
    const host = env('DB_HOST') ?? env('POSTGRESQL_HOST') ?? /@([^:/]+)/.exec(env('DATABASE_URL') ?? '')?.[1];
    if (host) s.upstream = host;
    return;
  }
  if (s.command.basebackup) {
    s.role = 'replica';
    const host = basebackupOption(s.command, 'host');
    const slot = basebackupOption(s.command, 'slot');
    const user = basebackupOption(s.command, 'username');
    s.upstream = host?.value ?? env('PGHOST');
    s.upstreamSpan = host?.valueSpan ?? host?.span;
    s.slot = slot?.value;
    s.slotSpan = slot?.valueSpan ?? slot?.span;
    s.replicationUser = user?.value ?? env('PGUSER') ?? 'postgres';
    return;
  }
  if (s.flavor === 'bitnami' || s.flavor === 'bitnami-repmgr') {
    const mode = env('POSTGRESQL_REPLICATION_MODE');
    const primaryHost = env('REPMGR_PRIMARY_HOST');
    const isReplica = mode === 'slave' || (s.flavor === 'bitnami-repmgr' && !!primaryHost && primaryHost !== env('REPMGR_NODE_NETWORK_NAME') && primaryHost !== s.name);
    s.role = isReplica ? 'replica' : 'primary';
    if (isReplica) {
      const hostVar = envEntry(s, 'POSTGRESQL_MASTER_HOST') ?? envEntry(s, 'REPMGR_PRIMARY_HOST');
      s.upstream = hostVar?.value;
      s.upstreamSpan = hostVar?.valueSpan;
      s.replicationUser = env('POSTGRESQL_REPLICATION_USER') ?? env('REPMGR_USERNAME');
    }
    return;
  }
  if (postgresImage) {
    // The official entrypoint runs postgres when there is no command, or when it starts with postgres or `-`.
    const first = s.command.firstWord;
    if (s.command.form === 'none' || s.command.runsPostgres || first === undefined) s.role = 'primary';
    return;
  }
  if (s.command.runsPostgres) s.role = 'primary';
}

/** Chunks whose anchors services may depend on; equal lists (by identity) mean aliases resolve the same. */
function anchorChunks(chunks: Chunk[]): ParsedChunk[] {
  return chunks.filter((c) => c.parsed.anchors.length > 0 || (!c.isService && c.key === 'configs')).map((c) => c.parsed);
}

const sameList = <T>(a: T[], b: T[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Builds the model of a compose file: chunks → anchors → services with roles.
 * With the previous model of the same document, services whose chunk and anchors are unchanged are re-used.
 */
export function buildModel(text: string, uri: string, parser: ChunkParser, fs: FileSystemHost, previous?: ComposeModel): ComposeModel {
  const chunks = splitChunks(text, parser);
  const anchors = new AnchorTable(chunks);
  const dir = composeDirOf(uri);
  const anchorList = anchorChunks(chunks);
  const reusable = new Map<ParsedChunk, ServiceInfo>();
  let map: ((offset: number) => number) | undefined;
  let anchorsMoved = false;
  if (previous && previous.uri === uri && sameList(anchorList, anchorChunks(previous.chunks))) {
    for (const s of previous.services) reusable.set(s.chunk.parsed, s);
    map = offsetMapper(previous.chunks, chunks);
    const oldAnchorBases = previous.chunks.filter((c) => c.parsed.anchors.length > 0).map((c) => c.base);
    anchorsMoved = chunks.filter((c) => c.parsed.anchors.length > 0).some((c, i) => c.base !== oldAnchorBases[i]);
  }
  const token = {};
  const lookup = configLookup(chunks, anchors);
  const services: ServiceInfo[] = [];
  const topLevel = new Map<string, { chunk: Chunk; entry: Entry }>();
  for (const chunk of chunks) {
    const pair = chunkPair(chunk);
    if (!pair) continue;
    const keyRange = (pair.key as { range?: [number, number, number] } | null)?.range;
    const keySpan = keyRange ? { start: chunk.base + keyRange[0], end: chunk.base + keyRange[1] } : { start: chunk.base, end: chunk.base };
    const value: Located = { node: (pair.value as Located['node']) ?? null, base: chunk.base };
    if (chunk.isService) {
      const old = reusable.get(chunk.parsed);
      if (old && map) {
        reusable.delete(chunk.parsed);
        // Nothing before this service and its anchors moved: its offsets are still right.
        if (anchorsMoved || old.chunk.base !== chunk.base) relocateService(old, chunk, map, token);
        else old.chunk = chunk;
        // Init scripts live in other files: read them again on every build.
        if (old.init.scripts.length || old.init.customHba || old.initConfigs.length) {
          old.init = readInitFacts(old.volumes, dir, fs);
          addConfigFacts(old.init, old.initConfigs, dir, fs);
        }
        services.push(old);
      } else services.push(buildService(chunk.key, keySpan, chunk, value, anchors, text, dir, fs, lookup));
    } else {
      topLevel.set(chunk.key, { chunk, entry: { key: chunk.key, keySpan, value } });
    }
  }
  const explicitName = topLevel.has('name') ? scalarText(topLevel.get('name')!.entry.value, anchors) : undefined;
  return {
    text,
    uri,
    composeDir: dir,
    chunks,
    anchors,
    services,
    byName: new Map(services.map((s) => [s.name, s])),
    topLevel,
    project: projectName(uri, dir, explicitName),
    pgRelated: services.some((s) => s.pgRelated),
  };
}

export { readNames };
