// The document's metadata: title (shown in the window's title bar), author, subject, keywords,
// language and dates (the build's fixed date, so bytes do not change from run to run).
import type { PDFDocument } from 'pdf-lib';
import type { Report } from '../../model/types.ts';
import type { WriterContext } from '../types.ts';

export function setMetadata(doc: PDFDocument, report: Report, ctx: WriterContext): void {
  const { labels } = ctx;
  doc.setTitle(report.meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(labels.publisher);
  doc.setCreator(labels.publisher);
  doc.setProducer('Folio');
  doc.setSubject(report.summaryText);
  doc.setKeywords([report.meta.country, report.meta.region, String(report.meta.year), report.meta.type]);
  doc.setLanguage(report.lang);
  doc.setCreationDate(ctx.date);
  doc.setModificationDate(ctx.date);
}
