// The command line as an editor and CI use it: messages with file:line:column and rule id, exit
// codes, dist/ untouched by a failed build, byte-identical rebuilds.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folioIdentity } from '../src/pipeline/inputs.ts';
import { needs, root } from './helpers.ts';

const folio = join(root, 'bin', 'folio.js');
const seedSource = readFileSync(join(root, 'source', 'kazakhstan-2022', 'en.md'), 'utf8');

/** A working directory holding the seed's report.yaml and English edition (optionally replaced);
 * the translations are left out so each build here stays quick. */
function workspace(en?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'folio-cli-'));
  mkdirSync(join(dir, 'source', 'kazakhstan-2022'), { recursive: true });
  for (const name of ['report.yaml', 'en.md']) cpSync(join(root, 'source', 'kazakhstan-2022', name), join(dir, 'source', 'kazakhstan-2022', name));
  if (en !== undefined) writeFileSync(join(dir, 'source', 'kazakhstan-2022', 'en.md'), en);
  return dir;
}

function folioIn(cwd: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [folio, ...args, '--templates', join(root, 'templates')], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, SOURCE_DATE_EPOCH: '1679918400', ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((line) => line.includes(needle)) + 1;
}

/** Every file under a directory, with its bytes. */
function snapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.set(join(entry.parentPath, entry.name).slice(dir.length), readFileSync(join(entry.parentPath, entry.name)));
  }
  return files;
}

const fast = ['--formats', 'html,json'];

describe('folio check', () => {
  it('passes the seed and writes nothing', () => {
    const dir = workspace();
    const result = folioIn(dir, ['check']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Checked 1 edition');
    expect(existsSync(join(dir, 'dist'))).toBe(false);
  });

  it('reports a deleted "Death penalty" section at the heading that follows it', () => {
    const broken = seedSource.replace(/## Death penalty\n[\s\S]*?(?=## Failure)/, '');
    const result = folioIn(workspace(broken), ['check']);
    expect(result.code).toBe(1);
    const line = lineOf(broken, '## Failure to tackle climate crisis');
    expect(result.stderr.split('\n')).toContain(
      `source/kazakhstan-2022/en.md:${line}:1: error Section "death-penalty" planned in report.yaml is missing ` +
        '(add "## Death penalty" before "## Failure to tackle climate crisis", or remove it from the plan)  report:required-sections',
    );
  });

  it('reports a deleted note definition where the note is cited', () => {
    const broken = seedSource.replace(/\n\[\^1\]:.*\n/, '\n');
    const result = folioIn(workspace(broken), ['check']);
    expect(result.code).toBe(1);
    const line = lineOf(broken, 'shoot without warning.[^1]');
    const column = broken.split('\n')[line - 1].indexOf('[^1]') + 1;
    expect(result.stderr).toContain(`source/kazakhstan-2022/en.md:${line}:${column}: error Footnote "[^1]" is referenced but never defined`);
    expect(result.stderr).toMatch(/report:footnote-undefined\n/);
  });

  it('reports a new [^2] with no definition, once per problem, and as JSON with --json', () => {
    const broken = seedSource.replace('after fuel subsidies were abolished.', 'after fuel subsidies were abolished.[^2]');
    const result = folioIn(workspace(broken), ['check', '--json']);
    expect(result.code).toBe(1);
    const diagnostics = JSON.parse(result.stdout) as { line: number; column: number; ruleId: string; severity: string }[];
    const line = lineOf(broken, '[^2]');
    expect(diagnostics).toEqual([expect.objectContaining({ line, column: broken.split('\n')[line - 1].indexOf('[^2]') + 1, ruleId: 'report:footnote-undefined', severity: 'error' })]);
  });

  it('writes all of a long --json report into a pipe its reader empties late, before it exits', () => {
    // The command ends as soon as its work is done (bin/folio.js), but not before a pipe has taken
    // what it wrote: the reader here starts a second late, when a pipe holds 64 KB.
    const unused = Array.from({ length: 2000 }, (_, i) => `[^unused${i}]: A note no sentence cites, number ${i}.`).join('\n\n');
    const dir = workspace(`${seedSource}\n\n${unused}\n`);
    const command = `"${process.execPath}" "${folio}" check --json --templates "${join(root, 'templates')}" | { sleep 1; cat; }`;
    const result = spawnSync('sh', ['-c', command], { cwd: dir, encoding: 'utf8', maxBuffer: 64 << 20 });
    expect(result.stdout.length).toBeGreaterThan(256 * 1024);
    const diagnostics = JSON.parse(result.stdout) as { ruleId: string }[];
    expect(diagnostics.filter((d) => d.ruleId === 'report:footnote-unused')).toHaveLength(2000);
  });

  it('turns warnings into errors with --strict', () => {
    const warned = seedSource.replace('title: Kazakhstan 2022', 'title: Kazakhstan 2022\nautor: Someone');
    expect(folioIn(workspace(warned), ['check']).code).toBe(0);
    const strict = folioIn(workspace(warned), ['check', '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('source/kazakhstan-2022/en.md:3:1: warning Unknown front matter key `autor`');
  });

  it('exits 2 on usage errors, with a message', () => {
    const dir = workspace();
    expect(folioIn(dir, ['build', '--formats', 'epub'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown format "epub"') });
    const unknown = folioIn(dir, ['publish']);
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command "publish"') });
    // It names every command the help lists.
    const commands = [...folioIn(dir, ['--help']).stdout.split('Commands:')[1]!.split('Options:')[0]!.matchAll(/^ {2}([a-z-]+)/gm)].map((m) => m[1]!);
    expect(commands).toEqual(['build', 'check', 'watch', 'merge', 'status', 'new-edition']);
    for (const command of commands) expect(unknown.stderr).toContain(command);
    expect(folioIn(dir, ['build', '--bogus'])).toMatchObject({ code: 2, stderr: expect.stringContaining("Unknown option '--bogus'") });
    expect(folioIn(dir, ['build', '--only', 'atlantis-2022'])).toMatchObject({ code: 2, stderr: expect.stringContaining('no report "atlantis-2022"') });
    expect(folioIn(dir, ['check', '--only', 'kazakhstan-2022/fr'])).toMatchObject({ code: 2, stderr: expect.stringContaining('report "kazakhstan-2022" has no edition fr.md') });
    expect(folioIn(dir, ['check', '--only', 'kazakhstan-2022/en']).code).toBe(0);
    expect(folioIn(dir, ['--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: folio <command>') });
    expect(folioIn(dir, ['help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: folio <command>') });
    // The version package.json gives, not one written into the code.
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(folioIn(dir, ['--version'])).toMatchObject({ code: 0, stdout: `folio ${version}\n` });
  });
});

describe('folio build', () => {
  it('writes the edition and an index linking each format built', () => {
    const dir = workspace();
    const result = folioIn(dir, ['build', ...fast]);
    expect(result.code).toBe(0);
    const index = readFileSync(join(dir, 'dist', 'index.html'), 'utf8');
    expect(index).toContain('<a href="kazakhstan-2022/kazakhstan-2022.en.html" hreflang="en">Web page</a>');
    expect(index).toContain('<a href="kazakhstan-2022/kazakhstan-2022.en.json" hreflang="en">Data (JSON)</a>');
    expect(index).not.toContain('.pdf');
    expect(index).toMatch(/<span class="edition" lang="en" dir="ltr">English<\/span>: <a href="kazakhstan-2022\/kazakhstan-2022.en.html"[^>]*>Web page<\/a> · <a href="kazakhstan-2022\/kazakhstan-2022.en.json"/);
    expect(JSON.parse(readFileSync(join(dir, 'dist', 'kazakhstan-2022', 'kazakhstan-2022.en.json'), 'utf8')).generated).toBe('2023-03-27T12:00:00.000Z');
  });

  it('keeps the previous good files untouched when the sources break', () => {
    const dir = workspace();
    expect(folioIn(dir, ['build', ...fast]).code).toBe(0);
    const before = snapshot(join(dir, 'dist'));
    const mtime = statSync(join(dir, 'dist', 'kazakhstan-2022', 'kazakhstan-2022.en.html')).mtimeMs;
    writeFileSync(join(dir, 'source', 'kazakhstan-2022', 'en.md'), seedSource.replace(/## Death penalty\n[\s\S]*?(?=## Failure)/, ''));
    const result = folioIn(dir, ['build', ...fast]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Not published, previous files kept: kazakhstan-2022/en');
    expect(snapshot(join(dir, 'dist'))).toEqual(before);
    expect(statSync(join(dir, 'dist', 'kazakhstan-2022', 'kazakhstan-2022.en.html')).mtimeMs).toBe(mtime);
  });

  it('refuses a character no font can draw, at its line, and publishes nothing of that edition', () => {
    const dir = workspace();
    expect(folioIn(dir, ['build', '--formats', 'html,pdf']).code).toBe(0);
    const before = snapshot(join(dir, 'dist'));
    const broken = seedSource.replace('Death penalty\n\nAmendments', 'Death penalty\n\nAmendments 😀');
    writeFileSync(join(dir, 'source', 'kazakhstan-2022', 'en.md'), broken);
    const result = folioIn(dir, ['build', '--formats', 'html,pdf']);
    expect(result.code).toBe(1);
    const line = lineOf(broken, 'Amendments 😀');
    expect(result.stderr).toMatch(new RegExp(`source/kazakhstan-2022/en\\.md:${line}:\\d+: error No configured font has a glyph for "😀" \\(U\\+1F600\\).*  font:missing-glyph`));
    expect(snapshot(join(dir, 'dist'))).toEqual(before);
  });

  it('gives byte-identical files from the same sources', () => {
    const a = workspace();
    const b = workspace();
    expect(folioIn(a, ['build']).code).toBe(0);
    expect(folioIn(b, ['build']).code).toBe(0);
    const first = snapshot(join(a, 'dist'));
    expect([...first.keys()].sort()).toEqual(expect.arrayContaining(['/index.html', '/report.schema.json', '/kazakhstan-2022/kazakhstan-2022.en.html']));
    expect(snapshot(join(b, 'dist'))).toEqual(first);
  }, 60_000);

  it('names the compiled Folio apart from its sources in the manifest, since some streams are compressed differently', () => {
    const dir = workspace();
    expect(folioIn(dir, ['build', ...fast]).code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, 'dist', '.folio-manifest.json'), 'utf8')) as { folio: string };
    expect(manifest.folio).toMatch(/^[0-9a-f]{64}$/);
    // A dist/ built from the sources (FOLIO_TSX=1, or in-process as the tests render) is rebuilt
    // by the compiled command, and the other way round.
    expect(manifest.folio).not.toBe(folioIdentity());
  });

  it('leaves every file whole, old or new, when a build is killed at a step of publishing', () => {
    const dir = workspace();
    expect(folioIn(dir, ['build']).code).toBe(0);
    const old = snapshot(join(dir, 'dist'));
    const changed = seedSource.replace('Kazakhstan abolished the death penalty', 'Kazakhstan finally abolished the death penalty');
    const reference = workspace(changed);
    expect(folioIn(reference, ['build']).code).toBe(0);
    const fresh = snapshot(join(reference, 'dist'));
    writeFileSync(join(dir, 'source', 'kazakhstan-2022', 'en.md'), changed);
    // The build kills itself (SIGKILL, no clean-up) just before that step: no timer, no race.
    for (const step of ['stage:0', 'stage:3', 'rename:0', 'rename:2']) {
      const result = spawnSync(process.execPath, [folio, 'build', '--templates', join(root, 'templates')], {
        cwd: dir,
        env: { ...process.env, SOURCE_DATE_EPOCH: '1679918400', FOLIO_FAULT: `kill:${step}` },
      });
      expect(result.signal, `killed before ${step}`).toBe('SIGKILL');
      const now = snapshot(join(dir, 'dist'));
      for (const [name, bytes] of old) {
        expect(now.has(name), `${name} after a kill before ${step}`).toBe(true);
        const current = now.get(name)!;
        expect(current.equals(bytes) || current.equals(fresh.get(name)!), `${name} whole after a kill before ${step}`).toBe(true);
      }
    }
    // The next build sweeps whatever temporary file a kill left behind and completes.
    expect(folioIn(dir, ['build']).code).toBe(0);
    expect(snapshot(join(dir, 'dist'))).toEqual(fresh);
  }, 120_000);

  it('says in one line what failed, with exit code 2, when dist/ cannot be written', () => {
    const dir = workspace();
    writeFileSync(join(dir, 'dist'), 'a file where the output directory should be');
    const result = folioIn(dir, ['build', ...fast]);
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split('\n').filter((l) => l.startsWith('folio:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^folio: cannot (write|read|open) dist.*\((ENOTDIR|EEXIST)\)$/);
    expect(result.stderr).not.toMatch(/\bat .*\.m?js:\d+/);
  });

  // A file-size limit (ulimit -f, set by the shell) stands for a full disk: the system's error for
  // such a write names no file, and the build must say which output it was writing.
  needs('bash')('names the output a write failed for, when the system cannot take it, and leaves no part of it', () => {
    const dir = workspace();
    const command = `ulimit -f 8; exec "${process.execPath}" "${folio}" build --formats pdf --jobs 1 --templates "${join(root, 'templates')}"`;
    const result = spawnSync('bash', ['-c', command], { cwd: dir, encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '1679918400' } });
    expect(result.status, result.stderr).toBe(2);
    // 8 KB at most a file: the PDF (29 KB) cannot be written.
    expect(result.stderr).toContain('folio: cannot write dist/kazakhstan-2022/kazakhstan-2022.en.pdf: file too large for the system\'s limits (EFBIG)');
    const left = readdirSync(join(dir, 'dist'), { recursive: true, encoding: 'utf8' });
    expect(left.filter((name) => name.includes('.folio-tmp-'))).toEqual([]);
    expect(left).not.toContain(join('kazakhstan-2022', 'kazakhstan-2022.en.pdf'));
  });

  it('refuses an output directory among the sources or the templates, or holding them, and writes nothing', () => {
    const dir = workspace();
    const templates = join(dir, 'templates');
    cpSync(join(root, 'templates'), templates, { recursive: true });
    const before = snapshot(dir);
    const cases: [string, RegExp][] = [
      ['source/kazakhstan-2022', /^folio: the output directory source\/kazakhstan-2022 is inside the sources folder \(source\), where outputs would be read as sources/],
      ['source', /^folio: the output directory source is the sources folder \(source\)/],
      ['templates/out', /^folio: the output directory templates\/out is inside the templates folder \(templates\)/],
      ['.', /^folio: the output directory \. holds the sources folder \(source\), which would be published with it, drafts and all; choose a folder apart from both, as --out dist$/],
    ];
    for (const [out, message] of cases) {
      for (const command of ['build', 'watch']) {
        const result = spawnSync(process.execPath, [folio, command, '--out', out, '--templates', 'templates', ...fast], { cwd: dir, encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '1679918400' } });
        expect(result.status, `${command} --out ${out}`).toBe(2);
        expect(result.stderr.trim()).toMatch(message);
      }
    }
    // Not a file written or removed anywhere in the workspace: no output, no lock, no manifest.
    expect(snapshot(dir)).toEqual(before);
  });
});
