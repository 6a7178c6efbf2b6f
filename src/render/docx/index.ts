// The DOCX writer: an editable Word edition built with the docx library on styles from the
// theme, with real footnotes, a contents field, bookmarks and hyperlinks.
import type { Report } from '../../model/types.ts';
import type { Rendered, Writer, WriterContext } from '../types.ts';
import { buildDocument } from './document.ts';
import { inspectDocx } from './inspect.ts';
import { documentParts, finishPackage } from './package.ts';

/** The DOCX bytes of one edition (also what the benchmark times). */
export async function renderDocx(report: Report, ctx: WriterContext): Promise<Uint8Array> {
  const parts = await documentParts(buildDocument(report, ctx));
  return finishPackage(parts, { lang: report.lang, rtl: report.dir === 'rtl', date: ctx.date });
}

export const docxWriter: Writer = {
  format: 'docx',
  async render(report: Report, ctx: WriterContext): Promise<Rendered> {
    return { data: await renderDocx(report, ctx) };
  },
  inspect(rendered: Rendered, report: Report) {
    return inspectDocx(rendered.data, report);
  },
};
