// Reads the text back out of a PDF's bytes, for the output audit: every glyph shown, with the text
// its font's ToUnicode map gives it, its position on the page, the marked-content tags it is drawn
// in (P, H2, Link, Artifact...) and the structure elements its MCID belongs to (a P in a Note). Written by hand rather than taken from pdf.js: pdf.js is a
// viewer (a worker, a font renderer, 2 MB of code to load in every build for a few ms of work),
// while this needs only the operators a content stream uses to place text; pdf-lib (already the
// writer's object layer) parses the file's objects. test/pdf-read.test.ts checks this reader against pdf.js and a hand-written content stream.
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFStream, PDFString, ParseSpeeds, decodePDFRawStream, type PDFObject } from './pdf-lib.ts';

/** One glyph as a reader finds it: page coordinates in points, y up from the bottom edge. */
export interface ReadGlyph {
  text: string;
  x: number;
  y: number;
  /** Advance along the baseline. */
  width: number;
  size: number;
  /** Innermost marked-content tag the glyph is drawn in ('' outside any). */
  tag: string;
  /** Every open marked-content tag, outermost first. */
  tags: string[];
  /** The marked-content identifier the glyph is drawn under, if any. */
  mcid?: number;
  /** Roles of the structure element of its MCID and of that element's ancestors, innermost first
   * (`['P', 'Note', 'Document']`); empty for content the structure tree does not reach. */
  roles: string[];
}

/** What the glyphs drawn in one marked-content state share: the tags and the structure. */
export interface ReadStyle {
  /** Innermost marked-content tag ('' outside any). */
  tag: string;
  /** Every open marked-content tag, outermost first. */
  tags: string[];
  mcid?: number;
  /** Roles of the MCID's structure element and its ancestors, innermost first. */
  roles: string[];
  /** The ActualText of the innermost marked content drawn under a named property list that has
   * one (/Span /AT1 BDC, the text content.ts writes for PDFium), as the string is written. */
  actualText?: string;
}

/** A picture drawn on a page (an image XObject), with the alternate text of the structure element
 * it is marked as: a screen reader reads that text where the picture is. */
export interface ReadFigure {
  /** The element's /Alt, or '' when it has none. */
  alt: string;
  /** How many glyphs the page had drawn before the picture: its place in drawing order. */
  at: number;
  /** Index of its entry in the page's `styles`. */
  style: number;
  /** Its lower left corner and size, in points. */
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A page's glyphs, kept as parallel arrays (the audit reads millions of glyphs in a build, and
 * an object for each was most of its cost); `glyphs` gives them as objects, made when asked for. */
export class ReadPage {
  /** How many glyphs the page has; the arrays below hold one entry a glyph, in drawing order, up
   * to this count (typed arrays, grown by doubling: no boxed numbers for the collector). */
  count = 0;
  texts: string[] = [];
  xs = new Float64Array(256);
  ys = new Float64Array(256);
  /** Advances along the baseline. */
  widths = new Float64Array(256);
  sizes = new Float64Array(256);
  /** Index of each glyph's entry in `styles`. */
  styleOf = new Int32Array(256);
  /** The font each glyph is drawn in, as a number the file's fonts are told apart by (-1: none). */
  faceOf = new Int32Array(256);
  readonly styles: ReadStyle[] = [];
  /** The pictures drawn, in drawing order. */
  readonly figures: ReadFigure[] = [];
  #glyphs: ReadGlyph[] | undefined;

  /** The page's media box size, in points. */
  constructor(
    readonly width: number,
    readonly height: number,
  ) {}

  add(text: string, x: number, y: number, width: number, size: number, style: number, face: number): void {
    const k = this.count;
    if (k === this.xs.length) this.#grow();
    this.texts.push(text);
    this.xs[k] = x;
    this.ys[k] = y;
    this.widths[k] = width;
    this.sizes[k] = size;
    this.styleOf[k] = style;
    this.faceOf[k] = face;
    this.count = k + 1;
  }

  #grow(): void {
    const grown = <T extends Float64Array | Int32Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(a.length * 2);
      b.set(a);
      return b;
    };
    this.xs = grown(this.xs);
    this.ys = grown(this.ys);
    this.widths = grown(this.widths);
    this.sizes = grown(this.sizes);
    this.styleOf = grown(this.styleOf);
    this.faceOf = grown(this.faceOf);
  }

  get glyphs(): ReadGlyph[] {
    if (!this.#glyphs) {
      const glyphs: ReadGlyph[] = (this.#glyphs = []);
      for (let k = 0; k < this.count; k++) {
        const { tag, tags, mcid, roles } = this.styles[this.styleOf[k]!]!;
        glyphs.push({ text: this.texts[k]!, x: this.xs[k]!, y: this.ys[k]!, width: this.widths[k]!, size: this.sizes[k]!, tag, tags, mcid, roles });
      }
    }
    return this.#glyphs;
  }
}

export interface ReadPdf {
  pages: ReadPage[];
  /** Titles of the outline's entries, depth first. */
  outline: string[];
}

interface Font {
  /** The text of each character code (ToUnicode); none for a code the map leaves out. */
  toUnicode: string[];
  /** The width of each character code in thousandths of the size; none where `defaultWidth` is. */
  widths: number[];
  defaultWidth: number;
  /** The font's number in the file (ReadPage.faceOf). */
  id: number;
}

function bytesOf(stream: PDFObject | undefined): Uint8Array {
  if (stream instanceof PDFRawStream) {
    // A stream with FlateDecode alone (all Folio writes) is inflated natively: pdf-lib's decoder
    // is JavaScript that, run once in a fresh process, cost the audit more than the inflating.
    if (stream.dict.get(PDFName.of('Filter')) === PDFName.of('FlateDecode') && !stream.dict.has(PDFName.of('DecodeParms'))) {
      try {
        return inflateSync(stream.contents);
      } catch {
        // A damaged stream: pdf-lib's decoder reads what it can.
      }
    }
    return decodePDFRawStream(stream).decode();
  }
  if (stream instanceof PDFStream) return stream.getContents();
  return new Uint8Array();
}

/** The value of a hexadecimal digit's character code, -1 for anything else (white space). */
function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/** Two-byte codes of a hex string (white space ignored). */
function hexToCodes(hex: string): number[] {
  const out: number[] = [];
  let code = 0;
  let digits = 0;
  for (let i = 0; i < hex.length; i++) {
    const d = hexDigit(hex.charCodeAt(i));
    if (d < 0) continue;
    code = code * 16 + d;
    if (++digits === 4) {
      out.push(code);
      code = 0;
      digits = 0;
    }
  }
  return out;
}

function utf16(hex: string): string {
  const codes = hexToCodes(hex);
  return String.fromCharCode(...codes);
}

/** The highest character code a content stream can show: strings give one or two bytes a code. */
const MAX_CODE = 0xffff;

/** bfchar and bfrange entries of a ToUnicode CMap, as the text of each code. */
function parseCMap(text: string): string[] {
  const map: string[] = [];
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>/g)) {
      const code = parseInt(m[1]!, 16);
      if (code <= MAX_CODE) map[code] = utf16(m[2]!);
    }
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const from = parseInt(m[1]!, 16);
      const to = Math.min(parseInt(m[2]!, 16), MAX_CODE);
      const base = hexToCodes(m[3]!);
      for (let c = from; c <= to; c++) map[c] = String.fromCharCode(...base.slice(0, -1), base[base.length - 1]! + c - from);
    }
  }
  return map;
}

function num(obj: PDFObject | undefined): number {
  return obj instanceof PDFNumber ? obj.asNumber() : 0;
}

function loadFont(doc: PDFDocument, dict: PDFDict): Font {
  const lookup = <T extends PDFObject>(o: PDFObject | undefined): T | undefined => (o instanceof PDFRef ? (doc.context.lookup(o) as T) : (o as T));
  const toUnicode = parseCMap(Buffer.from(bytesOf(lookup(dict.get(PDFName.of('ToUnicode'))))).toString('latin1'));
  const widths: number[] = [];
  let defaultWidth = 1000;
  const descendants = lookup<PDFArray>(dict.get(PDFName.of('DescendantFonts')));
  const cidFont = descendants ? lookup<PDFDict>(descendants.get(0)) : undefined;
  if (cidFont) {
    defaultWidth = cidFont.has(PDFName.of('DW')) ? num(lookup(cidFont.get(PDFName.of('DW')))) : 1000;
    const w = lookup<PDFArray>(cidFont.get(PDFName.of('W')));
    const items = w ? w.asArray().map((o) => lookup(o)) : [];
    for (let i = 0; i < items.length; ) {
      const first = num(items[i]);
      const next = items[i + 1];
      if (next instanceof PDFArray) {
        next.asArray().forEach((v, k) => {
          if (first + k <= MAX_CODE) widths[first + k] = num(lookup(v));
        });
        i += 2;
      } else {
        const last = Math.min(num(next), MAX_CODE);
        const width = num(items[i + 2]);
        for (let c = first; c <= last; c++) widths[c] = width;
        i += 3;
      }
    }
  }
  return { toUnicode, widths, defaultWidth, id: -1 };
}

// The content stream is read as bytes, by character classes (PDF 32000-1, 7.2.2): white space,
// delimiters, and the regular characters that make numbers and operators. Written by hand, with
// the operands of the operator being read kept in a few reused variables rather than as objects:
// the audit reads every glyph of every page Folio writes, so this loop is a build's hot path.
const WHITE = 1;
const DELIM = 2;
const CLASS = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) CLASS[c] = WHITE;
for (const c of '()<>[]{}/%') CLASS[c.charCodeAt(0)] = DELIM;

/** An operator of up to three characters as one number, to switch on. */
function opCode(op: string): number {
  let code = 0;
  for (let k = op.length - 1; k >= 0; k--) code = code * 256 + op.charCodeAt(k);
  return code;
}
const OP = {
  q: opCode('q'), Q: opCode('Q'), cm: opCode('cm'), BT: opCode('BT'), Tf: opCode('Tf'), Ts: opCode('Ts'),
  TL: opCode('TL'), Tz: opCode('Tz'), Tm: opCode('Tm'), Td: opCode('Td'), TD: opCode('TD'), Tstar: opCode('T*'), Tj: opCode('Tj'),
  quote: opCode("'"), TJ: opCode('TJ'), BMC: opCode('BMC'), BDC: opCode('BDC'), EMC: opCode('EMC'), Do: opCode('Do'),
};

// Kinds of operand.
const NONE = 0;
const NUM = 1;
const STR = 2;
const HEX = 3;
const NAME = 4;
const DICT = 5;
const ARRAY = 6;

/** The number a token spells (`[+-]?(\d+\.?\d*|\.\d+)`), NaN for anything else. Up to 15 digits
 * it is worked out exactly as Number() would (an exact integer over an exact power of ten is
 * rounded once), longer ones are left to Number(). */
function numberAt(src: Uint8Array, from: number, to: number): number {
  let k = from;
  const sign = src[k];
  if (sign === 43 || sign === 45) k++;
  let mantissa = 0;
  let scale = 1;
  let digits = 0;
  let dot = false;
  for (; k < to; k++) {
    const c = src[k]!;
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      if (dot) scale *= 10;
      digits++;
    } else if (c === 46 && !dot) dot = true;
    else return NaN;
  }
  if (digits === 0) return NaN;
  if (digits > 15) return Number(latin1(src, from, to));
  const value = mantissa / scale;
  return sign === 45 ? -value : value;
}

function latin1(src: Uint8Array, from: number, to: number): string {
  let out = '';
  for (let k = from; k < to; k++) out += String.fromCharCode(src[k]!);
  return out;
}

/** Index just after a literal string starting at `i` (balanced parentheses, backslash escapes). */
function skipString(src: Uint8Array, i: number): number {
  let depth = 0;
  for (; i < src.length; i++) {
    const c = src[i];
    if (c === 92) i++;
    else if (c === 40) depth++;
    else if (c === 41 && --depth === 0) return i + 1;
  }
  return i;
}

/** Index just after a dictionary starting at `i` (nested ones, strings and hex strings inside). */
function skipDict(src: Uint8Array, i: number): number {
  const n = src.length;
  let depth = 0;
  while (i < n) {
    const c = src[i];
    if (c === 60) {
      if (src[i + 1] === 60) {
        depth++;
        i += 2;
      } else {
        const end = src.indexOf(62, i);
        i = end < 0 ? n : end + 1;
      }
    } else if (c === 62 && src[i + 1] === 62) {
      i += 2;
      if (--depth === 0) return i;
    } else if (c === 40) i = skipString(src, i);
    else i++;
  }
  return i;
}

/** The value of the first `/MCID` key between `from` and `to` (a dictionary), if any. */
function mcidIn(src: Uint8Array, from: number, to: number): number | undefined {
  for (let k = src.indexOf(47, from); k >= 0 && k + 5 < to; k = src.indexOf(47, k + 1)) {
    if (src[k + 1] !== 77 || src[k + 2] !== 67 || src[k + 3] !== 73 || src[k + 4] !== 68 || CLASS[src[k + 5]!] !== WHITE) continue;
    let j = k + 5;
    while (j < to && CLASS[src[j]!] === WHITE) j++;
    let value = 0;
    const start = j;
    while (j < to && src[j]! >= 48 && src[j]! <= 57) value = value * 10 + (src[j++]! - 48);
    if (j > start) return value;
  }
  return undefined;
}

/** Character codes of a string operand into `out` (reused): two bytes a code for a hex string,
 * one for a literal string (its escapes undone). Returns how many. */
function codesOf(src: Uint8Array, kind: number, from: number, to: number, out: number[]): number {
  let count = 0;
  if (kind === HEX) {
    let code = 0;
    let digits = 0;
    for (let k = from; k < to; k++) {
      const d = hexDigit(src[k]!);
      if (d < 0) continue;
      code = code * 16 + d;
      if (++digits === 4) {
        out[count++] = code;
        code = 0;
        digits = 0;
      }
    }
  } else if (kind === STR) {
    for (let k = from; k < to; k++) {
      let c = src[k]!;
      if (c === 92 && k + 1 < to) {
        c = src[++k]!;
        if (c >= 48 && c <= 55) {
          let value = c - 48;
          for (let d = 0; d < 2 && k + 1 < to && src[k + 1]! >= 48 && src[k + 1]! <= 55; d++) value = value * 8 + (src[++k]! - 48);
          c = value & 0xff;
        } else if (c === 110) c = 10;
        else if (c === 114) c = 13;
        else if (c === 116) c = 9;
        else if (c === 98) c = 8;
        else if (c === 102) c = 12;
        else if (c === 13 || c === 10) {
          // A backslash at a line's end continues the string on the next line.
          if (c === 13 && src[k + 1] === 10) k++;
          continue;
        }
      }
      out[count++] = c;
    }
  }
  return count;
}

const NO_ROLES: string[] = [];
const NEWLINE = new Uint8Array([10]);

/** The glyphs and pictures of one page's content: the bytes of its content streams, one after
 * another. `rolesOf` gives the structure roles of the page's MCIDs, `altOf` their elements' /Alt. */
function readContent(
  src: Uint8Array, fonts: Map<string, Font>, rolesOf: (mcid: number) => string[], page: ReadPage,
  properties: (name: string) => string | undefined = () => undefined, altOf: (mcid: number) => string = () => '',
): void {
  const { styles } = page;
  const n = src.length;
  // The matrices as six numbers each (a b c d e f): the CTM and those saved by q, the text
  // matrix and the text line matrix.
  let ca = 1, cb = 0, cc = 0, cd = 1, ce = 0, cf = 0;
  const saved: number[] = [];
  let ta = 1, tb = 0, tc = 0, td = 1, te = 0, tf = 0;
  let la = 1, lb = 0, lc = 0, ld = 1, le = 0, lf = 0;
  let font: Font | undefined;
  let size = 0;
  let rise = 0;
  let leading = 0;
  // Horizontal scaling (Tz), as a fraction: Folio scales a space glyph to fill its gap.
  let hscale = 1;
  // The text state saved by q with the CTM (it is part of the graphics state).
  const savedText: { font: Font | undefined; size: number; rise: number; leading: number; hscale: number }[] = [];
  const tags: string[] = [];
  const mcids: (number | undefined)[] = [];
  // The ActualText of each open marked content that names a property list with one.
  const actuals: (string | undefined)[] = [];
  // The entry in the page's styles of the glyphs drawn now: one until a tag opens or closes.
  let style = -1;
  // Operands since the last operator: the numbers at the top level, the first operand, the first
  // name, the MCID of the first dictionary, and the items of the first array.
  const nums: number[] = [];
  let numCount = 0;
  let firstKind = NONE, firstFrom = 0, firstTo = 0;
  let nameFrom = -1, nameTo = -1;
  // A second name (BDC's property list, named in the page's resources).
  let name2From = -1, name2To = -1;
  let dictSeen = false;
  let mcid: number | undefined;
  let depth = 0;
  let arrays = 0;
  const itemKind: number[] = [];
  const itemA: number[] = [];
  const itemB: number[] = [];
  let itemCount = 0;
  const codes: number[] = [];

  /** An operand: kept by what the operators read need. */
  const operand = (kind: number, a: number, b: number): void => {
    if (depth > 0) {
      if (depth === 1 && arrays === 1) {
        itemKind[itemCount] = kind;
        itemA[itemCount] = a;
        itemB[itemCount++] = b;
      }
      return;
    }
    if (firstKind === NONE) {
      firstKind = kind;
      firstFrom = a;
      firstTo = b;
    }
    if (kind === NUM) nums[numCount++] = a;
    else if (kind === NAME && nameFrom < 0) {
      nameFrom = a;
      nameTo = b;
    } else if (kind === NAME && name2From < 0) {
      name2From = a;
      name2To = b;
    }
  };

  let s0 = NaN, s1 = NaN, s2 = NaN, s3 = NaN, sSize = NaN, scaleX = 0, scaleY = 0;
  /** The entry in `styles` of what is drawn now, made when first needed. */
  const currentStyle = (): number => {
    if (style < 0) {
      let id: number | undefined;
      for (let k = mcids.length - 1; k >= 0 && id === undefined; k--) id = mcids[k];
      let actualText: string | undefined;
      for (let k = actuals.length - 1; k >= 0 && actualText === undefined; k--) actualText = actuals[k];
      style = styles.length;
      styles.push({ tag: tags.length ? tags[tags.length - 1]! : '', tags: tags.slice(), mcid: id, roles: id === undefined ? NO_ROLES : rolesOf(id), actualText });
    }
    return style;
  };

  const show = (codeCount: number): void => {
    currentStyle();
    const widths = font?.widths;
    const face = font?.id ?? -1;
    const unicode = font?.toUnicode;
    const fallback = font?.defaultWidth ?? 0;
    // Text neither scaled nor turned (all of Folio's) is placed without the products by 1 and 0
    // below, which change no value: each string is a glyph or two in Folio's content, and in a
    // fresh process this code runs unoptimised, where each product is a new heap number (the seed's
    // English PDF is read with 4 MB less garbage).
    const plain = ca === 1 && cb === 0 && cc === 0 && cd === 1 && ta === 1 && tb === 0 && tc === 0 && td === 1;
    let x: number;
    let y: number;
    // The text matrix times the CTM, worked out once for the string, then moved along by each
    // glyph's advance (a translation).
    let m0 = 1, m1 = 0;
    if (plain) {
      x = te + ce;
      y = rise + (tf + cf);
    } else {
      m0 = ta * ca + tb * cc;
      m1 = ta * cb + tb * cd;
      const m2 = tc * ca + td * cc, m3 = tc * cb + td * cd;
      const m4 = te * ca + tf * cc + ce, m5 = te * cb + tf * cd + cf;
      // The scales change with the matrices' linear parts and the size, not as the text moves:
      // Math.hypot (which allocates) is called again only when they do.
      if (m0 !== s0 || m1 !== s1 || m2 !== s2 || m3 !== s3 || size !== sSize) {
        s0 = m0; s1 = m1; s2 = m2; s3 = m3; sSize = size;
        scaleX = Math.hypot(m0, m1);
        scaleY = size * Math.hypot(m2, m3);
      }
      x = m2 * rise + m4;
      y = m3 * rise + m5;
    }
    let moved = 0;
    for (let k = 0; k < codeCount; k++) {
      const code = codes[k]!;
      const w = ((widths === undefined ? 0 : (widths[code] ?? fallback)) / 1000) * size * hscale;
      const text = unicode === undefined ? '' : (unicode[code] ?? '');
      if (plain) {
        page.add(text, x, y, w, size, style, face);
        x += w;
      } else {
        page.add(text, x, y, w * scaleX, scaleY, style, face);
        x += w * m0;
        y += w * m1;
      }
      moved += w;
    }
    if (!moved) return;
    if (plain) te = moved + te;
    else {
      te = moved * ta + te;
      tf = moved * tb + tf;
    }
  };

  const operator = (from: number, to: number): void => {
    const len = to - from;
    const op = len === 1 ? src[from]! : len === 2 ? src[from]! + src[from + 1]! * 256 : len === 3 ? src[from]! + src[from + 1]! * 256 + src[from + 2]! * 65536 : -1;
    const n0 = numCount > 0 ? nums[0]! : 0;
    const n1 = numCount > 1 ? nums[1]! : 0;
    switch (op) {
      case OP.q:
        saved.push(ca, cb, cc, cd, ce, cf);
        savedText.push({ font, size, rise, leading, hscale });
        break;
      case OP.Q:
        if (saved.length) {
          cf = saved.pop()!; ce = saved.pop()!; cd = saved.pop()!; cc = saved.pop()!; cb = saved.pop()!; ca = saved.pop()!;
          ({ font, size, rise, leading, hscale } = savedText.pop()!);
        } else {
          ca = 1; cb = 0; cc = 0; cd = 1; ce = 0; cf = 0;
        }
        break;
      case OP.cm:
        if (numCount >= 6) {
          const a = nums[0]!, b = nums[1]!, c = nums[2]!, d = nums[3]!, e = nums[4]!, f = nums[5]!;
          const a2 = a * ca + b * cc, b2 = a * cb + b * cd, c2 = c * ca + d * cc, d2 = c * cb + d * cd;
          ce = e * ca + f * cc + ce;
          cf = e * cb + f * cd + cf;
          ca = a2; cb = b2; cc = c2; cd = d2;
        }
        break;
      case OP.BT:
        ta = la = 1; tb = lb = 0; tc = lc = 0; td = ld = 1; te = le = 0; tf = lf = 0;
        break;
      case OP.Tf:
        font = nameFrom >= 0 ? fonts.get(latin1(src, nameFrom, nameTo)) : undefined;
        size = n0;
        break;
      case OP.Ts: rise = n0; break;
      case OP.Tz: hscale = numCount > 0 ? n0 / 100 : 1; break;
      case OP.TL: leading = n0; break;
      case OP.Tm:
        if (numCount >= 6) {
          ta = la = nums[0]!; tb = lb = nums[1]!; tc = lc = nums[2]!; td = ld = nums[3]!; te = le = nums[4]!; tf = lf = nums[5]!;
        }
        break;
      case OP.TD:
      case OP.Td:
        if (op === OP.TD) leading = -n1;
        te = le = n0 * la + n1 * lc + le;
        tf = lf = n0 * lb + n1 * ld + lf;
        ta = la; tb = lb; tc = lc; td = ld;
        break;
      case OP.Tstar:
      case OP.quote:
        te = le = -leading * lc + le;
        tf = lf = -leading * ld + lf;
        ta = la; tb = lb; tc = lc; td = ld;
        if (op === OP.quote && (firstKind === STR || firstKind === HEX)) show(codesOf(src, firstKind, firstFrom, firstTo, codes));
        break;
      case OP.Tj:
        if (firstKind === STR || firstKind === HEX) show(codesOf(src, firstKind, firstFrom, firstTo, codes));
        break;
      case OP.TJ:
        if (firstKind !== ARRAY) break;
        for (let k = 0; k < itemCount; k++) {
          const kind = itemKind[k]!;
          if (kind === NUM) {
            const tx = (-itemA[k]! / 1000) * size * hscale;
            te = tx * ta + te;
            tf = tx * tb + tf;
          } else if (kind === STR || kind === HEX) show(codesOf(src, kind, itemA[k]!, itemB[k]!, codes));
        }
        break;
      case OP.BMC:
      case OP.BDC:
        tags.push(nameFrom >= 0 ? latin1(src, nameFrom, nameTo) : '');
        mcids.push(dictSeen ? mcid : undefined);
        actuals.push(op === OP.BDC && name2From >= 0 ? properties(latin1(src, name2From, name2To)) : undefined);
        style = -1;
        break;
      case OP.EMC:
        tags.pop();
        mcids.pop();
        actuals.pop();
        style = -1;
        break;
      case OP.Do: {
        // A picture fills the unit square the CTM maps to the page (Folio's are neither turned
        // nor skewed: `w 0 0 h x y cm`).
        const at = currentStyle();
        const id = styles[at]!.mcid;
        page.figures.push({ alt: id === undefined ? '' : altOf(id), at: page.count, style: at, x: ce, y: cf, width: ca, height: cd });
        break;
      }
    }
    numCount = 0;
    firstKind = NONE;
    nameFrom = nameTo = -1;
    name2From = name2To = -1;
    dictSeen = false;
    mcid = undefined;
    depth = 0;
    arrays = 0;
    itemCount = 0;
  };

  let i = 0;
  while (i < n) {
    const c = src[i]!;
    const cls = CLASS[c];
    if (cls === WHITE) {
      i++;
    } else if (cls === DELIM) {
      if (c === 37) {
        // A comment, to the end of the line.
        while (i < n && src[i] !== 10 && src[i] !== 13) i++;
      } else if (c === 91) {
        if (depth === 0) {
          arrays++;
          operand(ARRAY, i, i);
        }
        depth++;
        i++;
      } else if (c === 93) {
        if (depth > 0) depth--;
        i++;
      } else if (c === 60 && src[i + 1] === 60) {
        // A dictionary operand (BDC properties): skipped whole, but for its MCID.
        const end = skipDict(src, i);
        if (depth === 0 && !dictSeen) {
          dictSeen = true;
          mcid = mcidIn(src, i, end);
        }
        operand(DICT, i, end);
        i = end;
      } else if (c === 60) {
        let end = src.indexOf(62, i);
        if (end < 0) end = n;
        operand(HEX, i + 1, end);
        i = end + 1;
      } else if (c === 40) {
        const end = skipString(src, i);
        operand(STR, i + 1, end - 1);
        i = end;
      } else if (c === 47) {
        let j = i + 1;
        while (j < n && CLASS[src[j]!] === 0) j++;
        operand(NAME, i + 1, j);
        i = j;
      } else {
        // A stray delimiter (`)`, `>`, braces) stands alone, as an operator nothing reads.
        operator(i, i + 1);
        i++;
      }
    } else {
      let j = i + 1;
      while (j < n && CLASS[src[j]!] === 0) j++;
      const value = numberAt(src, i, j);
      if (value === value) operand(NUM, value, 0);
      else operator(i, j);
      i = j;
    }
  }
}

function outlineTitles(doc: PDFDocument): string[] {
  const titles: string[] = [];
  const root = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  const walk = (first: PDFObject | undefined): void => {
    let item = first instanceof PDFRef ? doc.context.lookup(first, PDFDict) : undefined;
    while (item) {
      const title = item.lookup(PDFName.of('Title'));
      if (title instanceof PDFHexString || title instanceof PDFString) titles.push(title.decodeText());
      walk(item.get(PDFName.of('First')));
      const next = item.get(PDFName.of('Next'));
      item = next instanceof PDFRef ? doc.context.lookup(next, PDFDict) : undefined;
    }
  };
  if (root) walk(root.get(PDFName.of('First')));
  return titles;
}

/** The structure elements of each page's MCIDs, through the structure tree's ParentTree: for the
 * page's StructParents key, the roles of each MCID's element and its ancestors, innermost first. */
function structureRoles(doc: PDFDocument): { roles: (key: number, mcid: number) => string[]; alt: (key: number, mcid: number) => string } {
  const resolve = (o: PDFObject | undefined): PDFObject | undefined => (o instanceof PDFRef ? doc.context.lookup(o) : o);
  const root = resolve(doc.catalog.get(PDFName.of('StructTreeRoot')));
  const parents = new Map<number, PDFObject>();
  const walk = (node: PDFObject | undefined): void => {
    if (!(node instanceof PDFDict)) return;
    const nums = resolve(node.get(PDFName.of('Nums')));
    if (nums instanceof PDFArray) for (let i = 0; i + 1 < nums.size(); i += 2) parents.set(num(resolve(nums.get(i))), nums.get(i + 1)!);
    const kids = resolve(node.get(PDFName.of('Kids')));
    if (kids instanceof PDFArray) for (const kid of kids.asArray()) walk(resolve(kid));
  };
  if (root instanceof PDFDict) walk(resolve(root.get(PDFName.of('ParentTree'))));
  const cache = new Map<PDFObject, string[]>();
  const rolesOf = (elem: PDFObject | undefined): string[] => {
    if (!elem) return [];
    const known = cache.get(elem);
    if (known) return known;
    const dict = resolve(elem);
    let roles: string[] = [];
    if (dict instanceof PDFDict && dict.get(PDFName.of('Type')) !== PDFName.of('StructTreeRoot')) {
      const role = dict.get(PDFName.of('S'));
      roles = [role instanceof PDFName ? role.decodeText() : '', ...rolesOf(dict.get(PDFName.of('P')))];
    }
    cache.set(elem, roles);
    return roles;
  };
  return {
    roles: (key, mcid) => {
      const list = resolve(parents.get(key));
      return list instanceof PDFArray ? rolesOf(list.get(mcid)) : [];
    },
    alt: (key, mcid) => {
      const list = resolve(parents.get(key));
      const elem = list instanceof PDFArray ? resolve(list.get(mcid)) : undefined;
      const alt = elem instanceof PDFDict ? resolve(elem.get(PDFName.of('Alt'))) : undefined;
      return alt instanceof PDFString || alt instanceof PDFHexString ? alt.decodeText() : '';
    },
  };
}

/** Reads every page's glyphs and the outline from a PDF file's bytes. */
export async function readPdf(bytes: Uint8Array): Promise<ReadPdf> {
  // Parsed in one go: pdf-lib's default yields to the event loop (a timer) every 100 objects.
  const doc = await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  const cache = new Map<PDFObject, Font>();
  const structure = structureRoles(doc);
  const pages = doc.getPages().map((page) => {
    const { width, height } = page.getMediaBox();
    const fonts = new Map<string, Font>();
    const fontDict = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
    for (const [name, ref] of fontDict?.entries() ?? []) {
      let font = cache.get(ref);
      if (!font) {
        font = loadFont(doc, doc.context.lookup(ref, PDFDict));
        font.id = cache.size;
        cache.set(ref, font);
      }
      fonts.set(name.asString().slice(1), font);
    }
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((r) => bytesOf(doc.context.lookup(r))) : [bytesOf(contents)];
    // The streams are read as one: a page's content may be split between them at any token.
    const src = streams.length === 1 ? streams[0]! : Buffer.concat(streams.flatMap((s, k) => (k ? [NEWLINE, s] : [s])));
    const key = page.node.get(PDFName.of('StructParents'));
    const known = new Map<number, string[]>();
    const rolesOf = key instanceof PDFNumber
      ? (mcid: number): string[] => {
          let found = known.get(mcid);
          if (!found) known.set(mcid, (found = structure.roles(key.asNumber(), mcid)));
          return found;
        }
      : (): string[] => NO_ROLES;
    const read = new ReadPage(width, height);
    // The page's named property lists (content.ts's text for PDFium), their ActualText decoded
    // once each: every mark of a line names the same one.
    const named = page.node.Resources()?.lookupMaybe(PDFName.of('Properties'), PDFDict);
    const decoded = new Map<string, string | undefined>();
    const properties = (name: string): string | undefined => {
      if (!decoded.has(name)) {
        const text = named?.lookupMaybe(PDFName.of(name), PDFDict)?.lookup(PDFName.of('ActualText'));
        decoded.set(name, text instanceof PDFString || text instanceof PDFHexString ? text.decodeText() : undefined);
      }
      return decoded.get(name);
    };
    const altOf = key instanceof PDFNumber ? (mcid: number): string => structure.alt(key.asNumber(), mcid) : (): string => '';
    readContent(src, fonts, rolesOf, read, properties, altOf);
    return read;
  });
  return { pages, outline: outlineTitles(doc) };
}
