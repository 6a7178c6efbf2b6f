// Reads the text back out of a PDF's bytes, for the output audit: every glyph shown, with the text
// its font's ToUnicode map gives it, its position on the page, the marked-content tags it is drawn
// in (P, H2, Link, Artifact...) and the structure elements its MCID belongs to (a P in a Note). Written by hand rather than taken from pdf.js: pdf.js is a
// viewer (a worker, a font renderer, 2 MB of code to load in every build for a few ms of work),
// while this needs only the operators a content stream uses to place text; pdf-lib (already the
// writer's object layer) parses the file's objects. The tests check this reader against pdf.js.
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFStream, PDFString, ParseSpeeds, decodePDFRawStream, type PDFObject } from 'pdf-lib';

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

export interface ReadPage {
  width: number;
  height: number;
  glyphs: ReadGlyph[];
}

export interface ReadPdf {
  pages: ReadPage[];
  /** Titles of the outline's entries, depth first. */
  outline: string[];
}

interface Font {
  toUnicode: Map<number, string>;
  widths: Map<number, number>;
  defaultWidth: number;
}

type Operand = number | string | { name: string } | { hex: string } | Operand[] | { dict: true; mcid?: number };

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

/** Two-byte codes of a hex string (white space ignored), by character codes rather than regular
 * expressions and slices: every string a page shows goes through here. */
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

/** bfchar and bfrange entries of a ToUnicode CMap. */
function parseCMap(text: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>/g)) map.set(parseInt(m[1]!, 16), utf16(m[2]!));
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const from = parseInt(m[1]!, 16);
      const to = parseInt(m[2]!, 16);
      const base = hexToCodes(m[3]!);
      for (let c = from; c <= to; c++) map.set(c, String.fromCharCode(...base.slice(0, -1), base[base.length - 1]! + c - from));
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
  const widths = new Map<number, number>();
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
        next.asArray().forEach((v, k) => widths.set(first + k, num(lookup(v))));
        i += 2;
      } else {
        const last = num(next);
        const width = num(items[i + 2]);
        for (let c = first; c <= last; c++) widths.set(c, width);
        i += 3;
      }
    }
  }
  return { toUnicode, widths, defaultWidth };
}

// Content streams are read as latin1 strings: a character code below 256 indexes these tables.
// White space and delimiters as the PDF syntax defines them (PDF 32000-1, 7.2.2).
const SPACE = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) SPACE[c] = 1;
const DELIMITER = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIMITER[c.charCodeAt(0)] = 1;
for (const c of [0, 9, 10, 12, 13, 32]) DELIMITER[c] = 1;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/** Splits a content stream into operands and operators. */
function* tokens(src: string): Generator<{ op: string; args: Operand[] }> {
  let i = 0;
  const n = src.length;
  const stack: Operand[][] = [[]];
  while (i < n) {
    const c = src[i]!;
    if (SPACE[src.charCodeAt(i)] === 1) {
      i++;
    } else if (c === '%') {
      while (i < n && src[i] !== '\n' && src[i] !== '\r') i++;
    } else if (c === '[') {
      stack.push([]);
      i++;
    } else if (c === ']') {
      const arr = stack.pop()!;
      stack[stack.length - 1]!.push(arr);
      i++;
    } else if (c === '<' && src[i + 1] === '<') {
      // A dictionary operand (BDC properties): skipped whole, nested ones included, but for its MCID.
      const from = i;
      let depth = 0;
      while (i < n) {
        if (src[i] === '<' && src[i + 1] === '<') { depth++; i += 2; }
        else if (src[i] === '>' && src[i + 1] === '>') { depth--; i += 2; if (!depth) break; }
        else if (src[i] === '(') i = skipString(src, i);
        else i++;
      }
      const mcid = /\/MCID\s+(\d+)/.exec(src.slice(from, i));
      stack[stack.length - 1]!.push(mcid ? { dict: true, mcid: Number(mcid[1]) } : { dict: true });
    } else if (c === '<') {
      const end = src.indexOf('>', i);
      stack[stack.length - 1]!.push({ hex: src.slice(i + 1, end) });
      i = end + 1;
    } else if (c === '(') {
      const end = skipString(src, i);
      stack[stack.length - 1]!.push(src.slice(i + 1, end - 1));
      i = end;
    } else if (c === '/') {
      let j = i + 1;
      while (j < n && !DELIMITER[src.charCodeAt(j)]) j++;
      stack[stack.length - 1]!.push({ name: src.slice(i + 1, j) });
      i = j;
    } else {
      let j = i;
      while (j < n && !DELIMITER[src.charCodeAt(j)]) j++;
      if (j === i) j++;
      const word = src.slice(i, j);
      i = j;
      if (NUMBER.test(word)) stack[stack.length - 1]!.push(Number(word));
      else {
        const args = stack[0]!;
        stack[0] = [];
        yield { op: word, args };
      }
    }
  }
}

/** Index just after a literal string starting at `i` (balanced parentheses, backslash escapes). */
function skipString(src: string, i: number): number {
  let depth = 0;
  for (; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return i;
}

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

/** The glyphs of one page's content stream. */
function readContent(src: string, fonts: Map<string, Font>): ReadGlyph[] {
  const glyphs: ReadGlyph[] = [];
  let ctm: Matrix = IDENTITY;
  const saved: Matrix[] = [];
  let tm: Matrix = IDENTITY;
  let lm: Matrix = IDENTITY;
  let font: Font | undefined;
  let size = 0;
  let rise = 0;
  let leading = 0;
  const tags: string[] = [];
  const mcids: (number | undefined)[] = [];
  const show = (codes: number[]): void => {
    let mcid: number | undefined;
    for (let k = mcids.length - 1; k >= 0 && mcid === undefined; k--) mcid = mcids[k];
    // The tags are those of the whole string (shared by its glyphs); the text matrix times the
    // CTM is worked out once, then moved along by each glyph's advance (a translation).
    const open = tags.slice();
    const tag = tags[tags.length - 1] ?? '';
    const m = multiply(tm, ctm);
    const scaleX = Math.hypot(m[0], m[1]);
    const scaleY = size * Math.hypot(m[2], m[3]);
    let x = m[2] * rise + m[4];
    let y = m[3] * rise + m[5];
    let moved = 0;
    for (const code of codes) {
      const w = ((font?.widths.get(code) ?? font?.defaultWidth ?? 0) / 1000) * size;
      glyphs.push({ text: font?.toUnicode.get(code) ?? '', x, y, width: w * scaleX, size: scaleY, tag, tags: open, mcid, roles: [] });
      x += w * m[0];
      y += w * m[1];
      moved += w;
    }
    if (moved) tm = multiply([1, 0, 0, 1, moved, 0], tm);
  };
  const codesOf = (o: Operand): number[] => {
    if (typeof o === 'object' && o && 'hex' in o) return hexToCodes(o.hex);
    if (typeof o === 'string') return [...o].map((ch) => ch.charCodeAt(0));
    return [];
  };
  for (const { op, args } of tokens(src)) {
    const nums = args.filter((a): a is number => typeof a === 'number');
    switch (op) {
      case 'q': saved.push(ctm); break;
      case 'Q': ctm = saved.pop() ?? IDENTITY; break;
      case 'cm': ctm = multiply(nums as Matrix, ctm); break;
      case 'BT': tm = lm = IDENTITY; break;
      case 'Tf': {
        const name = args.find((a): a is { name: string } => typeof a === 'object' && a !== null && 'name' in a);
        font = name ? fonts.get(name.name) : undefined;
        size = nums[0] ?? 0;
        break;
      }
      case 'Ts': rise = nums[0] ?? 0; break;
      case 'TL': leading = nums[0] ?? 0; break;
      case 'Tm': tm = lm = nums as Matrix; break;
      case 'Td': tm = lm = multiply([1, 0, 0, 1, nums[0] ?? 0, nums[1] ?? 0], lm); break;
      case 'TD': leading = -(nums[1] ?? 0); tm = lm = multiply([1, 0, 0, 1, nums[0] ?? 0, nums[1] ?? 0], lm); break;
      case 'T*': tm = lm = multiply([1, 0, 0, 1, 0, -leading], lm); break;
      case 'Tj': show(codesOf(args[0]!)); break;
      case "'": tm = lm = multiply([1, 0, 0, 1, 0, -leading], lm); show(codesOf(args[0]!)); break;
      case 'TJ':
        for (const part of (args[0] as Operand[]) ?? []) {
          if (typeof part === 'number') tm = multiply([1, 0, 0, 1, (-part / 1000) * size, 0], tm);
          else show(codesOf(part));
        }
        break;
      case 'BMC': case 'BDC': {
        const tag = args.find((a): a is { name: string } => typeof a === 'object' && a !== null && 'name' in a);
        tags.push(tag?.name ?? '');
        const props = args.find((a): a is { dict: true; mcid?: number } => typeof a === 'object' && a !== null && 'dict' in a);
        mcids.push(props?.mcid);
        break;
      }
      case 'EMC': tags.pop(); mcids.pop(); break;
    }
  }
  return glyphs;
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
function structureRoles(doc: PDFDocument): (key: number, mcid: number) => string[] {
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
  return (key, mcid) => {
    const list = resolve(parents.get(key));
    return list instanceof PDFArray ? rolesOf(list.get(mcid)) : [];
  };
}

/** Reads every page's glyphs and the outline from a PDF file's bytes. */
export async function readPdf(bytes: Uint8Array): Promise<ReadPdf> {
  // Parsed in one go: pdf-lib's default yields to the event loop (a timer) every 100 objects.
  const doc = await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  const cache = new Map<PDFObject, Font>();
  const roles = structureRoles(doc);
  const pages = doc.getPages().map((page) => {
    const { width, height } = page.getMediaBox();
    const fonts = new Map<string, Font>();
    const fontDict = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
    for (const [name, ref] of fontDict?.entries() ?? []) {
      let font = cache.get(ref);
      if (!font) cache.set(ref, (font = loadFont(doc, doc.context.lookup(ref, PDFDict))));
      fonts.set(name.asString().slice(1), font);
    }
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents];
    const src = streams.map((s) => Buffer.from(bytesOf(s as PDFObject)).toString('latin1')).join('\n');
    const glyphs = readContent(src, fonts);
    const key = page.node.get(PDFName.of('StructParents'));
    if (key instanceof PDFNumber) for (const g of glyphs) if (g.mcid !== undefined) g.roles = roles(key.asNumber(), g.mcid);
    return { width, height, glyphs };
  });
  return { pages, outline: outlineTitles(doc) };
}
