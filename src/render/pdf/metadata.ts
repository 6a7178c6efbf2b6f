// The document's metadata: title (shown in the window's title bar), author, subject, keywords,
// language and dates (the build's fixed date, so bytes do not change from run to run), in the Info
// dictionary and, the same, as XMP with the PDF/UA-1 identification.
import { PDFName, type PDFDocument } from './pdf-lib.ts';
import type { Report } from '../../model/types.ts';
import type { WriterContext } from '../types.ts';

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The XMP packet: Dublin Core title, creator, description, language; the dates; the producer;
 * pdfuaid:part 1, which says the file claims PDF/UA-1. */
function xmp(report: Report, ctx: WriterContext, keywords: string): string {
  const date = ctx.date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const alt = (text: string): string => `<rdf:Alt><rdf:li xml:lang="x-default">${xml(text)}</rdf:li></rdf:Alt>`;
  return [
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about=""',
    ' xmlns:dc="http://purl.org/dc/elements/1.1/"',
    ' xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
    ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/"',
    ' xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">',
    `<dc:title>${alt(report.meta.title)}</dc:title>`,
    `<dc:creator><rdf:Seq><rdf:li>${xml(ctx.labels.publisher)}</rdf:li></rdf:Seq></dc:creator>`,
    `<dc:description>${alt(report.summaryText)}</dc:description>`,
    `<dc:language><rdf:Bag><rdf:li>${xml(report.lang)}</rdf:li></rdf:Bag></dc:language>`,
    '<dc:format>application/pdf</dc:format>',
    `<xmp:CreateDate>${date}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${date}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${date}</xmp:MetadataDate>`,
    `<xmp:CreatorTool>${xml(ctx.labels.publisher)}</xmp:CreatorTool>`,
    '<pdf:Producer>Folio</pdf:Producer>',
    `<pdf:Keywords>${xml(keywords)}</pdf:Keywords>`,
    '<pdfuaid:part>1</pdfuaid:part>',
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}

export function setMetadata(doc: PDFDocument, report: Report, ctx: WriterContext): void {
  const { labels } = ctx;
  const keywords = [report.meta.country, report.meta.region, String(report.meta.year), report.meta.type];
  doc.setTitle(report.meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(labels.publisher);
  doc.setCreator(labels.publisher);
  doc.setProducer('Folio');
  doc.setSubject(report.summaryText);
  doc.setKeywords(keywords);
  doc.setLanguage(report.lang);
  doc.setCreationDate(ctx.date);
  doc.setModificationDate(ctx.date);
  // Uncompressed, as XMP is meant to be found by tools that scan a file for the packet.
  const packet = Buffer.from(xmp(report, ctx, keywords.join(' ')), 'utf8');
  const stream = doc.context.stream(new Uint8Array(packet), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream));
}
