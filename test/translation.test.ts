// Translations kept in step with the original: the plan, the notes and the hash each translation
// records. Each case under test/translation-fixtures/<case>/ is a French translation (fr.md) of
// the shared en.md, with `HASH` standing for the hash of en.md, and the problems Folio must report.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../src/pipeline/build.ts';
import type { Format } from '../src/render/types.ts';
import { check } from '../src/pipeline/check.ts';
import { editionHash } from '../src/pipeline/editions.ts';
import { labelPlaces, loadLabels } from '../src/templates/load.ts';
import { parse as parseYaml } from 'yaml';
import { fixedDate, needs, root, tempProject, templatesDir } from './helpers.ts';

const fixtures = join(root, 'test', 'translation-fixtures');
const plan = readFileSync(join(root, 'test', 'fixtures', 'report.yaml'), 'utf8');
const en = readFileSync(join(fixtures, 'en.md'), 'utf8');
const cases = readdirSync(fixtures, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);

function project(fr: string, original = en): string {
  return tempProject({ 'en.md': original, 'fr.md': fr.replace('HASH', editionHash(original)) }, plan);
}

const fixture = (name: string) => readFileSync(join(fixtures, name, 'fr.md'), 'utf8');

describe('translation checks', () => {
  it.each(cases)('%s', (name) => {
    const expected = readFileSync(join(fixtures, name, 'expected.txt'), 'utf8').split('\n').filter(Boolean);
    const result = check({ sourceDir: project(fixture(name)), templatesDir });
    const actual = result.diagnostics.map((d) => `${d.file.split('/').at(-1)}:${d.line}:${d.column} ${d.severity} ${d.ruleId}`);
    expect(actual).toEqual(expected);
    expect(result.exitCode).toBe(expected.some((line) => line.includes(' error ')) ? 1 : 0);
  });

  it('names the note a translation added and the notes the original has', () => {
    const [extra] = check({ sourceDir: project(fixture('extra-footnote')), templatesDir }).diagnostics;
    expect(extra.message).toMatch(/^Unexpected note "\[\^c\]", not in the original .*en\.md$/);
    expect(extra.hint).toContain('[^a], [^b]');
  });

  it('says where a moved note belongs', () => {
    const messages = check({ sourceDir: project(fixture('moved-footnote')), templatesDir }).diagnostics.map((d) => d.message);
    expect(messages).toEqual([
      'Unexpected citation of note "[^b]" in section "background", the original cites it in section "death-penalty"',
      'Note "[^b]" is not cited in section "death-penalty", expected it there as in the original',
    ]);
  });

  it('says so when the original defines a note and cites it nowhere, rather than naming no section', () => {
    // The original's citation of [^b] mistyped as [^x]: [^b] is defined there and cited nowhere.
    const original = en.replace('Abolished.[^b]', 'Abolished.[^x]');
    const translated = (fr: string) => check({ sourceDir: project(fr, original), templatesDir }).diagnostics.filter((d) => d.file.endsWith('fr.md'));
    const [cited] = translated(fixture('current'));
    expect(cited!.message).toBe('Unexpected citation of note "[^b]" in section "death-penalty", the original cites it nowhere');
    expect(cited!.hint).toMatch(/en\.md defines "\[\^b\]" without citing it: cite it there, or remove the citation here$/);
    const missing = translated(fixture('current').replace('Abolie.[^b]', 'Abolie.').replace('[^b]: Deuxième note.', ''));
    expect(missing.map((d) => d.message)).toEqual(['Note "[^b]" of the original is missing, expected it defined, as the original defines it (citing it nowhere)']);
  });

  it('warns of a stale translation with the hash to record, and fails it with --strict', () => {
    const dir = project(fixture('old-hash'));
    const [stale] = check({ sourceDir: dir, templatesDir }).diagnostics;
    expect(stale.message).toContain('Translation is stale');
    expect(stale.hint).toContain(`source-hash: ${editionHash(en)}`);
    expect(check({ sourceDir: dir, templatesDir, strict: true }).exitCode).toBe(1);
  });

  needs('git')('names the sections of the original that changed since the recorded hash, from git history', () => {
    const dir = project(fixture('current'));
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Folio', '-c', 'user.email=folio@example.org', ...args], { cwd: dir });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'first');
    const first = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim();
    // The original changes in one section's text and in a note cited by another.
    const changed = en.replace('More text', 'More and newer text').replace('[^b]: Second note.', '[^b]: Second note, corrected.');
    writeFileSync(join(dir, 'demo', 'en.md'), changed);
    git('commit', '-qam', 'second');
    const [stale] = check({ sourceDir: dir, templatesDir }).diagnostics;
    expect(stale.ruleId).toBe('translation:stale');
    expect(stale.hint).toContain('the original changed in "freedom-of-assembly", "death-penalty"');
    expect(stale.hint).toContain(`git diff ${first.slice(0, 12)} --`);
    expect(stale.hint).toContain(`source-hash: ${editionHash(changed)}`);
  });

  it('publishes no comment, in any format', async () => {
    const dir = project(fixture('comments'));
    const out = mkdtempSync(join(tmpdir(), 'folio-out-'));
    const result = await build({ sourceDir: dir, templatesDir, outDir: out, formats: ['html', 'json', 'docx', 'pdf'], date: fixedDate });
    expect(result.exitCode).toBe(0);
    for (const format of ['html', 'json']) {
      const text = readFileSync(join(out, 'demo', `demo.fr.${format}`), 'utf8');
      expect(text).toContain('Texte.');
      expect(text).not.toContain('secret-comment-text');
      expect(text).not.toContain('<!--');
    }
    const docx = readFileSync(join(out, 'demo', 'demo.fr.docx'));
    const { unzipSync, strFromU8 } = await import('fflate');
    expect(strFromU8(unzipSync(docx)['word/document.xml']!)).not.toContain('secret-comment-text');
  });

  it('finds a section that holds only a comment empty', () => {
    const scaffold = fixture('current').replace('Texte.\n', '<!-- Text. -->\n');
    const [empty] = check({ sourceDir: project(scaffold), templatesDir }).diagnostics;
    expect(empty.ruleId).toBe('report:empty-section');
    expect(empty.message).toBe('Empty section "background"');
  });
});

describe('editions and their labels', () => {
  it('refuses an edition whose language has no labels, rather than printing English ones', () => {
    const dir = tempProject({ 'en.md': en, 'de.md': fixture('current').replace('HASH', editionHash(en)) }, plan);
    const result = check({ sourceDir: dir, templatesDir });
    const [missing] = result.diagnostics;
    expect(missing.file).toMatch(/de\.md$/);
    expect(missing.ruleId).toBe('report:labels');
    expect(missing.message).toMatch(/^No labels for language "de", expected .*templates\/labels\/de\.yaml$/);
    expect(result.exitCode).toBe(1);
  });

  it('fails the editions of a language whose labels miss a label, at the labels file, and publishes the others', async () => {
    const templates = mkdtempSync(join(tmpdir(), 'folio-templates-'));
    cpSync(templatesDir, templates, { recursive: true });
    const fr = join(templates, 'labels', 'fr.yaml');
    writeFileSync(fr, readFileSync(fr, 'utf8').replace(/^editions:.*\n/m, '').replace(/^page-of: .*$/m, 'page-of: Page'));
    const pageOf = readFileSync(fr, 'utf8').split('\n').findIndex((l) => l.startsWith('page-of:')) + 1;
    const dir = project(fixture('current'));
    const result = await build({ sourceDir: dir, templatesDir: templates, outDir: mkdtempSync(join(tmpdir(), 'folio-out-')), formats: ['html'], date: fixedDate });
    expect(result.exitCode).toBe(1);
    expect(result.failed).toEqual([expect.stringMatching(/\/fr$/)]);
    expect(result.built).toEqual([expect.stringMatching(/\/en$/)]);
    expect(result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId} ${d.message}`)).toEqual([
      `${fr}:1:1 template:labels Missing label "editions"`,
      `${fr}:${pageOf}:1 template:labels Label "page-of" does not hold {page}`,
    ]);
  });

  it('names a missing label\'s misspelling where it is written', () => {
    const templates = mkdtempSync(join(tmpdir(), 'folio-templates-'));
    cpSync(templatesDir, templates, { recursive: true });
    const fr = join(templates, 'labels', 'fr.yaml');
    writeFileSync(fr, readFileSync(fr, 'utf8').replace(/^page-of:/m, 'page_of:'));
    const at = readFileSync(fr, 'utf8').split('\n').findIndex((l) => l.startsWith('page_of:')) + 1;
    const result = check({ sourceDir: project(fixture('current')), templatesDir: templates });
    expect(result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId} ${d.message} (${d.hint})`)).toEqual([
      `${fr}:${at}:1 template:labels Missing label "page-of": "page_of" is written instead (write the key as "page-of")`,
    ]);
  });

  it('fails the editions of a language whose labels file is not YAML, at the line of the error', async () => {
    const templates = mkdtempSync(join(tmpdir(), 'folio-templates-'));
    cpSync(templatesDir, templates, { recursive: true });
    const fr = join(templates, 'labels', 'fr.yaml');
    writeFileSync(fr, readFileSync(fr, 'utf8').replace(/^editions: (.*)$/m, 'editions: "$1\n  [unclosed: {'));
    const dir = project(fixture('current'));
    const result = await build({ sourceDir: dir, templatesDir: templates, outDir: mkdtempSync(join(tmpdir(), 'folio-out-')), formats: ['html'], date: fixedDate });
    expect(result.exitCode).toBe(1);
    expect(result.failed).toEqual([expect.stringMatching(/\/fr$/)]);
    const [first] = result.diagnostics;
    expect(first).toMatchObject({ file: fr, ruleId: 'template:yaml', severity: 'error' });
    expect(first!.message).toMatch(/^Invalid YAML: /);
    const editions = readFileSync(fr, 'utf8').split('\n').findIndex((l) => l.startsWith('editions:')) + 1;
    // The quoted value left open runs on past its line: the error is where YAML finds it.
    expect(first!.line).toBeGreaterThanOrEqual(editions);
  });

  it('reads a labels file once for its values and where each is written', () => {
    const templates = mkdtempSync(join(tmpdir(), 'folio-templates-'));
    cpSync(templatesDir, templates, { recursive: true });
    const file = join(templates, 'labels', 'en.yaml');
    const text = `${readFileSync(file, 'utf8')}\ncontents: 'In  this report'\n`.replace(/^contents: .*\n/m, '');
    writeFileSync(file, text);
    const values = { country: 'Kazakhstan', countryId: 'Kazakhstan', region: 'Europe', lang: 'en', year: 2022, title: 'Kazakhstan 2022' };
    const labels = loadLabels(templates, 'en', values);
    const parsed = parseYaml(text) as Record<string, unknown>;
    expect(labels.contents).toBe('In  this report');
    expect(labels.notes).toBe(parsed.notes);
    expect(labels.months).toEqual(parsed.months);
    const lines = text.split('\n');
    const at = labelPlaces(templates, 'en');
    // Past the opening quote, on the line that holds the value.
    expect(at.contents).toEqual({ line: lines.indexOf("contents: 'In  this report'") + 1, column: 12 });
    const notes = lines.findIndex((l) => l.startsWith('notes: '));
    expect(at.notes).toEqual({ line: notes + 1, column: lines[notes].indexOf(String(parsed.notes)[0]) + 1 });
  });

  it('shows a stale translation as such on the index, and drops an edition whose source is gone', async () => {
    const dir = project(fixture('old-hash'));
    const out = mkdtempSync(join(tmpdir(), 'folio-out-'));
    await build({ sourceDir: dir, templatesDir, outDir: out, formats: ['html'], date: fixedDate });
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    expect(index).toMatch(/<li class="stale"><span class="edition" lang="fr" dir="ltr">Français<\/span>: <a [^>]*>Web page<\/a> <em class="state">\(not yet updated to the latest original\)<\/em><\/li>/);
    expect(index).toMatch(/<li><span class="edition" lang="en" dir="ltr">English<\/span>/);
    rmSync(join(dir, 'demo', 'fr.md'));
    await build({ sourceDir: dir, templatesDir, outDir: out, formats: ['html'], date: fixedDate });
    expect(readFileSync(join(out, 'index.html'), 'utf8')).not.toContain('lang="fr"');
    expect(existsSync(join(out, 'demo', 'demo.fr.html'))).toBe(false);
  });

  it('links a sibling that fails its checks this time when its files were published before, never one that has none', async () => {
    const broken = en.replace('Text.', 'Text with <b>raw HTML</b>.');
    const dir = project(fixture('current'));
    const good = readFileSync(join(dir, 'demo', 'en.md'), 'utf8');
    const out = mkdtempSync(join(tmpdir(), 'folio-out-'));
    const options = { sourceDir: dir, templatesDir, outDir: out, formats: ['html'] as Format[], date: fixedDate };
    const fr = () => readFileSync(join(out, 'demo', 'demo.fr.html'), 'utf8');
    // Published, then broken: its files stay, and so do the links to them.
    await build(options);
    writeFileSync(join(dir, 'demo', 'en.md'), broken);
    const kept = await build(options);
    expect(kept.failed).toEqual(['demo/en']);
    expect(existsSync(join(out, 'demo', 'demo.en.html'))).toBe(true);
    expect(fr()).toContain('<link rel="alternate" hreflang="en" href="demo.en.html">');
    expect(fr()).toContain('<link rel="alternate" hreflang="x-default" href="demo.en.html">');
    // Broken before it was ever published: nothing links the file it does not have.
    const fresh = mkdtempSync(join(tmpdir(), 'folio-out-'));
    const result = await build({ ...options, outDir: fresh });
    expect(result.failed).toEqual(['demo/en']);
    expect(existsSync(join(fresh, 'demo', 'demo.en.html'))).toBe(false);
    expect(readFileSync(join(fresh, 'demo', 'demo.fr.html'), 'utf8')).not.toContain('demo.en.html');
    // Fixed, it is published and linked.
    writeFileSync(join(dir, 'demo', 'en.md'), good);
    await build({ ...options, outDir: fresh });
    expect(readFileSync(join(fresh, 'demo', 'demo.fr.html'), 'utf8')).toContain('<link rel="alternate" hreflang="en" href="demo.en.html">');
  });
});
