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
    b.onResolve({ filter: /^@pdf-lib\/upng$/ }, () => ({ path: join(here, 'upng.cjs') }));
    // The image decoders (src/shared/images.ts) load when the first image is read, not when the
    // code that might read one loads: their modules' set-up (image-size's 25 formats, fast-png with
    // fflate's tables, jpeg-js, omggif) cost every fresh process ~2.5 ms of CPU, and most editions
    // have no image. A stand-in has the package's names, each a getter that requires the package
    // on first use; the stand-in's own require of it gets the package itself.
    b.onResolve({ filter: lazyPattern }, (args) => (args.namespace === 'folio-lazy' ? undefined : { path: args.path, namespace: 'folio-lazy' }));
    b.onLoad({ filter: /.*/, namespace: 'folio-lazy' }, async (args) => {
      const names = Object.keys(await import(args.path)).filter((name) => name !== 'default');
      return {
        loader: 'js',
        resolveDir: here,
        contents: [
          'let real;',
          `const load = () => (real ??= require(${JSON.stringify(args.path)}));`,
          "Object.defineProperty(exports, '__esModule', { value: true });",
          // A default import of a CommonJS package is its exports, as the stand-in is.
          'Object.defineProperty(exports, "default", { enumerable: true, get: () => { const m = load(); return m.__esModule ? m.default : m; } });',
          ...names.map((name) => `Object.defineProperty(exports, ${JSON.stringify(name)}, { enumerable: true, get: () => load()[${JSON.stringify(name)}] });`),
        ].join('\n'),
      };
    });
  },
};

/** Packages bundled as stand-ins that require them on first use (see shims). */
export const lazyPackages = ['fast-png', 'jpeg-js', 'omggif', 'image-size'];
const lazyPattern = new RegExp(`^(${lazyPackages.join('|')})$`);
