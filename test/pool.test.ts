// Where --jobs renders editions (src/pipeline/pool.ts): a worker is sent its next editions ahead,
// the build's own thread renders only once every worker holds its share, and what a worker
// renders comes back byte for byte what this thread makes of the same edition.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { inlineRenderer, poolRenderer } from '../src/pipeline/pool.ts';
import type { EditionTask } from '../src/pipeline/render-edition.ts';
import { peekFrontMatter } from '../src/pipeline/editions.ts';
import type { Report } from '../src/model/types.ts';
import { movable } from '../src/pipeline/worker.ts';
import { fixedDate, loadReports, reportFrom, sourceDir, templatesDir } from './helpers.ts';

const task = (report: Report): EditionTask => ({ report, templatesDir, sourceDir, date: fixedDate.getTime(), formats: ['html', 'pdf', 'docx', 'json'] });
// First, so that a worker renders it: a title with a character no font draws.
const faulty = reportFrom(readFileSync(join(sourceDir, 'kazakhstan-2022', 'en.md'), 'utf8').replace('title: Kazakhstan 2022', 'title: Kazakhstan 2022 \u{1F600}'));
const tasks = [faulty, ...loadReports()].map(task);

describe('the pool of --jobs 2', () => {
  it('fills the worker first, renders here only when it is fed, and gives what one thread gives', async () => {
    expect(tasks.length).toBe(7);
    const pool = await poolRenderer(2);
    try {
      // Handed over without a turn of the event loop in between, as the build does within a turn:
      // no result can have come back, so the worker holds its three and this thread takes the rest.
      const outcomes = await Promise.all(tasks.map((task) => pool.render(task)));
      expect(pool.rendered).toEqual({ workers: 3, here: 4 });
      // The worker's failure keeps its position in the source.
      expect(outcomes[0]).toMatchObject({ ok: false, diagnostics: [{ ruleId: 'font:missing-glyph', line: 2, column: 24, file: faulty.sourcePath }] });
      expect(outcomes.slice(1).every((o) => o.ok)).toBe(true);
      const alone = inlineRenderer();
      for (const [i, t] of tasks.entries()) expect(outcomes[i], t.report.lang).toEqual(await alone.render(t));
      // The last editions of a build: the worker takes no more than this thread has left, so
      // neither waits for the other at the end.
      const last = tasks.slice(3);
      await Promise.all(last.map((t, i) => pool.render(t, last.length - i)));
      expect(pool.rendered).toEqual({ workers: 3 + 2, here: 4 + 2 });
    } finally {
      await pool.close();
    }
  }, 120_000);

  it('moves an output that fills its buffer, and copies a slice or a string', () => {
    const whole = new Uint8Array([1, 2, 3]);
    const slice = new Uint8Array(new ArrayBuffer(8), 2, 3);
    const pooled = Buffer.from('a small Buffer shares its memory with others');
    expect(movable(['<html>', whole, slice, pooled, whole])).toEqual([whole.buffer]);
    expect(movable([new Uint8Array(new SharedArrayBuffer(4))])).toEqual([]);
  });
});

describe('flat memory', () => {
  it('keeps an edition’s front matter without keeping its whole text', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const filler = `${'Text of the edition, long enough to matter. '.repeat(24_000)}\n`;
    gc();
    const before = process.memoryUsage().heapUsed;
    // Twenty texts of ~1 MB each, built anew (not one shared string), of which only the front
    // matter is kept, as the build keeps it for the manifest and the sibling lists.
    const kept = Array.from({ length: 20 }, (_, i) => peekFrontMatter(`---\ntitle: Report number ${i} of the collection\nsource-hash: ${'a'.repeat(64)}\n---\n\n${filler}${i}`));
    gc();
    expect(kept[7]).toEqual({ title: 'Report number 7 of the collection', sourceHash: 'a'.repeat(64) });
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(4 * 1024 * 1024);
  });
});
