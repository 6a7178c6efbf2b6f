// Reads a rendered PDF back for the output audit, from its bytes rather than from the layout it
// was made from: a note the layout placed off the page, or text the serializer dropped, is only
// visible there. A section is found when its heading's text is set in the file and the outline has
// its bookmark; a note when its whole text is set in the notes; and no glyph may be placed outside
// the page.
import type { Report } from '../../model/types.ts';
import type { Found } from '../types.ts';
import { embeddingLevels, pdfiumRead, PLACED_SPACE, visualOrder } from './bidi.ts';
import { readPdf, type ReadPage, type ReadPdf } from './read.ts';

/** A character a glyph shows on its line: a letter, digit, punctuation or symbol (not a mark, a
 * space or a format character). */
const SHOWN = /[\p{L}\p{N}\p{P}\p{S}]/u;

/** A character used by a right-to-left script: its letters and marks, and what it shares with
 * other scripts (the tatweel, the Arabic comma and question mark; \p{Script} calls those Common). */
const RTL = /[\p{Script_Extensions=Arabic}\p{Script_Extensions=Hebrew}\p{Script_Extensions=Syriac}\p{Script_Extensions=Thaana}\p{Script_Extensions=Nko}]/u;

/** Letters, marks and digits only: spacing, punctuation and hyphens differ between the model's
 * plain text and set lines (a hyphenated line end, a space turned into a line break), the words
 * must not. */
export function squeeze(text: string): string {
  // Everything else removed in one native pass: matching the letters instead made an array of
  // one-character strings as long as the text (~700,000 for a 200-page edition) to join again.
  return text.normalize('NFC').replace(/[^\p{L}\p{M}\p{N}]+/gu, '');
}

/** A line's text in reading order, from its glyphs `ks` in the order they are drawn. A line
 * holding right-to-left script carries its text for PDFium (content.ts, pdfiumSpan), which reads
 * it back exactly (pdfiumRead): that text is taken, as a reader of the file in Chrome gets it,
 * when the line's glyphs hold every letter of it. Otherwise, see glyphText. */
function lineText(page: ReadPage, ks: number[]): string {
  const { texts, styles, styleOf } = page;
  // Whether the line holds right-to-left text is the file's to say (it gives such a line its
  // text), not the script's: a tatweel is of no script, yet right to left, and its line is drawn
  // reordered as any other.
  if (!ks.some((k) => styles[styleOf[k]!]!.actualText !== undefined)) {
    return ks.some((k) => RTL.test(texts[k]!)) ? glyphText(page, ks) : ks.map((k) => texts[k]!).join('');
  }
  let actual = '';
  let last: string | undefined;
  for (const k of ks) {
    // A glyph that shows nothing may be one from the line below, grouped with this line's.
    if (!SHOWN.test(texts[k]!)) continue;
    const text = styles[styleOf[k]!]!.actualText;
    if (text === undefined) return glyphText(page, ks);
    if (text !== last) actual += pdfiumRead(text);
    last = text;
  }
  return holdsLetters(ks.map((k) => texts[k]!).join(''), actual) ? actual : glyphText(page, ks);
}

/** Whether `drawn` has every letter, mark and digit of `text`, as often (in any order). */
function holdsLetters(drawn: string, text: string): boolean {
  const count = new Map<string, number>();
  for (const ch of squeeze(drawn)) count.set(ch, (count.get(ch) ?? 0) + 1);
  for (const ch of squeeze(text)) {
    const left = count.get(ch) ?? 0;
    if (left === 0) return false;
    count.set(ch, left - 1);
  }
  return true;
}

/** A right-to-left line's text from its glyphs alone. content.ts draws such a line in pieces, one
 * font and one structure mark each, in reading order, and each piece's glyphs from left to right.
 * A piece with right-to-left letters is put back in reading order by the Unicode bidi algorithm
 * (bidi-js, through embeddingLevels) as a right-to-left stretch: its words from the right, a
 * number, a URL or a Latin phrase inside it kept whole ("1,071", not "071,1"). Glyphs, not
 * characters, are reordered: a ligature's text, or a letter with its vowel mark, stays as drawn.
 * Close, not exact: the pieces follow the line's visual order, and a number ending a right-to-left
 * phrase on a left-to-right line is drawn (and so read) before it. */
function glyphText(page: ReadPage, ks: number[]): string {
  const { texts, styleOf, faceOf, sizes } = page;
  let out = '';
  for (let from = 0; from < ks.length; ) {
    const first = ks[from]!;
    let to = from + 1;
    while (to < ks.length && styleOf[ks[to]!] === styleOf[first] && faceOf[ks[to]!] === faceOf[first] && sizes[ks[to]!] === sizes[first]) to++;
    // A space carrying a letter mark for pdf.js (PLACED_SPACE) is a space here.
    const piece = ks.slice(from, to).map((k) => (texts[k] === PLACED_SPACE ? ' ' : texts[k]!));
    from = to;
    if (!piece.some((t) => RTL.test(t))) {
      out += piece.join('');
      continue;
    }
    const levels = embeddingLevels(piece.join(''), true)!;
    const starts: number[] = [];
    let at = 0;
    for (const t of piece) {
      starts.push(at);
      at += t.length;
    }
    // A glyph takes its first character's level; one with no text, a right-to-left stretch's.
    out += visualOrder(piece.map((t, i) => i), (i) => (starts[i]! < levels.length ? levels[starts[i]!]! : 1)).map((i) => piece[i]).join('');
  }
  return out;
}

/** For each of a page's styles, whether its glyphs belong to a structure role (H2, Note): their
 * element is of that role or inside one, or, in a file with no structure tree, they are drawn
 * under that marked-content tag. Worked out once a style rather than once a glyph. */
function stylesIn(page: ReadPage, tag: string): boolean[] {
  return page.styles.map((s) => s.roles.includes(tag) || s.tags.includes(tag));
}

/** The text of a structure role, line by line in page order; a picture inside it (a chart in a
 * note) gives its alternate text, on a line of its own where it is drawn, as a screen reader
 * reads it. */
export function taggedText(pdf: ReadPdf, tag: string): string {
  let out = '';
  for (const page of pdf.pages) {
    const inside = stylesIn(page, tag);
    const { texts, ys, sizes, styleOf, figures } = page;
    let line: number[] = [];
    let y = NaN;
    // Glyphs off the line's baseline that show no letter, digit or sign, held until the next one
    // that does tells whether they sit on its line: a mark drawn first on the next line (a
    // combining mark with no letter before it) belongs there, not to the line before.
    let held: number[] = [];
    // The next picture, by drawing order.
    let figure = 0;
    for (let k = 0; k < page.count; k++) {
      while (figure < figures.length && figures[figure]!.at <= k) {
        const { alt, style } = figures[figure++]!;
        if (!inside[style] || !alt) continue;
        line.push(...held);
        if (line.length) out += lineText(page, line) + '\n';
        out += alt + '\n';
        line = [];
        held = [];
      }
      if (!inside[styleOf[k]!]) continue;
      // A new line starts where the baseline moves by more than a superscript's rise, at a glyph
      // that shows a letter, digit or sign: a mark, or a glyph standing for none (part of a
      // letter the font draws in pieces), may sit well above or below its line.
      const off = line.length > 0 && Math.abs(ys[k]! - y) > sizes[k]! * 0.6;
      if (!line.length || (off && SHOWN.test(texts[k]!))) {
        const next = held.filter((j) => Math.abs(ys[j]! - ys[k]!) <= sizes[j]! * 0.6);
        line.push(...held.filter((j) => !next.includes(j)));
        if (line.length) out += lineText(page, line) + '\n';
        line = next;
        held = [];
        y = ys[k]!;
      } else if (off) {
        held.push(k);
        continue;
      } else if (held.length) {
        line.push(...held);
        held = [];
      }
      line.push(k);
    }
    line.push(...held);
    if (line.length) out += lineText(page, line) + '\n';
    for (; figure < figures.length; figure++) {
      const { alt, style } = figures[figure]!;
      if (inside[style] && alt) out += alt + '\n';
    }
  }
  return out;
}

/** The text of the glyphs of a page that `pick` chooses, as a message quotes it. */
function quote(page: ReadPage, pick: (k: number) => boolean): { count: number; text: string } {
  let count = 0;
  let text = '';
  for (let k = 0; k < page.count; k++) {
    if (!pick(k)) continue;
    if (count++ < 40) text += page.texts[k];
  }
  return { count, text };
}

/** Glyphs that are neither content of the structure tree nor artifacts, as messages: a screen
 * reader would never reach them, or read them where they do not belong. */
function untagged(pdf: ReadPdf): string[] {
  const problems: string[] = [];
  pdf.pages.forEach((page, k) => {
    const lost = page.styles.map((s) => !s.roles.length && !s.tags.includes('Artifact'));
    if (!lost.includes(true)) return;
    const out = quote(page, (g) => lost[page.styleOf[g]!]!);
    if (out.count) problems.push(`${out.count} glyphs on page ${k + 1} are neither in the structure tree nor artifacts ("${out.text}")`);
  });
  return problems;
}

/** Glyphs placed outside their page's media box, as messages. */
function offPage(pdf: ReadPdf): string[] {
  const problems: string[] = [];
  pdf.pages.forEach((page, k) => {
    const { xs, ys, widths } = page;
    // Each coordinate read once, the edges worked out once a page: in a fresh process this runs
    // unoptimised, where each fractional number read or computed is a new heap number.
    const right = page.width + 0.5;
    const top = page.height;
    const out = quote(page, (g) => {
      const x = xs[g]!;
      const y = ys[g]!;
      return x < -0.5 || x + widths[g]! > right || y < 0 || y > top;
    });
    if (out.count) problems.push(`${out.count} glyphs placed outside page ${k + 1} ("${out.text}")`);
    const pictures = page.figures.filter((f) => f.x < -0.5 || f.x + f.width > right || f.y < -0.5 || f.y + f.height > top + 0.5);
    if (pictures.length) problems.push(`${pictures.length} pictures placed outside page ${k + 1}${pictures[0]!.alt ? ` ("${pictures[0]!.alt}")` : ''}`);
  });
  return problems;
}

export async function inspectPdf(bytes: Uint8Array, report: Report): Promise<Found> {
  const pdf = await readPdf(bytes);
  const headings = squeeze(taggedText(pdf, 'H2'));
  const notes = squeeze(taggedText(pdf, 'Note'));
  const bookmarks = new Set(pdf.outline.map((t) => t.normalize('NFC')));
  const found: Found = { sections: [], notes: [], problems: [...offPage(pdf), ...untagged(pdf)] };
  let at = 0;
  for (const section of report.sections) {
    const k = headings.indexOf(squeeze(section.titleText), at);
    if (k >= 0 && bookmarks.has(section.titleText.normalize('NFC'))) {
      found.sections.push(section.id);
      at = k;
    }
  }
  // Each note is found by its number and text, where no note before it was: notes with the same
  // text are found once each, and not in order: a page may list a note cited in another note's
  // text (numbered after every note the body cites) before a note the body cites later on that
  // page. A note citing another note carries that note's number, a task list its check boxes,
  // which the model's plain text leaves out: failing the exact text, the note's letters must come
  // in order within a stretch not much longer than the note (like with like).
  const claimed = new Claimed();
  const free = (from: number, to: number): boolean => claimed.free(from, to);
  const wanted = new Map<string, string>();
  for (const note of report.footnotes) {
    const text = squeeze(note.text);
    // A note with no words (its definition empty in the source) has nothing to lose.
    if (text) wanted.set(note.id, `${note.number}${text}`);
  }
  // Exact texts first, then letters in order from where a note's number meets its first letter,
  // then from any of its number's digits: a loose match begun early (at a "2" of another note's
  // "2022") would take the place of the note it runs into.
  const passes: ((want: string, from: number) => [number, number] | undefined)[] = [
    (want, from) => {
      let k = notes.indexOf(want, from);
      while (k >= 0 && !free(k, k + want.length)) k = notes.indexOf(want, k + 1);
      return k >= 0 ? [k, k + want.length] : undefined;
    },
    (want, from) => inOrder(notes, want, want.length * 2 + 32, free, want.search(/\D/u) + 1, from),
    (want, from) => inOrder(notes, want, want.length * 2 + 32, free, 1, from),
  ];
  const matched = new Set<string>();
  for (const pass of passes) {
    // Looked for after the note found before it first (the foot lists notes by number, mostly),
    // then from the start: a search from the start for each note cost a long report's audit
    // time in the square of its notes.
    let hint = 0;
    for (const [id, want] of wanted) {
      if (matched.has(id)) continue;
      const span = pass(want, hint) ?? (hint > 0 ? pass(want, 0) : undefined);
      if (span) {
        claimed.add(span[0], span[1]);
        matched.add(id);
        hint = span[1];
      }
    }
  }
  found.notes.push(...report.footnotes.filter((n) => !wanted.has(n.id) || matched.has(n.id)).map((n) => n.id));
  return found;
}

/** Stretches of the notes' text already matched to a note: none overlaps another, so kept by
 * their start they are also by their end, and a new stretch is free when the last one starting
 * before it ends ends before it starts (a binary search, where a scan of every stretch for each
 * note took a report of 3,000 notes ~0.3 s). */
class Claimed {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  /** How many stretches start before `at`. */
  private before(at: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid]! < at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  free(from: number, to: number): boolean {
    const k = this.before(to);
    return k === 0 || this.ends[k - 1]! <= from;
  }

  add(from: number, to: number): void {
    const k = this.before(from);
    this.starts.splice(k, 0, from);
    this.ends.splice(k, 0, to);
  }
}

/** Where `want`'s characters occur in order in `text` from `from`, within `window` characters of
 * where its first `head` characters occur together, in a stretch `free` allows: the first such
 * stretch, or undefined. */
function inOrder(text: string, want: string, window: number, free: (from: number, to: number) => boolean, head: number, from: number): [number, number] | undefined {
  const start = want.slice(0, head);
  for (let at = text.indexOf(start, from); at >= 0; at = text.indexOf(start, at + 1)) {
    const end = Math.min(text.length, at + window);
    let i = 0;
    let k = at;
    while (k < end && i < want.length) if (text[k++] === want[i]) i++;
    if (i === want.length && free(at, k)) return [at, k];
  }
  return undefined;
}
