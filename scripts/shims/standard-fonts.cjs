// @pdf-lib/standard-fonts with its encoding tables made when first asked for, bundled in its place
// by scripts/compile.js (scripts/shims/index.js). The package inflates and parses the encodings of
// the 14 standard fonts when pdf-lib loads, several ms of CPU in a fresh process, and Folio embeds
// its own fonts and never uses them. pdf-lib reads `Encodings` only when it embeds a standard font
// (StandardFontEmbedder), so a getter gives it the same objects, later. The fonts' metrics were
// already inflated only on use (Font.load).
'use strict';
const font = require('@pdf-lib/standard-fonts/lib/Font.js');

let encodings;
Object.defineProperty(exports, '__esModule', { value: true });
for (const name of Object.keys(font)) exports[name] = font[name];
Object.defineProperty(exports, 'Encodings', {
  enumerable: true,
  get: () => (encodings ??= require('@pdf-lib/standard-fonts/lib/Encoding.js').Encodings),
});
