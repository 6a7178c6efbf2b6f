// The outline (bookmarks): one entry per section, in order.
import { PDFHexString, PDFName, type PDFDocument, type PDFPage } from 'pdf-lib';
import { fmtNum } from './operators.ts';
import type { PdfLayout } from './types.ts';

export function writeOutline(doc: PDFDocument, layout: PdfLayout, pages: PDFPage[], height: number): void {
  if (!layout.outline.length) return;
  const outlineRef = doc.context.nextRef();
  const refs = layout.outline.map(() => doc.context.nextRef());
  layout.outline.forEach((entry, k) => {
    const item: Record<string, unknown> = {
      Title: PDFHexString.fromText(entry.title),
      Parent: outlineRef,
      Dest: [pages[entry.page - 1]!.ref, 'XYZ', null, fmtNum(height - entry.y), null],
    };
    if (k > 0) item.Prev = refs[k - 1];
    if (k < refs.length - 1) item.Next = refs[k + 1];
    doc.context.assign(refs[k]!, doc.context.obj(item as never));
  });
  doc.context.assign(outlineRef, doc.context.obj({ Type: 'Outlines', First: refs[0]!, Last: refs[refs.length - 1]!, Count: refs.length }));
  doc.catalog.set(PDFName.of('Outlines'), outlineRef);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}
