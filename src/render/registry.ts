// Every output format: its file extension, media type, name, and the writer that makes it.
// Writers load on first use, so a build of one format never loads another's fonts or libraries.
// Adding a format is one folder under src/render/ and one entry here.
import type { EditionRef } from '../model/types.ts';
import type { Format, Writer } from './types.ts';

export interface FormatEntry {
  format: Format;
  /** File extension of the output, without the dot. */
  extension: string;
  mediaType: string;
  /** The format's name where a labels file gives none (`formats:` in templates/labels/<lang>.yaml). */
  label: string;
  /** What the writer reads of an edition's siblings (`report.editions`, and the language names
   * made from them): nothing; their languages (code, direction, which is the original, and the
   * language's own name); or everything, titles and translation states too. A writer is given
   * only that (renderEdition), and a build renders a format again only when that part of the
   * siblings changed: a translation falling behind its original changes its JSON alone. */
  siblings: SiblingUse;
  /** Whether the writer links to the edition's files in the other formats the build writes
   * (`ctx.formats`). One that does not is given its own format alone, and is not rendered again
   * when a build writes other formats. */
  linksFormats: boolean;
  load(): Promise<Writer>;
}

export type SiblingUse = 'none' | 'languages' | 'all';

/** An edition's siblings as a writer reading `use` of them is given them: none; by language alone
 * (no titles, every one current); or as they are. */
export function siblingsAsSeen(editions: readonly EditionRef[], use: SiblingUse): EditionRef[] {
  if (use === 'none') return [];
  if (use === 'languages') return editions.map((e) => ({ ...e, title: '', state: 'current' }));
  return [...editions];
}

/** The formats a build writes as the writer of `format` is given them: all, when it links them,
 * else its own alone. */
export function formatsAsSeen(format: Format, formats: readonly Format[]): readonly Format[] {
  return formatEntry(format).linksFormats ? formats : [format];
}

export const registry: readonly FormatEntry[] = [
  // The language switcher and alternates: languages, never titles or states.
  { format: 'html', extension: 'html', mediaType: 'text/html', label: 'Web page', siblings: 'languages', linksFormats: true, load: async () => (await import('./html/index.ts')).htmlWriter },
  { format: 'pdf', extension: 'pdf', mediaType: 'application/pdf', label: 'Print edition (PDF)', siblings: 'none', linksFormats: false, load: async () => (await import('./pdf/index.ts')).pdfWriter as Writer },
  {
    format: 'docx',
    extension: 'docx',
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    label: 'Word document',
    siblings: 'none',
    linksFormats: false,
    load: async () => (await import('./docx/index.ts')).docxWriter,
  },
  { format: 'json', extension: 'json', mediaType: 'application/json', label: 'Data (JSON)', siblings: 'all', linksFormats: true, load: async () => (await import('./json/index.ts')).jsonWriter },
];

export const formats: readonly Format[] = registry.map((entry) => entry.format);

export function isFormat(name: string): name is Format {
  return (formats as readonly string[]).includes(name);
}

export function formatEntry(format: Format): FormatEntry {
  return registry.find((entry) => entry.format === format)!;
}

export function loadWriter(format: Format): Promise<Writer> {
  return formatEntry(format).load();
}

/** `kazakhstan-2022.fr.pdf`: the published name of one edition in one format. */
export function outputName(slug: string, lang: string, format: Format): string {
  return `${slug}.${lang}.${formatEntry(format).extension}`;
}

/** A format's name in the edition's labels, else the registry's. */
export function formatLabel(labels: { formats?: Record<string, string> }, format: Format): string {
  return labels.formats?.[format] ?? formatEntry(format).label;
}
