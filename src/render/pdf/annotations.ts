// Link annotations: each link area of a placed line, to a URI or to a named place in the file, each
// an object of its Link structure element (its description, /Contents, is written with the tree).
import { PDFHexString, type PDFArray, type PDFDocument, type PDFPage, type PDFRef } from './pdf-lib.ts';
import { asciiUrl, isSafeUrl } from '../../shared/url.ts';
import { fmtNum } from './operators.ts';
import type { Tagger } from './tags.ts';
import type { Page, PdfLayout } from './types.ts';

/** An explicit destination: the page and the top of the view at an anchor. */
export function destination(doc: PDFDocument, layout: PdfLayout, pages: PDFPage[], height: number, id: string): PDFArray | undefined {
  const anchor = layout.anchors[id];
  if (!anchor) return undefined;
  return doc.context.obj([pages[anchor.page - 1]!.ref, 'XYZ', null, fmtNum(height - anchor.y), null]);
}

export function linkAnnotations(doc: PDFDocument, page: Page, layout: PdfLayout, pages: PDFPage[], height: number, tagger: Tagger): PDFRef[] {
  const annots: PDFRef[] = [];
  for (const line of page.lines) {
    // A repeated table header is an artifact: its links are where the row is first placed.
    if (line.repeated) continue;
    for (const link of line.box.links) {
      const rect = [line.x + link.x, height - (line.y + link.descent), line.x + link.x + link.width, height - (line.y - link.ascent)].map(fmtNum);
      const annot: Record<string, unknown> = { Type: 'Annot', Subtype: 'Link', Rect: rect, Border: [0, 0, 0], F: 4 };
      if ('uri' in link.target) {
        if (!isSafeUrl(link.target.uri)) continue;
        // PDFString.of writes its text unescaped: a parenthesis or backslash in a URL would end or
        // change the string. A hex string of the URL in ASCII (as the URI action requires) cannot.
        annot.A = { Type: 'Action', S: 'URI', URI: PDFHexString.of(Buffer.from(asciiUrl(link.target.uri), 'latin1').toString('hex')) };
      } else {
        const d = destination(doc, layout, pages, height, link.target.dest);
        if (!d) continue;
        annot.Dest = d;
      }
      const ref = doc.context.nextRef();
      annot.StructParent = tagger.annotation(link, tagger.elemOf(line.box.struct, line), ref).key;
      doc.context.assign(ref, doc.context.obj(annot as never));
      annots.push(ref);
    }
  }
  return annots;
}
