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
const { setStartFlags, setWorkerFlags } = require('./v8-flags.cjs');
const { isAscii } = require('node:buffer');
const { readFileSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');
const { Script } = require('node:vm');
const { isMainThread } = require('node:worker_threads');

const file = join(__dirname, 'folio.cjs');
// Two caches of the same code, made under the flags of the command's thread and of a worker
// thread, which runs with V8's optimising compiler let in (src/pipeline/tiers.ts): V8 takes a
// cache only under the flags it was made with.
const commandCache = join(__dirname, 'folio.cache');
const workerCache = join(__dirname, 'folio.worker.cache');

function readCache(path) {
  try {
    return readFileSync(path);
  } catch {
    // No cache (a compile that could not make one): compiled without.
    return undefined;
  }
}

const cachedData = readCache(isMainThread ? commandCache : workerCache);

// The bundle's externals that are ES modules with a top-level await (harfbuzzjs) cannot be
// required; the bundle imports them through this, from here.
const importExternal = (specifier) => import(specifier);
// The file is one function expression (scripts/compile.js writes it so), in ASCII: read as Latin-1,
// its bytes are the string's, with no UTF-8 decoding (and should it hold other bytes, as UTF-8).
const source = (() => {
  const bytes = readFileSync(file);
  return isAscii(bytes) ? bytes.latin1Slice() : bytes.utf8Slice();
})();
const compile = (data) => new Script(source, { filename: file, cachedData: data });
const script = compile(cachedData);
const bundle = { exports: {} };
script.runInThisContext()(bundle.exports, createRequire(file), bundle, file, __dirname, pathToFileURL(file).href, importExternal);

/** What the bundle exports: `main` (the command line) and `render` (a worker thread's task). */
exports.folio = bundle.exports;

/** Whether V8 took the code cache: 'accepted', 'rejected' (another Node, other V8 flags) or 'none'. */
exports.codeCache = cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'accepted';

/** Whether a worker thread would take its cache: compiled as a worker compiles the bundle, under
 * the flags a worker runs with (which this process keeps from then on). */
exports.codeCacheTakenNow = function codeCacheTakenNow() {
  const data = readCache(workerCache);
  setWorkerFlags();
  return data !== undefined && !compile(data).cachedDataRejected;
};

/** Writes the code caches of everything compiled so far (scripts/compile.js, after a build), each
 * under its thread's flags, whatever the build changed since; `suffix` names them apart. */
exports.writeCodeCache = function writeCodeCache(suffix = '') {
  setStartFlags();
  writeFileSync(`${commandCache}${suffix}`, script.createCachedData());
  setWorkerFlags();
  writeFileSync(`${workerCache}${suffix}`, script.createCachedData());
  setStartFlags();
};
