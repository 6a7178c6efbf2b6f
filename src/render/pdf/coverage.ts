// Every character of an edition that no font of the theme can draw, found at once. Setting stops
// at the first character its style's faces lack (pieces.ts, code.ts); a text pasted in another
// script lacks hundreds, and one error a build would make its editor run the build once for each.
// When setting stops so, this pass lists every run of characters that no face of the theme has,
// each where it was written, and the edition is refused with all of them.
import type { Node } from 'unist';
import { ContentError, ContentErrors } from '../../shared/errors.ts';
import type { Report } from '../../model/types.ts';
import type { Theme } from '../../templates/types.ts';
import { codeOrigin } from './code.ts';
import { needsOwnGlyph, themeFaces, type LoadedFace } from './fonts.ts';
import { missingGlyphs, position } from './pieces.ts';

interface Valued extends Node {
  value: string;
  children?: Node[];
}

/** The runs of characters in `value` that no face has: [offset, run]. */
function runsIn(value: string, faces: LoadedFace[]): [number, string][] {
  const runs: [number, string][] = [];
  let start = -1;
  let at = 0;
  for (const char of value) {
    const missing = needsOwnGlyph(char) && !faces.some((f) => f.glyphOf(char.codePointAt(0)!) !== undefined);
    if (missing && start < 0) start = at;
    if (!missing && start >= 0) {
      runs.push([start, value.slice(start, at)]);
      start = -1;
    }
    at += char.length;
  }
  if (start >= 0) runs.push([start, value.slice(start)]);
  return runs;
}

/** A ContentError for each run of characters of the edition's text that no face of the theme has:
 * paragraphs, headings, lists, tables, quotes, code and notes (not image descriptions, which the
 * PDF holds as text to read aloud, never drawn). */
export function uncoveredText(report: Report, theme: Theme): ContentError[] {
  const faces = themeFaces(theme);
  const file = report.sourcePath;
  const errors: ContentError[] = [];
  const visit = (node: Node): void => {
    const { type } = node;
    const value = (node as Valued).value;
    if (typeof value === 'string' && (type === 'text' || type === 'inlineCode' || type === 'code')) {
      const origin = type === 'code' ? codeOrigin(node, value.split('\n').length) : undefined;
      for (const [offset, run] of runsIn(value, faces)) {
        let where: { line: number; column: number };
        if (origin) {
          const row = value.slice(0, offset).split('\n').length - 1;
          where = { line: origin.line + row, column: origin.column + offset - (value.lastIndexOf('\n', offset - 1) + 1) };
        } else {
          where = position(node, offset);
          // Inline code's position starts at its opening backtick.
          if (type === 'inlineCode') where = { ...where, column: where.column + 1 };
        }
        errors.push(missingGlyphs(run, file, where));
      }
    }
    for (const child of (node as Valued).children ?? []) visit(child);
  };
  const blocks = [...report.summary, ...report.sections.flatMap((s) => [{ type: 'heading', children: s.title } as Node, ...s.blocks]), ...report.footnotes.flatMap((f) => f.blocks)];
  for (const block of blocks) visit(block);
  return errors;
}

/** The error to refuse an edition with once setting stopped at `first`, a character its style's
 * faces lack: with every other run of characters no face has, in the order they were written. */
export function allMissingGlyphs(first: ContentError, report: Report, theme: Theme): ContentError | ContentErrors {
  const found = uncoveredText(report, theme);
  const key = (e: ContentError) => `${e.file}\u0000${e.line}\u0000${e.column}`;
  // The first is kept as setting found it only where this pass did not find the run it starts:
  // a character in a label, or one that only its own style's faces lack.
  const errors = found.some((e) => key(e) === key(first)) ? found : [first, ...found];
  if (errors.length === 1) return errors[0]!;
  errors.sort((a, b) => (a.file === b.file ? a.line - b.line || a.column - b.column : a.file < b.file ? -1 : 1));
  return new ContentErrors(errors);
}
