#!/usr/bin/env node
// Compiles Folio's TypeScript sources into lib/, the JavaScript the `folio` command runs: one ES
// module bundle of src/cli/main.ts and the npm packages it uses (a few hundred modules resolved
// once here rather than on every start), with each writer in its own chunk so a build of one
// format never loads another's code. Runs at install time (`prepare`) and before the tests; the
// command itself never writes into its own package.
import { build } from 'esbuild';
import { rmSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lib = join(root, 'lib');
// Built beside lib/ and renamed into place, so a concurrent start never sees half a bundle.
const temp = `${lib}.tmp-${process.pid}`;

await build({
  entryPoints: { main: join(root, 'src', 'cli', 'main.ts') },
  outdir: temp,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // harfbuzzjs loads its WebAssembly from beside itself, so it stays a package.
  external: ['harfbuzzjs'],
  // CommonJS packages inside an ES module bundle still call require() for Node's own modules.
  banner: { js: "import { createRequire as folioRequire } from 'node:module'; const require = folioRequire(import.meta.url);" },
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
});
rmSync(lib, { recursive: true, force: true });
renameSync(temp, lib);
