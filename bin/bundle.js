// Folio is written in TypeScript. To start fast, the command line runs from an ES module bundle
// of src/ made by esbuild (about 0.1 s) rather than compiling every file on each start; npm
// packages stay outside the bundle. The bundle's folder is named by a digest of the sources'
// names, sizes and times, so an edited source gives a new bundle and a stale one is never run.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const lib = join(root, 'lib');

function digest() {
  const hash = createHash('sha256');
  const files = readdirSync(src, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
  for (const file of files) {
    const { size, mtimeMs } = statSync(file);
    hash.update(`${relative(src, file)}\0${size}\0${mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

/** URL of the bundled CLI entry point, bundling first when the sources changed. */
export async function bundledEntry() {
  const dir = join(lib, digest());
  const entry = join(dir, 'main.mjs');
  if (existsSync(entry)) return pathToFileURL(entry).href;
  const { build } = await import('esbuild');
  mkdirSync(lib, { recursive: true });
  // Written beside its final place and renamed, so a concurrent start never sees half a bundle.
  const temp = `${dir}.tmp-${process.pid}`;
  await build({
    entryPoints: [join(src, 'cli', 'main.ts')],
    outdir: temp,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outExtension: { '.js': '.mjs' },
    logLevel: 'warning',
  });
  try {
    renameSync(temp, dir);
  } catch {
    rmSync(temp, { recursive: true, force: true }); // another process made the same bundle first
  }
  for (const old of readdirSync(lib)) {
    const path = join(lib, old);
    if (path !== dir && Date.now() - statSync(path).mtimeMs > 3_600_000) rmSync(path, { recursive: true, force: true });
  }
  return pathToFileURL(entry).href;
}
