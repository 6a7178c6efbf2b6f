// Property-based fuzzing (fast-check, fixed seed): generated reports through every writer, each
// built with outputs that html-validate, qpdf (or pdf.js), the JSON schema and an XML parser
// accept, or refused with positioned errors. `npm run fuzz` runs thousands of cases; a failure it
// finds is shrunk and kept in test/fuzz/fixtures/, replayed here.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chartPng, reportCase } from './fuzz/generate.ts';
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
    const [outcome] = await runCases([{ markdown: readFileSync(join(fixtures, name), 'utf8'), files: { 'chart.png': chartPng } }]);
    expect(await judge(outcome!)).toEqual({ kind: 'ok' });
  });
});
