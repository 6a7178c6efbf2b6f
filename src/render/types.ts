// The writer contract. A writer turns one edition's Report into bytes; the output audit then asks
// the writer what its output holds (inspect) and compares that with the model, so no writer can
// drop a section or a note silently.
import type { Report } from '../model/types.ts';
import type { Format, Labels, Theme } from '../templates/types.ts';

export interface WriterContext {
  theme: Theme;
  /** Labels of this edition's language, placeholders filled for this report. */
  labels: Labels;
  /** Every date written into an output (from SOURCE_DATE_EPOCH, else a fixed epoch). */
  date: Date;
  /** Directory of the report's sources (for images). */
  sourceDir: string;
  /** Relative file names of this report's other outputs, for cross-links: `kazakhstan-2022.fr.html`. */
  fileName(lang: string, format: Format): string;
  /** Formats this build writes, so an output links only to files that exist. */
  formats: readonly Format[];
  /** The parts of a publication in the order the report type sets them (disclaimer, back-link,
   * title, summary, contents, sections, notes); a writer sets the parts it knows in this order. */
  parts: readonly Part[];
}

export type Part = 'disclaimer' | 'back-link' | 'title' | 'summary' | 'contents' | 'sections' | 'notes';

export interface Rendered<Layout = unknown> {
  data: Uint8Array | string;
  /** Writer-specific evidence for the audit (the PDF's layout data, say). */
  layout?: Layout;
}

/** What a writer found in its own output: section ids and note ids (`fn-1`). */
export interface Found {
  sections: string[];
  notes: string[];
}

export interface Writer<Layout = unknown> {
  format: Format;
  extension: string;
  render(report: Report, ctx: WriterContext): Promise<Rendered<Layout>>;
  /** Reads back from the rendered output (or its layout data) which sections and notes it holds. */
  inspect(rendered: Rendered<Layout>, report: Report): Found | Promise<Found>;
}
