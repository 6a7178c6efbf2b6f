#!/usr/bin/env node
// Folio's command line. It runs the JavaScript compiled into lib/ at install time
// (scripts/compile.js); FOLIO_TSX=1 runs the TypeScript sources directly through tsx instead, for
// working on Folio with source positions (tsx is a development dependency).
let main;
if (process.env.FOLIO_TSX === '1') {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import(new URL('../src/cli/main.ts', import.meta.url).href));
} else {
  // Required, not imported: lib/load.cjs is CommonJS, which spares a fresh process ~2 ms of CPU in
  // Node's ES module loader (see there).
  const require = process.getBuiltinModule('node:module').createRequire(import.meta.url);
  try {
    // Given the arguments: a build of one format takes that format's code cache (see there).
    ({ main } = require('../lib/load.cjs').folioFor(process.argv.slice(2)));
  } catch (error) {
    if (error?.code !== 'MODULE_NOT_FOUND' || !String(error.message).split('\n')[0].includes('lib/load.cjs')) throw error;
    process.stderr.write('folio: Folio is not compiled (lib/load.cjs is missing); run `npm install` or `npm run compile`\n');
    process.exit(2);
  }
}
process.exitCode = await main(process.argv.slice(2));
// Everything the command started is done, its output written, when main returns. Left to end by
// itself, the process would first run the tasks V8 keeps for an idle moment (finishing a garbage
// collection: ~20 ms of CPU after a PDF) only to exit.
process.exit();
