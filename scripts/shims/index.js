// The stand-ins esbuild bundles in place of a few packages' modules, for lib/ (scripts/compile.js)
// and for the start-up benchmark bundled like it (bench/pdf.ts). Each one gives the same results
// and only moves or avoids work a fresh process would do while loading; see each shim.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** esbuild's `alias`: whole packages replaced. */
export const alias = {
  // unicode-trie inflates with Node's native zlib rather than tiny-inflate.
  'tiny-inflate': join(here, 'tiny-inflate.cjs'),
};

/** An esbuild plugin for what `alias` cannot say: the package's entry only, not its sub-paths
 * (the stand-in loads the real modules by their sub-paths). */
export const shims = {
  name: 'folio-shims',
  setup(b) {
    b.onResolve({ filter: /^@pdf-lib\/standard-fonts$/ }, () => ({ path: join(here, 'standard-fonts.cjs') }));
  },
};
