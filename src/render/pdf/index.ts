// The PDF writer: lay out first (pages, lines, notes as data), then serialize with pdf-lib.
import type { Report } from '../../model/types.ts';
import { ContentError } from '../../shared/errors.ts';
import { allMissingGlyphs } from './coverage.ts';
import type { Found, Rendered, Writer, WriterContext } from '../types.ts';
import { harfbuzzReady } from './fonts.ts';
import { layoutReport } from './layout.ts';
import { inspectPdf } from './inspect.ts';
import { serialize } from './serialize.ts';
import type { PdfLayout } from './types.ts';

export type { PdfLayout } from './types.ts';
export { layoutReport } from './layout.ts';
export { inspectPdf } from './inspect.ts';

/** Renders one edition as PDF bytes with the layout they were made from. */
export async function renderPdf(report: Report, ctx: WriterContext): Promise<{ data: Uint8Array; layout: PdfLayout }> {
  await harfbuzzReady();
  let layout: PdfLayout;
  try {
    layout = layoutReport(report, ctx);
  } catch (error) {
    // Setting stops at the first character no face can draw: the edition is refused with every
    // such character of its text, so that one build lists all there are to fix (coverage.ts).
    if (error instanceof ContentError && error.ruleId === 'font:missing-glyph') throw allMissingGlyphs(error, report, ctx.theme);
    throw error;
  }
  const data = await serialize(layout, report, ctx);
  return { data, layout };
}

export const pdfWriter: Writer<PdfLayout> = {
  format: 'pdf',
  render: renderPdf,
  /** Reads the file's bytes, not the layout: what a reader of the file gets is what counts. */
  inspect(rendered: Rendered<PdfLayout>, report: Report): Promise<Found> {
    const data = typeof rendered.data === 'string' ? new TextEncoder().encode(rendered.data) : rendered.data;
    return inspectPdf(data, report);
  },
};
