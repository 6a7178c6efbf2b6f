// Property-based fuzzing (fast-check, fixed seed): generated reports through every writer, each
// built with outputs that html-validate, qpdf (or pdf.js), the JSON schema and an XML parser
// accept, with no word of the PDF drawn over another (where pdftotext is installed), or refused
// with positioned errors. `npm run fuzz` runs thousands of cases; a failure it finds is shrunk
// and kept in test/fuzz/fixtures/, replayed here.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chartPng, reportCase } from './fuzz/generate.ts';
import { ddmin, formatsOf, signature } from './fuzz/shrink.ts';
import { judge } from './fuzz/validate.ts';
import { runCases } from './harness.ts';
import { root } from './helpers.ts';

const fixtures = join(root, 'test', 'fuzz', 'fixtures');

describe('fuzzing', () => {
  it('120 generated reports build with valid outputs or are refused where they are wrong', async () => {
    const kinds = { built: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(reportCase, async (c) => {
        const [outcome] = await runCases([c]);
        if (outcome!.kind !== 'failed') kinds[outcome!.kind]++;
        expect(await judge(outcome!)).toEqual({ kind: 'ok' });
      }),
      { seed: 20260412, numRuns: 120, endOnFailure: true },
    );
    // The generator must mostly make reports that build, or the writers go untested.
    expect(kinds.built).toBeGreaterThan(60);
  }, 300_000);

  const kept = readdirSync(fixtures).filter((f) => f.endsWith('.md')).sort();
  it.each(kept)('kept failure %s now builds or is refused where it is wrong', async (name) => {
    const [outcome] = await runCases([{ markdown: readFileSync(join(fixtures, name), 'utf8'), lang: name.endsWith('.ar.md') ? 'ar' : 'en', files: { 'chart.png': chartPng } }]);
    expect(await judge(outcome!)).toEqual({ kind: 'ok' });
  });
});

/** Notes opening with every kind of block, and blocks nested in lists and quotes: where a number
 * or marker hangs beside something indented (fuzz seed 20261246 found one drawn over another). */
const nested = (lang: 'en' | 'ar') => {
  const w = lang === 'ar' ? 'نص عربي طويل بما يكفي ليملأ السطر' : 'words enough to fill a line of text in the note';
  return `---
title: ${lang === 'ar' ? 'كازاخستان' : 'Kazakhstan'}
---

${w}.[^t] ${w}.[^h] ${w}.[^i] ${w}.[^k] ${w}.[^n] ${w}.[^q] ${w}.[^u] ${w}.[^x]

## Background

99999999. ${w} ${w}.
100000000. ${w}.

- > quoted in a list
  >
  > - a list in the quote
  >
  >       code in the list in the quote

1. | a | b |
   |---|---|
   | ${w} | 2 |

[^t]: | col | other |
    |---|---|
    | ${w} | 1 |
[^h]: ### A heading in a note
    ${w}.
[^i]: ![A chart](chart.png)
[^k]:     indented code in a note
[^n]: - level one
        - level two
          - level three ${w}
[^q]: > > doubly quoted ${w} ${w}
[^u]: - [ ] a task ${w}
    - [x] done
[^x]: 123456789. https://www.example.org/a/very/long/path/that/keeps/going/and/going/without/any/place/to/break/it/nicely/at/all
`;
};

describe('hand-made hard cases', () => {
  it.each(['en', 'ar'] as const)('notes opening with a table, a heading, an image, a list, a quote or a task, and blocks nested in lists and quotes, build with valid outputs (%s)', async (lang) => {
    const [outcome] = await runCases([{ markdown: nested(lang), lang, files: { 'chart.png': chartPng } }]);
    expect(outcome!.kind).toBe('built');
    expect(await judge(outcome!)).toEqual({ kind: 'ok' });
  }, 60_000);
});

describe('shrinking a fuzz failure', () => {
  it('takes a list down to the units that fail together, in few tries', async () => {
    let tries = 0;
    const units = Array.from({ length: 200 }, (_, i) => `line ${i}`);
    const fails = async (kept: string[]) => (tries++, kept.includes('line 17') && kept.includes('line 162'));
    expect(await ddmin(units, fails, Number.POSITIVE_INFINITY)).toEqual(['line 17', 'line 162']);
    // One unit at a time would take 200 tries or more; halving takes a fraction of that.
    expect(tries).toBeLessThan(120);
  });

  it('stops where it got to when time is up', async () => {
    const units = ['a', 'b', 'c', 'd'];
    expect(await ddmin(units, async () => true, performance.now() - 1)).toEqual(units);
  });

  it('keeps to the same failure: positions, numbers and quoted text aside, not another message', () => {
    const duplicate = (line: number, id: string) => ({ kind: 'invalid' as const, detail: `html ${line}:5 no-dup-id: Duplicate ID "${id}"\nhtml 9:1 other` });
    expect(signature(duplicate(12, 'notes'))).toBe(signature(duplicate(3, 'fn-1')));
    expect(signature(duplicate(12, 'notes'))).not.toBe(signature({ kind: 'invalid', detail: 'html 12:5 element-required-content: <ul> element requires a <li>' }));
    expect(signature({ kind: 'crash', detail: 'internal error: x' })).not.toBe(signature({ kind: 'unpositioned', detail: 'internal error: x' }));
    expect(formatsOf(duplicate(1, 'x'))).toEqual(['html']);
    expect(formatsOf({ kind: 'invalid', detail: 'pdf: qpdf --check: damaged' })).toEqual(['pdf']);
    expect(formatsOf({ kind: 'crash', detail: 'internal error: x' })).toBeUndefined();
  });
});
