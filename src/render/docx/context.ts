// State shared by the converters while one document is built.
import { foreignLanguage, type Foreign } from '../../model/language.ts';
import type { Footnote, Report } from '../../model/types.ts';
import { referencesInNotes } from '../../model/walk.ts';
import type { Theme } from '../../templates/types.ts';

export interface ConvertContext {
  theme: Theme;
  rtl: boolean;
  /** Directory of the report's sources, where relative image paths point. */
  sourceDir: string;
  /** Anchor of each note's first reference: later references cross-refer to it (NOTEREF). */
  firstReference: Map<number, string>;
  /** Notes cited only in other notes' texts, by number, with their anchor: each is printed in
   * the footnote of the first note citing it (document.ts), not as a Word footnote of its own. */
  hostedNotes: Map<number, string>;
  /** Notes whose first reference has been written. */
  referenced: Set<number>;
  /** Start values of the ordered lists met, one numbering definition each. */
  orderedStarts: Set<number>;
  /** Next numbering instance: every Markdown list is its own Word list. */
  nextListInstance: number;
  /** The width (points) pictures are shrunk to fit while a table cell is written: its column's,
   * less the cell's margins. Elsewhere, the text column's. */
  pictureWidth?: number;
  /** Whether a task list item was met: the file then defines the boxes' numbering. */
  tasks?: boolean;
  /** Printed between note references written one right after the other. */
  noteSeparator: string;
  /** The language of text in another script than the edition's (src/model/language.ts). */
  foreign: Foreign;
}

export function createConvertContext(report: Report, theme: Theme, sourceDir: string, noteSeparator: string): ConvertContext {
  const firstReference = new Map<number, string>();
  for (const note of report.footnotes) {
    const first = note.references[0];
    if (first) firstReference.set(note.number, first.refId);
  }
  return {
    theme,
    rtl: report.dir === 'rtl',
    sourceDir,
    firstReference,
    hostedNotes: new Map(notesCitedInNotesOnly(report).map((note) => [note.number, note.id])),
    referenced: new Set(),
    orderedStarts: new Set(),
    nextListInstance: 1,
    noteSeparator,
    foreign: foreignLanguage(report.lang),
  };
}

/** The notes the edition's text never cites, only other notes' texts (numbered after the others,
 * src/model/build.ts): every reference to them is written in a note. */
export function notesCitedInNotesOnly(report: Report): Footnote[] {
  const inNotes = referencesInNotes(report.footnotes);
  return report.footnotes.filter((note) => note.references.every((ref) => inNotes.has(ref.refId)));
}
