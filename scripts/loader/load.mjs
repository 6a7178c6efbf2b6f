// The loader (load.cjs, which bin/folio.js requires) for ES modules: lib/main.mjs, lib/worker.mjs
// and whoever imports Folio's compiled code.
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url)('./load.cjs');

/** What the bundle exports: `main` (the command line), `render` (a worker thread's task) and
 * `formats`; loaded with the code cache of every format. */
export const folio = load.folio;
/** Whether V8 took the code cache: 'accepted', 'rejected' (another Node, other V8 flags) or 'none'. */
export const codeCache = load.codeCache;
export const { codeCacheTakenNow, writeCodeCache } = load;
