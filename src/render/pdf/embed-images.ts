// Embeds each image file a layout draws, once, in order of first use (pdf-lib numbers their
// objects as they embed, so the order keeps the bytes stable).
import type { PDFDocument, PDFRef } from './pdf-lib.ts';
import { embeddable, readImage } from '../../shared/images.ts';
import type { PdfLayout } from './types.ts';

export async function embedImages(doc: PDFDocument, layout: PdfLayout): Promise<Map<string, { name: string; ref: PDFRef }>> {
  const images = new Map<string, { name: string; ref: PDFRef }>();
  for (const page of layout.pages) {
    for (const line of page.lines) {
      for (const image of line.box.images ?? []) {
        if (images.has(image.path)) continue;
        const file = readImage(image.path);
        if (!file) throw new Error(`image ${image.path} can no longer be read`);
        // A GIF goes in as PNG (pdf-lib embeds PNG and JPEG only).
        const bytes = embeddable(file);
        const embedded = bytes.type === 'png' ? await doc.embedPng(bytes.data) : await doc.embedJpg(bytes.data);
        images.set(image.path, { name: `Im${images.size + 1}`, ref: embedded.ref });
      }
    }
  }
  return images;
}
