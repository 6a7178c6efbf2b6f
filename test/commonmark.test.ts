// Every example of the CommonMark specification (npm commonmark-spec), each inside a copy of the
// seed, through every writer: each builds and passes the output audit, or is refused with
// positioned errors. Nothing crashes, nothing is published incomplete.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { runCases, seedWith, unpositioned, type Outcome } from './harness.ts';

interface Example {
  markdown: string;
  section: string;
  number: number;
}

const examples = (createRequire(import.meta.url)('commonmark-spec') as { tests: Example[] }).tests;

describe('the CommonMark specification through every writer', () => {
  let outcomes: Outcome[];

  it(`has all ${examples.length} examples`, () => {
    expect(examples.length).toBe(652);
  });

  it('builds or refuses each example with a positioned error, never fails', async () => {
    outcomes = await runCases(examples.map((e) => ({ markdown: seedWith(e.markdown) })));
    const failures = outcomes.flatMap((o, i) => (o.kind === 'failed' ? [`example ${examples[i]!.number} (${examples[i]!.section}): ${o.message}`] : []));
    expect(failures).toEqual([]);
    const unplaced = outcomes.flatMap((o, i) => (o.kind === 'refused' && (o.errors.length === 0 || unpositioned(o.errors).length > 0) ? [examples[i]!.number] : []));
    expect(unplaced).toEqual([]);
  }, 300_000);

  it('builds most of them: only what Folio refuses by design is refused', () => {
    // Raw HTML, level-1 headings, new level-2 sections outside the plan, and links to files are
    // refused by the checks; everything else is published in all four formats.
    const refusedBy = new Map<string, number>();
    for (const o of outcomes) if (o.kind === 'refused') for (const rule of new Set(o.errors.map((d) => d.ruleId))) refusedBy.set(rule, (refusedBy.get(rule) ?? 0) + 1);
    const built = outcomes.filter((o) => o.kind === 'built').length;
    console.log(`CommonMark examples: ${built} built, ${outcomes.length - built} refused (${[...refusedBy].map(([r, n]) => `${r} ${n}`).join(', ')})`);
    expect(built).toBeGreaterThan(400);
    expect([...refusedBy.keys()].sort()).toEqual(expect.arrayContaining(['report:unsupported-node']));
    for (const rule of refusedBy.keys()) {
      expect(['report:unsupported-node', 'report:unplanned-section', 'report:link-target', 'report:empty-section', 'report:section-order',
        'report:duplicate-section', 'report:required-sections', 'report:frontmatter', 'report:footnote-undefined', 'report:footnote-unused',
        'font:missing-glyph']).toContain(rule);
    }
  });
});
