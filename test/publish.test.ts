// Atomic publishing, proved by a failure injected before every step of publish(): whatever step a
// build dies at, every file in the output directory is whole, old or new, and no temporary file
// is left behind by a failure Folio sees.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publish, tempPrefix, type Output, type PublishStep } from '../src/pipeline/publish.ts';

function outDirWithOldFiles(names: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'folio-publish-'));
  mkdirSync(join(dir, 'r'));
  for (const name of names) writeFileSync(join(dir, 'r', name), `old ${name}`);
  return dir;
}

describe('publish', () => {
  const names = ['r.en.html', 'r.en.pdf', 'r.en.docx', 'r.en.json'];

  it('writes every output and reports unchanged ones without rewriting them', () => {
    const dir = outDirWithOldFiles(names);
    const outputs: Output[] = names.map((name, i) => ({ path: join(dir, 'r', name), data: i === 0 ? `old ${name}` : `new ${name}` }));
    const result = publish(outputs);
    expect(result.unchanged).toEqual([join(dir, 'r', names[0])]);
    expect(result.written).toEqual(names.slice(1).map((n) => join(dir, 'r', n)));
    for (const name of names.slice(1)) expect(readFileSync(join(dir, 'r', name), 'utf8')).toBe(`new ${name}`);
  });

  it('makes the folders an output goes into when they are missing, and only then', () => {
    const dir = outDirWithOldFiles(names);
    const outputs: Output[] = [
      { path: join(dir, 'r', 'r.kk.html'), data: 'kk' },
      { path: join(dir, 'new', 'deeper', 'n.en.html'), data: 'en' },
      { path: join(dir, 'new', 'deeper', 'n.en.json'), data: '{}' },
    ];
    expect(publish(outputs).written).toEqual(outputs.map((o) => o.path));
    for (const output of outputs) expect(readFileSync(output.path, 'utf8')).toBe(output.data);
    expect(readdirSync(join(dir, 'new', 'deeper')).sort()).toEqual(['n.en.html', 'n.en.json']);
  });

  for (const kind of ['stage', 'rename'] as const) {
    for (let at = 0; at < names.length; at++) {
      it(`leaves every file whole when it fails before ${kind} ${at}`, () => {
        const dir = outDirWithOldFiles(names);
        const outputs: Output[] = [...names, 'r.fr.html'].map((name) => ({ path: join(dir, 'r', name), data: `new ${name}` }));
        const steps: PublishStep[] = [];
        expect(() =>
          publish(outputs, {
            beforeStep: (step) => {
              steps.push(step);
              if (step.kind === kind && step.index === at) throw new Error('disk gone');
            },
          }),
        ).toThrow('disk gone');
        // Renames start only once every file is staged.
        const firstRename = steps.findIndex((s) => s.kind === 'rename');
        if (firstRename >= 0) expect(steps.slice(0, firstRename).every((s) => s.kind === 'stage')).toBe(true);
        for (const name of names) {
          expect([`old ${name}`, `new ${name}`]).toContain(readFileSync(join(dir, 'r', name), 'utf8'));
        }
        const left = readdirSync(join(dir, 'r')).filter((n) => n.startsWith(tempPrefix));
        expect(left).toEqual([]);
        // A new file is either all there or not there at all.
        const fresh = join(dir, 'r', 'r.fr.html');
        if (existsSync(fresh)) expect(readFileSync(fresh, 'utf8')).toBe('new r.fr.html');
      });
    }
  }
});
