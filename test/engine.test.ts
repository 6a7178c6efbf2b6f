// The build engine from the command line: --jobs gives the same bytes as one thread, shards
// partition the editions and merge into what a single build writes, a signal stops a build with
// dist/ whole and the next build carrying on, and a second build cannot write the same dist/.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { shardOf, parseShard } from '../src/pipeline/shard.ts';
import { manifestName, readManifest } from '../src/pipeline/manifest.ts';
import { lockName, processIdentity } from '../src/pipeline/publish.ts';
import { root } from './helpers.ts';
import { formats } from '../src/render/registry.ts';

const folio = join(root, 'bin', 'folio.js');
const all = ['ar', 'en', 'es', 'fr', 'kk', 'ru'].map((l) => `kazakhstan-2022/${l}`);

/** A working directory holding a copy of the six editions of the seed. */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'folio-engine-'));
  cpSync(join(root, 'source', 'kazakhstan-2022'), join(dir, 'source', 'kazakhstan-2022'), { recursive: true });
  return dir;
}

function folioIn(cwd: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [folio, ...args, '--templates', join(root, 'templates')], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, SOURCE_DATE_EPOCH: '1679918400', CI: '1', ...env },
  });
  return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

/** Every file under a directory, with its bytes (the lock, held only while a build runs, aside). */
function snapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.set(join(entry.parentPath, entry.name).slice(dir.length + 1), readFileSync(join(entry.parentPath, entry.name)));
  }
  return files;
}

const fast = ['--formats', 'html,json'];

describe('the compiled command', () => {
  it("runs its bundle from V8's code cache, in the command and, under the flags the command sets, in a worker thread", () => {
    const load = pathToFileURL(join(root, 'lib', 'load.mjs')).href;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', `
      const load = await import(${JSON.stringify(load)});
      console.log(JSON.stringify({ command: load.codeCache, worker: load.codeCacheTakenNow() }));
    `], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ command: 'accepted', worker: true });
  });

  it("runs a worker thread from the code cache made under the build's flags, with V8's optimising compiler or without", () => {
    // A worker of a short build runs under the command's flags (V8's flags are the process's) and
    // takes the command's cache; one of a longer build, under the flags that let TurboFan in, takes
    // the worker cache. The pool tells it which (src/pipeline/pool.ts).
    const load = join(root, 'lib', 'load.cjs');
    const result = spawnSync(process.execPath, ['-e', `
      const { Worker } = require('node:worker_threads');
      const load = require(${JSON.stringify(load)});
      const inWorker = (flags) => new Promise((resolve, reject) => {
        const worker = new Worker(\`const load = require(\${JSON.stringify(${JSON.stringify(load)})}); require('node:worker_threads').parentPort.postMessage(load.codeCache);\`, { eval: true, env: { ...process.env, FOLIO_WORKER_FLAGS: flags } });
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      (async () => {
        const command = load.codeCache;
        const short = await inWorker('start');
        // As a long build does before it starts its workers (tiers.ts's optimise, which
        // codeCacheTakenNow sets too).
        load.codeCacheTakenNow();
        const long = await inWorker('optimised');
        console.log(JSON.stringify({ command, short, long }));
      })();
    `], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ command: 'accepted', short: 'accepted', long: 'accepted' });
  });

  it("takes the code cache made by a build of one format when the command asks for that format alone", () => {
    const load = join(root, 'lib', 'load.cjs');
    const taken = (args: string[]) => {
      const result = spawnSync(process.execPath, ['-e', `
        const load = require(${JSON.stringify(load)});
        load.folioFor(${JSON.stringify(args)});
        console.log(JSON.stringify({ cache: load.cacheMade, taken: load.codeCache }));
      `], { encoding: 'utf8' });
      expect(result.status, result.stderr).toBe(0);
      return JSON.parse(result.stdout) as { cache: string; taken: string };
    };
    for (const format of formats) {
      expect(existsSync(join(root, 'lib', `folio.${format}.cache`))).toBe(true);
      expect(taken(['build', '--formats', format])).toEqual({ cache: format, taken: 'accepted' });
    }
    expect(taken(['build', '--formats=json'])).toEqual({ cache: 'json', taken: 'accepted' });
    expect(taken(['build', '--formats', 'json', '--formats', 'pdf'])).toEqual({ cache: 'pdf', taken: 'accepted' });
    expect(taken(['build', '--formats', 'pdf,json'])).toEqual({ cache: 'all', taken: 'accepted' });
    expect(taken(['build', '--formats', 'xml'])).toEqual({ cache: 'all', taken: 'accepted' });
    expect(taken(['build'])).toEqual({ cache: 'all', taken: 'accepted' });
  });

  it('names lib/folio.cjs in stack traces, where the cached code runs from', () => {
    // V8 keeps the file name a code cache was made under: a cache made elsewhere would send a
    // reader of a --verbose trace to a folder that no longer exists.
    const main = pathToFileURL(join(root, 'lib', 'main.mjs')).href;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', `
      const { main } = await import(${JSON.stringify(main)});
      const lines = [];
      await main(['build', '--jobs', '0', '--verbose'], { out: () => {}, err: (text) => lines.push(text), isTTY: false });
      console.log(lines.join('\\n'));
    `], { encoding: 'utf8', cwd: workspace() });
    expect(result.status, result.stderr).toBe(0);
    const frames = result.stdout.split('\n').filter((line) => line.includes('folio.cjs:'));
    expect(frames.length).toBeGreaterThan(0);
    for (const frame of frames) expect(frame).toContain(`${join(root, 'lib', 'folio.cjs')}:`);
  });
});

describe('--jobs', () => {
  it('renders in worker threads the same bytes as in one thread, all four formats', () => {
    const dir = workspace();
    const one = folioIn(dir, ['build', '--jobs', '1', '--out', 'one']);
    expect(one.code, one.stderr).toBe(0);
    const two = folioIn(dir, ['build', '--jobs', '2', '--out', 'two']);
    expect(two.code, two.stderr).toBe(0);
    expect(two.stderr).toContain('built 6, 0 up to date');
    const a = snapshot(join(dir, 'one'));
    expect([...a.keys()]).toEqual(expect.arrayContaining(['kazakhstan-2022/kazakhstan-2022.ar.pdf', 'kazakhstan-2022/kazakhstan-2022.kk.docx', manifestName, 'index.html']));
    expect(snapshot(join(dir, 'two'))).toEqual(a);
  }, 120_000);

  it('refuses a number of jobs that is not one', () => {
    expect(folioIn(workspace(), ['build', '--jobs', '0'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--jobs must be a whole number') });
  });
});

describe('--shard', () => {
  it('puts every edition in exactly one shard, and a new report moves no other edition', () => {
    const names = Array.from({ length: 600 }, (_, i) => `report-${i}/${['en', 'fr', 'ar'][i % 3]}`);
    for (const n of [1, 2, 3, 7]) {
      const shards = names.map((name) => shardOf(name, n));
      expect(shards.every((k) => k >= 1 && k <= n)).toBe(true);
      // Spread: no shard gets less than half its share.
      for (let k = 1; k <= n; k++) expect(shards.filter((s) => s === k).length).toBeGreaterThan(names.length / n / 2);
      // The shard of a name depends on that name only.
      expect([...names, 'new-report/en'].slice(0, names.length).map((name) => shardOf(name, n))).toEqual(shards);
    }
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(() => parseShard('5/4')).toThrow('--shard must be k/n');
  });

  it('builds two shards that merge into exactly what one build writes', () => {
    const dir = workspace();
    expect(folioIn(dir, ['build', ...fast, '--out', 'whole']).code).toBe(0);
    const shards = [1, 2].map((k) => folioIn(dir, ['build', ...fast, '--shard', `${k}/2`, '--out', `part-${k}`]));
    for (const s of shards) expect(s.code, s.stderr).toBe(0);
    const parts = [1, 2].map((k) => Object.keys(readManifest(join(dir, `part-${k}`)).manifest!.editions));
    expect(parts[0].length).toBeGreaterThan(0);
    expect(parts[1].length).toBeGreaterThan(0);
    expect([...parts[0], ...parts[1]].sort()).toEqual(all);
    // A part has no index: the merge writes it.
    expect(existsSync(join(dir, 'part-1', 'index.html'))).toBe(false);
    const partial = folioIn(dir, ['merge', '--out', 'merged', 'part-1']);
    expect(partial).toMatchObject({ code: 2, stderr: expect.stringContaining('shard 2/2 missing') });
    const merged = folioIn(dir, ['merge', '--out', 'merged', 'part-1', 'part-2']);
    expect(merged.code, merged.stderr).toBe(0);
    expect(snapshot(join(dir, 'merged'))).toEqual(snapshot(join(dir, 'whole')));
    // The merged manifest serves the next build: nothing to do.
    const again = folioIn(dir, ['build', ...fast, '--out', 'merged']);
    expect(again.stderr).toContain('Nothing to do: 6 editions up to date');
  }, 120_000);
});

describe('interruption', () => {
  for (const jobs of ['1', '2']) {
    it(`stops on SIGINT with every file whole and the index true, and the next build carries on (--jobs ${jobs})`, () => {
      const dir = workspace();
      expect(folioIn(dir, ['build', ...fast, '--out', 'reference']).code).toBe(0);
      const reference = snapshot(join(dir, 'reference'));
      // The build sends itself SIGINT while publishing its third edition: no timer, no race.
      const stopped = folioIn(dir, ['build', ...fast, '--jobs', jobs], { FOLIO_FAULT: 'signal:stage:4' });
      expect(stopped.code, stopped.stderr).toBe(130);
      expect(stopped.stderr).toContain('interrupted');
      const now = snapshot(join(dir, 'dist'));
      expect(now.has(lockName)).toBe(false);
      const published = Object.values(readManifest(join(dir, 'dist')).manifest!.editions);
      expect(published.length).toBeGreaterThanOrEqual(3);
      expect(published.length).toBeLessThan(6);
      for (const [name, bytes] of now) {
        if (name === 'index.html' || name === manifestName) continue;
        expect(bytes.equals(reference.get(name)!), name).toBe(true);
      }
      // The index links exactly the editions published.
      const links = [...now.get('index.html')!.toString('utf8').matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
      expect(links.length).toBe(published.length * 2);
      for (const link of links) expect(now.has(link), link).toBe(true);
      const resumed = folioIn(dir, ['build', ...fast]);
      expect(resumed.code).toBe(0);
      expect(resumed.stderr).toContain(`built ${6 - published.length}, ${published.length} up to date`);
      expect(snapshot(join(dir, 'dist'))).toEqual(reference);
    }, 120_000);
  }
});

describe('the output lock', () => {
  it('refuses to write a dist/ another build holds, and takes over a lock its holder left', () => {
    const dir = workspace();
    mkdirSync(join(dir, 'dist'));
    // This test process stands for a running build.
    writeFileSync(join(dir, 'dist', lockName), `${process.pid}\n`);
    const refused = folioIn(dir, ['build', ...fast]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`folio: dist is being written by another Folio build (process ${process.pid}); wait for it to finish or stop it`);
    expect(existsSync(join(dir, 'dist', 'index.html'))).toBe(false);
    // A process id no process has: the lock of a build that was killed.
    writeFileSync(join(dir, 'dist', lockName), '4194303\n');
    const taken = folioIn(dir, ['build', ...fast]);
    expect(taken.code, taken.stderr).toBe(0);
    expect(existsSync(join(dir, 'dist', lockName))).toBe(false);
  }, 60_000);

  const identity = processIdentity(process.pid);
  const named = "tells a live build's lock from a killed one's whose process id another process has since";
  (identity ? it : it.skip)(identity ? named : `${named} (skipped: the system has no /proc to say which process is which)`, () => {
    const dir = workspace();
    mkdirSync(join(dir, 'dist'));
    // The lock this test process would write: a build that runs.
    writeFileSync(join(dir, 'dist', lockName), `${process.pid}\n${identity!.identity}\n`);
    const refused = folioIn(dir, ['build', ...fast]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`(process ${process.pid})`);
    // The same process id, but a process started at another moment: the build that wrote the
    // lock was killed, and its id went to this one.
    const [boot, started] = identity!.identity.split('/');
    writeFileSync(join(dir, 'dist', lockName), `${process.pid}\n${boot}/${Number(started) - 1}\n`);
    const taken = folioIn(dir, ['build', ...fast]);
    expect(taken.code, taken.stderr).toBe(0);
    expect(existsSync(join(dir, 'dist', 'index.html'))).toBe(true);
    expect(existsSync(join(dir, 'dist', lockName))).toBe(false);
  }, 60_000);
});
