#!/usr/bin/env node
// Compiles Folio's TypeScript sources into lib/, the JavaScript the `folio` command runs: one
// CommonJS bundle, lib/folio.cjs, of the command line, the worker threads' task and the npm
// packages they use (a few hundred modules resolved once here rather than on every start; each
// writer's code runs only when a build first asks for its format), and lib/folio.cache, V8's code
// cache of it, made by building the seed once (see scripts/loader/load.cjs, which loads both). Runs
// at install time (`prepare`) and before the tests; the command itself never writes into its own
// package.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { asciiOnly } from './ascii.js';
import { alias, harfbuzz, harfbuzzWasm, shims } from './shims/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lib = join(root, 'lib');
// Built beside lib/ and renamed into place, so a concurrent start never sees half a bundle.
const temp = `${lib}.tmp-${process.pid}`;

// Folio's identity for the build manifest: a hash of its sources and locked dependencies, as
// src/pipeline/inputs.ts computes it when running from the sources, and of how they are compiled
// here: the stand-ins bundled in some packages' place give some other bytes (pdf-lib's object
// streams compressed by Node's zlib, not pako: scripts/shims/pako.cjs), so outputs made from the
// sources and from lib/ are told apart. A new Folio rebuilds all.
const hash = createHash('sha256');
const hashTree = (dir, prefix) => {
  for (const rel of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const path = join(dir, rel);
    if (statSync(path).isFile()) hash.update(`${prefix}${rel}`).update('\0').update(readFileSync(path)).update('\0');
  }
};
hashTree(join(root, 'src'), '');
for (const name of ['package.json', 'package-lock.json']) {
  if (existsSync(join(root, name))) hash.update(name).update('\0').update(readFileSync(join(root, name))).update('\0');
}
hash.update('compiled by').update('\0');
for (const name of ['compile.js', 'ascii.js']) hash.update(name).update('\0').update(readFileSync(join(root, 'scripts', name))).update('\0');
hashTree(join(root, 'scripts', 'shims'), 'shims/');
hashTree(join(root, 'scripts', 'loader'), 'loader/');

// The bundle's first line: the function scripts/loader/load.cjs runs it as, with these arguments.
const bundleHead = '(function (exports, require, module, __filename, __dirname, __folio_import_meta_url) {';
// tinypool starts its workers from its own files, so it stays a package; the bundle's script
// cannot import() (vm.Script has no module loader without an experimental flag), so it requires
// it, as Node 20.19 requires an ES module without a top-level await.
const tinypoolRequired = {
  name: 'tinypool-required',
  setup(b) {
    b.onResolve({ filter: /^tinypool$/ }, (args) => (args.namespace === 'folio-required' ? { path: 'tinypool', external: true } : { path: 'tinypool', namespace: 'folio-required' }));
    b.onLoad({ filter: /.*/, namespace: 'folio-required' }, () => ({ loader: 'js', contents: "module.exports = require('tinypool');" }));
  },
};

rmSync(temp, { recursive: true, force: true });
await build({
  stdin: {
    contents: "export { main } from './src/cli/main.ts';\nexport { default as render } from './src/pipeline/worker.ts';\nexport { formats } from './src/render/registry.ts';\n",
    resolveDir: root,
    sourcefile: 'folio.ts',
    loader: 'ts',
  },
  outfile: join(temp, 'folio.cjs'),
  // scripts/loader/load.cjs runs the bundle inside a function that passes these.
  define: {
    __FOLIO_BUILD_ID__: JSON.stringify(hash.digest('hex')),
    __FOLIO_VERSION__: JSON.stringify(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version),
    'import.meta.url': '__folio_import_meta_url',
  },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // Start-up: stand-ins for modules that do work a fresh process does not need (scripts/shims/).
  plugins: [harfbuzz, tinypoolRequired, shims],
  alias,
  legalComments: 'none',
  // Minified: a fresh process reads, and V8 deserializes from the code cache, the bytecode, names
  // and strings of what it runs, and short names make less of all three. Measured on the seed's
  // first PDF in a fresh process (perf stat, medians of 15): ~7 ms less CPU; the PDF code cache 1.9
  // MB rather than 2.1. Stack traces name minified functions: `FOLIO_TSX=1` runs the sources,
  // with their names and lines, to follow one (bin/folio.js). Nothing in Folio or the packages it
  // bundles reads a function's name but for error messages (pdf-lib's).
  minify: true,
  // Packages' ES module builds where they ship one (pdf-lib, docx, …): esbuild drops what Folio does
  // not import from them and links their modules without CommonJS interop, which copied every
  // export of pdf-lib's ~60 modules from one object to the next as a fresh process loaded them.
  mainFields: ['module', 'main'],
  // Regular expressions with Unicode property escapes (/\p{L}/u) kept as literals: esbuild's
  // tables lower some to `new RegExp("\\p{L}", "u")` even for Node 20, which has them (V8 6.4
  // on), and a constructor call in a function makes and looks up a new expression every time it
  // runs (once a word when hyphenating), where a literal is copied from one V8 made once.
  supported: { 'regexp-unicode-property-escapes': true },
  logLevel: 'warning',
});
// ASCII text: a one-byte string for V8, quicker to read and to load (scripts/ascii.js). Written
// inside the function scripts/loader/load.cjs calls it as, so the loader compiles the file's text
// as it reads it: wrapping it there made a second 3.8 MB copy of the text on every start.
const bundle = join(temp, 'folio.cjs');
writeFileSync(bundle, `${bundleHead}${asciiOnly(readFileSync(bundle, 'utf8'))}\n})`);
// The V8 flags, set by the loader before it compiles the bundle (the cache's flags must match).
await build({
  entryPoints: { 'v8-flags': join(root, 'src', 'cli', 'v8-flags.ts') },
  outdir: temp,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outExtension: { '.js': '.cjs' },
  logLevel: 'warning',
});
for (const name of ['load.cjs', 'load.mjs', 'main.mjs', 'worker.mjs']) copyFileSync(join(root, 'scripts', 'loader', name), join(temp, name));
// harfbuzzjs's WebAssembly, where the bundled package looks for it (scripts/shims/index.js).
copyFileSync(harfbuzzWasm, join(temp, 'harfbuzz.wasm'));
// The PDF writer's hyphenation patterns, packed once here rather than parsed in every process
// that sets a PDF (lib/hyphenation/, read by src/render/pdf/patterns.ts).
await build({ entryPoints: { patterns: join(root, 'src', 'render', 'pdf', 'patterns.ts') }, outdir: temp, bundle: true, format: 'esm', platform: 'node', target: 'node20', outExtension: { '.js': '.mjs' }, logLevel: 'warning' });
(await import(pathToFileURL(join(temp, 'patterns.mjs')).href)).writePacked(join(temp, 'hyphenation'));
rmSync(join(temp, 'patterns.mjs'));

rmSync(lib, { recursive: true, force: true });
renameSync(temp, lib);

// The code caches: a build of the seed, every format, in one thread, then the bytecode of what it
// ran; and the same for a build of each format alone (scripts/loader/load.cjs), each in a process
// of its own that loaded no cache. Without the seed (a copy of lib/ elsewhere) or if a build
// fails, lib/ has no cache. Made from lib/ itself, not from the folder it was built in: V8 keeps
// the file name a cache was made under, and stack traces would name a folder long gone. Written
// beside and renamed into place once all are made, so a command starting meanwhile finds whole
// caches or none.
const seed = join(root, 'source');
if (existsSync(seed)) {
  const suffix = `.tmp-${process.pid}`;
  const train = (format) => {
    const out = mkdtempSync(join(tmpdir(), 'folio-compile-'));
    const formats = format === undefined ? [] : ['--formats', format];
    const training = spawnSync(process.execPath, ['--input-type=module', '-e', `
      const { main, writeCodeCache } = await import(${JSON.stringify(pathToFileURL(join(lib, 'main.mjs')).href)});
      const code = await main(['build', '--source', ${JSON.stringify(seed)}, '--templates', ${JSON.stringify(join(root, 'templates'))}, '--out', ${JSON.stringify(out)}, '--jobs', '1', '--quiet', ...${JSON.stringify(formats)}]);
      if (code === 2) process.exit(2);
      writeCodeCache(${JSON.stringify(suffix)}, ${JSON.stringify(format)});
      const { folio } = await import(${JSON.stringify(pathToFileURL(join(lib, 'load.mjs')).href)});
      process.stdout.write(JSON.stringify(folio.formats));
    `], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '1679918400' } });
    rmSync(out, { recursive: true, force: true });
    if (training.status !== 0) throw new Error(`building the seed${format === undefined ? '' : ` as ${format}`} failed\n${training.stderr}`);
    return JSON.parse(training.stdout.slice(training.stdout.lastIndexOf('[')));
  };
  try {
    for (const format of train(undefined)) train(format);
    for (const name of readdirSync(lib).filter((n) => n.endsWith(`.cache${suffix}`))) renameSync(join(lib, name), join(lib, name.slice(0, -suffix.length)));
  } catch (error) {
    for (const name of readdirSync(lib).filter((n) => n.endsWith(suffix))) rmSync(join(lib, name), { force: true });
    console.warn(`compile: no code cache (${error.message})`);
  }
}
