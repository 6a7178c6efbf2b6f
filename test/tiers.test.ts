// V8's optimising compiler in a build (src/pipeline/tiers.ts): off under the flags the command
// starts with, on for a build of enough editions or of long enough text. Checked in a child
// process that can ask V8 how a function runs (--allow-natives-syntax), compiling on its main
// thread so that the answer depends on how often the function ran, never on how fast the machine is.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { editionsWorthOptimising, textWorthOptimising } from '../src/pipeline/tiers.ts';

const root = join(import.meta.dirname, '..');
const url = (path: string) => JSON.stringify(pathToFileURL(join(root, path)).href);

/** Whether a hot function is optimised under the command's start flags, after `first`, then
 * after `then` (calls of tiers.ts's functions). */
function optimisedAfter(first: string, then: string): { start: boolean; first: boolean; then: boolean } {
  const script = `
    await import(${url('src/cli/v8-flags.ts')});
    const { rendering, editionRendered, textParsed } = await import(${url('src/pipeline/tiers.ts')});
    // As the functions of a layout do: the same small loop, called over and over.
    const make = () => (n) => { let s = 0; for (let i = 0; i < n; i++) s += i % 7; return s; };
    // V8's status bit for code its optimising compiler made.
    const optimised = (f) => (%GetOptimizationStatus(f) & 16) !== 0;
    const run = (f) => { for (let i = 0; i < 20000 && !optimised(f); i++) f(1000); return optimised(f); };
    const start = run(make());
    ${first};
    const first = run(make());
    ${then};
    console.log(JSON.stringify({ start, first, then: run(make()) }));
  `;
  const result = spawnSync(process.execPath, ['--allow-natives-syntax', '--no-concurrent-recompilation', '--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

describe('the optimising compiler', () => {
  it('stays out of a short build and comes in for a long one', () => {
    expect(optimisedAfter(`rendering(${editionsWorthOptimising - 1})`, `rendering(${editionsWorthOptimising})`)).toEqual({ start: false, first: false, then: true });
  });

  it('comes in for a build of few editions when they are long', () => {
    expect(optimisedAfter(`rendering(1, ${textWorthOptimising - 1})`, `rendering(1, ${textWorthOptimising})`)).toEqual({ start: false, first: false, then: true });
  });

  it('comes in, in a long-lived process or `folio check`, once it has set enough editions or parsed enough text', () => {
    expect(optimisedAfter(`for (let i = 1; i < ${editionsWorthOptimising}; i++) editionRendered()`, 'editionRendered()')).toEqual({ start: false, first: false, then: true });
    expect(optimisedAfter(`textParsed(${textWorthOptimising - 1})`, 'textParsed(1)')).toEqual({ start: false, first: false, then: true });
  });

  it('says whether it is in, for the worker threads a build starts (they load the code cache made under its flags)', () => {
    const script = `
      await import(${url('src/cli/v8-flags.ts')});
      const { rendering, isOptimised } = await import(${url('src/pipeline/tiers.ts')});
      const before = isOptimised();
      rendering(${editionsWorthOptimising - 1});
      const short = isOptimised();
      rendering(${editionsWorthOptimising});
      console.log(JSON.stringify({ before, short, long: isOptimised() }));
    `;
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ before: false, short: false, long: true });
  });
});
