// The PDF writer: lay out first (pages, lines, notes as data), then serialize with pdf-lib.
import type { Report } from '../../model/types.ts';
import type { Found, Rendered, Writer, WriterContext } from '../types.ts';
import { layoutReport } from './layout.ts';
import { serialize } from './serialize.ts';
import type { PdfLayout } from './types.ts';

export type { PdfLayout } from './types.ts';
export { layoutReport } from './layout.ts';

/** Renders one edition as PDF bytes with the layout they were made from. */
export async function renderPdf(report: Report, ctx: WriterContext): Promise<{ data: Uint8Array; layout: PdfLayout }> {
  const layout = layoutReport(report, ctx);
  const data = await serialize(layout, report, ctx);
  return { data, layout };
}

/** Sections that have a bookmark and a placed heading; notes with a line on some page. */
export function inspectLayout(layout: PdfLayout): Found {
  const sections = layout.outline.filter((entry) => layout.anchors[entry.id]).map((entry) => entry.id);
  const notes: string[] = [];
  for (const page of layout.pages) for (const id of page.notes) if (!notes.includes(id)) notes.push(id);
  return { sections, notes };
}

export const pdfWriter: Writer<PdfLayout> = {
  format: 'pdf',
  render: renderPdf,
  inspect(rendered: Rendered<PdfLayout>): Found {
    return rendered.layout ? inspectLayout(rendered.layout) : { sections: [], notes: [] };
  },
};
