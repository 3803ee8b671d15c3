import { isAlias, isMap, isNode, isPair, isScalar, isSeq, parseDocument, visit, type Document, type Node } from 'yaml';
import { runSteps, type Steps } from '../../../service/steps';

/**
 * A compose file is parsed in chunks: one per top-level key, and one per service under `services:`.
 * Each chunk is parsed on its own and cached by its text, so an edit re-parses only the chunk it touched
 * (a 5,000-line file parses in ~40 ms as a whole, well under a millisecond per service chunk).
 * Aliases are resolved across chunks through the anchor table (see nodes.ts).
 */
export interface Chunk {
  /** Offset of the chunk's first character in the document. */
  base: number;
  end: number;
  /** Top-level key name (e.g. `services`, `x-postgres-common`), or the service name for a service chunk. */
  key: string;
  /** True for one service's chunk (a mapping with one entry: the service). */
  isService: boolean;
  parsed: ParsedChunk;
}

export interface ParsedChunk {
  doc: Document.Parsed;
  /** Anchors defined in this chunk, with their node offsets relative to the chunk. */
  anchors: { name: string; node: Node; offset: number }[];
  /** Aliases used in this chunk (`*name`), with their offsets relative to the chunk. */
  aliases: { name: string; start: number; end: number }[];
  /** Offsets (relative) where duplicate keys were reported by the parser. */
  errors: { message: string; start: number; end: number; code: string }[];
}

const TOP_KEY = /^([^\s#-][^:#]*?|"[^"]*"|'[^']*')\s*:(\s|$)/;
const NESTED_KEY = /^(\s+)([^\s#-][^:#]*?|"[^"]*"|'[^']*')\s*:(\s|$)/;

function unquote(key: string): string {
  const t = key.trim();
  return (t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'")) ? t.slice(1, -1) : t;
}

/** Parses one chunk's text; never throws. */
export function parseChunk(text: string): ParsedChunk {
  const doc = parseDocument(text, { keepSourceTokens: false, prettyErrors: false, uniqueKeys: true, merge: false, strict: false });
  const anchors: ParsedChunk['anchors'] = [];
  const aliases: ParsedChunk['aliases'] = [];
  // An anchor is written `&name` and an alias `*name`: a chunk without either character has none to look for
  // (half the services of a typical file; the walk is a tenth of a cold parse).
  if (text.includes('&') || text.includes('*')) {
    visit(doc, (_key, node) => {
      if (isAlias(node)) aliases.push({ name: node.source, start: node.range?.[0] ?? 0, end: node.range?.[1] ?? 0 });
      else if (isNode(node) && node.anchor) anchors.push({ name: node.anchor, node, offset: node.range?.[0] ?? 0 });
    });
  }
  const errors = [...doc.errors, ...doc.warnings].map((e) => ({
    message: e.message.split('\n')[0],
    start: e.pos[0],
    end: Math.max(e.pos[1], e.pos[0] + 1),
    code: e.code,
  }));
  return { doc, anchors, aliases, errors };
}

/** Caches chunk parses by text; one instance per language service. */
export class ChunkParser {
  private cache = new Map<string, ParsedChunk>();
  private next = new Map<string, ParsedChunk>();

  parse(text: string): ParsedChunk {
    return this.parseCounted(text).parsed;
  }

  /** The chunk's parse, and whether it was parsed now (not found in the cache). */
  parseCounted(text: string): { parsed: ParsedChunk; fresh: boolean } {
    let parsed = this.cache.get(text) ?? this.next.get(text);
    const fresh = !parsed;
    if (!parsed) parsed = parseChunk(text);
    this.next.set(text, parsed);
    return { parsed, fresh };
  }

  /** Called after a whole document was split: keeps only what this and the previous round used. */
  endRound(): void {
    if (this.next.size > 4096) this.next.clear();
    this.cache = this.next;
    this.next = new Map();
  }
}

/**
 * Characters of freshly parsed YAML per step of a stepped split (a few ms of parsing): a huge file yields to
 * waiting requests between steps, an edit (one chunk parsed again) takes one step.
 */
export const PARSE_STEP_CHARS = 16 * 1024;

/** Splits the text at top-level keys and at service keys, parsing each piece (cached). */
export function splitChunks(text: string, parser: ChunkParser): Chunk[] {
  return runSteps(splitChunkSteps(text, parser));
}

/** Where chunks start: top-level keys, service keys, and content before any key. */
function chunkStarts(text: string): { base: number; key: string; isService: boolean }[] {
  const pieces: { base: number; key: string; isService: boolean }[] = [];
  let inServices = false;
  let serviceIndent = -1;
  // Only lines that can start a chunk are matched against a pattern (the first character decides).
  for (let offset = 0; offset < text.length; ) {
    let next = text.indexOf('\n', offset);
    if (next < 0) next = text.length;
    const first = text.charCodeAt(offset);
    if (first !== 32 && first !== 9 && first !== 10 && first !== 13 && first !== 35 && first !== 45) {
      const top = TOP_KEY.exec(text.slice(offset, next));
      if (top) {
        const key = unquote(top[1]);
        pieces.push({ base: offset, key, isService: false });
        inServices = key === 'services';
        serviceIndent = -1;
      } else if (pieces.length === 0) pieces.push({ base: offset, key: '', isService: false });
    } else if (inServices && first === 32) {
      let indent = 0;
      while (text.charCodeAt(offset + indent) === 32) indent++;
      const c = text.charCodeAt(offset + indent);
      const content = c !== 10 && c !== 13 && c !== 35 && offset + indent < next;
      if (content && (serviceIndent < 0 || indent === serviceIndent) && c !== 45) {
        const nested = NESTED_KEY.exec(text.slice(offset, next));
        if (nested) {
          serviceIndent = indent;
          pieces.push({ base: offset, key: unquote(nested[2]), isService: true });
        } else if (serviceIndent < 0) serviceIndent = indent;
      } else if (content && serviceIndent < 0) serviceIndent = indent;
    } else if (pieces.length === 0 && first === 45 && text.slice(offset, next).trim()) {
      // Content before any key (e.g. `---` or a half-typed line): its own chunk.
      pieces.push({ base: offset, key: '', isService: false });
    }
    offset = next + 1;
  }
  return pieces;
}

/** splitChunks in steps: yields after every PARSE_STEP_CHARS characters parsed anew (cached chunks cost nothing). */
export function* splitChunkSteps(text: string, parser: ChunkParser): Steps<Chunk[]> {
  const pieces = chunkStarts(text);
  const chunks: Chunk[] = [];
  let parsedChars = 0;
  for (let i = 0; i < pieces.length; i++) {
    const end = i + 1 < pieces.length ? pieces[i + 1].base : text.length;
    const piece = pieces[i];
    const { parsed, fresh } = parser.parseCounted(text.slice(piece.base, end));
    chunks.push({ ...piece, end, parsed });
    if (fresh && (parsedChars += end - piece.base) >= PARSE_STEP_CHARS) {
      parsedChars = 0;
      yield;
    }
  }
  parser.endRound();
  return chunks;
}

/** The single mapping pair a chunk holds (its top-level key, or its service). */
export function chunkPair(chunk: Chunk) {
  const contents = chunk.parsed.doc.contents;
  if (!isMap(contents)) return undefined;
  const pair = contents.items[0];
  return isPair(pair) ? pair : undefined;
}

export { isAlias, isMap, isPair, isScalar, isSeq };
