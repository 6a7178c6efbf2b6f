#!/usr/bin/env node
// Compiles Folio's TypeScript sources into lib/, the JavaScript the `folio` command runs: one ES
// module bundle of src/cli/main.ts and the npm packages it uses (a few hundred modules resolved
// once here rather than on every start), with each writer in its own chunk so a build of one
// format never loads another's code. Runs at install time (`prepare`) and before the tests; the
// command itself never writes into its own package.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lib = join(root, 'lib');
// Built beside lib/ and renamed into place, so a concurrent start never sees half a bundle.
const temp = `${lib}.tmp-${process.pid}`;

// Folio's identity for the build manifest: a hash of its sources and locked dependencies, the
// same one src/pipeline/inputs.ts computes when running from the sources. A new Folio rebuilds all.
const hash = createHash('sha256');
const src = join(root, 'src');
for (const rel of readdirSync(src, { recursive: true, encoding: 'utf8' }).sort()) {
  const path = join(src, rel);
  if (statSync(path).isFile()) hash.update(rel).update('\0').update(readFileSync(path)).update('\0');
}
for (const name of ['package.json', 'package-lock.json']) {
  if (existsSync(join(root, name))) hash.update(name).update('\0').update(readFileSync(join(root, name))).update('\0');
}

await build({
  // The worker entry of --jobs N shares the main bundle's chunks.
  entryPoints: { main: join(root, 'src', 'cli', 'main.ts'), worker: join(root, 'src', 'pipeline', 'worker.ts') },
  define: { __FOLIO_BUILD_ID__: JSON.stringify(hash.digest('hex')) },
  outdir: temp,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // harfbuzzjs loads its WebAssembly from beside itself, and tinypool its worker entry: both stay
  // packages.
  external: ['harfbuzzjs', 'tinypool'],
  // Start-up: unicode-trie inflates with Node's native zlib rather than tiny-inflate (see the shim).
  alias: { 'tiny-inflate': join(root, 'scripts', 'shims', 'tiny-inflate.cjs') },
  // CommonJS packages inside an ES module bundle still call require() for Node's own modules.
  banner: { js: "import { createRequire as folioRequire } from 'node:module'; const require = folioRequire(import.meta.url);" },
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
});
rmSync(lib, { recursive: true, force: true });
renameSync(temp, lib);
