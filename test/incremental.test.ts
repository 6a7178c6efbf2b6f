// Incremental builds: after each kind of change, exactly the editions whose outputs depend on it
// are rendered again, what is gone leaves dist/ and the index, and a manifest that cannot be
// trusted means a full rebuild, never a stale file.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, type BuildOptions } from '../src/pipeline/build.ts';
import { manifestName, readManifest } from '../src/pipeline/manifest.ts';
import { loadWriter as realWriter } from '../src/render/registry.ts';
import type { Format, Writer } from '../src/render/types.ts';
import { fixedDate, planYaml, root } from './helpers.ts';

const seed = join(root, 'source', 'kazakhstan-2022');
const all = ['ar', 'en', 'es', 'fr', 'kk', 'ru'].map((l) => `kazakhstan-2022/${l}`);
const brief = (title: string) => `---\ntitle: ${title}\n---\n\nSummary.\n\n## Background\n\nText.\n\n## Death penalty\n\nAbolished.\n`;

/** A project: the seed's six editions, a second small report, and a copy of the templates. */
function project() {
  const dir = mkdtempSync(join(tmpdir(), 'folio-inc-'));
  cpSync(seed, join(dir, 'source', 'kazakhstan-2022'), { recursive: true });
  cpSync(join(root, 'templates'), join(dir, 'templates'), { recursive: true });
  const other = join(dir, 'source', 'other-2023');
  mkdirSync(other);
  writeFileSync(join(other, 'report.yaml'), planYaml(['background', 'death-penalty']));
  writeFileSync(join(other, 'en.md'), brief('Other 2023'));
  const options: BuildOptions = {
    sourceDir: join(dir, 'source'),
    templatesDir: join(dir, 'templates'),
    outDir: join(dir, 'dist'),
    formats: ['html', 'json'],
    date: fixedDate,
  };
  return { dir, options, edit: (path: string, change: (text: string) => string) => writeFileSync(join(dir, path), change(readFileSync(join(dir, path), 'utf8'))) };
}

/** Writers that note each edition and format they render. */
function counting() {
  const rendered: string[] = [];
  const loadWriter = async (format: Format): Promise<Writer> => {
    const writer = await realWriter(format);
    return { ...writer, render: (report, ctx) => (rendered.push(`${report.meta.slug}/${report.lang} ${format}`), writer.render(report, ctx)) };
  };
  return { rendered, loadWriter };
}

/** Every file under dist/ with its modification time and bytes. */
function files(out: string): Map<string, { mtime: number; bytes: Buffer }> {
  const map = new Map<string, { mtime: number; bytes: Buffer }>();
  for (const entry of readdirSync(out, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    map.set(path.slice(out.length + 1), { mtime: statSync(path).mtimeMs, bytes: readFileSync(path) });
  }
  return map;
}

describe('incremental build', () => {
  it('renders nothing and writes nothing when nothing changed', async () => {
    const { options } = project();
    const first = await build(options);
    expect(first.built).toEqual([...all, 'other-2023/en']);
    expect(first.fullRebuild).toBe('no manifest');
    const before = files(options.outDir);
    const again = await build(options);
    expect(again).toMatchObject({ built: [], failed: [], removed: [], written: [], exitCode: 0 });
    expect(again.skipped).toEqual([...all, 'other-2023/en']);
    expect(files(options.outDir)).toEqual(before);
  });

  it('takes a README beside the editions for notes to the editors: never an edition, never a reason to render', async () => {
    const { dir, options } = project();
    writeFileSync(join(dir, 'source', 'kazakhstan-2022', 'README.md'), '# For translators\n\nKeep the notes\' labels.\n');
    writeFileSync(join(dir, 'source', 'other-2023', 'readme.md'), 'Drafts go here.\n');
    const first = await build(options);
    expect(first).toMatchObject({ built: [...all, 'other-2023/en'], failed: [], diagnostics: [], exitCode: 0 });
    // Edited, it changes nothing published.
    writeFileSync(join(dir, 'source', 'kazakhstan-2022', 'README.md'), '# For translators\n\nKeep the notes\' labels, and the ids.\n');
    const again = await build(options);
    expect(again).toMatchObject({ built: [], written: [], exitCode: 0 });
    // Any other Markdown file is still refused where it is: an edition misnamed would be lost.
    writeFileSync(join(dir, 'source', 'other-2023', 'english.md'), brief('Other 2023'));
    const misnamed = await build(options);
    expect(misnamed.exitCode).toBe(1);
    expect(misnamed.diagnostics.map((d) => `${d.file.split(/[\\/]/).at(-1)} ${d.ruleId} ${d.message}`)).toEqual([
      'english.md report:plan Unexpected edition file name "english.md", expected a language code such as en.md or fr.md',
    ]);
  });

  it('renders only the edited translation', async () => {
    const { options, edit } = project();
    await build(options);
    edit('source/kazakhstan-2022/fr.md', (t) => t.replace('Les forces de sécurité', 'Les forces de l’ordre'));
    const events: unknown[] = [];
    const result = await build({ ...options, onProgress: (event) => events.push(event) });
    expect(result.built).toEqual(['kazakhstan-2022/fr']);
    // What the build says it will do counts the fr edition's up-to-date siblings too.
    expect(events[0]).toEqual({ kind: 'plan', toBuild: 1, upToDate: 6, fullRebuild: undefined });
    expect(result.written.map((f) => f.slice(f.indexOf('dist/')))).toEqual(['dist/kazakhstan-2022/kazakhstan-2022.fr.html', 'dist/kazakhstan-2022/kazakhstan-2022.fr.json', `dist/${manifestName}`]);
    expect(readFileSync(join(options.outDir, 'kazakhstan-2022', 'kazakhstan-2022.fr.html'), 'utf8')).toContain('Les forces de l’ordre');
  });

  it('checks translations again when their original changes, and renders of them only what records their state', async () => {
    const { options, edit } = project();
    await build(options);
    const { rendered, loadWriter } = counting();
    edit('source/kazakhstan-2022/en.md', (t) => t.replace('Kazakhstan abolished the death penalty', 'Kazakhstan finally abolished the death penalty'));
    const result = await build({ ...options, loadWriter });
    // The translations fall behind: their JSON (and the original's, which lists their states) says
    // so; their web pages hold nothing of the original, and are not rendered again.
    expect(result.built).toEqual(all);
    expect(result.skipped).toEqual(['other-2023/en']);
    expect(rendered.sort()).toEqual(['kazakhstan-2022/en html', ...all.map((e) => `${e} json`)].sort());
    expect(JSON.parse(readFileSync(join(options.outDir, 'kazakhstan-2022', 'kazakhstan-2022.fr.json'), 'utf8')).state).toBe('stale');
    // Edited again: the translations stay as far behind, so they are checked and nothing of them rendered.
    rendered.length = 0;
    edit('source/kazakhstan-2022/en.md', (t) => t.replace('finally abolished', 'at last abolished'));
    const again = await build({ ...options, loadWriter });
    expect(again.built).toEqual(['kazakhstan-2022/en']);
    expect(again.skipped).toEqual([...all.filter((e) => e !== 'kazakhstan-2022/en'), 'other-2023/en']);
    expect(rendered).toEqual(['kazakhstan-2022/en html', 'kazakhstan-2022/en json']);
    // And a translation the edit breaks still fails its checks, though none of its outputs would change.
    edit('source/kazakhstan-2022/en.md', (t) => t.replace('## Death penalty', '## Death penalty\n\nSee the note.[^new]\n\n[^new]: A new note.\n\n### Abolition'));
    const broken = await build({ ...options, loadWriter });
    expect(broken.failed).toEqual(all.filter((e) => e !== 'kazakhstan-2022/en'));
    expect(broken.exitCode).toBe(1);
    expect(broken.diagnostics.some((d) => d.file.endsWith('fr.md') && d.severity === 'error' && d.ruleId.startsWith('translation:'))).toBe(true);
  });

  it('checks an edited translation against its original as the last build read it, not parsing the original again', async () => {
    const { options, edit } = project();
    await build(options);
    const manifestFile = join(options.outDir, manifestName);
    const kept = () => readManifest(options.outDir).manifest!.reports['kazakhstan-2022']!.originalOutline!;
    // The original's notes and headings, with the hash of the text they were read from.
    expect(kept().notes).toEqual([['1', '1', ['excessive-use-of-force']]]);
    expect(kept().titles).toContainEqual(['death-penalty', 'Death penalty']);
    // What a translation edited alone is checked against is what the manifest says of the original:
    // shown by a manifest made to say the note is cited elsewhere.
    const misled = (text: string) => text.replace('["excessive-use-of-force"]', '["death-penalty"]').replace(/\[\s*"excessive-use-of-force"\s*\]/, '["death-penalty"]');
    writeFileSync(manifestFile, misled(readFileSync(manifestFile, 'utf8')));
    expect(kept().notes).toEqual([['1', '1', ['death-penalty']]]);
    edit('source/kazakhstan-2022/fr.md', (t) => t.replace('Les forces de sécurité', 'Les forces de l’ordre'));
    const fromManifest = await build(options);
    expect(fromManifest.diagnostics.map((d) => `${d.ruleId} ${d.message}`)).toContain('translation:footnote-mismatch Note "[^1]" is not cited in section "death-penalty", expected it there as in the original');
    // Once the original changes, what the manifest says of it is not used: it is read again.
    writeFileSync(manifestFile, misled(readFileSync(manifestFile, 'utf8')));
    edit('source/kazakhstan-2022/en.md', (t) => t.replace('Kazakhstan abolished the death penalty', 'Kazakhstan finally abolished the death penalty'));
    edit('source/kazakhstan-2022/fr.md', (t) => t.replace('Les forces de l’ordre', 'Les forces de sécurité'));
    const reread = await build(options);
    expect(reread.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(kept().notes).toEqual([['1', '1', ['excessive-use-of-force']]]);
    // And a translation's real mismatch reads the same whether its original was parsed or recalled.
    edit('source/kazakhstan-2022/es.md', (t) => t.replace('[^1]', ''));
    const recalled = await build(options);
    const parsed = await build({ ...options, outDir: join(options.outDir, '..', 'dist-fresh') });
    const errors = (r: typeof recalled) => r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId} ${d.message}`);
    expect(errors(recalled)).toEqual(errors(parsed));
    expect(errors(recalled).join('\n')).toMatch(/es\.md:\d+:\d+ translation:footnote-mismatch/);
  });

  it('lists a new edition among its siblings only once it passes its checks, so no page links a file that was never published', async () => {
    const { options, edit, dir } = project();
    options.formats = ['html', 'json', 'pdf'];
    await build(options);
    const page = (lang: string) => readFileSync(join(options.outDir, 'other-2023', `other-2023.${lang}.html`), 'utf8');
    const before = files(options.outDir);
    // A French edition with a planned section missing: it fails, and English does not link it.
    writeFileSync(join(dir, 'source', 'other-2023', 'fr.md'), '---\ntitle: Autre 2023\n---\n\nRésumé.\n\n## Contexte {#background}\n\nTexte.\n');
    const { rendered, loadWriter } = counting();
    const failing = await build({ ...options, loadWriter });
    expect(failing.exitCode).toBe(1);
    expect(failing.failed).toEqual(['other-2023/fr']);
    expect(existsSync(join(options.outDir, 'other-2023', 'other-2023.fr.html'))).toBe(false);
    // English is checked again, and its files stay as they were: nothing in them names French.
    expect(failing.skipped).toContain('other-2023/en');
    expect(rendered).toEqual([]);
    for (const [name, { bytes }] of before) if (name !== manifestName) expect(files(options.outDir).get(name)?.bytes.equals(bytes), name).toBe(true);
    expect(page('en')).not.toContain('other-2023.fr.html');
    expect(JSON.stringify(JSON.parse(readFileSync(join(options.outDir, 'other-2023', 'other-2023.en.json'), 'utf8')))).not.toContain('"fr"');
    // The same in another report, for an edition in a language that has no labels yet.
    writeFileSync(join(dir, 'source', 'kazakhstan-2022', 'de.md'), readFileSync(join(dir, 'source', 'kazakhstan-2022', 'fr.md'), 'utf8'));
    const unlabelled = await build({ ...options, loadWriter });
    expect(unlabelled.failed).toEqual(['kazakhstan-2022/de', 'other-2023/fr']);
    expect(rendered).toEqual([]);
    expect(readFileSync(join(options.outDir, 'kazakhstan-2022', 'kazakhstan-2022.fr.html'), 'utf8')).not.toContain('kazakhstan-2022.de.html');
    rmSync(join(dir, 'source', 'kazakhstan-2022', 'de.md'));
    // Once French passes, it is published, English links it, and the index lists it.
    edit('source/other-2023/fr.md', (t) => `${t}\n## Peine de mort {#death-penalty}\n\nAbolie.\n`);
    const fixed = await build({ ...options, loadWriter });
    expect(fixed.exitCode).toBe(0);
    expect(fixed.built).toEqual(['other-2023/en', 'other-2023/fr']);
    expect(page('en')).toContain('href="other-2023.fr.html"');
    expect(page('fr')).toContain('href="other-2023.en.html"');
    expect(readFileSync(join(options.outDir, 'index.html'), 'utf8')).toContain('other-2023/other-2023.fr.html');
  });

  it('renders the siblings whose alternates name a changed title, and of them only what lists titles', async () => {
    const { options, edit } = project();
    await build(options);
    const { rendered, loadWriter } = counting();
    edit('source/kazakhstan-2022/es.md', (t) => t.replace('title: Kazajistán 2022', 'title: Kazajstán 2022'));
    const result = await build({ ...options, loadWriter });
    expect(result.built).toEqual(all);
    expect(readFileSync(join(options.outDir, 'kazakhstan-2022', 'kazakhstan-2022.fr.json'), 'utf8')).toContain('"title": "Kazajstán 2022"');
    // The web pages name the other editions by language, not by title: only es's is rendered.
    expect(rendered.filter((r) => r.endsWith(' html'))).toEqual(['kazakhstan-2022/es html']);
    expect(rendered.filter((r) => r.endsWith(' json'))).toEqual(all.map((e) => `${e} json`));
    // The same edit again, to the summary only: the title is unchanged, so the siblings stay.
    edit('source/kazakhstan-2022/es.md', (t) => t.replace(/\n\n(\S)/, '\n\nHoy. $1'));
    expect((await build(options)).built).toEqual(['kazakhstan-2022/es']);
  });

  it('renders a format that links no other one only when it changes, whatever other formats a build writes', async () => {
    const { options } = project();
    const { rendered, loadWriter } = counting();
    const only = ['kazakhstan-2022/fr'];
    await build({ ...options, formats: ['html', 'json', 'docx'], only, loadWriter });
    expect(rendered.sort()).toEqual(['kazakhstan-2022/fr docx', 'kazakhstan-2022/fr html', 'kazakhstan-2022/fr json']);
    // The Word file alone: it is up to date, links nothing, and is not rendered again.
    rendered.length = 0;
    expect(await build({ ...options, formats: ['docx'], only, loadWriter })).toMatchObject({ built: [], skipped: only });
    // All three again: nothing changed for any of them.
    expect(await build({ ...options, formats: ['html', 'json', 'docx'], only, loadWriter })).toMatchObject({ built: [], skipped: only });
    // Without the JSON file: the web page, which links the other formats, is rendered again; the Word file is not.
    await build({ ...options, formats: ['html', 'docx'], only, loadWriter });
    expect(rendered).toEqual(['kazakhstan-2022/fr html']);
    const page = readFileSync(join(options.outDir, 'kazakhstan-2022', 'kazakhstan-2022.fr.html'), 'utf8');
    expect(page).toContain('href="kazakhstan-2022.fr.docx"');
    expect(page).not.toContain('href="kazakhstan-2022.fr.json"');
  });

  it('gives each writer only what it says it reads of the siblings and of the other formats', async () => {
    const { options } = project();
    const seen: Record<string, unknown> = {};
    const loadWriter = async (format: Format): Promise<Writer> => {
      const writer = await realWriter(format);
      return { ...writer, render: (report, ctx) => ((seen[format] = { editions: report.editions.map((e) => `${e.lang}:${e.title}:${e.state}`), names: ctx.languageNames, formats: ctx.formats }), writer.render(report, ctx)) };
    };
    await build({ ...options, formats: ['html', 'json', 'pdf'], loadWriter, only: ['kazakhstan-2022/fr'] });
    expect(seen.pdf).toEqual({ editions: [], names: {}, formats: ['pdf'] });
    expect((seen.html as { formats: string[] }).formats).toEqual(['html', 'json', 'pdf']);
    expect((seen.html as { editions: string[] }).editions).toEqual(['en::current', 'ar::current', 'es::current', 'fr::current', 'kk::current', 'ru::current']);
    expect((seen.html as { names: Record<string, string> }).names.fr).toBe('Français');
    expect((seen.json as { editions: string[] }).editions).toContain('es:Kazajistán 2022:current');
  });

  it('renders the editions of one language when its labels change', async () => {
    const { options, edit } = project();
    await build(options);
    edit('templates/labels/fr.yaml', (t) => t.replace(/^(contents: ).*$/m, '$1Table des matières'));
    const result = await build(options);
    expect(result.built).toEqual(['kazakhstan-2022/fr']);
    expect(readFileSync(join(options.outDir, 'kazakhstan-2022', 'kazakhstan-2022.fr.html'), 'utf8')).toContain('Table des matières');
  });

  it('renders everything when the theme changes', async () => {
    const { options, edit } = project();
    await build(options);
    edit('templates/theme.yaml', (t) => t.replace(/#[0-9a-fA-F]{6}/, '#123456'));
    expect((await build(options)).built).toEqual([...all, 'other-2023/en']);
  });

  it('removes a deleted edition from dist/ and the index, and renders the siblings that linked it', async () => {
    const { dir, options } = project();
    await build(options);
    rmSync(join(dir, 'source', 'kazakhstan-2022', 'kk.md'));
    const result = await build(options);
    expect(result.removed).toEqual(['kazakhstan-2022/kk']);
    expect(result.built).toEqual(all.filter((e) => e !== 'kazakhstan-2022/kk'));
    expect(existsSync(join(options.outDir, 'kazakhstan-2022', 'kazakhstan-2022.kk.html'))).toBe(false);
    expect(existsSync(join(options.outDir, 'kazakhstan-2022', 'kazakhstan-2022.kk.json'))).toBe(false);
    const index = readFileSync(join(options.outDir, 'index.html'), 'utf8');
    expect(index).not.toContain('kazakhstan-2022.kk.');
    expect(index).toContain('kazakhstan-2022.ru.html');
    expect(readFileSync(join(options.outDir, 'kazakhstan-2022', 'kazakhstan-2022.en.html'), 'utf8')).not.toContain('kazakhstan-2022.kk.html');
    expect(Object.keys(readManifest(options.outDir).manifest!.editions)).not.toContain('kazakhstan-2022/kk');
  });

  it('removes a deleted report, its folder and its index entry', async () => {
    const { dir, options } = project();
    await build(options);
    rmSync(join(dir, 'source', 'other-2023'), { recursive: true });
    const result = await build(options);
    expect(result).toMatchObject({ built: [], removed: ['other-2023/en'], exitCode: 0 });
    expect(existsSync(join(options.outDir, 'other-2023'))).toBe(false);
    expect(readFileSync(join(options.outDir, 'index.html'), 'utf8')).not.toContain('other-2023');
    expect(readManifest(options.outDir).manifest!.reports).not.toHaveProperty('other-2023');
  });

  it('renders everything again, to the same bytes, when the manifest is corrupt, foreign or missing', async () => {
    const { options } = project();
    await build(options);
    const reference = files(options.outDir);
    const manifest = join(options.outDir, manifestName);
    const cases: [string | undefined, string][] = [
      ['{"kind": "folio-manifest", "version": 1, "folio": "x", "reports": {}, "edit', `${manifestName} is not valid JSON`],
      ['{"kind": "something-else"}', `${manifestName} is not a Folio manifest`],
      [readFileSync(manifest, 'utf8').replace(/"folio": "[0-9a-f]+"/, '"folio": "an older folio"'), `${manifestName} was written by another version of Folio`],
      [readFileSync(manifest, 'utf8').replace(/"file": "[^"]+"/, '"file": "../../etc/passwd"'), `${manifestName} has a broken entry for kazakhstan-2022/ar`],
      // What it says of an original, which a translation would otherwise be checked against.
      [readFileSync(manifest, 'utf8').replace(/"text": "[0-9a-f]+"/, '"text": 7'), `${manifestName} has a broken entry for kazakhstan-2022`],
      [undefined, 'no manifest'],
    ];
    for (const [text, reason] of cases) {
      if (text === undefined) rmSync(manifest);
      else writeFileSync(manifest, text);
      // A stale output the broken manifest can no longer vouch for.
      writeFileSync(join(options.outDir, 'kazakhstan-2022', 'kazakhstan-2022.fr.html'), 'stale');
      const result = await build(options);
      expect(result.fullRebuild, reason).toBe(reason);
      expect(result.built).toEqual([...all, 'other-2023/en']);
      const now = files(options.outDir);
      for (const [name, { bytes }] of reference) expect(now.get(name)?.bytes.equals(bytes), name).toBe(true);
    }
  });

  it('renders an edition whose output was deleted from dist/, and everything with force', async () => {
    const { options } = project();
    await build(options);
    rmSync(join(options.outDir, 'other-2023', 'other-2023.en.json'));
    expect((await build(options)).built).toEqual(['other-2023/en']);
    expect((await build({ ...options, force: true })).built).toEqual([...all, 'other-2023/en']);
  });

  it('removes the outputs of a gone edition even without a manifest, and repeats warnings it skips', async () => {
    const { dir, options, edit } = project();
    edit('source/other-2023/en.md', (t) => t.replace('title: Other 2023', 'title: Other 2023\nautor: Someone'));
    const first = await build(options);
    expect(first.diagnostics.map((d) => d.ruleId)).toContain('report:frontmatter');
    const again = await build(options);
    expect(again.built).toEqual([]);
    expect(again.diagnostics).toEqual(first.diagnostics);
    rmSync(join(options.outDir, manifestName));
    rmSync(join(dir, 'source', 'kazakhstan-2022', 'ar.md'));
    const result = await build(options);
    expect(result.removed).toEqual(['kazakhstan-2022/ar']);
    expect(existsSync(join(options.outDir, 'kazakhstan-2022', 'kazakhstan-2022.ar.html'))).toBe(false);
  });
});
