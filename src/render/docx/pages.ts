// The page each section's heading starts on, estimated by counting lines, for the cached text of
// the contents' PAGEREF fields. It is only what a reader shows before fields are updated: Word
// replaces it on opening (the settings ask it to), LibreOffice recomputes it on loading. A real
// layout (docx/layout) would be closer but costs ~350 ms for one report, against ~1 ms for this.
import { inlineText } from '../../model/text.ts';
import type { Block, Inline, Report } from '../../model/types.ts';
import { firstReferences } from '../../model/walk.ts';
import type { Part, WriterContext } from '../types.ts';
import { columnWidth } from '../../templates/types.ts';
import { CELL_MARGINS, tableParts } from './blocks.ts';
import { twips } from './units.ts';

/** Ems per character of a line's text. Noto Serif prose averages ~0.49 em a character, but this
 * count also overestimates spacing and wrap slack: 0.42-0.44 gives the pages LibreOffice sets for
 * Kazakhstan 2022 (checked by test/docx.test.ts where soffice is installed). */
const averageAdvance = 0.43;

interface Flow {
  page: number;
  /** Points used on the current page, notes included. */
  used: number;
  /** Whether the current page has notes yet (the first adds the separator rule and gap). */
  notes: boolean;
}

export function estimateSectionPages(report: Report, ctx: WriterContext): Map<string, number> {
  const { theme, labels } = ctx;
  const { page, sizes, spacing } = theme;
  const textWidth = columnWidth(page);
  const pageHeight = page.height - page.margin.top - page.margin.bottom;
  const flow: Flow = { page: 1, used: 0, notes: false };
  const noteHeights = new Map<number, number>();
  const seen = new Set<number>();
  const pages = new Map<string, number>();

  const lines = (text: string, size: number, width = textWidth) =>
    Math.max(1, Math.ceil((text.length * size * averageAdvance) / Math.max(width, size * 10)));
  const newPage = () => {
    flow.page += 1;
    flow.used = 0;
    flow.notes = false;
  };
  /** Lines of text, split over pages as Word does (the style keeps the first `keep` together). */
  const text = (count: number, leading: number, before: number, after: number, keep = 1) => {
    if (flow.used > 0 && flow.used + before + leading * keep > pageHeight) newPage();
    flow.used += flow.used > 0 ? before : 0;
    for (let i = 0; i < count; i++) {
      if (flow.used + leading > pageHeight) newPage();
      flow.used += leading;
    }
    flow.used += after;
  };
  /** A heading keeps with the first two lines of what follows it (keepNext, widow control). */
  const keepWithNext = (height: number) => {
    if (flow.used > 0 && flow.used + height + sizes.leading * 2 > pageHeight) newPage();
  };
  const notes = (nodes: readonly (Block | Inline)[]) => {
    for (const number of firstReferences(nodes, seen)) {
      if (!flow.notes) flow.used += spacing.footnoteGap + sizes.footnoteLeading / 2;
      flow.notes = true;
      flow.used += noteHeights.get(number) ?? 0;
    }
  };
  for (const note of report.footnotes) {
    noteHeights.set(note.number, lines(note.text, sizes.footnote) * sizes.footnoteLeading);
  }

  const paragraph = (nodes: readonly (Block | Inline)[], size = sizes.body, indent = 0) => {
    notes(nodes);
    text(lines(inlineText(nodes), size, textWidth - indent), Math.max(sizes.leading, size * 1.35), 0, spacing.paragraph, 2);
  };
  const block = (node: Block, indent: number): void => {
    switch (node.type) {
      case 'heading': {
        const size = node.depth <= 3 ? sizes.h3 : sizes.body;
        keepWithNext(spacing.headingBefore * 0.75 + size * 1.25 + spacing.headingAfter);
        text(lines(inlineText(node.children), size), size * 1.25, spacing.headingBefore * 0.75, spacing.headingAfter);
        return;
      }
      case 'list':
        for (const item of node.children) for (const child of item.children) block(child as Block, indent + spacing.listIndent);
        return;
      case 'blockquote':
        for (const child of node.children) block(child as Block, indent + spacing.blockquoteIndent);
        return;
      case 'code':
        text(node.value.split('\n').length, sizes.leading, 0, spacing.paragraph);
        return;
      case 'table': {
        // The parts and widths the table is written with (blocks.ts), less Word's cell margins.
        for (const part of tableParts(node, theme, twips(textWidth - indent))) {
          const widths = part.widths.map((w) => (w - CELL_MARGINS) / 20);
          for (const row of part.node.children) {
            for (const cell of row.children) notes(cell.children);
            const tallest = Math.max(1, ...row.children.map((cell, c) => lines(inlineText(cell.children), part.size, widths[c] ?? textWidth)));
            text(tallest, sizes.leading, 0, sizes.leading * 0.3);
          }
          flow.used += spacing.paragraph;
        }
        return;
      }
      case 'paragraph':
        paragraph(node.children, sizes.body, indent);
        return;
      default:
        text(1, sizes.leading, 0, spacing.paragraph);
    }
  };

  const build: Record<Part, () => void> = {
    disclaimer: () => text(lines(labels.disclaimer, sizes.small), sizes.small * 1.35, 0, spacing.paragraph),
    'back-link': () => text(1, sizes.small * 1.35, 0, spacing.paragraph),
    title: () => {
      text(lines(report.meta.title, sizes.title), sizes.title * 1.2, spacing.headingBefore, spacing.titleAfter / 2);
      text(1, sizes.leading, 0, spacing.titleAfter);
    },
    summary: () => report.summary.forEach((node) => block(node, 0)),
    contents: () => {
      text(1, sizes.h2 * 1.25, spacing.headingBefore, spacing.headingAfter);
      text(report.sections.length, Math.max(sizes.contents * 1.35, sizes.leading), 0, 0);
      flow.used += (report.sections.length * spacing.paragraph) / 2;
    },
    sections: () => {
      for (const section of report.sections) {
        const height = sizes.h2 * 1.25;
        keepWithNext(spacing.headingBefore + height + spacing.headingAfter);
        pages.set(section.id, flow.page);
        text(lines(section.titleText, sizes.h2), height, spacing.headingBefore, spacing.headingAfter);
        section.blocks.forEach((node) => block(node, 0));
      }
    },
    notes: () => undefined,
  };
  for (const part of ctx.parts) build[part]();
  return pages;
}
