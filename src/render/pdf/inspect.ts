// Reads a rendered PDF back for the output audit, from its bytes rather than from the layout it
// was made from: a note the layout placed off the page, or text the serializer dropped, is only
// visible there. A section is found when its heading's text is set in the file and the outline has
// its bookmark; a note when its whole text is set in the notes; and no glyph may be placed outside
// the page.
import { rtlLetter as RTL } from '../../model/direction.ts';
import type { Report } from '../../model/types.ts';
import type { Found } from '../types.ts';
import { readPdf, type ReadPage, type ReadPdf } from './read.ts';

const LTR = /[\p{L}\p{N}]/u;

/** Letters, marks and digits only: spacing, punctuation and hyphens differ between the model's
 * plain text and set lines (a hyphenated line end, a space turned into a line break), the words
 * must not. */
export function squeeze(text: string): string {
  return (text.normalize('NFC').match(/[\p{L}\p{M}\p{N}]/gu) ?? []).join('');
}

/** A line's text in reading order. Lines are drawn left to right; a line holding right-to-left
 * script is read from the right, its left-to-right stretches (Latin words, numbers) kept in order. */
function lineText(text: string[]): string {
  if (!text.some((t) => RTL.test(t))) return text.join('');
  const runs: { ltr: boolean; parts: string[] }[] = [];
  for (const t of text) {
    const ltr = LTR.test(t) && !RTL.test(t);
    const last = runs[runs.length - 1];
    if (last && last.ltr === ltr) last.parts.push(t);
    else runs.push({ ltr, parts: [t] });
  }
  return runs.reverse().map((r) => (r.ltr ? r.parts : r.parts.reverse()).join('')).join('');
}

/** For each of a page's styles, whether its glyphs belong to a structure role (H2, Note): their
 * element is of that role or inside one, or, in a file with no structure tree, they are drawn
 * under that marked-content tag. Worked out once a style rather than once a glyph. */
function stylesIn(page: ReadPage, tag: string): boolean[] {
  return page.styles.map((s) => s.roles.includes(tag) || s.tags.includes(tag));
}

/** The text of a structure role, line by line in page order. */
function taggedText(pdf: ReadPdf, tag: string): string {
  let out = '';
  for (const page of pdf.pages) {
    const inside = stylesIn(page, tag);
    const { texts, ys, sizes, styleOf } = page;
    let line: string[] = [];
    let y = NaN;
    for (let k = 0; k < page.count; k++) {
      if (!inside[styleOf[k]!]) continue;
      // A new line starts where the baseline moves by more than a superscript's rise.
      if (!line.length || Math.abs(ys[k]! - y) > sizes[k]! * 0.6) {
        if (line.length) out += lineText(line) + '\n';
        line = [];
        y = ys[k]!;
      }
      line.push(texts[k]!);
    }
    if (line.length) out += lineText(line) + '\n';
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
  at = 0;
  // A note citing another note carries that note's number, a task list its check boxes, which the
  // model's plain text leaves out: failing the exact text, the note's letters must come in order
  // within a stretch not much longer than the note (like with like).
  let atLoose = 0;
  for (const note of report.footnotes) {
    const want = squeeze(note.text);
    const exact = notes.indexOf(want, at);
    const loose = exact >= 0 ? -1 : inOrder(notes, want, atLoose, want.length * 2 + 32);
    if (loose >= 0) {
      found.notes.push(note.id);
      atLoose = loose;
      continue;
    }
    const k = exact;
    if (k >= 0) {
      found.notes.push(note.id);
      at = k;
    }
  }
  return found;
}

/** Where `want`'s characters end when they occur in order in `text` from `from`, the first
 * within `window` characters of `from`'s next match; -1 when they do not. One pass. */
function inOrder(text: string, want: string, from: number, window: number): number {
  if (want === '') return from;
  const start = text.indexOf(want[0]!, from);
  if (start < 0) return -1;
  const end = Math.min(text.length, start + window);
  let i = 0;
  let k = start;
  while (k < end && i < want.length) if (text[k++] === want[i]) i++;
  return i === want.length ? k : -1;
}
