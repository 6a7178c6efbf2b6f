// Writes a laid-out report as PDF with pdf-lib's object layer: fonts (embed-fonts.ts), one content
// stream per page (content.ts), link annotations, images, outline and metadata. Nothing here
// depends on the clock or on chance, so two runs give the same bytes, and nothing here decides
// where anything goes: the layout did.
import { PDFDocument, PDFName, type PDFPage } from 'pdf-lib';
import type { Report } from '../../model/types.ts';
import type { WriterContext } from '../types.ts';
import { linkAnnotations } from './annotations.ts';
import { pageContent } from './content.ts';
import { embedFonts } from './embed-fonts.ts';
import { embedImages } from './embed-images.ts';
import { setMetadata } from './metadata.ts';
import { deflated } from './operators.ts';
import { writeOutline } from './outline.ts';
import type { PdfLayout } from './types.ts';

export async function serialize(layout: PdfLayout, report: Report, ctx: WriterContext): Promise<Uint8Array> {
  const { theme } = ctx;
  const height = theme.page.height;
  const doc = await PDFDocument.create({ updateMetadata: false });
  setMetadata(doc, report, ctx);
  const fonts = embedFonts(doc, layout);
  const images = await embedImages(doc, layout);
  const pages: PDFPage[] = layout.pages.map(() => doc.addPage([theme.page.width, height]));
  layout.pages.forEach((page, index) => {
    const pdfPage = pages[index]!;
    const content = pageContent(page, fonts, images, height);
    pdfPage.node.set(PDFName.of('Contents'), doc.context.register(deflated(doc.context, content.ops)));
    for (const use of [...content.fonts].sort((a, b) => a.name.localeCompare(b.name))) pdfPage.node.setFontDictionary(PDFName.of(use.name), use.ref!);
    for (const path of content.images) {
      const { name, ref } = images.get(path)!;
      pdfPage.node.setXObject(PDFName.of(name), ref);
    }
    const annots = linkAnnotations(doc, page, layout, pages, height);
    if (annots.length) pdfPage.node.set(PDFName.of('Annots'), doc.context.obj(annots));
  });
  writeOutline(doc, layout, pages, height);
  return doc.save({ useObjectStreams: true });
}
