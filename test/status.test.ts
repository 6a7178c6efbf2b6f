// `folio status` and `folio new-edition`, run as a translator and CI run them.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { editionHash } from '../src/pipeline/editions.ts';
import { needs, root } from './helpers.ts';

const folio = join(root, 'bin', 'folio.js');

/** A working directory holding a copy of source/ (every edition). */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'folio-status-'));
  cpSync(join(root, 'source'), join(dir, 'source'), { recursive: true });
  return dir;
}

function folioIn(cwd: string, args: string[]) {
  const result = spawnSync(process.execPath, [folio, ...args, '--templates', join(root, 'templates')], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const edition = (dir: string, lang: string) => join(dir, 'source', 'kazakhstan-2022', `${lang}.md`);

interface Status { slug: string; original: string; editions: { lang: string; state: string; original: boolean; words: number; changedSince?: { commit: string; sections: string[] } }[] }

describe('folio status', () => {
  it('lists every edition, the original first, current, with its length in words', () => {
    const result = folioIn(workspace(), ['status']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe('kazakhstan-2022 (original: en)');
    expect(lines[1]).toMatch(/^ {2}en {4}original {2}\d{1,3},\d{3} words$/);
    expect(lines.slice(2).map((l) => l.trim().split(/\s+/).slice(0, 2).join(' '))).toEqual(['ar current', 'es current', 'fr current', 'kk current', 'ru current']);
  });

  it('counts the words a reader reads, in every script', () => {
    const dir = workspace();
    const { editions } = (JSON.parse(folioIn(dir, ['status', '--json']).stdout) as Status[])[0]!;
    for (const e of editions) {
      const source = readFileSync(edition(dir, e.lang), 'utf8');
      // Roughly the words of the source between front matter and notes: within a tenth.
      const rough = source.replace(/^---[\s\S]*?---/, '').split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
      expect(Math.abs(e.words - rough) / rough, e.lang).toBeLessThan(0.1);
    }
  });

  it('shows a broken edition and exits 1', () => {
    const dir = workspace();
    const ru = edition(dir, 'ru');
    writeFileSync(ru, readFileSync(ru, 'utf8').replace(/^## .*\{#death-penalty\}$/m, '## Смертная казнь {#deth-penalty}'));
    const result = folioIn(dir, ['status']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^ {2}ru {4}broken {4}[\d,]+ words \(\d+% of the original\); 2 errors$/m);
  });

  it('says under a broken edition what breaks it, at its line, and a broken plan once for the report', () => {
    const dir = workspace();
    const ru = edition(dir, 'ru');
    const text = readFileSync(ru, 'utf8');
    writeFileSync(ru, text.replace(/^## .*\{#death-penalty\}$/m, '## Смертная казнь {#deth-penalty}'));
    const line = text.split('\n').findIndex((l) => l.endsWith('{#death-penalty}')) + 1;
    const lines = folioIn(dir, ['status']).stdout.split('\n');
    const at = lines.findIndex((l) => l.startsWith('  ru '));
    expect(lines[at + 1]).toBe(`        source/kazakhstan-2022/ru.md:${line}:1: error Unexpected section "deth-penalty", not planned in report.yaml (did you mean "{#death-penalty}"?)  report:unplanned-section`);
    expect(lines[at + 2]).toMatch(/^ {8}source\/kazakhstan-2022\/ru\.md:\d+:1: error Section "death-penalty" planned in report.yaml is missing .*report:required-sections$/);
    const json = JSON.parse(folioIn(dir, ['status', '--json']).stdout) as { editions: { lang: string; problems: { line: number; ruleId: string }[] }[] }[];
    expect(json[0]!.editions.find((e) => e.lang === 'ru')!.problems.map((p) => p.ruleId)).toEqual(['report:unplanned-section', 'report:required-sections']);

    // A plan that names a report type there is none of: said once, under the report's name.
    const plan = join(dir, 'source', 'kazakhstan-2022', 'report.yaml');
    writeFileSync(plan, readFileSync(plan, 'utf8').replace('type: country-report', 'type: country-reprot'));
    const broken = folioIn(dir, ['status']);
    expect(broken.code).toBe(1);
    const head = broken.stdout.split('\n').slice(0, 2);
    expect(head[0]).toBe('kazakhstan-2022');
    expect(head[1]).toMatch(/^ {8}source\/kazakhstan-2022\/report\.yaml:1:7: error Unknown report type "country-reprot".*report:plan$/);
    expect(broken.stdout.match(/Unknown report type/g)?.length).toBe(1);
  });

  it('stops with one message when the templates folder is missing', () => {
    const dir = workspace();
    const result = spawnSync(process.execPath, [folio, 'status'], { cwd: dir, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim()).toBe(`folio: templates directory "${join(dir, 'templates')}" not found (pass the folder that holds theme.yaml, labels/ and report-types/: --templates DIR)`);
  });

  it('stops with one message when --templates names a folder that is not templates, however big', () => {
    // Mistyped as a big folder (the home folder, /tmp): its files were read as templates, and
    // hashing 300,000 of them stopped the build with "Maximum call stack size exceeded".
    const dir = workspace();
    const other = join(dir, 'elsewhere');
    mkdirSync(other);
    for (let k = 0; k < 50; k++) writeFileSync(join(other, `note-${k}.txt`), 'not a template');
    for (const command of ['build', 'check', 'status']) {
      const result = spawnSync(process.execPath, [folio, command, '--templates', other], { cwd: dir, encoding: 'utf8' });
      expect(result.status, command).toBe(2);
      expect(result.stderr.trim(), command).toBe(`folio: templates directory "${other}" holds no theme.yaml, so it is not Folio's templates (pass the folder that holds theme.yaml, labels/ and report-types/: --templates DIR)`);
    }
    expect(existsSync(join(dir, 'dist'))).toBe(false);
    // Nor does a build whose sources are not there, or are one report's folder.
    for (const source of [join(dir, 'nowhere'), join(dir, 'source', 'kazakhstan-2022')]) {
      const result = spawnSync(process.execPath, [folio, 'build', '--source', source, '--templates', join(root, 'templates')], { cwd: dir, encoding: 'utf8' });
      expect(result.status, source).toBe(2);
      expect(result.stderr, source).toMatch(/^folio: (source directory ".*nowhere" not found|--source .* is a report folder)/);
    }
    expect(existsSync(join(dir, 'dist'))).toBe(false);
  });

  needs('git')('names the sections of the original that changed since a translation was made', () => {
    const dir = workspace();
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Folio', '-c', 'user.email=folio@example.org', ...args], { cwd: dir, encoding: 'utf8' });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'six editions');
    const made = git('rev-parse', 'HEAD').trim();
    const en = edition(dir, 'en');
    const changed = readFileSync(en, 'utf8').replace('Kazakhstan abolished the death penalty for all crimes.', 'Kazakhstan abolished the death penalty for all crimes in 2022.')
      .replace('came into force on 8 January', 'came fully into force on 8 January');
    expect(changed).not.toBe(readFileSync(en, 'utf8'));
    writeFileSync(en, changed);
    git('commit', '-qam', 'update the original');
    // The French translation is brought up to date; the others are not.
    const fr = edition(dir, 'fr');
    writeFileSync(fr, readFileSync(fr, 'utf8').replace(/^source-hash: .*$/m, `source-hash: ${editionHash(changed)}`));
    const result = folioIn(dir, ['status', '--json']);
    expect(result.code).toBe(0);
    const { editions } = (JSON.parse(result.stdout) as Status[])[0]!;
    expect(editions.find((e) => e.lang === 'fr')!.state).toBe('current');
    const ar = editions.find((e) => e.lang === 'ar')!;
    expect(ar.state).toBe('stale');
    expect(ar.changedSince).toEqual({ commit: made, sections: ['summary', 'death-penalty'] });
    const text = folioIn(dir, ['status']).stdout;
    expect(text).toContain(`changed in the original since: summary, death-penalty (git diff ${made.slice(0, 12)} -- source/kazakhstan-2022/en.md)`);
  });
});

describe('folio new-edition', () => {
  it('scaffolds a translation that lines up with the original once its text is written', () => {
    const dir = workspace();
    const result = folioIn(dir, ['new-edition', 'kazakhstan-2022', 'de']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Wrote source/kazakhstan-2022/de.md: 9 sections and 1 note to translate');
    expect(result.stderr).toMatch(/Before it builds: add .*templates\/labels\/de\.yaml/);
    const de = readFileSync(edition(dir, 'de'), 'utf8');
    const en = readFileSync(edition(dir, 'en'), 'utf8');
    expect(de).toContain(`source-hash: ${editionHash(en)}`);
    expect(de).toContain('## Death penalty {#death-penalty}\n\n<!--\nAmendments to the Criminal Code');
    // Nothing translated yet: every section is empty, and nothing is refused as raw HTML.
    const check = folioIn(dir, ['check', '--only', 'kazakhstan-2022/de']);
    expect(check.code).toBe(1);
    expect(check.stderr).not.toContain('report:unsupported-node');
    expect(check.stderr).toContain('Empty section "death-penalty"');
    // "Translating" each part as the original's own words: with labels for the language (here the
    // French ones) the edition checks clean, notes and ids in line with the original.
    writeFileSync(edition(dir, 'kk'), de.replace(/<!--\n([\s\S]*?)\n-->/g, '$1'));
    const filled = folioIn(dir, ['check', '--only', 'kazakhstan-2022/kk']);
    expect(filled.stderr).toContain('0 errors, 0 warnings');
  });

  it('makes a draft: builds and checks leave it out, status follows it, and removing the line publishes it', () => {
    const dir = workspace();
    const out = join(dir, 'dist');
    expect(folioIn(dir, ['new-edition', 'kazakhstan-2022', 'de']).stderr).toContain('It is a draft (`draft: true`)');
    expect(readFileSync(edition(dir, 'de'), 'utf8')).toMatch(/^---\n[\s\S]*\ndraft: true {2}# builds leave the edition out until this line is removed\n---\n/);

    // CI stays green while the translation is being written: nothing of it is built or linked.
    const built = folioIn(dir, ['build', '--out', out]);
    expect(built.code).toBe(0);
    expect(built.stderr).toContain('1 draft left out');
    expect(built.stderr).toContain('Drafts, left out until their `draft: true` is removed: kazakhstan-2022/de');
    expect(existsSync(join(out, 'kazakhstan-2022', 'kazakhstan-2022.de.html'))).toBe(false);
    expect(readFileSync(join(out, 'kazakhstan-2022', 'kazakhstan-2022.en.html'), 'utf8')).not.toContain('hreflang="de"');
    expect(readFileSync(join(out, 'index.html'), 'utf8')).not.toContain('kazakhstan-2022.de.');
    const checked = folioIn(dir, ['check']);
    expect(checked.code).toBe(0);
    expect(checked.stderr).toContain('Drafts, left out: kazakhstan-2022/de (check one with --only kazakhstan-2022/de)');

    // Named, it is checked as any edition: what is left to do.
    const named = folioIn(dir, ['check', '--only', 'kazakhstan-2022/de']);
    expect(named.code).toBe(1);
    expect(named.stderr).toContain('Empty section "death-penalty"');
    // A build of it alone says why there is nothing to build.
    const alone = folioIn(dir, ['build', '--out', out, '--only', 'kazakhstan-2022/de']);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--only kazakhstan-2022/de: de.md is a draft (`draft: true` in its front matter)');

    const status = folioIn(dir, ['status']);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^ {2}de {4}draft {5}\d+ words \(\d+% of the original\); 0 of 9 sections written$/m);
    // Two sections written: the others are named, in the plan's order.
    const started = readFileSync(edition(dir, 'de'), 'utf8');
    const written = (text: string, id: string) => text.replace(new RegExp(`(\\{#${id}\\}\\n\\n)<!--\\n([\\s\\S]*?)\\n-->`), '$1$2');
    writeFileSync(edition(dir, 'de'), written(written(started, 'background'), 'death-penalty'));
    const lines = folioIn(dir, ['status']).stdout.split('\n');
    const at = lines.findIndex((l) => l.startsWith('  de '));
    expect(lines[at]).toMatch(/; 2 of 9 sections written$/);
    expect(lines[at + 1]).toBe('        to write: freedom-of-assembly, excessive-use-of-force, torture-and-other-ill-treatment, freedom-of-expression, freedom-of-association, and 2 more');
    writeFileSync(edition(dir, 'de'), started);

    // Translated (here: the original's words) with labels for its language, and the line removed.
    const de = readFileSync(edition(dir, 'de'), 'utf8');
    writeFileSync(edition(dir, 'de'), de.replace(/<!--\n([\s\S]*?)\n-->/g, '$1').replace(/^draft: true.*\n/m, ''));
    const templates = join(dir, 'templates');
    cpSync(join(root, 'templates'), templates, { recursive: true });
    cpSync(join(templates, 'labels', 'fr.yaml'), join(templates, 'labels', 'de.yaml'));
    const published = spawnSync(process.execPath, [folio, 'build', '--out', out, '--templates', templates], { cwd: dir, encoding: 'utf8' });
    expect(published.status).toBe(0);
    expect(published.stderr).not.toContain('draft');
    expect(existsSync(join(out, 'kazakhstan-2022', 'kazakhstan-2022.de.pdf'))).toBe(true);
    expect(readFileSync(join(out, 'kazakhstan-2022', 'kazakhstan-2022.en.html'), 'utf8')).toContain('hreflang="de"');
  });

  it('keeps translations made while the original was a draft current once it is published', () => {
    const dir = workspace();
    const en = edition(dir, 'en');
    const text = readFileSync(en, 'utf8');
    // The report in preparation: its original a draft, the translations made from it meanwhile.
    writeFileSync(en, text.replace(/^title: .*\n/m, '$&draft: true\n'));
    const drafted = JSON.parse(folioIn(dir, ['status', '--json']).stdout) as Status[];
    expect(drafted[0]!.editions.map((e) => `${e.lang} ${e.state}`)).toEqual(['en draft', 'ar draft', 'es draft', 'fr draft', 'kk draft', 'ru draft']);
    expect(folioIn(dir, ['check', '--only', 'kazakhstan-2022']).stderr).not.toContain('translation:stale');
    expect(folioIn(dir, ['new-edition', 'kazakhstan-2022', 'de']).code).toBe(0);
    // Published: the line removed, every translation is still current, the new one included.
    writeFileSync(en, text);
    const published = JSON.parse(folioIn(dir, ['status', '--json']).stdout) as Status[];
    expect(published[0]!.editions.map((e) => `${e.lang} ${e.state}`)).toEqual(['en current', 'ar current', 'de draft', 'es current', 'fr current', 'kk current', 'ru current']);
    expect(readFileSync(edition(dir, 'de'), 'utf8')).toContain(`source-hash: ${editionHash(text)}`);
    // Any other change to the original still makes them stale.
    writeFileSync(en, text.replace('Kazakhstan abolished', 'Kazakhstan has abolished'));
    expect(folioIn(dir, ['check']).stderr).toContain('translation:stale');
  });

  it('never overwrites an edition', () => {
    const dir = workspace();
    const before = readFileSync(edition(dir, 'fr'), 'utf8');
    const result = folioIn(dir, ['new-edition', 'kazakhstan-2022', 'fr']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('folio: source/kazakhstan-2022/fr.md already exists; edit it, or delete it to start again\n');
    expect(readFileSync(edition(dir, 'fr'), 'utf8')).toBe(before);
  });

  it('refuses a report that does not exist and a language code that is not one', () => {
    const dir = workspace();
    expect(folioIn(dir, ['new-edition', 'kazakhstan-2021', 'fr']).stderr).toContain('no report "kazakhstan-2021"');
    expect(folioIn(dir, ['new-edition', 'kazakhstan-2022', 'French']).stderr).toContain('"French" is not a language code');
    expect(existsSync(edition(dir, 'French'))).toBe(false);
    expect(folioIn(dir, ['new-edition', 'kazakhstan-2022']).code).toBe(2);
  });
});
