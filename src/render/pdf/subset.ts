// Font subsetting with HarfBuzz's subsetter (the hb-subset WebAssembly build that ships with
// harfbuzzjs; @pdf-lib/fontkit's subsetter blanks glyphs of some Noto fonts). Glyph ids are
// retained, so the ids the shaper produced are the CIDs written into the PDF (CIDToGIDMap
// Identity). Layout tables are dropped: the PDF only needs outlines and metrics. Used for faces
// glyf-subset.ts cannot read (CFF outlines): its WebAssembly costs ~40 ms on first use.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface SubsetExports {
  memory: WebAssembly.Memory;
  malloc(size: number): number;
  free(ptr: number): void;
  hb_blob_create(data: number, length: number, mode: number, user: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_length(blob: number): number;
  hb_blob_get_data(blob: number, length: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, value: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_glyph_set(input: number): number;
  hb_subset_input_set(input: number, which: number): number;
  hb_subset_input_set_flags(input: number, flags: number): void;
  hb_subset_or_fail(face: number, input: number): number;
  _initialize?: () => void;
}

const RETAIN_GIDS = 0x2;
const NO_HINTING = 0x1;
const SETS_DROP_TABLE_TAG = 3;

let wasm: SubsetExports | undefined;

function subsetter(): SubsetExports {
  if (wasm) return wasm;
  const file = require.resolve('harfbuzzjs/dist/harfbuzz-subset.wasm');
  const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(file)), {});
  wasm = instance.exports as unknown as SubsetExports;
  wasm._initialize?.();
  return wasm;
}

function tag(name: string): number {
  return ((name.charCodeAt(0) << 24) | (name.charCodeAt(1) << 16) | (name.charCodeAt(2) << 8) | name.charCodeAt(3)) >>> 0;
}

/** A TrueType file holding only the given glyphs (plus .notdef and composite parts). */
export function subsetFont(font: Uint8Array, glyphs: Iterable<number>): Uint8Array {
  const hb = subsetter();
  const fontPtr = hb.malloc(font.byteLength);
  new Uint8Array(hb.memory.buffer).set(font, fontPtr);
  const blob = hb.hb_blob_create(fontPtr, font.byteLength, 2 /* writable */, 0, 0);
  const face = hb.hb_face_create(blob, 0);
  hb.hb_blob_destroy(blob);
  const input = hb.hb_subset_input_create_or_fail();
  try {
    if (!input) throw new Error('hb-subset: no input');
    const set = hb.hb_subset_input_glyph_set(input);
    for (const gid of glyphs) hb.hb_set_add(set, gid);
    const drop = hb.hb_subset_input_set(input, SETS_DROP_TABLE_TAG);
    for (const name of ['GSUB', 'GPOS', 'GDEF', 'BASE', 'JSTF', 'MATH', 'DSIG', 'kern', 'morx', 'STAT', 'meta']) hb.hb_set_add(drop, tag(name));
    hb.hb_subset_input_set_flags(input, RETAIN_GIDS | NO_HINTING);
    const subset = hb.hb_subset_or_fail(face, input);
    if (!subset) throw new Error('hb-subset failed');
    const out = hb.hb_face_reference_blob(subset);
    const lengthPtr = hb.malloc(4);
    const data = hb.hb_blob_get_data(out, lengthPtr);
    const length = new Uint32Array(hb.memory.buffer, lengthPtr, 1)[0]!;
    const bytes = new Uint8Array(hb.memory.buffer.slice(data, data + length));
    hb.free(lengthPtr);
    hb.hb_blob_destroy(out);
    hb.hb_face_destroy(subset);
    return bytes;
  } finally {
    if (input) hb.hb_subset_input_destroy(input);
    hb.hb_face_destroy(face);
    hb.free(fontPtr);
  }
}
