// The command line's entry (bin/folio.js imports it): Folio's bundle, loaded with its code cache.
import { folio, writeCodeCache } from './load.mjs';

export const main = folio.main;
export { writeCodeCache };
