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

  it('corrects a misspelt id written out by its id, whatever the heading says', () => {
    const source = (heading: string) => tempProject({ 'en.md': `---\ntitle: Demo 2022\n---\n\nSummary.\n\n## Background\n\nText.\n\n## Freedom of assembly\n\nMore.\n\n${heading}\n\nAbolished.\n` }, readFileSync(join(fixtures, 'report.yaml'), 'utf8'));
    const hint = (heading: string) => check({ sourceDir: source(heading), templatesDir }).diagnostics.find((d) => d.ruleId === 'report:unplanned-section')!.hint;
    // The heading's words are right: the id is what is wrong.
    expect(hint('## Death penalty {#deth-penalty}')).toBe('did you mean "{#death-penalty}"?');
    // A translation's heading, its id misspelt.
    expect(hint('## Смертная казнь {#deth-penalty}')).toBe('did you mean "{#death-penalty}"?');
    // No id written out: the words make it, and they are what to correct.
    expect(hint('## Deth penalty')).toBe('did you mean "## Death penalty"?');
    // Words added to a missing section's: it keeps them, with that section's id written after.
    expect(hint('## Death penalty ![a skull](skull.png)')).toBe('did you mean section "death-penalty"? then end the heading with "{#death-penalty}"');
    expect(hint('## The death penalty in law')).toBe('did you mean section "death-penalty"? then end the heading with "{#death-penalty}"');
    // Words added to a section that is there already: a new section, not a guess.
    expect(hint('## Death penalty\n\nAbolished.\n\n## Background and context')).toMatch(/^add "background-and-context" to the sections of /);
  });

  it('suggests the id a shortened link means', () => {
    const dir = tempProject({ 'en.md': '---\ntitle: Demo 2022\n---\n\nSummary.\n\n## Background\n\nSee [the force used](#force-almaty) and [death](#death).\n\n## Freedom of assembly\n\n### Use of force in Almaty\n\nMore.\n\n## Death penalty\n\nAbolished.\n' }, readFileSync(join(fixtures, 'report.yaml'), 'utf8'));
    expect(check({ sourceDir: dir, templatesDir }).diagnostics.map((d) => `${d.message} (${d.hint})`)).toEqual([
      'Link to "#force-almaty", but no section or heading has that id (did you mean "#use-of-force-in-almaty"?)',
      // One word alone could be many a section's: no guess.
      'Link to "#death", but no section or heading has that id (link to a section id from report.yaml)',
    ]);
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
      '8:9 report:plan Unexpected report.yaml: unknown field "author"',
      '1:7 report:plan Unexpected report.yaml: "type" is "Country Report", expected a report type\'s name',
      '2:10 report:plan Unexpected report.yaml: "country" is empty',
      '3:7 report:plan Unexpected report.yaml: "year" is 2022.5, expected a whole number',
      '5:11 report:plan Unexpected report.yaml: "original" is "english", expected a language code',
      '6:7 report:plan Unexpected report.yaml: "date" is "2023-13-01", expected a date as YYYY-MM-DD',
      '7:36 report:plan Unexpected report.yaml: section id "Death" is not an id, expected lowercase letters, digits and hyphens',
      // The second mention of a section listed twice.
      '7:24 report:plan Unexpected report.yaml: section "background" is listed twice (items 1 and 2)',
    ]);
    expect(plan('country: Kazakhstan\nyear: 1800\n').diagnostics.map((d) => d.message)).toEqual([
      'Unexpected report.yaml: missing field "type"',
      'Unexpected report.yaml: missing field "region"',
      'Unexpected report.yaml: missing field "original"',
      'Unexpected report.yaml: missing field "sections"',
      'Unexpected report.yaml: "year" is 1800, expected at least 1900',
    ]);
    expect(plan(good.replace('[background, death-penalty]', '[]')).diagnostics.map((d) => d.message)).toEqual(['Unexpected report.yaml: "sections" lists nothing']);
    // A file that is not fields at all: it said `"" is null, expected a object`.
    expect(['', '- a\n- b\n', 'hello\n'].map((text) => plan(text).diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`))).toEqual([
      ['1:1 Unexpected report.yaml: the file is empty, expected its fields'],
      ['1:1 Unexpected report.yaml: the file is a list, expected its fields as `name: value` lines'],
      ['1:1 Unexpected report.yaml: the file is the value "hello", expected its fields as `name: value` lines'],
    ]);
  });

  it('says what to write instead: the id a section title makes, a field\'s spelling, a year without quotes', () => {
    const hints = (text: string) => plan(text).diagnostics.map((d) => `${d.message} (${d.hint})`);
    expect(hints(good.replace('[background, death-penalty]', '[background, Freedom of assembly]'))).toEqual([
      'Unexpected report.yaml: section id "Freedom of assembly" is not an id, expected lowercase letters, digits and hyphens (write freedom-of-assembly, and {#freedom-of-assembly} after the section\'s heading in every edition)',
    ]);
    expect(hints(good.replace('sections:', 'section:'))).toEqual([
      'Unexpected report.yaml: missing field "sections" (add `sections:`; list the sections\' ids, one `- id` a line, in the order the editions give them)',
      'Unexpected report.yaml: unknown field "section" (did you mean "sections"?) (report.yaml holds type, country, year, region, original, date, sections; correct its spelling)',
    ]);
    expect(hints(good.replace('year: 2022', 'year: "2022"'))).toEqual([
      'Unexpected report.yaml: "year" is "2022", expected a whole number (write the year the report covers, such as 2022, without quotes)',
    ]);
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
