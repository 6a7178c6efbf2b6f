// `folio watch`: the preview server answers on 127.0.0.1 only with what dist/ holds (and no hidden
// file), a page open in Chromium reloads after an edit, a content error shows over the last good
// page until it is fixed, and Ctrl-C leaves dist/ whole.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { has, root } from './helpers.ts';

const folio = join(root, 'bin', 'folio.js');
const seed = readFileSync(join(root, 'source', 'kazakhstan-2022', 'en.md'), 'utf8');
const page = 'kazakhstan-2022/kazakhstan-2022.en.html';

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'folio-watch-'));
  mkdirSync(join(dir, 'source', 'kazakhstan-2022'), { recursive: true });
  for (const name of ['report.yaml', 'en.md']) cpSync(join(root, 'source', 'kazakhstan-2022', name), join(dir, 'source', 'kazakhstan-2022', name));
  return dir;
}

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Starts `folio watch` and resolves with its address once it serves; `lines` collects stderr. */
function startWatch(dir: string, templates = join(root, 'templates')): Promise<{ child: ChildProcess; url: string; lines: string[]; next: (pattern: RegExp) => Promise<string> }> {
  const child = spawn(process.execPath, [folio, 'watch', '--port', '0', '--formats', 'html,json', '--templates', templates], {
    cwd: dir,
    env: { ...process.env, SOURCE_DATE_EPOCH: '1679918400', CI: '1' },
  });
  running.push(child);
  const lines: string[] = [];
  const waiting: { pattern: RegExp; from: number; done: (line: string) => void }[] = [];
  let buffer = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    const parts = buffer.split('\n');
    buffer = parts.pop()!;
    for (const line of parts) {
      lines.push(line);
      for (const w of [...waiting]) {
        if (w.pattern.test(line)) {
          waiting.splice(waiting.indexOf(w), 1);
          w.done(line);
        }
      }
    }
  });
  /** The next stderr line matching, from now on. */
  const next = (pattern: RegExp) => new Promise<string>((done) => waiting.push({ pattern, from: lines.length, done }));
  return next(/^Serving /).then((line) => ({ child, url: /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(line)![1], lines, next }));
}

describe('folio watch', () => {
  it('serves dist/ on 127.0.0.1 with the live-reload script, and nothing hidden or outside it', async () => {
    const dir = workspace();
    const { child, url } = await startWatch(dir);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const index = await fetch(url);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain(`href="${page}"`);
    const served = await (await fetch(`${url}${page}`)).text();
    expect(served).toContain('<script id="folio-live-reload">');
    // The script is added as the page is served, never written into dist/.
    expect(readFileSync(join(dir, 'dist', page), 'utf8')).not.toContain('folio-live-reload');
    expect((await fetch(`${url}.folio-manifest.json`)).status).toBe(404);
    expect((await fetch(`${url}%2e%2e/source/kazakhstan-2022/en.md`)).status).toBe(404);
    const json = await fetch(`${url}kazakhstan-2022/kazakhstan-2022.en.json`);
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    // Asked for by another name (a site that points its own name at 127.0.0.1): refused.
    const { port } = new URL(url);
    const status = (host: string) => new Promise<number>((done, fail) => {
      request({ host: '127.0.0.1', port, path: '/', headers: { host } }, (res) => {
        res.resume();
        done(res.statusCode ?? 0);
      }).on('error', fail).end();
    });
    expect(await status('evil.example')).toBe(403);
    expect(await status(`evil.example:${port}`)).toBe(403);
    expect(await status(`localhost:${port}`)).toBe(200);
    expect(await status(`127.0.0.1:${port}`)).toBe(200);
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(existsSync(join(dir, 'dist', '.folio-lock'))).toBe(false);
  }, 60_000);

  const chromium = has('chromium');
  it.skipIf(!chromium)(`reloads the open page in Chromium after an edit, shows an error over the last good page, and stops whole on Ctrl-C${chromium ? '' : ' (skipped: chromium is not installed)'}`, async () => {
    const dir = workspace();
    cpSync(join(root, 'templates'), join(dir, 'templates'), { recursive: true });
    const { child, url, next } = await startWatch(dir, 'templates');
    const { chromium: browserType } = await import('playwright-core');
    const browser = await browserType.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const tab = await browser.newPage();
      await tab.goto(`${url}${page}`);
      expect(await tab.textContent('body')).not.toContain('finally abolished');
      const edited = seed.replace('Kazakhstan abolished the death penalty', 'Kazakhstan finally abolished the death penalty');
      expect(edited).not.toBe(seed);
      writeFileSync(join(dir, 'source', 'kazakhstan-2022', 'en.md'), edited);
      // The page reloads by itself once the build has written the new file.
      await tab.waitForFunction(() => document.body.textContent!.includes('finally abolished'), null, { timeout: 45_000 });

      // A content error: the page stays the last good build, with the problem over it.
      const built = next(/^Editions: /);
      writeFileSync(join(dir, 'source', 'kazakhstan-2022', 'en.md'), edited.replace(/## Death penalty\n[\s\S]*?(?=## Failure)/, ''));
      await built;
      const overlay = await tab.waitForSelector('#folio-overlay', { timeout: 45_000 });
      expect(await overlay.textContent()).toMatch(/en\.md:\d+:1: error Section "death-penalty" planned in report\.yaml is missing.*report:required-sections/);
      expect(await tab.textContent('article')).toContain('finally abolished');

      // Fixed: the overlay goes.
      writeFileSync(join(dir, 'source', 'kazakhstan-2022', 'en.md'), edited);
      await tab.waitForSelector('#folio-overlay', { state: 'detached', timeout: 45_000 });

      // A broken theme stops every build: its problem shows the same way, at its line, in the
      // terminal and over the page, until it is fixed.
      const theme = join(dir, 'templates', 'theme.yaml');
      const themeText = readFileSync(theme, 'utf8');
      const reported = next(/template:theme$/);
      writeFileSync(theme, themeText.replace('  leading: 14.5', '  leading: 8'));
      const leading = themeText.split('\n').findIndex((l) => l.startsWith('  leading:')) + 1;
      expect(await reported).toMatch(new RegExp(`^templates/theme\\.yaml:${leading}:12: error Theme: "sizes\\.leading" is 8`));
      const themeOverlay = await tab.waitForSelector('#folio-overlay', { timeout: 45_000 });
      expect(await themeOverlay.textContent()).toMatch(new RegExp(`theme\\.yaml:${leading}:12: error Theme: "sizes\\.leading" is 8.*template:theme`));
      expect(await tab.textContent('article')).toContain('finally abolished');
      writeFileSync(theme, themeText);
      await tab.waitForSelector('#folio-overlay', { state: 'detached', timeout: 45_000 });
    } finally {
      await browser.close();
    }
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    const left = readdirSync(join(dir, 'dist'), { recursive: true, encoding: 'utf8' });
    expect(left.filter((f) => f.includes('.folio-tmp-') || f.endsWith('.folio-lock'))).toEqual([]);
    expect(readFileSync(join(dir, 'dist', page), 'utf8')).toContain('finally abolished');
  }, 120_000);
});
