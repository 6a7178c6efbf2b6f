// A worker thread of `folio build --jobs N` (src/pipeline/pool.ts starts it): Folio's bundle,
// loaded with its code cache, rendering the editions it is handed.
import { folio } from './load.mjs';

export default folio.render;
