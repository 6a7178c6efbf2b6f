// Font faces: each TrueType file named in the theme is read and handed to HarfBuzz once per
// process. The layout asks for a face by role and style; characters the face cannot draw fall back
// (Arabic script to the Arabic face, then the sans and body faces) and a character no face can
// draw is reported, never set as a blank or tofu.
import { readFileSync } from 'node:fs';
import * as hb from 'harfbuzzjs';
import type { FontFace, Theme } from '../../templates/types.ts';

export interface LoadedFace {
  /** Absolute path of the TrueType file. */
  path: string;
  data: Uint8Array;
  font: hb.Font;
  upem: number;
  /** Number of glyphs (maxp): CIDs above it are free for second uses of a glyph. */
  glyphCount: number;
  postscriptName: string;
  ascender: number;
  descender: number;
  capHeight: number;
  italicAngle: number;
  bbox: [number, number, number, number];
  /** Glyph of a code point, or undefined. Cached: the layout asks often. */
  glyphOf(codePoint: number): number | undefined;
}

const faces = new Map<string, LoadedFace>();

/** Resolves once HarfBuzz can shape. Imported as an ES module (the sources, the tests) harfbuzzjs
 * is ready when its import is: it instantiates its WebAssembly with a top-level await. Folio's
 * compiled bundle is a CommonJS script (for V8's code cache, see scripts/compile.js), which cannot
 * wait while it loads: there the package is bundled with its start as a promise that its `ready()`
 * waits for, and the PDF writer awaits this before it lays out. */
export async function harfbuzzReady(): Promise<void> {
  await (hb as { ready?: () => Promise<void> }).ready?.();
}

function readInt16(bytes: Uint8Array, at: number): number {
  const v = (bytes[at]! << 8) | bytes[at + 1]!;
  return v >= 0x8000 ? v - 0x10000 : v;
}

/** What reading a face gives: everything but its path. */
type FaceData = Omit<LoadedFace, 'path' | 'glyphOf'> & { glyphs: Map<number, number | undefined> };

function readFace(path: string): FaceData {
  // A plain Uint8Array over the file's own memory, not a copy of it (a copy of each face, 0.3 ms
  // in a fresh process) and not the Buffer itself, whose slice() would not copy.
  const file = readFileSync(path);
  const data = new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
  const face = new hb.Face(new hb.Blob(data), 0);
  const font = new hb.Font(face);
  const head = face.referenceTable('head') ?? new Uint8Array(54);
  const post = face.referenceTable('post');
  const os2 = face.referenceTable('OS/2');
  const maxp = face.referenceTable('maxp');
  const extents = font.hExtents();
  const upem = face.upem;
  return {
    data,
    font,
    upem,
    glyphCount: maxp ? (maxp[4]! << 8) | maxp[5]! : 65535,
    postscriptName: (face.getName(6, 'en') || 'Font').replace(/[^A-Za-z0-9-]/g, ''),
    ascender: extents.ascender,
    descender: extents.descender,
    capHeight: os2 && os2.length >= 90 ? readInt16(os2, 88) : Math.round(upem * 0.7),
    // post.italicAngle is a 16.16 fixed number.
    italicAngle: post ? readInt16(post, 4) + ((post[6]! << 8) | post[7]!) / 65536 : 0,
    bbox: [readInt16(head, 36), readInt16(head, 38), readInt16(head, 40), readInt16(head, 42)],
    glyphs: new Map(),
  };
}

/** A face read on first use: a fallback chain names faces (Arabic, sans) that most editions never
 * need, and reading one (a file of up to 650 KB copied into HarfBuzz's memory) is a few
 * milliseconds of a fresh process's start. */
class Face implements LoadedFace {
  private read?: FaceData;
  constructor(readonly path: string) {}
  private get loaded(): FaceData {
    return (this.read ??= readFace(this.path));
  }
  get data(): Uint8Array { return this.loaded.data; }
  get font(): hb.Font { return this.loaded.font; }
  get upem(): number { return this.loaded.upem; }
  get glyphCount(): number { return this.loaded.glyphCount; }
  get postscriptName(): string { return this.loaded.postscriptName; }
  get ascender(): number { return this.loaded.ascender; }
  get descender(): number { return this.loaded.descender; }
  get capHeight(): number { return this.loaded.capHeight; }
  get italicAngle(): number { return this.loaded.italicAngle; }
  get bbox(): [number, number, number, number] { return this.loaded.bbox; }
  glyphOf(codePoint: number): number | undefined {
    const { glyphs, font } = this.loaded;
    if (glyphs.has(codePoint)) return glyphs.get(codePoint);
    const gid = font.nominalGlyph(codePoint);
    const found = gid === undefined || gid === 0 ? undefined : gid;
    glyphs.set(codePoint, found);
    return found;
  }
}

export function loadFace(path: string): LoadedFace {
  let face = faces.get(path);
  if (!face) faces.set(path, (face = new Face(path)));
  return face;
}

/** `mono` is code (inline and blocks): theme.yaml's `fonts.mono`, falling back to the sans face for
 * characters it lacks, or altogether when a theme names a mono family without files. */
export type Role = 'body' | 'heading' | 'sans' | 'mono';

export interface FaceStyle {
  role: Role;
  bold: boolean;
  italic: boolean;
}

function pick(face: FontFace, bold: boolean, italic: boolean): string | undefined {
  if (bold && italic) return face.boldItalic ?? face.bold ?? face.regular;
  if (bold) return face.bold ?? face.regular;
  if (italic) return face.italic ?? face.regular;
  return face.regular;
}

const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/u;

export function isArabic(char: string): boolean {
  return ARABIC.test(char);
}

/** Faces to try for one style, in order. Right-to-left editions set everything in the Arabic face
 * first; Arabic script in any edition goes to the Arabic face; a sign only the monospaced face has
 * is set in it. */
export function faceChain(theme: Theme, style: FaceStyle, rtl: boolean): LoadedFace[] {
  const key = ROLES.indexOf(style.role) * 8 + (style.bold ? 4 : 0) + (style.italic ? 2 : 0) + (rtl ? 1 : 0);
  const cached = chains.get(theme)?.get(key);
  if (cached) return cached;
  const specs: (string | undefined)[] = [];
  const { fonts } = theme;
  // Code stays in the monospaced face in right-to-left editions too (its columns must line up);
  // Arabic script in code still finds the Arabic face below.
  if (rtl && style.role !== 'mono') specs.push(pick(fonts.arabic, style.bold, style.italic));
  specs.push(pick(fonts[style.role], style.bold, style.italic));
  specs.push(pick(fonts.arabic, style.bold, style.italic));
  specs.push(pick(fonts.sans, style.bold, style.italic));
  specs.push(pick(fonts.body, style.bold, style.italic));
  // Last, the monospaced face for every style: it draws arrows and mathematical signs the text
  // faces lack (→ ⇒ ≈ ∞ ─ in Noto Sans Mono, none of them in Noto Serif or Noto Sans), which a
  // report may well use; set there, the sign prints, where without it the edition was refused.
  specs.push(pick(fonts.mono, style.bold, style.italic));
  // The theme in the writer's context names font files by absolute path (the pipeline resolved them).
  const paths = [...new Set(specs.filter((s): s is string => Boolean(s)))];
  const chain = paths.map(loadFace);
  let perTheme = chains.get(theme);
  if (!perTheme) chains.set(theme, (perTheme = new Map()));
  perTheme.set(key, chain);
  return chain;
}
const ROLES: readonly Role[] = ['body', 'heading', 'sans', 'mono'];
const chains = new WeakMap<Theme, Map<number, LoadedFace[]>>();

/** Characters drawn without a glyph of their own: they never need one. */
function isInvisible(codePoint: number): boolean {
  return (
    codePoint === 0x200b || codePoint === 0x200c || codePoint === 0x200d || codePoint === 0x2060 ||
    codePoint === 0xfeff || codePoint === 0x00ad || (codePoint >= 0xfe00 && codePoint <= 0xfe0f) ||
    codePoint === 0x200e || codePoint === 0x200f
  );
}

/** Marks and joiners that must stay in the face of the character they attach to. */
const ATTACHING = /[\p{M}\u200c\u200d\ufe00-\ufe0f]/u;

/** Whether a character needs a glyph of a face of its own: not one drawn without a glyph, nor a
 * mark or joiner, which is set in the face of the character it attaches to (splitByFace). */
export function needsOwnGlyph(char: string): boolean {
  const cp = char.codePointAt(0)!;
  return cp >= 0x20 && !isInvisible(cp) && !ATTACHING.test(char);
}

/** Every face a theme may set text in: each role's, bold and italic, and the Arabic face. */
export function themeFaces(theme: Theme): LoadedFace[] {
  const faces = new Set<LoadedFace>();
  for (const role of ROLES) {
    for (const bold of [false, true]) {
      for (const italic of [false, true]) for (const face of faceChain(theme, { role, bold, italic }, false)) faces.add(face);
    }
  }
  return [...faces];
}

export interface FaceSpan {
  face: LoadedFace;
  start: number;
  end: number;
}

/** Splits text into spans each set in the first face of the chain that has its glyphs. Returns
 * the offset of the first character no face has as `missing`. */
export function splitByFace(text: string, chain: LoadedFace[]): { spans: FaceSpan[]; missing?: number } {
  const spans: FaceSpan[] = [];
  let i = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    const char = text.slice(i, i + len);
    let face: LoadedFace | undefined;
    const previous = spans[spans.length - 1];
    // Below U+0300 no character but the soft hyphen is a mark, a joiner, invisible or Arabic: most
    // text, told apart without the two regular expressions (once a character, in cold code).
    const plain = cp < 0x300 && cp !== 0xad;
    if (previous && ((!plain && (ATTACHING.test(char) || isInvisible(cp))) || cp === 0x20 && previous.face.glyphOf(cp))) {
      face = previous.face;
    } else if (!plain && isArabic(char)) {
      face = chain.find((f) => f.glyphOf(cp) !== undefined && f.glyphOf(0x0627) !== undefined) ??
        chain.find((f) => f.glyphOf(cp) !== undefined);
    } else {
      face = chain.find((f) => f.glyphOf(cp) !== undefined);
    }
    if (!face && isInvisible(cp)) face = chain[0];
    if (!face) return { spans, missing: i };
    if (previous && previous.face === face && previous.end === i) previous.end = i + len;
    else spans.push({ face, start: i, end: i + len });
    i += len;
  }
  return { spans };
}
