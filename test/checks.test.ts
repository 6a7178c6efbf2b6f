// Each fixture under test/fixtures/<case>/ is an edition (en.md, optionally its own report.yaml)
// and the problems Folio must report: `file:line:column severity rule-id`, one per line.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../src/pipeline/check.ts';
import { root, tempProject, templatesDir } from './helpers.ts';

const fixtures = join(root, 'test', 'fixtures');
const cases = readdirSync(fixtures, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);

function runFixture(name: string) {
  const dir = join(fixtures, name);
  const plan = existsSync(join(dir, 'report.yaml')) ? join(dir, 'report.yaml') : join(fixtures, 'report.yaml');
  const source = tempProject({ 'en.md': readFileSync(join(dir, 'en.md'), 'utf8') }, readFileSync(plan, 'utf8'));
  return check({ sourceDir: source, templatesDir });
}

describe('checks', () => {
  it.each(cases)('%s', (name) => {
    const expected = readFileSync(join(fixtures, name, 'expected.txt'), 'utf8').split('\n').filter(Boolean);
    const result = runFixture(name);
    const actual = result.diagnostics.map((d) => `${d.file.split('/').at(-1)}:${d.line}:${d.column} ${d.severity} ${d.ruleId}`);
    expect(actual).toEqual(expected);
    expect(result.exitCode).toBe(expected.some((line) => line.includes(' error ')) ? 1 : 0);
  });

  it('explains a misspelt heading with a did-you-mean', () => {
    const [unplanned] = runFixture('unplanned-section').diagnostics;
    expect(unplanned.message).toBe('Unexpected section "deth-penalty", not planned in report.yaml');
    expect(unplanned.hint).toBe('did you mean "## Death penalty"?');
  });

  it('names the missing section and where it belongs', () => {
    const [missing] = runFixture('missing-middle-section').diagnostics;
    expect(missing.message).toBe('Section "freedom-of-assembly" planned in report.yaml is missing');
    expect(missing.hint).toContain('before "## Death penalty"');
  });

  it('gives every message a hint a user can act on', () => {
    for (const name of cases) {
      for (const d of runFixture(name).diagnostics) {
        expect(d.message.length, `${name}: ${d.message}`).toBeGreaterThan(15);
        expect(d.hint, `${name}: ${d.message} has no hint`).toMatch(/\w{3}/);
        expect(d.ruleId).toMatch(/^(report|translation|font):[a-z-]+$/);
      }
    }
  });
});
