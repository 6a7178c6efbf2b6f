// Hyphenation patterns packed into typed arrays, and the matcher that reads them. The `hyphen`
// package ships each language's TeX patterns as a trie of nested object literals; read in a fresh
// process, the English trie costs ~5 ms to parse into some 10,000 objects, and the package's
// hyphenator then walks each word through closures per character (~13 µs a word, un-optimised as
// a build's first edition runs). Here the same trie is a few flat arrays: packed once by
// `npm run compile` into lib/hyphenation/ (a file read in well under a millisecond) or, running
// from the sources or for a file compile did not pack, from the package's data when first needed.
// The matcher is the package's own algorithm (Liang's, as `hyphenateWord` in hyphen.js
// implements it, its quirks included), written again over these arrays because the package offers
// no way to reuse a parsed trie without its per-character machinery; test/hyphen-patterns.test.ts
// checks that both give the same cuts for every language the package ships.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

/** A language's patterns: the trie's nodes and edges, the level lists, the exceptions. */
export interface Packed {
  /** Edges of node n are first[n] .. first[n + 1] - 1, sorted by character code; edge e leads
   * to node e + 1 (nodes are numbered breadth first, each after the edge that leads to it). */
  first: Int32Array;
  chars: Uint16Array;
  /** Index in the level lists of the pattern ending at node n, or -1. */
  levelOf: Int32Array;
  /** Level list k is levelData[levelStart[k] .. levelStart[k + 1] - 1]. */
  levelStart: Int32Array;
  levelData: Uint8Array;
  /** Words cut as listed rather than by the patterns: cut positions by lower-case word. */
  exceptions: Map<string, number[]>;
}

/** The package's data: level lists, trie (a node is an object of children by letter, a number
 * naming a level list, or both as [children, number]), and exceptions. */
type PatternData = [number[][], Record<string, unknown>, Record<string, number[]>?];

const BARE_KEY = /([{,]\s*)([^\s"{}[\],:]+)\s*:/g;

/** The data of `hyphen/patterns/<name>.js`. Each file is one large array literal in a UMD
 * wrapper; compiled as JavaScript the English one cost a fresh process ~6 ms, while its text read
 * as JSON (keys quoted) costs about half. Written by hand: the format is the package's own; a file
 * that does not read this way is required as before, and the tests check that both ways give the
 * same data for every language. */
export function readPatterns(name: string): unknown {
  const file = require.resolve(`hyphen/patterns/${name}.js`);
  try {
    const text = readFileSync(file, 'utf8');
    const start = text.indexOf('})(this, [');
    const end = text.lastIndexOf(']);');
    if (start >= 0 && end > start) return JSON.parse(text.slice(start + 9, end + 1).replace(BARE_KEY, '$1"$2":'));
  } catch {
    // Not in the expected shape: loaded as the module it is.
  }
  return require(file);
}

/** Packs the package's data. Only one-character keys can ever match (the package walks a word
 * one UTF-16 unit at a time), so longer ones are left out. */
export function pack(data: PatternData): Packed {
  const [levelsTable, trie, exceptions = {}] = data;
  const first: number[] = [];
  const chars: number[] = [];
  const levelOf: number[] = [];
  // Breadth first: a node's children are numbered together, so its edges are one stretch.
  const queue: (Record<string, unknown> | undefined)[] = [trie];
  levelOf.push(-1);
  for (let n = 0; n < queue.length; n++) {
    first.push(chars.length);
    const children = queue[n];
    if (!children) continue;
    const keys = Object.keys(children).filter((k) => k.length === 1).sort((a, b) => a.charCodeAt(0) - b.charCodeAt(0));
    for (const key of keys) {
      const node = children[key];
      let sub: Record<string, unknown> | undefined;
      let level = -1;
      if (Array.isArray(node)) {
        sub = node[0] as Record<string, unknown>;
        level = node[1] as number;
      } else if (typeof node === 'number') level = node;
      else if (node && typeof node === 'object') sub = node as Record<string, unknown>;
      else continue;
      chars.push(key.charCodeAt(0));
      queue.push(sub);
      levelOf.push(level);
    }
  }
  first.push(chars.length);
  const levelStart: number[] = [0];
  const levelData: number[] = [];
  for (const list of levelsTable) {
    levelData.push(...list);
    levelStart.push(levelData.length);
  }
  return {
    first: Int32Array.from(first),
    chars: Uint16Array.from(chars),
    levelOf: Int32Array.from(levelOf),
    levelStart: Int32Array.from(levelStart),
    levelData: Uint8Array.from(levelData),
    exceptions: new Map(Object.entries(exceptions)),
  };
}

const MAGIC = 0x46484e31; // "FHN1"

/** The packed file: a header of Int32 counts (and the size of the package file it was made from,
 * so a file left from another version of the package is not used), the Int32 arrays, the Uint16
 * and Uint8 arrays, and the exceptions as JSON. */
export function serializePacked(p: Packed, sourceSize: number): Uint8Array {
  const exceptions = new TextEncoder().encode(JSON.stringify(Object.fromEntries(p.exceptions)));
  const header = [MAGIC, sourceSize, p.first.length, p.chars.length, p.levelOf.length, p.levelStart.length, p.levelData.length, exceptions.length];
  const ints = header.length + p.first.length + p.levelOf.length + p.levelStart.length;
  const size = ints * 4 + p.chars.length * 2 + p.levelData.length + exceptions.length;
  const out = new Uint8Array(size);
  const i32 = new Int32Array(out.buffer, 0, ints);
  let at = 0;
  for (const part of [header, p.first, p.levelOf, p.levelStart]) {
    i32.set(part, at);
    at += part.length;
  }
  let byte = ints * 4;
  out.set(new Uint8Array(p.chars.buffer, p.chars.byteOffset, p.chars.byteLength), byte);
  byte += p.chars.byteLength;
  out.set(p.levelData, byte);
  out.set(exceptions, byte + p.levelData.length);
  return out;
}

/** Reads a packed file; undefined when it is not one, or was made from another package file. */
export function deserializePacked(bytes: Uint8Array, sourceSize: number): Packed | undefined {
  // Typed arrays need aligned offsets: a Buffer from readFileSync may not start at one.
  const buffer = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  if (buffer.byteLength < 32) return undefined;
  const h = new Int32Array(buffer.buffer, buffer.byteOffset, 8);
  if (h[0] !== MAGIC || h[1] !== sourceSize) return undefined;
  const [nFirst, nChars, nLevelOf, nLevelStart, nLevelData, nExceptions] = [h[2]!, h[3]!, h[4]!, h[5]!, h[6]!, h[7]!];
  let at = buffer.byteOffset + 32;
  const ints = (n: number): Int32Array => {
    const a = new Int32Array(buffer.buffer, at, n);
    at += n * 4;
    return a;
  };
  const first = ints(nFirst);
  const levelOf = ints(nLevelOf);
  const levelStart = ints(nLevelStart);
  const chars = new Uint16Array(buffer.buffer, at, nChars);
  at += nChars * 2;
  const levelData = new Uint8Array(buffer.buffer, at, nLevelData);
  at += nLevelData;
  if (at + nExceptions !== buffer.byteOffset + buffer.byteLength) return undefined;
  const exceptions = new Map(Object.entries(JSON.parse(new TextDecoder().decode(new Uint8Array(buffer.buffer, at, nExceptions))) as Record<string, number[]>));
  return { first, chars, levelOf, levelStart, levelData, exceptions };
}

/** Where `npm run compile` leaves the packed files: lib/hyphenation/, beside the compiled bundle
 * (whose import.meta.url is the bundle's). From the sources there is no such folder. */
const packedDir = new URL('./hyphenation/', import.meta.url);

/** The patterns of a `hyphen/patterns/<name>.js` file: packed by compile when it can be, else
 * packed here from the package's data. Throws when the package has no such file. */
export function loadPacked(name: string): Packed {
  const file = require.resolve(`hyphen/patterns/${name}.js`);
  const size = statSync(file).size;
  try {
    const packed = deserializePacked(readFileSync(new URL(`${name}.bin`, packedDir)), size);
    if (packed) return packed;
  } catch {
    // Not packed (running from the sources): packed from the package's data below.
  }
  return pack(readPatterns(name) as PatternData);
}

/** Packs the languages named, or every one the package ships, into `dir` (scripts/compile.js). */
export function writePacked(dir: string, names?: string[]): void {
  const patterns = join(require.resolve('hyphen/patterns/en-us.js'), '..');
  mkdirSync(dir, { recursive: true });
  for (const file of names?.map((n) => `${n}.js`) ?? readdirSync(patterns).filter((f) => f.endsWith('.js')).sort()) {
    const name = file.slice(0, -3);
    let packed: Packed;
    try {
      packed = pack(readPatterns(name) as PatternData);
    } catch {
      continue;
    }
    writeFileSync(join(dir, `${name}.bin`), serializePacked(packed, statSync(join(patterns, file)).size));
  }
}

/** `text` in the pieces the package's hyphenator would cut it into, `lowered` being
 * `text.toLocaleLowerCase()`: the pieces it would join with its hyphen character. */
export function hyphenParts(p: Packed, text: string, lowered: string): string[] {
  const cuts = cutPositions(p, text, lowered);
  // As the package's insertChar, slices and all: an exception's cut past the word's end (there
  // are some) gives an empty last piece.
  const parts: string[] = [];
  let at = 0;
  for (const cut of cuts) {
    parts.push(text.slice(at, cut));
    at = cut;
  }
  parts.push(text.slice(at));
  return parts;
}

/** The positions where the package's hyphenator cuts `text` (before text[k] for each k), as
 * its `hyphenateWord` and its exceptions give them, step for step: the levels of the patterns
 * matched at each start of ".lowered." are kept by maximum, the first two and last two positions
 * cleared, and the odd levels are the cuts. */
function cutPositions(p: Packed, text: string, lowered: string): number[] {
  const exception = p.exceptions.get(lowered);
  if (exception !== undefined) return exception;
  const { first, chars, levelOf, levelStart, levelData } = p;
  const dotted = `.${lowered}.`;
  const n = dotted.length;
  // A plain array, as the package's: a pattern reaching past the word's end lengthens it, which
  // moves the two positions cleared at the end (as in the package).
  const levels: number[] = new Array(text.length + 1).fill(0);
  for (let s = 0; s + 3 <= n; s++) {
    // The package counts the first two starts as one (its slices' index).
    const at = s === 0 ? 0 : s - 1;
    let node = 0;
    for (let j = s; j < n; j++) {
      const c = dotted.charCodeAt(j);
      let lo = first[node]!;
      let hi = first[node + 1]! - 1;
      let next = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const m = chars[mid]!;
        if (m === c) {
          next = mid + 1;
          break;
        }
        if (m < c) lo = mid + 1;
        else hi = mid - 1;
      }
      if (next < 0) break;
      node = next;
      const level = levelOf[node]!;
      if (level < 0) continue;
      for (let k = levelStart[level]!, i = at; k < levelStart[level + 1]!; k++, i++) levels[i] = Math.max(levelData[k]!, levels[i]!);
    }
  }
  const last = levels.length;
  levels[0] = levels[1] = levels[last - 1] = levels[last - 2] = 0;
  const cuts: number[] = [];
  for (let i = 0; i < last; i++) if ((levels[i]! & 1) === 1) cuts.push(i);
  return cuts;
}
