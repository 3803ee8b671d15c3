import * as path from 'path';
import { uriToPath } from '../../../core/paths';
import type { Major } from '../../catalog/types';
import { MAJORS } from '../../catalog/types';
import type { ImageFlavor, ServiceRole } from '../../../core/model/topology';
import type { FileSystemHost } from '../../service/types';
import { analyseCommand, extraFlagSettings, type CommandAnalysis } from './command';
import { builtFlavor, serverFamily, type ServerFamily } from './family';
import { readDependsOn, readEnvironment, readHealthcheck, readNames, readPorts, readVolumes, type DependsEntry, type EnvEntry, type HealthcheckEntry, type PortEntry, type VolumeEntry } from './fields';
import { envFileVariables, projectVariables } from './files';
import { parseImage, type ImageRef } from './images';
import { addConfigFacts, readInitFacts, type InitConfig, type InitFacts } from './initScripts';
import { interpolate, type Variables } from './interpolate';
import { readEnvFilePaths } from './launchFields';
import { relocateService, offsetMapper } from './relocate';
import { readPoolerConfig, type PoolerConfigFacts } from './poolerConfig';
import { assignRole } from './roles';
import { readStartup, type StartupFacts } from './startup';
import { observed, runSteps, type Steps } from '../../service/steps';
import { chunkPair, splitChunkSteps, type Chunk, type ChunkParser, type ParsedChunk } from './yaml/chunks';
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
  /** Built from a Dockerfile (`build:`): the image's own entrypoint and defaults are unknown. */
  built: boolean;
  family: ServerFamily;
  /** Variables `env_file:` gives the container (an `environment:` entry of the same name wins). */
  envFileVars: Map<string, string>;
  startup: StartupFacts;
  /** Poolers: the mounted pgbouncer.ini and where it sends each database. */
  poolerConfig?: PoolerConfigFacts;
  /** `user:`, `restart:`, `hostname:`, `network_mode:` and `profiles:` as Compose resolves them. */
  user?: string;
  restart?: string;
  hostname?: string;
  networkMode?: string;
  profiles: string[];
  networks: string[];
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
  /** Variables of the `.env` beside the file, which Compose uses for interpolation. */
  variables: Variables;
  /** The `.env` text the model was built with: another one means every service is read again. */
  variablesStamp: string;
}

/** The value the container gets (after interpolation; env_file when `environment:` does not set it); undefined when unknown. */
export function envValue(service: ServiceInfo, name: string): string | undefined {
  const entry = service.env.find((e) => e.name === name);
  return entry ? entry.resolved : service.envFileVars.get(name);
}

/** Whether the container gets the variable at all (set in `environment:` or an env_file). */
export function hasEnv(service: ServiceInfo, name: string): boolean {
  return service.env.some((e) => e.name === name) || service.envFileVars.has(name);
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

/** `-c hba_file=…` of the command: a file mounted there is the pg_hba.conf in effect. */
const hbaFileSettings = (command: CommandAnalysis) => command.settings.filter((s) => s.name === 'hba_file' && s.value).map((s) => s.value!.replace(/^['"]|['"]$/g, ''));

/** What every service of one build shares. */
interface BuildContext {
  anchors: AnchorTable;
  text: string;
  dir: string | undefined;
  fs: FileSystemHost;
  lookup: ConfigLookup;
  vars: Variables;
}

/** The image as Compose pulls it (interpolated); `postgres:latest` and untagged official images are the newest major. */
function readImage(es: Entry[], ctx: BuildContext): ServiceInfo['image'] {
  const entry = getEntry(es, 'image');
  const written = scalarText(entry?.value, ctx.anchors);
  const span = entry ? spanOf(entry.value) : undefined;
  if (!written || !span) return undefined;
  const image = parseImage(interpolate(written, ctx.vars).value ?? written);
  if (image.flavor === 'official' && !image.digest && (!image.tag || image.tag === 'latest')) image.major = MAJORS[MAJORS.length - 1];
  return { ...image, span, fromAnchor: entry?.mergedFrom ?? entry?.value.viaAnchor };
}

const textOf = (es: Entry[], key: string, ctx: BuildContext) => {
  const t = scalarText(getEntry(es, key)?.value, ctx.anchors);
  return t === undefined ? undefined : (interpolate(t, ctx.vars).value ?? t);
};

/** command and entrypoint as written in the file, for patterns (loops, pg_autoctl). */
function sourceOf(es: Entry[], keys: string[], text: string): string {
  return keys.map((k) => spanOf(getEntry(es, k)?.value ?? { node: null, base: 0 })).map((sp) => (sp ? text.slice(sp.start, sp.end) : '')).join('\n');
}

function buildService(name: string, nameSpan: Span, chunk: Chunk, located: Located, ctx: BuildContext): ServiceInfo {
  const { anchors, text, dir, fs } = ctx;
  const { entries: es, mergeConflicts } = entries(located, anchors);
  const image = readImage(es, ctx);
  const env = readEnvironment(getEntry(es, 'environment'), anchors, ctx.vars);
  const envFileVars = envFileVariables(readEnvFilePaths(getEntry(es, 'env_file'), anchors), dir, fs, ctx.vars);
  const volumes = readVolumes(getEntry(es, 'volumes'), anchors, ctx.vars);
  const built = !!getEntry(es, 'build');
  const commandText = sourceOf(es, ['command', 'entrypoint'], text);
  const family = serverFamily({ serviceName: name, image, built, envNames: new Set([...env.map((e) => e.name), ...envFileVars.keys()]), volumeTargets: volumes.map((v) => v.target), commandText });
  const command = analyseCommand(getEntry(es, 'command')?.value, anchors, text, getEntry(es, 'entrypoint')?.value, family === 'official');
  if (family === 'bitnami') command.settings.push(...extraFlagSettings(getEntry(es, 'environment')?.value, anchors, text));
  const envVars = new Map([...envFileVars, ...env.filter((e) => e.resolved !== undefined).map((e): [string, string] => [e.name, e.resolved!])]);
  const dependsOnEntry = getEntry(es, 'depends_on');
  const service: ServiceInfo = {
    name,
    nameSpan,
    chunk,
    located,
    entries: es,
    mergeConflicts,
    image,
    flavor: image && image.flavor !== 'unknown' ? image.flavor : built ? builtFlavor(family, name) : (image?.flavor ?? (command.calls.length ? 'custom' : 'unknown')),
    major: image?.major,
    role: 'other',
    pgRelated: false,
    env,
    command,
    ports: readPorts(getEntry(es, 'ports'), anchors, ctx.vars),
    volumes,
    healthcheck: readHealthcheck(getEntry(es, 'healthcheck'), anchors),
    dependsOn: readDependsOn(dependsOnEntry, anchors),
    dependsOnEntry,
    init: readInitFacts(volumes, dir, fs, hbaFileSettings(command)),
    initConfigs: initConfigs(getEntry(es, 'configs'), anchors, ctx.lookup),
    shadowedKeys: shadowedMergeKeys(located, anchors),
    built,
    family,
    envFileVars,
    startup: readStartup(command, commandText, volumes, envVars, dir, fs),
    user: textOf(es, 'user', ctx),
    restart: textOf(es, 'restart', ctx),
    hostname: textOf(es, 'hostname', ctx),
    networkMode: textOf(es, 'network_mode', ctx),
    profiles: readNames(getEntry(es, 'profiles'), anchors),
    networks: readNames(getEntry(es, 'networks'), anchors),
    poolerConfig: family === 'pooler' ? readPoolerConfig(volumes, dir, fs) : undefined,
  };
  addConfigFacts(service.init, service.initConfigs, dir, fs);
  assignRole(service);
  return service;
}

/** Chunks whose anchors services may depend on; equal lists (by identity) mean aliases resolve the same. */
function anchorChunks(chunks: Chunk[]): ParsedChunk[] {
  return chunks.filter((c) => c.parsed.anchors.length > 0 || (!c.isService && c.key === 'configs')).map((c) => c.parsed);
}

const sameList = <T>(a: T[], b: T[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Services built anew per step of a stepped build (each a few hundred microseconds). */
export const SERVICES_PER_STEP = 32;

/**
 * Builds the model of a compose file: chunks → anchors → services with roles.
 * With the previous model of the same document, services whose chunk and anchors are unchanged are re-used.
 */
export function buildModel(text: string, uri: string, parser: ChunkParser, fs: FileSystemHost, previous?: ComposeModel): ComposeModel {
  return runSteps(buildModelSteps(text, uri, parser, fs, previous));
}

/** A service of the previous model kept for this build: moved to its new offsets, its files read again. */
function reuseService(
  old: ServiceInfo,
  chunk: Chunk,
  how: { map: (offset: number) => number; token: object; moved: boolean; dir: string | undefined; fs: FileSystemHost },
): ServiceInfo {
  // Nothing before this service and its anchors moved: its offsets are still right.
  if (how.moved) relocateService(old, chunk, how.map, how.token);
  else old.chunk = chunk;
  // Init scripts live in other files: read them again on every build.
  if (old.init.scripts.length || old.init.customHba || old.initConfigs.length) {
    old.init = readInitFacts(old.volumes, how.dir, how.fs, hbaFileSettings(old.command));
    addConfigFacts(old.init, old.initConfigs, how.dir, how.fs);
  }
  // So does a pooler's mounted pgbouncer.ini: it says where the pooler sends clients.
  if (old.family === 'pooler') {
    old.poolerConfig = readPoolerConfig(old.volumes, how.dir, how.fs);
    assignRole(old);
  }
  return old;
}

/**
 * buildModel in steps, for a caller that answers requests meanwhile: the parse yields per slice of new text,
 * and a build that re-uses nothing yields every SERVICES_PER_STEP services. A build that re-uses the previous
 * model moves its services (relocation changes them in place) without yielding: given up halfway, it would
 * leave that model half moved.
 */
export function* buildModelSteps(text: string, uri: string, parser: ChunkParser, fs: FileSystemHost, previous?: ComposeModel): Steps<ComposeModel> {
  // A request may build this version at once while the parse yields, moving the previous model's services in
  // place: a build that yielded does not re-use them (it builds every service; only big changes yield).
  let yielded = false;
  const chunks = yield* observed(splitChunkSteps(text, parser), () => (yielded = true));
  const anchors = new AnchorTable(chunks);
  const dir = composeDirOf(uri);
  const { vars, stamp } = projectVariables(dir, fs);
  const anchorList = anchorChunks(chunks);
  const reusable = new Map<ParsedChunk, ServiceInfo>();
  let map: ((offset: number) => number) | undefined;
  let anchorsMoved = false;
  if (previous && !yielded && previous.uri === uri && previous.variablesStamp === stamp && sameList(anchorList, anchorChunks(previous.chunks))) {
    for (const s of previous.services) reusable.set(s.chunk.parsed, s);
    map = offsetMapper(previous.chunks, chunks);
    const oldAnchorBases = previous.chunks.filter((c) => c.parsed.anchors.length > 0).map((c) => c.base);
    anchorsMoved = chunks.filter((c) => c.parsed.anchors.length > 0).some((c, i) => c.base !== oldAnchorBases[i]);
  }
  const token = {};
  const ctx: BuildContext = { anchors, text, dir, fs, lookup: configLookup(chunks, anchors), vars };
  const services: ServiceInfo[] = [];
  const topLevel = new Map<string, { chunk: Chunk; entry: Entry }>();
  let built = 0;
  for (const chunk of chunks) {
    const pair = chunkPair(chunk);
    if (!pair) continue;
    const keyRange = (pair.key as { range?: [number, number, number] } | null)?.range;
    const keySpan = keyRange ? { start: chunk.base + keyRange[0], end: chunk.base + keyRange[1] } : { start: chunk.base, end: chunk.base };
    const value: Located = { node: (pair.value as Located['node']) ?? null, base: chunk.base };
    if (chunk.isService) {
      // A service that runs a start script from the workspace is read again: the script decides its role.
      const old = reusable.get(chunk.parsed);
      if (old && map && !old.startup.scripts.length) {
        reusable.delete(chunk.parsed);
        services.push(reuseService(old, chunk, { map, token, moved: anchorsMoved || old.chunk.base !== chunk.base, dir, fs }));
      } else {
        services.push(buildService(chunk.key, keySpan, chunk, value, ctx));
        if (!map && ++built % SERVICES_PER_STEP === 0) yield;
      }
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
    variables: vars,
    variablesStamp: stamp,
  };
}

export { readNames };
