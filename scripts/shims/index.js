// The stand-ins esbuild bundles in place of a few packages' modules, for lib/ (scripts/compile.js)
// and for the start-up benchmark bundled like it (bench/pdf.ts). Each one gives the same results
// and only moves or avoids work a fresh process would do while loading; see each shim.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** esbuild's `alias`: whole packages replaced. */
export const alias = {
  // unicode-trie inflates with Node's native zlib rather than tiny-inflate.
  'tiny-inflate': join(here, 'tiny-inflate.cjs'),
  // linebreak decodes its table with Node's Buffer rather than base64-js.
  'base64-js': join(here, 'base64-js.cjs'),
  // pdf-lib deflates its object streams with Node's native zlib rather than pako (see there).
  pako: join(here, 'pako.cjs'),
};

/** An esbuild plugin for what `alias` cannot say: the package's entry only, not its sub-paths
 * (the stand-in loads the real modules by their sub-paths). */
export const shims = {
  name: 'folio-shims',
  setup(b) {
    b.onResolve({ filter: /^@pdf-lib\/standard-fonts$/ }, () => ({ path: join(here, 'standard-fonts.cjs') }));
    b.onResolve({ filter: /^@pdf-lib\/upng$/ }, () => ({ path: join(here, 'upng.cjs') }));
    // pdf-lib's stream decoders import their inflate as ./FlateStream (see flate-stream.mjs).
    b.onResolve({ filter: /^\.\/FlateStream$/ }, (args) => (/[\\/]pdf-lib[\\/]es[\\/]core[\\/]streams$/.test(args.resolveDir) ? { path: join(here, 'flate-stream.mjs') } : undefined));
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

/** harfbuzzjs (the PDF writer's shaper) instantiates its WebAssembly with a top-level await, which
 * a CommonJS bundle cannot wait for while it loads. This plugin bundles it with that await turned
 * into a promise its `ready()` waits for (src/render/pdf/fonts.ts, harfbuzzReady), so its
 * JavaScript comes from lib/'s code cache rather than being compiled, and loaded through Node's
 * ES module loader, in every process that sets a PDF (~5 ms of CPU). The bundle's folder must hold
 * `harfbuzzWasm`, where the package's loader looks for it (next to its own file). */
export const harfbuzz = {
  name: 'folio-harfbuzz',
  setup(b) {
    const start = 'init(await createHarfBuzz());';
    b.onLoad({ filter: /[\\/]harfbuzzjs[\\/]dist[\\/]index\.mjs$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes(start)) throw new Error(`harfbuzzjs no longer starts with ${start}`);
      return {
        loader: 'js',
        contents: text.replace(start, [
          'const started = createHarfBuzz().then(init);',
          // Failing, it fails whoever awaits ready(), not the process before anyone does.
          'started.catch(() => {});',
          'export async function ready() { await started; }',
        ].join('\n')),
      };
    });
    // Its loader imports Node's `module` for createRequire; lib/'s script cannot import(), and
    // Node 20.16 and later give their modules to scripts without it.
    b.onLoad({ filter: /[\\/]harfbuzzjs[\\/]dist[\\/]harfbuzz\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const imported = 'await import("module")';
      if (!text.includes(imported)) throw new Error(`harfbuzzjs no longer loads with ${imported}`);
      return { loader: 'js', contents: text.replaceAll(imported, 'process.getBuiltinModule("module")') };
    });
  },
};

/** harfbuzzjs's WebAssembly, to be copied beside a bundle made with `harfbuzz`. */
export const harfbuzzWasm = fileURLToPath(import.meta.resolve('harfbuzzjs/dist/harfbuzz.wasm'));
