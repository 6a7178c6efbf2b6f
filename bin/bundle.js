// Folio is written in TypeScript. To start fast, the command line runs from an ES module bundle
// of src/ and the npm packages it uses, made by esbuild (well under a second), rather than
// compiling and resolving some 500 modules on each start: `folio check` takes a third of the time.
// harfbuzzjs stays outside, as it loads its WebAssembly beside itself. The bundle's folder is
// named by a digest of the sources' and the lock file's names, sizes and times, so an edited
// source or an updated package gives a new bundle and a stale one is never run.
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
  for (const file of [...files, join(root, 'package-lock.json'), join(root, 'package.json')]) {
    if (!existsSync(file)) continue;
    const { size, mtimeMs } = statSync(file);
    hash.update(`${relative(root, file)}\0${size}\0${mtimeMs}\n`);
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
    external: ['harfbuzzjs'],
    // CommonJS packages inside an ES module bundle still call require() for Node's own modules.
    banner: { js: "import { createRequire as folioRequire } from 'node:module'; const require = folioRequire(import.meta.url);" },
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
