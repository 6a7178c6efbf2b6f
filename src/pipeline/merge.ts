// `folio merge`: the last job of a CI matrix. Each shard job built its part of the editions
// (`--shard k/n`) into its own directory, with a manifest of what it holds; merging copies every
// part's files into one output directory, checks that the parts are the n shards of one build,
// and writes the index and the manifest a single build would have written.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { display } from './paths.ts';
import { emptyManifest, manifestName, readManifest, serializeManifest, type Manifest } from './manifest.ts';
import { lockOutput, publish, sweepTemporaries, unpublish } from './publish.ts';
import { FolioError } from '../shared/errors.ts';
import { sharedInputs, writeIndex } from './build.ts';
import { schemaName } from '../render/json/index.ts';

export interface MergeOptions {
  parts: string[];
  outDir: string;
  templatesDir: string;
  date: Date;
}

export interface MergeResult {
  editions: number;
  written: string[];
  unchanged: string[];
}

export async function merge(options: MergeOptions): Promise<MergeResult> {
  if (options.parts.length === 0) throw new FolioError('folio merge needs the directories the shard jobs built');
  const parts = options.parts.map((dir) => {
    const read = readManifest(dir);
    if (!read.manifest) throw new FolioError(`${display(dir)}: ${read.problem}; expected the output of folio build --shard k/n`);
    if (!read.manifest.shard) throw new FolioError(`${display(dir)} is a whole build, not a shard (folio build --shard k/n)`);
    return { dir, manifest: read.manifest };
  });
  const count = Number(parts[0].manifest.shard!.split('/')[1]);
  const seen = new Map<number, string>();
  for (const { dir, manifest } of parts) {
    const [k, n] = manifest.shard!.split('/').map(Number);
    if (n !== count) throw new FolioError(`${display(dir)} is shard ${manifest.shard}, but ${display(parts[0].dir)} is one of ${count}`);
    if (seen.has(k)) throw new FolioError(`${display(dir)} and ${display(seen.get(k)!)} are both shard ${k}/${n}`);
    if (manifest.folio !== parts[0].manifest.folio) throw new FolioError(`${display(dir)} was built by another version of Folio than ${display(parts[0].dir)}`);
    seen.set(k, dir);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((k) => !seen.has(k));
  // A failed matrix job must not become an index with editions quietly missing.
  if (missing.length > 0) throw new FolioError(`shard${missing.length > 1 ? 's' : ''} ${missing.map((k) => `${k}/${count}`).join(', ')} missing: merge needs all ${count} parts`);

  const release = lockOutput(options.outDir);
  try {
    sweepTemporaries(options.outDir);
    const merged: Manifest = emptyManifest(parts[0].manifest.folio);
    const result: MergeResult = { editions: 0, written: [], unchanged: [] };
    for (const { dir, manifest } of parts) {
      for (const [slug, report] of Object.entries(manifest.reports)) merged.reports[slug] ??= report;
      for (const [name, entry] of Object.entries(manifest.editions)) {
        if (merged.editions[name]) throw new FolioError(`${name} is in two shards (${display(dir)} and another): were they built with the same --shard n?`);
        // One edition's files are published together, as a build does.
        const published = publish(Object.values(entry.outputs).map((o) => ({ path: join(options.outDir, o!.file), data: readFileSync(join(dir, o!.file)) })));
        result.written.push(...published.written);
        result.unchanged.push(...published.unchanged);
        merged.editions[name] = entry;
        result.editions++;
      }
      if (existsSync(join(dir, schemaName))) {
        const schema = publish([{ path: join(options.outDir, schemaName), data: readFileSync(join(dir, schemaName)) }]);
        result.written.push(...schema.written);
        result.unchanged.push(...schema.unchanged);
      }
    }
    // Whatever an earlier merge left there that no part has any more goes.
    const previous = readManifest(options.outDir).manifest;
    const stale = previous ? Object.entries(previous.editions).filter(([name]) => !merged.editions[name]) : [];
    const { global } = sharedInputs(options, merged.folio);
    await writeIndex(options, merged, global, result);
    unpublish(stale.flatMap(([, e]) => Object.values(e.outputs).map((o) => join(options.outDir, o!.file))));
    const written = publish([{ path: join(options.outDir, manifestName), data: serializeManifest(merged) }]);
    result.written.push(...written.written);
    return { ...result, written: result.written.map(display), unchanged: result.unchanged.map(display) };
  } finally {
    release();
  }
}
