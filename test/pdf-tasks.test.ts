// A task list in print: the body fonts draw no ballot box, so each task's box is drawn as lines,
// with a tick when the task is done, next to the item's text on the side the text starts from;
// the marker's text as written ("[x]", "[ ]") lies under it, invisible, for extraction.
import { describe, expect, it } from 'vitest';
import { layoutReport } from '../src/render/pdf/layout.ts';
import type { PlacedLine } from '../src/render/pdf/types.ts';
import { planYaml, reportFrom, writerContext } from './helpers.ts';

function itemLines(lang: 'en' | 'ar', list: string): PlacedLine[] {
  const heading = lang === 'ar' ? '## خلفية {#background}' : '## Background';
  const report = reportFrom(`---\ntitle: Tasks\n---\n\nSummary.\n\n${heading}\n\n${list}\n`, { lang, reportYaml: planYaml(['background'], lang) });
  const layout = layoutReport(report, writerContext(report));
  return layout.pages.flatMap((p) => p.lines).filter((l) => l.kind === 'body' && l.box.runs.some((r) => r.struct?.role === 'Lbl'));
}

/** The drawn box of an item's first line: its edges (in the line's coordinates) and how many
 * strokes are drawn inside it (the tick's). */
function box(line: PlacedLine) {
  const rules = line.box.rules ?? [];
  const verticals = rules.filter((r) => r.x1 === r.x2).map((r) => r.x1).sort((a, b) => a - b);
  const horizontals = rules.filter((r) => r.y1 === r.y2).map((r) => r.y1).sort((a, b) => a - b);
  const slanted = rules.filter((r) => r.x1 !== r.x2 && r.y1 !== r.y2);
  return { left: verticals[0]!, right: verticals[1]!, top: horizontals[0]!, bottom: horizontals[1]!, sides: verticals.length + horizontals.length, ticks: slanted.length };
}

/** Where the item's own text starts and ends on the line. */
function textSpan(line: PlacedLine) {
  const runs = line.box.runs.filter((r) => r.struct?.role !== 'Lbl');
  const ends = runs.map((r) => r.x + r.glyphs.reduce((w, g) => w + g.advance, 0));
  return { start: Math.min(...runs.map((r) => r.x)), end: Math.max(...ends) };
}

describe('a task list in print', () => {
  it('draws a box for each task, ticked when done, a capital high on the baseline, just before the text', () => {
    const [done, open, plain] = itemLines('en', '- [x] A task done\n- [ ] A task to do\n- An item');
    const size = done!.box.runs[0]!.size;
    for (const line of [done!, open!]) {
      const b = box(line);
      expect(b.sides).toBe(4);
      expect(b.right - b.left).toBeCloseTo(size * 0.68, 5);
      expect(b.bottom - b.top).toBeCloseTo(size * 0.68, 5);
      expect(b.bottom).toBe(0);
      // The same gap as a bullet's, to the item's text.
      expect(textSpan(line).start - b.right).toBeCloseTo(4, 5);
    }
    expect(box(done!).ticks).toBe(2);
    expect(box(open!).ticks).toBe(0);
    expect(plain!.box.rules ?? []).toEqual([]);
    // The marker's text is there, invisible; a bullet is seen.
    expect(done!.box.runs.filter((r) => r.struct?.role === 'Lbl').map((r) => [r.glyphs.map((g) => g.text).join(''), r.invisible])).toEqual([['[x]', true]]);
    expect(plain!.box.runs.filter((r) => r.struct?.role === 'Lbl').every((r) => !r.invisible)).toBe(true);
  });

  it('puts the box to the right of right-to-left text, the same gap away', () => {
    const [done, open] = itemLines('ar', '- [x] مهمة منجزة\n- [ ] مهمة مفتوحة');
    for (const line of [done!, open!]) {
      const b = box(line);
      expect(b.left - textSpan(line).end).toBeCloseTo(4, 5);
    }
    expect(box(done!).ticks).toBe(2);
    expect(box(open!).ticks).toBe(0);
  });
});
