// Each fixture under test/fixtures/<case>/ is an edition (en.md, optionally its own report.yaml)
// and the problems Folio must report: `file:line:column severity rule-id`, one per line.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../src/pipeline/check.ts';
import { readPlan } from '../src/checks/report-plan.ts';
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

  it('names the note a misspelt note reference means, when nothing cites it', () => {
    const [undefinedRef, unused] = runFixture('footnote-misspelt').diagnostics;
    expect(undefinedRef!.message).toBe('Footnote "[^protests]" is referenced but never defined');
    expect(undefinedRef!.hint).toBe('did you mean "[^protest]", which is defined and cited nowhere?');
    expect(unused!.message).toBe('Footnote "[^protest]" is defined but never referenced');
    // With nothing close, the hint says how to define it.
    expect(runFixture('footnote-undefined').diagnostics[0]!.hint).toBe('add a definition "[^2]: …" at the end of the file');
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

describe('the original named in report.yaml', () => {
  const planWith = (original: string) => `type: country-report\ncountry: Kazakhstan\nyear: 2022\nregion: Europe and Central Asia\noriginal: ${original}\nsections: [background, freedom-of-assembly, death-penalty]\n`;
  const edition = readFileSync(join(fixtures, 'valid', 'en.md'), 'utf8');
  const said = (original: string) => check({ sourceDir: tempProject({ 'en.md': edition }, planWith(original)), templatesDir }).diagnostics
    .filter((d) => d.ruleId === 'report:plan').map((d) => `${d.file.split('/').at(-1)}:${d.line}:${d.column} ${d.message} (${d.hint})`);

  it('is reported at its value when no edition has it, with the edition it stands for', () => {
    expect(said('eng')).toEqual(['report.yaml:5:11 Original edition "eng.md" named in report.yaml not found (did you mean "original: en", the edition en.md?)']);
    expect(said('"en-GB"')).toEqual(['report.yaml:5:12 Original edition "en-GB.md" named in report.yaml not found (did you mean "original: en", the edition en.md?)']);
    // Another language is not a misspelling: its edition is to be added.
    expect(said('fr')).toEqual(['report.yaml:5:11 Original edition "fr.md" named in report.yaml not found (add demo/fr.md)']);
    expect(said('en')).toEqual([]);
  });
});

describe('report.yaml against its schema', () => {
  const plan = (text: string) => readPlan('report.yaml', text, (type) => (type === 'country-report' ? { name: type, parts: [], required: [], vocabulary: {} } : undefined));
  const good = 'type: country-report\ncountry: Kazakhstan\nyear: 2022\nregion: Europe and Central Asia\noriginal: en\nsections: [background, death-penalty]\n';

  it('passes a plan with every field', () => {
    expect(plan(good)).toMatchObject({ diagnostics: [], plan: { country: 'Kazakhstan', year: 2022, sections: ['background', 'death-penalty'] } });
    expect(plan(`${good}date: 2023-03-27\n`).diagnostics).toEqual([]);
  });

  it('names every field that is missing, unknown or of the wrong kind, where it is written', () => {
    const text = 'type: Country Report\ncountry: ""\nyear: 2022.5\nregion: Europe\noriginal: english\ndate: 2023-13-01\nsections: [background, background, Death]\nauthor: me\n';
    const found = plan(text).diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.message}`);
    expect(found).toEqual([
      '1:1 report:plan Unexpected report.yaml: unknown field "author"',
      '1:7 report:plan Unexpected report.yaml: "type" must match pattern "^[a-z][a-z0-9-]*$"',
      '2:10 report:plan Unexpected report.yaml: "country" must NOT have fewer than 1 characters',
      '3:7 report:plan Unexpected report.yaml: "year" must be integer',
      '5:11 report:plan Unexpected report.yaml: "original" must match pattern "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"',
      '6:7 report:plan Unexpected report.yaml: "date" must match pattern "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"',
      '7:36 report:plan Unexpected report.yaml: "sections.2" must match pattern "^[a-z][a-z0-9-]*$"',
      '7:11 report:plan Unexpected report.yaml: "sections" must NOT have duplicate items (items ## 1 and 0 are identical)',
    ]);
    expect(plan('country: Kazakhstan\nyear: 1800\n').diagnostics.map((d) => d.message)).toEqual([
      'Unexpected report.yaml: missing field "type"',
      'Unexpected report.yaml: missing field "region"',
      'Unexpected report.yaml: missing field "original"',
      'Unexpected report.yaml: missing field "sections"',
      'Unexpected report.yaml: "year" must be >= 1900',
    ]);
    expect(plan(good.replace('[background, death-penalty]', '[]')).diagnostics.map((d) => d.message)).toEqual(['Unexpected report.yaml: "sections" must NOT have fewer than 1 items']);
  });

  it('refuses a date that is no day of the calendar, which would be printed as another', () => {
    expect(plan(`${good}date: 2023-02-31\n`).diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.message}`)).toEqual([
      '7:7 report:plan Unexpected date 2023-02-31: 2023-02 has 28 days',
    ]);
    expect(plan(`${good}date: 2024-02-29\n`).diagnostics).toEqual([]);
    expect(plan(`${good}date: 2023-04-31\n`).diagnostics.map((d) => d.message)).toEqual(['Unexpected date 2023-04-31: 2023-04 has 30 days']);
  });

  it('is validated by the code ajv makes of the schema now (and so is the theme)', async () => {
    // report-plan.validate.ts and theme.validate.ts are generated: a schema changed without running
    // the script fails here.
    const { validators, validatorSource } = await import('../scripts/validators.js');
    expect(validators.map((v) => v.file.split(/[\\/]/).pop())).toEqual(['report-plan.validate.ts', 'theme.validate.ts']);
    for (const { schema, file } of validators) expect(readFileSync(file, 'utf8')).toBe(validatorSource(schema));
  });
});

describe('heading order', () => {
  it('names the levels a heading skips and the marks to write instead', () => {
    const found = runFixture('heading-order').diagnostics.map((d) => `${d.line} ${d.message} (${d.hint})`);
    expect(found).toEqual([
      '11 Heading level 4 follows level 2, skipping level 3 (write it "###", one level below the heading before it, so readers of the outline miss no level)',
      '21 Heading level 6 follows level 4, skipping level 5 (write it "#####", one level below the heading before it, so readers of the outline miss no level)',
      '33 Heading level 5 follows level 2, skipping levels 3 and 4 (write it "###", one level below the heading before it, so readers of the outline miss no level)',
    ]);
  });
});
