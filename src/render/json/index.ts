// The data edition: the model as JSON, valid against report.schema.json (published beside the
// reports as dist/report.schema.json).
import type { Report } from '../../model/types.ts';
import type { Found, Rendered, Writer, WriterContext } from '../types.ts';
import { htmlOptions, toHtml } from '../fragment/html.ts';

import schema from './report.schema.json' with { type: 'json' };

export const schemaName = 'report.schema.json';

/** A fresh copy of report.schema.json. */
export function readSchema(): Record<string, unknown> {
  return structuredClone(schema) as Record<string, unknown>;
}

export function reportData(report: Report, ctx: WriterContext): Record<string, unknown> {
  const options = htmlOptions(ctx.labels, ctx.sourceDir, report);
  return {
    $schema: `../${schemaName}`,
    folio: 1,
    slug: report.meta.slug,
    lang: report.lang,
    dir: report.dir,
    original: report.isOriginal,
    translationOf: report.isOriginal ? null : report.meta.original,
    state: report.editions.find((e) => e.lang === report.lang)?.state ?? 'current',
    title: report.meta.title,
    metadata: {
      type: report.meta.type,
      country: report.meta.country,
      year: report.meta.year,
      region: report.meta.region,
      originalLanguage: report.meta.original,
      publisher: ctx.labels.publisher,
    },
    generated: ctx.date.toISOString(),
    contentHash: `sha256:${report.contentHash}`,
    ...(report.sourceHash ? { sourceHash: `sha256:${report.sourceHash}` } : {}),
    summary: { html: toHtml(report.summary, options), text: report.summaryText },
    sections: report.sections.map((s) => ({ id: s.id, title: s.titleText, html: toHtml(s.blocks, options), text: s.text })),
    footnotes: report.footnotes.map((n) => ({
      id: n.id,
      number: n.number,
      label: n.identifier,
      html: toHtml(n.blocks, options),
      text: n.text,
      references: n.references.map((r) => ({ id: r.refId, section: r.sectionId })),
    })),
    editions: report.editions.map((e) => ({
      lang: e.lang,
      languageName: ctx.languageNames[e.lang] ?? e.lang,
      dir: e.dir,
      title: e.title,
      original: e.isOriginal,
      state: e.state,
      files: Object.fromEntries(ctx.formats.map((f) => [f, ctx.fileName(e.lang, f)])),
    })),
  };
}

export function inspectJson(json: string): Found {
  const data = JSON.parse(json) as { sections: { id: string }[]; footnotes: { id: string; text: string }[] };
  return {
    sections: data.sections.map((s) => s.id),
    notes: data.footnotes.map((n) => n.id),
    noteText: Object.fromEntries(data.footnotes.map((n) => [n.id, n.text])),
  };
}

export const jsonWriter: Writer = {
  format: 'json',
  async render(report, ctx): Promise<Rendered> {
    return { data: `${JSON.stringify(reportData(report, ctx), null, 2)}\n` };
  },
  inspect(rendered: Rendered) {
    return inspectJson(String(rendered.data));
  },
};
