// The bidi stage of paragraph setting (Unicode bidi algorithm, `bidi-js`): embedding levels of a
// paragraph's text before it is shaped, and the visual order of each line once it is broken.
import bidiFactory from 'bidi-js';
import { hasRtlScript } from '../../model/direction.ts';
import type { PlacedGlyph } from './types.ts';

let bidi: ReturnType<typeof bidiFactory> | undefined;

const LRI = '\u2066';
const PDI = '\u2069';

/** The embedding level of each UTF-16 unit of `text`, or null for text that is left to right
 * throughout (no levels needed). `isolates` are stretches [start, end) of `text`, in order and
 * apart, each set as a left-to-right isolate (inline code: written left to right, with the
 * punctuation at either end its own, not taken by the words around it: in an Arabic sentence
 * `dist/` keeps its slash after "dist"). The algorithm reads them between LRI and PDI, as a web
 * page's `<code dir="ltr">` is read; the levels are those of `text`'s own units. */
export function embeddingLevels(text: string, rtl: boolean, isolates: readonly (readonly [number, number])[] = []): Uint8Array | null {
  if (!rtl && !hasRtlScript(text)) return null;
  bidi ??= bidiFactory();
  const direction = rtl ? 'rtl' : 'ltr';
  if (isolates.length === 0) return bidi.getEmbeddingLevels(text, direction).levels;
  let marked = '';
  let from = 0;
  for (const [start, end] of isolates) marked += `${text.slice(from, start)}${LRI}${text.slice(start, (from = end))}${PDI}`;
  marked += text.slice(from);
  const all = bidi.getEmbeddingLevels(marked, direction).levels;
  // Each unit's level, the marks skipped.
  const levels = new Uint8Array(text.length);
  let at = 0;
  let i = 0;
  for (const [start, end] of isolates) {
    while (i < start) levels[i++] = all[at++]!;
    at++;
    while (i < end) levels[i++] = all[at++]!;
    at++;
  }
  while (i < text.length) levels[i++] = all[at++]!;
  return levels;
}

/** Reorders a line's elements for display (Unicode bidi rule L2, at the level of whole pieces:
 * each piece was shaped in its own direction). Linear in the line's length for each level. */
export function visualOrder<T>(elements: T[], levelOf: (e: T) => number): T[] {
  const order = elements.slice();
  const lv = order.map(levelOf);
  let max = 0;
  for (const l of lv) if (l > max) max = l;
  for (let level = max; level >= 1; level--) {
    for (let i = 0; i < order.length; ) {
      if (lv[i]! < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < order.length && lv[j]! >= level) j++;
      reverse(order, i, j);
      reverse(lv, i, j);
      i = j;
    }
  }
  return order;
}

function reverse<T>(list: T[], from: number, to: number): void {
  for (let a = from, b = to - 1; a < b; a++, b--) {
    const t = list[a]!;
    list[a] = list[b]!;
    list[b] = t;
  }
}

/** A character's class in poppler's own bidi table (poppler/UnicodeTypeTable.cc): strong left to
 * right, strong right to left, "numeric" (digits and the separators and signs around numbers,
 * which poppler keeps with them: . , : / - + % and the Arabic comma among them) or neutral. */
export function popplerType(char: string): 'L' | 'R' | '#' | 'N' {
  const c = char.codePointAt(0)!;
  if (/[0-9#$%+,\-./:\u00a0\u00a2-\u00a5\u00b0-\u00b3\u00b9\u0604-\u060c\u0659-\u066c\u06f0-\u06f9\u2030-\u2034\u2044\u2070\u2072-\u207b\u2080-\u208e\u20a0-\u20cf]/u.test(char)) return '#';
  if (c === 0x200f || c === 0x202b || c === 0x202e) return 'R';
  if (c === 0x200e || c === 0x202a || c === 0x202d) return 'L';
  if (/\p{M}/u.test(char)) return 'N';
  if ((c >= 0x0590 && c <= 0x08ff) || (c >= 0xfb1d && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfefe)) return /\p{L}/u.test(char) ? 'R' : 'N';
  return /\p{L}/u.test(char) ? 'L' : 'N';
}

const RLM = '\u200f';
const LRM = '\u200e';

/** What poppler must be given as a line's ActualText for its text output to be `logical`, the
 * line's text in reading order. Poppler spreads an ActualText over the span's width, left to right,
 * and then reorders each line by a simplified bidi pass of its own (TextOutputDev.cc, reorderText):
 * on a page mostly right to left it reads the line from the right, copying stretches of
 * right-to-left and neutral characters as it meets them and reversing stretches that hold
 * left-to-right letters or numbers; on a page mostly left to right, the other way round. So the
 * text given is the logical text with each stretch poppler will reverse written reversed, and the
 * whole reversed for a right-to-left page. Poppler's pass moves a neutral that follows a number in
 * right-to-left text ("عام 2019 في") into the number's stretch, which no order of the same
 * characters avoids: a right-to-left mark (invisible, and what an author would type there) closes
 * the stretch instead. On a left-to-right page a left-to-right mark does the same after a
 * right-to-left stretch. */
export function popplerText(logical: string, rtlPage: boolean): string {
  const chars = [...logical];
  const type = chars.map(popplerType);
  // Stretches in reading order, each as poppler must find it (reversed or not).
  const stretches: string[] = [];
  let i = 0;
  if (rtlPage) {
    while (i < chars.length) {
      let j = i;
      while (j < chars.length && type[j] !== 'L' && type[j] !== '#') j++;
      if (j > i) stretches.push(chars.slice(i, j).reverse().join(''));
      i = j;
      if (i >= chars.length) break;
      // A left-to-right stretch runs to the next right-to-left letter, and must end on a letter
      // or number of its own.
      j = i;
      while (j < chars.length && type[j] !== 'R') j++;
      let end = j;
      while (type[end - 1] === 'N') end--;
      stretches.push(chars.slice(i, end).join(''));
      if (end < j) chars.splice(end, 0, RLM), type.splice(end, 0, 'R');
      i = end;
    }
    // Poppler reads a right-to-left page's line from its right end.
    return stretches.reverse().join('');
  }
  while (i < chars.length) {
    let j = i;
    while (j < chars.length && type[j] !== 'R') j++;
    if (j > i) stretches.push(chars.slice(i, j).join(''));
    i = j;
    if (i >= chars.length) break;
    // A right-to-left stretch runs to the next left-to-right letter or number, and must end on a
    // right-to-left letter of its own; poppler reverses it.
    j = i;
    while (j < chars.length && type[j] !== 'L' && type[j] !== '#') j++;
    let end = j;
    while (type[end - 1] === 'N') end--;
    stretches.push(chars.slice(i, end).reverse().join(''));
    if (end < j) chars.splice(end, 0, LRM), type.splice(end, 0, 'L');
    i = end;
  }
  return stretches.join('');
}

/** A character's direction as PDFium sees it (fx_bidi.cpp, CFX_BidiChar::AppendChar): strong left
 * to right, "weak" left to right (numbers, the separators around them, and combining marks: an
 * Arabic vowel mark among them), strong right to left, or neutral. */
function pdfiumDirection(char: string): 'L' | 'W' | 'R' | 'N' {
  let direction = pdfiumDirections.get(char);
  if (direction === undefined) {
    bidi ??= bidiFactory();
    const type = bidi.getBidiCharTypeName(char);
    direction = type === 'L' ? 'L' : type === 'R' || type === 'AL' ? 'R' : PDFIUM_WEAK.has(type) ? 'W' : 'N';
    pdfiumDirections.set(char, direction);
  }
  return direction;
}
const PDFIUM_WEAK = new Set(['AN', 'EN', 'NSM', 'CS', 'ES', 'ET', 'BN']);
/** Directions looked up so far: a line's few dozen distinct characters, met again on every line. */
const pdfiumDirections = new Map<string, 'L' | 'W' | 'R' | 'N'>();

/** The character PDFium puts in place of `char` in text it reads right to left. */
function pdfiumMirror(char: string): string {
  return PDFIUM_QUOTES.get(char) ?? (bidi ??= bidiFactory()).getMirroredCharacter(char) ?? char;
}
const PDFIUM_QUOTES = new Map([['\u201c', '\u201d'], ['\u201d', '\u201c'], ['\u2018', '\u2019'], ['\u2019', '\u2018']]);

/** A text cut into stretches of one PDFium direction, and whether PDFium reads it right to left:
 * when it has a stretch right to left and no more stretches left to right (CFX_BidiString). */
function pdfiumStretches(text: string): { stretches: string[][]; directions: ('L' | 'W' | 'R' | 'N')[]; rightToLeft: boolean } {
  const stretches: string[][] = [];
  const directions: ('L' | 'W' | 'R' | 'N')[] = [];
  for (const char of text) {
    const direction = pdfiumDirection(char);
    if (directions[directions.length - 1] === direction) stretches[stretches.length - 1]!.push(char);
    else {
      stretches.push([char]);
      directions.push(direction);
    }
  }
  const right = directions.filter((d) => d === 'R').length;
  return { stretches, directions, rightToLeft: right > 0 && right >= directions.filter((d) => d === 'L').length };
}

/** The stretches of `text` as PDFium turns them, met first to last, or last to first when
 * `backwards` and the line reads right to left: each stretch right to left, and each neutral one met
 * while reading right to left (after a stretch right to left, or first on a line read right to
 * left), reversed with its characters mirrored («», “”); the others as they are, a stretch left to
 * right (not a number's) making it read left to right until the next one right to left
 * (cpdf_textpage.cpp, CloseTempLine). */
function pdfiumTurned(text: string, backwards: boolean): { parts: string[]; rightToLeft: boolean } {
  const { stretches, directions, rightToLeft } = pdfiumStretches(text);
  const last = stretches.length - 1;
  let current = rightToLeft ? 'R' : 'L';
  const parts = stretches.map((_, n) => {
    const k = backwards && rightToLeft ? last - n : n;
    const direction = directions[k]!;
    if (direction === 'R' || (direction === 'N' && current === 'R')) {
      current = 'R';
      return stretches[k]!.map(pdfiumMirror).reverse().join('');
    }
    if (direction !== 'W') current = 'L';
    return stretches[k]!.join('');
  });
  return { parts, rightToLeft };
}

/** How PDFium (the text layer of Chrome's and Edge's PDF viewers: what they copy, search and give
 * assistive technology) reads a line back from the text it was given: its stretches turned
 * (pdfiumTurned), taken last to first when it reads the line right to left. */
export function pdfiumRead(text: string): string {
  return pdfiumTurned(text, true).parts.join('');
}

/** What PDFium must be given as a line's ActualText to read `logical` back (pdfiumRead undone):
 * the logical text's stretches turned as PDFium will turn them, their order reversed when it reads
 * the line right to left. Mirroring and reversing keep each character's direction, so PDFium cuts
 * the text given where the logical text is cut, and meets its stretches in the logical order. */
export function pdfiumText(logical: string): string {
  const { parts, rightToLeft } = pdfiumTurned(logical, false);
  return (rightToLeft ? parts.reverse() : parts).join('');
}

/** The text of a space pdf.js would lose or misplace in a line holding right-to-left text: an
 * Arabic letter mark (U+061C: invisible, strong right to left), then the space. pdf.js reads a
 * space glyph as nothing but a note to put a space before the next glyph of the same piece of text,
 * and a mark glyph carrying text without moving on (see shape.ts). So a space at either end of a
 * run drawn as a piece of its own (before or after a note's number, a link) is lost, and before a
 * word-final mark (the shadda of "حلّ" is drawn first of its word, left to right) pdf.js puts
 * the space before the mark and then, finding the gap before the mark's letter, a second one
 * after it: "حل ّ". A glyph whose text does not start with a space it reads like a letter, and
 * drawn across the whole gap (content.ts) it leaves no gap to read. */
export const PLACED_SPACE = '\u061c ';

/** A run's glyphs with PLACED_SPACE as the text of each space pdf.js would lose or misplace:
 * one at either end of the run, or just before a mark glyph carrying text (past the dots and
 * marks without text, which content.ts draws apart). */
export function placedSpaces(glyphs: PlacedGlyph[]): PlacedGlyph[] {
  let out: PlacedGlyph[] | undefined;
  for (let i = 0; i < glyphs.length; i++) {
    if (glyphs[i]!.text !== ' ') continue;
    let next = i + 1;
    while (next < glyphs.length && glyphs[next]!.advance === 0 && glyphs[next]!.text === '') next++;
    const g = glyphs[next];
    if (i === 0 || !g || (g.advance === 0 && /\p{Mn}/u.test(g.text))) (out ??= glyphs.slice())[i] = { ...glyphs[i]!, text: PLACED_SPACE };
  }
  return out ?? glyphs;
}
