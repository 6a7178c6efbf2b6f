// The writer contract. A writer turns one edition's Report into bytes; the output audit then asks
// the writer what its output holds (inspect) and compares that with the model, so no writer can
// drop a section or a note silently.
import type { Report } from '../model/types.ts';
import type { Labels, Part, Theme } from '../templates/types.ts';

export type { Part };

/** An output format; each has one entry in the registry (src/render/registry.ts). */
export type Format = 'html' | 'pdf' | 'docx' | 'json';

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
  /** Each edition's language named in itself ("Français", "العربية"), by language code: every
   * sibling of this edition. */
  languageNames: Record<string, string>;
  /** Web address of this report's folder in the published dist/ (ending in `/`), when
   * templates/site.yaml gives the site's address: canonical and alternate links are then absolute. */
  reportUrl?: string;
  /** Formats this build writes, so an output links only to files that exist. */
  formats: readonly Format[];
  /** The parts of a publication in the order the report type sets them (disclaimer, back-link,
   * title, summary, contents, sections, notes); a writer sets the parts it knows in this order. */
  parts: readonly Part[];
}

export interface Rendered<Layout = unknown> {
  data: Uint8Array | string;
  /** Writer-specific evidence for the audit (the PDF's layout data, say). */
  layout?: Layout;
}

/** What a writer found in its own output: section ids and note ids (`fn-1`). */
export interface Found {
  sections: string[];
  notes: string[];
  /** Anything else wrong with the output that loses content (a glyph set off the page). */
  problems?: string[];
  /** The text a reader sees of each note found (`fn-1` → its words), where the format can say:
   * the audit checks that it holds every letter and digit of the model's note, in order. */
  noteText?: Record<string, string>;
}

export interface Writer<Layout = unknown> {
  format: Format;
  render(report: Report, ctx: WriterContext): Promise<Rendered<Layout>>;
  /** Reads back from the rendered output (or its layout data) which sections and notes it holds. */
  inspect(rendered: Rendered<Layout>, report: Report): Found | Promise<Found>;
}
