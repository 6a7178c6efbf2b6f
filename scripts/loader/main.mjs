// The command line's entry for ES modules (scripts/compile.js imports it; bin/folio.js requires
// load.cjs itself): Folio's bundle, loaded with its code cache.
import { folio, writeCodeCache } from './load.mjs';

export const main = folio.main;
export { writeCodeCache };
