// Loads Folio's compiled bundle (lib/folio.cjs, made by scripts/compile.js) with V8's code cache
// (lib/folio.cache): the bytecode of every function a build of the seed ran, so a fresh process
// or worker thread deserializes Folio's code instead of parsing and compiling it function by
// function. Node 20 has no code cache for ES modules (module.enableCompileCache is Node 22's), so
// the bundle is a CommonJS script run through vm.Script, the one API that takes cached data. A
// cache made by another Node or under other V8 flags is rejected by V8, and the bundle is then
// compiled as any script is: slower, never wrong.
import { setStartFlags, setWorkerFlags } from './v8-flags.mjs';
import { isAscii } from 'node:buffer';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Script } from 'node:vm';
import { isMainThread } from 'node:worker_threads';

const file = fileURLToPath(new URL('./folio.cjs', import.meta.url));
// Two caches of the same code, made under the flags of the command's thread and of a worker
// thread, which runs with V8's optimising compiler let in (src/pipeline/tiers.ts): V8 takes a
// cache only under the flags it was made with.
const commandCache = fileURLToPath(new URL('./folio.cache', import.meta.url));
const workerCache = fileURLToPath(new URL('./folio.worker.cache', import.meta.url));

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
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file), pathToFileURL(file).href, importExternal);

/** What the bundle exports: `main` (the command line) and `render` (a worker thread's task). */
export const folio = module.exports;

/** Whether V8 took the code cache: 'accepted', 'rejected' (another Node, other V8 flags) or 'none'. */
export const codeCache = cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'accepted';

/** Whether a worker thread would take its cache: compiled as a worker compiles the bundle, under
 * the flags a worker runs with (which this process keeps from then on). */
export function codeCacheTakenNow() {
  const data = readCache(workerCache);
  setWorkerFlags();
  return data !== undefined && !compile(data).cachedDataRejected;
}

/** Writes the code caches of everything compiled so far (scripts/compile.js, after a build), each
 * under its thread's flags, whatever the build changed since; `suffix` names them apart. */
export function writeCodeCache(suffix = '') {
  setStartFlags();
  writeFileSync(`${commandCache}${suffix}`, script.createCachedData());
  setWorkerFlags();
  writeFileSync(`${workerCache}${suffix}`, script.createCachedData());
  setStartFlags();
}
