// @pdf-lib/upng loaded when first used, bundled in its place by scripts/compile.js
// (scripts/shims/index.js). pdf-lib requires the PNG codec as it loads, and the codec builds its
// inflate tables (two of 32,768 entries) as it loads, ~1.5 ms of a fresh process's CPU for every
// PDF, while Folio's PDF writer needs it only for a PNG image (pdf-lib's PngEmbedder). The stand-in
// gives pdf-lib the same functions, from the real module required on first use.
'use strict';

let upng;
const real = () => (upng ??= require('@pdf-lib/upng/cjs/UPNG.js').default);

Object.defineProperty(exports, '__esModule', { value: true });
exports.default = new Proxy({}, {
  get: (_, key) => real()[key],
  has: (_, key) => key in real(),
  ownKeys: () => Reflect.ownKeys(real()),
  getOwnPropertyDescriptor: (_, key) => Reflect.getOwnPropertyDescriptor(real(), key),
});
