// The outline (bookmarks): one entry per section, in order, each with its sub-headings (level 3)
// as children, open, as the contents of a long report are read.
import { PDFHexString, PDFName, type PDFDocument, type PDFPage, type PDFRef } from './pdf-lib.ts';
import { fmtNum } from './operators.ts';
import type { OutlineEntry, PdfLayout } from './types.ts';

interface Item {
  entry: OutlineEntry;
  ref: PDFRef;
  kids: Item[];
}

export function writeOutline(doc: PDFDocument, layout: PdfLayout, pages: PDFPage[], height: number): void {
  if (!layout.outline.length) return;
  const outlineRef = doc.context.nextRef();
  // A sub-heading goes under the section before it; one before any section stays at the top.
  const top: Item[] = [];
  for (const entry of layout.outline) {
    const item: Item = { entry, ref: doc.context.nextRef(), kids: [] };
    const parent = top[top.length - 1];
    if ((entry.level ?? 2) > 2 && parent && (parent.entry.level ?? 2) === 2) parent.kids.push(item);
    else top.push(item);
  }
  const write = (items: Item[], parent: PDFRef): void => {
    items.forEach((item, k) => {
      const { entry } = item;
      const dict: Record<string, unknown> = {
        Title: PDFHexString.fromText(entry.title),
        Parent: parent,
        Dest: [pages[entry.page - 1]!.ref, 'XYZ', null, fmtNum(height - entry.y), null],
      };
      if (k > 0) dict.Prev = items[k - 1]!.ref;
      if (k < items.length - 1) dict.Next = items[k + 1]!.ref;
      if (item.kids.length) {
        dict.First = item.kids[0]!.ref;
        dict.Last = item.kids[item.kids.length - 1]!.ref;
        // Positive: open, its children shown.
        dict.Count = item.kids.length;
        write(item.kids, item.ref);
      }
      doc.context.assign(item.ref, doc.context.obj(dict as never));
    });
  };
  write(top, outlineRef);
  const visible = top.reduce((n, item) => n + 1 + item.kids.length, 0);
  doc.context.assign(outlineRef, doc.context.obj({ Type: 'Outlines', First: top[0]!.ref, Last: top[top.length - 1]!.ref, Count: visible }));
  doc.catalog.set(PDFName.of('Outlines'), outlineRef);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}
