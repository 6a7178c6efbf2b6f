// Progress of a build as a reader sees it: one rewritten line on a terminal, a plain line at each
// tenth in a log, and a last line that says what was built, skipped, removed and failed.
import { describe, expect, it } from 'vitest';
import type { BuildResult } from '../src/pipeline/build.ts';
import { buildSummary, now, progress } from '../src/cli/progress.ts';

function run(terminal: boolean, total: number): string {
  let text = '';
  const shown = progress({ write: (t) => (text += t) }, terminal, now());
  shown.onProgress({ kind: 'plan', toBuild: total, upToDate: 3 });
  for (let i = 1; i <= total; i++) {
    shown.onProgress({ kind: 'start', edition: `report-${i}/en` });
    shown.onProgress({ kind: 'done', edition: `report-${i}/en`, ok: true, done: i, total });
  }
  shown.clear();
  return text;
}

const result = (over: Partial<BuildResult>): BuildResult => ({
  diagnostics: [], built: [], skipped: [], removed: [], drafts: [], failed: [], written: [], unchanged: [], internal: [], interrupted: false, exitCode: 0, ...over,
});

describe('progress', () => {
  it('rewrites one line on a terminal: done/total, the edition, the time so far', () => {
    const text = run(true, 3);
    expect(text.split('\r\u001b[2K').filter(Boolean).map((l) => l.replace(/ · \d+ ms$/, ''))).toEqual(['[1/3] report-1/en', '[2/3] report-2/en', '[3/3] report-3/en']);
    expect(text.endsWith('\r\u001b[2K')).toBe(true);
    expect(text).not.toContain('\n');
  });

  it('writes a plain line at each tenth in a log, never a control character', () => {
    const lines = run(false, 200).trim().split('\n');
    expect(lines[0]).toBe('Rendering 200 editions (3 up to date)');
    expect(lines.slice(1).map((l) => l.replace(/, [\d.]+ m?s$/, ''))).toEqual(Array.from({ length: 10 }, (_, i) => `${(i + 1) * 20}/200 editions done`));
    expect(lines.join('')).not.toMatch(/[\r\u001b]/);
  });

  it('sums a build up: built, up to date, removed, failed, files, time', () => {
    expect(buildSummary(result({ built: ['a/en', 'a/fr'], skipped: ['b/en'], removed: ['c/en'], failed: ['d/ar'], written: ['x', 'y', 'z'], unchanged: ['w'] }), 1530))
      .toBe('Editions: built 2, 1 up to date, 1 removed, 1 failed (3 files written, 1 unchanged) in 1.5 s');
    expect(buildSummary(result({ skipped: ['a/en', 'b/en'] }), 80)).toBe('Nothing to do: 2 editions up to date, nothing written in 80 ms');
    expect(buildSummary(result({ built: ['a/en'], skipped: ['b/en'], interrupted: true, written: ['x'] }))).toBe('Interrupted: built 1, 1 up to date (1 file written, 0 unchanged)');
  });
});
