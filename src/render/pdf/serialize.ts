// Writes a laid-out report as a tagged PDF (PDF/UA-1) with pdf-lib's object layer: fonts
// (embed-fonts.ts), one content stream per page whose content is marked for the structure tree
// (content.ts, tags.ts), link annotations, images, outline and metadata. Nothing here depends on
// the clock or on chance, so two runs give the same bytes, and nothing here decides where anything
// goes: the layout did.
import { PDFDocument, PDFName, PDFString, type PDFDict, type PDFPage } from './pdf-lib.ts';
import type { Report } from '../../model/types.ts';
import type { WriterContext } from '../types.ts';
import { linkAnnotations } from './annotations.ts';
import { pageContent } from './content.ts';
import { embedFonts } from './embed-fonts.ts';
import { embedImages } from './embed-images.ts';
import { setMetadata } from './metadata.ts';
import { deflated } from './operators.ts';
import { writeOutline } from './outline.ts';
import { foreignLanguage } from '../../model/language.ts';
import { Tagger } from './tags.ts';
import type { PdfLayout } from './types.ts';

export async function serialize(layout: PdfLayout, report: Report, ctx: WriterContext): Promise<Uint8Array> {
  const { theme } = ctx;
  const height = theme.page.height;
  const doc = await PDFDocument.create({ updateMetadata: false });
  setMetadata(doc, report, ctx);
  const fonts = embedFonts(doc, layout);
  const images = await embedImages(doc, layout);
  const pages: PDFPage[] = layout.pages.map(() => doc.addPage([theme.page.width, height]));
  const tagger = new Tagger(doc, layout);
  const foreign = foreignLanguage(report.lang);
  layout.pages.forEach((page, index) => {
    const pdfPage = pages[index]!;
    tagger.beginPage(pdfPage.ref);
    const content = pageContent(page, fonts, images, height, tagger, foreign);
    pdfPage.node.set(PDFName.of('Contents'), doc.context.register(deflated(doc.context, content.ops)));
    // Names are F1, F2…: code point order, as localeCompare gave, without its ICU collator's start-up.
    for (const use of [...content.fonts].sort((a, b) => (a.name < b.name ? -1 : 1))) pdfPage.node.setFontDictionary(PDFName.of(use.name), use.ref!);
    for (const path of content.images) {
      const { name, ref } = images.get(path)!;
      pdfPage.node.setXObject(PDFName.of(name), ref);
    }
    if (content.properties.size) {
      const properties = doc.context.obj({});
      for (const [name, text] of content.properties) properties.set(PDFName.of(name), doc.context.obj({ ActualText: PDFString.of(text) }));
      (pdfPage.node.Resources() as PDFDict).set(PDFName.of('Properties'), properties);
    }
    pdfPage.node.set(PDFName.of('StructParents'), doc.context.obj(tagger.pageKey));
    // Tab order follows the structure (PDF/UA).
    pdfPage.node.set(PDFName.of('Tabs'), PDFName.of('S'));
    const annots = linkAnnotations(doc, page, layout, pages, height, tagger);
    if (annots.length) pdfPage.node.set(PDFName.of('Annots'), doc.context.obj(annots));
  });
  tagger.write(report, ctx.labels, report.lang);
  writeOutline(doc, layout, pages, height);
  // Written in one go: pdf-lib's default waits for a timer every 50 objects, idle time in every PDF.
  return doc.save({ useObjectStreams: true, objectsPerTick: Infinity });
}
