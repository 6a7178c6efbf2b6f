// The templates a designer edits (theme.yaml, a report type, site.yaml) are input like the reports:
// a value the writers cannot use is an error at its line, with a rule id and exit 1, and nothing is
// published from it.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../src/pipeline/check.ts';
import { build } from '../src/pipeline/build.ts';
import { checkTheme } from '../src/templates/theme-check.ts';
import { root, templatesDir } from './helpers.ts';

const themeText = readFileSync(join(templatesDir, 'theme.yaml'), 'utf8');
const { parse } = await import('yaml');

/** The shipped theme with one edit, checked: each problem as `line:column message`. */
function problems(edit: (text: string) => string): string[] {
  const text = edit(themeText);
  return checkTheme('theme.yaml', text, parse(text)).map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.message}`);
}

/** The 1-based line of the first line of the shipped theme that starts with `start` (indent included). */
function line(start: string): number {
  const found = themeText.split('\n').findIndex((l) => l.startsWith(start)) + 1;
  if (found === 0) throw new Error(`no line starts with ${start}`);
  return found;
}

/** A copy of the templates with `edit` made to one file. */
function templatesWith(file: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'folio-templates-'));
  cpSync(templatesDir, dir, { recursive: true });
  writeFileSync(join(dir, file), edit(readFileSync(join(dir, file), 'utf8')));
  return dir;
}

/** A working directory with the seed's report.yaml and English edition. */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'folio-theme-'));
  mkdirSync(join(dir, 'source', 'kazakhstan-2022'), { recursive: true });
  for (const name of ['report.yaml', 'en.md']) cpSync(join(root, 'source', 'kazakhstan-2022', name), join(dir, 'source', 'kazakhstan-2022', name));
  return dir;
}

/** Every file under a directory, with its bytes. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.set(join(entry.parentPath, entry.name).slice(dir.length), readFileSync(join(entry.parentPath, entry.name), 'base64'));
  }
  return files;
}

describe('the theme', () => {
  it('as shipped is sound', () => {
    expect(problems((t) => t)).toEqual([]);
  });

  it('a value of the wrong kind or out of bounds is an error at the value, saying what it must be', () => {
    expect(problems((t) => t.replace('  body: 10.5', '  body: big'))).toEqual([`${line('  body: 10.5')}:9 template:theme Theme: "sizes.body" is "big"`]);
    expect(problems((t) => t.replace('  body: 10.5', '  body: 400'))).toEqual([`${line('  body: 10.5')}:9 template:theme Theme: "sizes.body" is 400`]);
    expect(problems((t) => t.replace('  width: 595.28', '  width: -5'))).toEqual([`${line('  width:')}:10 template:theme Theme: "page.width" is -5`]);
    const [hint] = checkTheme('theme.yaml', themeText.replace('  body: 10.5', '  body: big'), parse(themeText.replace('  body: 10.5', '  body: big'))).map((d) => d.hint);
    expect(hint).toBe('it must be a length in points, from 6 to 24');
  });

  it('a colour that is not #rrggbb, or unquoted (a YAML comment), is an error at the colour', () => {
    const link = line('  link:');
    expect(problems((t) => t.replace('  link: "#0b4f8a"', '  link: reddish'))).toEqual([`${link}:9 template:theme Theme: "colours.link" is "reddish"`]);
    expect(problems((t) => t.replace('  link: "#0b4f8a"', '  link: #0b4f8a'))).toEqual([`${link}:9 template:theme Theme: "colours.link" is nothing`]);
  });

  it('text that would break out of the stylesheet is refused, whatever it is in', () => {
    expect(problems((t) => t.replace('  measure: 38em', '  measure: "38em; } body { display: none"'))).toEqual([
      `${line('  measure:')}:12 template:theme Theme: "html.measure" is "38em; } body { display: none"`,
    ]);
    expect(problems((t) => t.replace('    family: Noto Serif', '    family: "Noto Serif}; body {"'))).toEqual([
      `${line('    family: Noto Serif')}:13 template:theme Theme: "fonts.body.family" is "Noto Serif}; body {"`,
    ]);
  });

  it('a misspelt key is unknown, with the key it resembles, and the key it stands for is missing', () => {
    expect(problems((t) => t.replace('  leading: 14.5', '  leadin: 14.5'))).toEqual([
      `${line('sizes:') + 1}:3 template:theme Theme: missing "sizes.leading"`,
      `${line('  leading:')}:3 template:theme Theme: unknown key "sizes.leadin"`,
    ]);
    const text = themeText.replace('  leading: 14.5', '  leadin: 14.5');
    expect(checkTheme('theme.yaml', text, parse(text))[1]!.hint).toBe('did you mean "leading"?');
  });

  it('values that disagree with each other are errors: overprinting lines, a page size and its width, margins, the footer', () => {
    expect(problems((t) => t.replace('  leading: 14.5', '  leading: 8'))).toEqual([
      `${line('  leading:')}:12 template:theme Theme: "sizes.leading" is 8, less than the 10.5 pt type it spaces`,
    ]);
    expect(problems((t) => t.replace('  size: A4', '  size: A5'))).toEqual([
      `${line('  size:')}:9 template:theme Theme: page size A5 is 419.53 × 595.28 pt, but "page.width" and "page.height" say 595.28 × 841.89`,
    ]);
    // Landscape is the portrait size turned.
    expect(problems((t) => t.replace('  size: A4', '  size: A4 landscape').replace('width: 595.28', 'width: 841.89').replace('height: 841.89', 'height: 595.28'))).toEqual([]);
    expect(problems((t) => t.replace('    left: 62', '    left: 400'))).toEqual([
      `${line('  margin:') + 1}:5 template:theme Theme: the margins leave a text column 133.28 pt wide`,
    ]);
    // A5 with wide margins: a 145.53 pt column holds 24 pt text and a 96 pt title a few letters a line.
    const narrow = (t: string) => t.replace('  size: A4', '  size: A5').replace('width: 595.28', 'width: 419.53').replace('height: 841.89', 'height: 595.28')
      .replace('    left: 62', '    left: 137').replace('    right: 62', '    right: 137');
    expect(problems(narrow)).toEqual([]);
    expect(problems((t) => narrow(t).replace('  body: 10.5', '  body: 24').replace('  leading: 14.5', '  leading: 30').replace('  title: 24', '  title: 96'))).toEqual([
      `${line('  body: 10.5')}:9 template:theme Theme: "sizes.body" is 24 pt, too large for a text column 145.53 pt wide`,
      `${line('  title: 24')}:10 template:theme Theme: "sizes.title" is 96 pt, too large for a text column 145.53 pt wide`,
    ]);
    expect(problems((t) => t.replace('  footer-offset: 30', '  footer-offset: 60'))).toEqual([
      `${line('  footer-offset:')}:18 template:theme Theme: the running footer's baseline 60 pt above the page's edge is inside the text area`,
    ]);
  });
});

describe('the theme\'s font files', () => {
  it('a path its package does not hold is an error at the path; a package not installed is the machine\'s problem (exit 2)', () => {
    const wrong = '@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.otf';
    const templates = templatesWith('theme.yaml', (t) => t.replace('@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf', wrong));
    const text = readFileSync(join(templates, 'theme.yaml'), 'utf8');
    const at = text.split('\n').findIndex((l) => l.includes(wrong));
    const result = check({ sourceDir: join(workspace(), 'source'), templatesDir: templates });
    expect(result.exitCode).toBe(1);
    expect(result.diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.message}`)).toEqual([
      `${at + 1}:${text.split('\n')[at]!.indexOf(wrong) + 1} template:theme Theme: font file "${wrong}" is not in its package`,
    ]);
    const absent = templatesWith('theme.yaml', (t) => t.replace('@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf', '@folio-absent/fonts/Regular.ttf'));
    expect(() => check({ sourceDir: join(workspace(), 'source'), templatesDir: absent })).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringMatching(/is not installed; run npm install$/) }));
  });
});

describe('a broken template in a build', () => {
  it('stops it before anything is written: each problem at its line with its rule id, exit 1, dist/ as it was', () => {
    const dir = workspace();
    const templates = mkdtempSync(join(tmpdir(), 'folio-templates-'));
    cpSync(templatesDir, templates, { recursive: true });
    const run = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin', 'folio.js'), 'build', '--templates', 'templates', '--formats', 'html,json', ...args], {
      cwd: dir, encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '1679918400' },
    });
    cpSync(templates, join(dir, 'templates'), { recursive: true });
    expect(run().status).toBe(0);
    const before = snapshot(join(dir, 'dist'));
    const theme = join(dir, 'templates', 'theme.yaml');
    writeFileSync(theme, themeText.replace('  leading: 14.5', '  leading: 8'));
    const failed = run('--force');
    expect(failed.status).toBe(1);
    expect(failed.stderr.split('\n').filter((l) => l.includes(' error '))).toEqual([
      `templates/theme.yaml:${line('  leading:')}:12: error Theme: "sizes.leading" is 8, less than the 10.5 pt type it spaces (lines would overprint one another: the leading (baseline to baseline) must be at least the type size)  template:theme`,
    ]);
    writeFileSync(theme, themeText.replace('  link: "#0b4f8a"', '  link: reddish'));
    const json = run('--force', '--json');
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual([expect.objectContaining({ file: 'templates/theme.yaml', line: line('  link:'), column: 9, ruleId: 'template:theme', severity: 'error' })]);
    expect(snapshot(join(dir, 'dist'))).toEqual(before);
  });

  it('is reported by `folio check` too', () => {
    const templates = templatesWith('theme.yaml', (t) => t.replace('  accent: "#ffff00"', '  accent: yellow'));
    const result = check({ sourceDir: join(workspace(), 'source'), templatesDir: templates });
    expect(result.exitCode).toBe(1);
    expect(result.diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual([`${line('  accent:')}:11 template:theme`]);
  });

  it('a report type naming a part Folio does not know fails the report, at the part', async () => {
    const templates = templatesWith('report-types/country-report.yaml', (t) => t.replace(/^parts: .*$/m, 'parts: [title, summry, sections]'));
    const typeText = readFileSync(join(templates, 'report-types', 'country-report.yaml'), 'utf8');
    const result = await build({ sourceDir: join(workspace(), 'source'), templatesDir: templates, outDir: mkdtempSync(join(tmpdir(), 'folio-out-')), formats: ['html'], date: new Date(0) });
    expect(result.exitCode).toBe(1);
    expect(result.built).toEqual([]);
    const lines = typeText.split('\n');
    const at = lines.findIndex((l) => l.startsWith('parts:'));
    expect(result.diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.message}`)).toEqual([
      `${at + 1}:${lines[at]!.indexOf('summry') + 1} template:report-type Unknown part "summry" in the report type`,
    ]);
  });

  it('a misspelt key of a report type, which would silently stop its rule, is an error at the key', async () => {
    const templates = templatesWith('report-types/country-report.yaml', (t) => t.replace(/^required:/m, 'requried:'));
    const typeText = readFileSync(join(templates, 'report-types', 'country-report.yaml'), 'utf8');
    const result = check({ sourceDir: join(workspace(), 'source'), templatesDir: templates });
    expect(result.exitCode).toBe(1);
    expect(result.diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.message} (${d.hint})`)).toEqual([
      `${typeText.split('\n').findIndex((l) => l.startsWith('requried:')) + 1}:1 template:report-type Unknown key "requried" in the report type (did you mean "required"?)`,
    ]);
  });

  it('a site address that is not http(s) is an error at the address, and no edition is published', async () => {
    const templates = templatesWith('theme.yaml', (t) => t);
    writeFileSync(join(templates, 'site.yaml'), '# where dist/ is served\naddress: ftp://reports.example.org/\n');
    const result = await build({ sourceDir: join(workspace(), 'source'), templatesDir: templates, outDir: mkdtempSync(join(tmpdir(), 'folio-out-')), formats: ['html'], date: new Date(0) });
    expect(result).toMatchObject({ exitCode: 1, built: [], failed: ['kazakhstan-2022/en'] });
    expect(result.diagnostics).toEqual([expect.objectContaining({ line: 2, column: 1, ruleId: 'template:site', message: '"address" is "ftp://reports.example.org/", not an http(s) address' })]);
  });
});
