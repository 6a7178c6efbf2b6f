// Every output format and the writer that makes it. Writers load on first use, so a build of
// one format never loads another's fonts or libraries. Adding a format is one folder and one line.
import type { Format } from '../templates/types.ts';
import type { Writer } from './types.ts';

export const formats: readonly Format[] = ['html', 'pdf', 'docx', 'json'];

const loaders: Record<Format, () => Promise<Writer>> = {
  html: async () => (await import('./html/index.ts')).htmlWriter,
  pdf: async () => (await import('./pdf/index.ts')).pdfWriter as Writer,
  docx: async () => (await import('./docx/index.ts')).docxWriter,
  json: async () => (await import('./json/index.ts')).jsonWriter,
};

export function isFormat(name: string): name is Format {
  return (formats as readonly string[]).includes(name);
}

export function loadWriter(format: Format): Promise<Writer> {
  return loaders[format]();
}
