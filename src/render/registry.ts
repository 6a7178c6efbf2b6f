// Every output format: its file extension, media type, name, and the writer that makes it.
// Writers load on first use, so a build of one format never loads another's fonts or libraries.
// Adding a format is one folder under src/render/ and one entry here.
import type { Format, Writer } from './types.ts';

export interface FormatEntry {
  format: Format;
  /** File extension of the output, without the dot. */
  extension: string;
  mediaType: string;
  /** The format's name where a labels file gives none (`formats:` in templates/labels/<lang>.yaml). */
  label: string;
  load(): Promise<Writer>;
}

export const registry: readonly FormatEntry[] = [
  { format: 'html', extension: 'html', mediaType: 'text/html', label: 'Web page', load: async () => (await import('./html/index.ts')).htmlWriter },
  { format: 'pdf', extension: 'pdf', mediaType: 'application/pdf', label: 'Print edition (PDF)', load: async () => (await import('./pdf/index.ts')).pdfWriter as Writer },
  {
    format: 'docx',
    extension: 'docx',
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    label: 'Word document',
    load: async () => (await import('./docx/index.ts')).docxWriter,
  },
  { format: 'json', extension: 'json', mediaType: 'application/json', label: 'Data (JSON)', load: async () => (await import('./json/index.ts')).jsonWriter },
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
