// Loads Folio's compiled bundle (lib/folio.cjs, made by scripts/compile.js) with V8's code cache
// (lib/folio.cache): the bytecode of every function a build of the seed ran, so a fresh process
// or worker thread deserializes Folio's code instead of parsing and compiling it function by
// function. Node 20 has no code cache for ES modules (module.enableCompileCache is Node 22's), so
// the bundle is a CommonJS script run through vm.Script, the one API that takes cached data. A
// cache made by another Node or under other V8 flags is rejected by V8, and the bundle is then
// compiled as any script is: slower, never wrong.
// CommonJS, as bin/folio.js requires it: an ES module here, and the Node modules it imports, cost a
// fresh process ~2 ms more of CPU in Node's ES module loader (main.mjs and load.mjs are ES modules
// over it, for whoever imports them).
'use strict';
// Node's own modules a command uses, loaded before Folio sets its V8 flags (v8-flags.cjs, next):
// Node compiles its modules from its own code cache, which V8 takes only under the flags it was
// made with, Node's defaults, so a module first loaded after the flags change is parsed and
// compiled from its source. Measured on the seed's first PDF in a fresh process (valgrind
// --tool=cachegrind, instructions, all threads, means of 3): 2,058 M before, 2,042 M after, Node
// compiling its modules 40 M instructions before, 13 M after. zlib only for a build that may set
// a PDF or a Word file, the formats that compress with it.
require('node:crypto');
require('node:os');
require('node:util').parseArgs;
require('node:vm');
if (mayCompress(process.argv.slice(2))) require('node:zlib');
const { setStartFlags, setWorkerFlags } = require('./v8-flags.cjs');
const { isAscii } = require('node:buffer');
const { readFileSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');
const { Script } = require('node:vm');
const { isMainThread } = require('node:worker_threads');

const file = join(__dirname, 'folio.cjs');
// Caches of the same code: made under the flags of the command's thread and of a worker thread,
// which runs with V8's optimising compiler let in (src/pipeline/tiers.ts), since V8 takes a cache
// only under the flags it was made with; and, for the command, one made by a build of each format
// alone. V8 deserializes a whole cache before the bundle runs (~3 ms a MB), and a build of one
// format runs about half of what a build of all four does: a JSON build takes a 1.1 MB cache
// rather than 2.7 MB. A function the cache lacks is compiled when first called, as without one.
const commandCache = join(__dirname, 'folio.cache');
const workerCache = join(__dirname, 'folio.worker.cache');
const formatCache = (format) => join(__dirname, `folio.${format}.cache`);

function readCache(path) {
  try {
    return readFileSync(path);
  } catch {
    // No cache (a compile that could not make one): compiled without.
    return undefined;
  }
}

/** The format a command line asks for alone (`--formats pdf`; the last one given, as the command
 * reads it), if it does: its cache is taken. */
function onlyFormat(args) {
  const at = args.findLastIndex((arg) => arg === '--formats' || arg.startsWith('--formats='));
  if (at < 0) return undefined;
  const value = args[at] === '--formats' ? args[at + 1] : args[at].slice('--formats='.length);
  return typeof value === 'string' && /^[a-z]+$/.test(value) ? value : undefined;
}

/** Whether a command line may build a PDF or a Word file: a build or a watch not limited to other formats. */
function mayCompress(args) {
  if (args[0] !== 'build' && args[0] !== 'watch') return false;
  const format = onlyFormat(args);
  return format === undefined || format === 'pdf' || format === 'docx';
}

/** The cache of every format for this thread's flags: the command's, made under the flags it
 * starts with; a worker thread's, made with V8's optimising compiler let in, for a worker of a
 * build that lets it in (src/pipeline/tiers.ts). A worker of a shorter build runs under the
 * command's flags (V8's flags are the process's) and takes its cache. The pool says which
 * (FOLIO_WORKER_FLAGS, src/pipeline/pool.ts). */
function threadCache() {
  if (isMainThread || process.env.FOLIO_WORKER_FLAGS === 'start') return commandCache;
  return workerCache;
}

let loaded;

/** Loads the bundle, once: with the cache of the one format `args` (a command line) asks for, if
 * it asks for one that has a cache, else with the cache of every format. */
function load(args = []) {
  if (loaded) return loaded;
  const format = isMainThread ? onlyFormat(args) : undefined;
  const formatData = format === undefined ? undefined : readCache(formatCache(format));
  const cachedData = formatData ?? readCache(threadCache());
  // The file is one function expression (scripts/compile.js writes it so), in ASCII: read as
  // Latin-1, its bytes are the string's, with no UTF-8 decoding (and should it hold other bytes, as UTF-8).
  const bytes = readFileSync(file);
  const source = isAscii(bytes) ? bytes.latin1Slice() : bytes.utf8Slice();
  const script = new Script(source, { filename: file, cachedData });
  const bundle = { exports: {} };
  script.runInThisContext()(bundle.exports, createRequire(file), bundle, file, __dirname, pathToFileURL(file).href);
  loaded = {
    source,
    script,
    folio: bundle.exports,
    cache: formatData !== undefined ? format : 'all',
    codeCache: cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'accepted',
  };
  return loaded;
}

/** What the bundle exports, `main` (the command line) and `render` (a worker thread's task),
 * loaded for the command line `args` (see load). */
exports.folioFor = (args) => load(args).folio;

/** What the bundle exports, loaded with the cache of every format. */
Object.defineProperty(exports, 'folio', { enumerable: true, get: () => load().folio });

/** Whether V8 took the code cache: 'accepted', 'rejected' (another Node, other V8 flags) or 'none'. */
Object.defineProperty(exports, 'codeCache', { enumerable: true, get: () => load().codeCache });

/** Which cache the bundle was loaded with: a format's name, or 'all'. */
Object.defineProperty(exports, 'cacheMade', { enumerable: true, get: () => load().cache });

/** Whether a worker thread would take its cache: compiled as a worker compiles the bundle, under
 * the flags a worker runs with (which this process keeps from then on). */
exports.codeCacheTakenNow = function codeCacheTakenNow() {
  const { source } = load();
  const data = readCache(workerCache);
  setWorkerFlags();
  return data !== undefined && !new Script(source, { filename: file, cachedData: data }).cachedDataRejected;
};

/** Writes the code caches of everything compiled so far (scripts/compile.js, after a build), each
 * under its thread's flags, whatever the build changed since; `suffix` names them apart. Given a
 * format, the build made only that format, and its cache is the command's for that format. */
exports.writeCodeCache = function writeCodeCache(suffix = '', format = undefined) {
  const { script } = load();
  setStartFlags();
  if (format !== undefined) {
    writeFileSync(`${formatCache(format)}${suffix}`, script.createCachedData());
    return;
  }
  writeFileSync(`${commandCache}${suffix}`, script.createCachedData());
  setWorkerFlags();
  writeFileSync(`${workerCache}${suffix}`, script.createCachedData());
  setStartFlags();
};
