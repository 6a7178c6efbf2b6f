#!/usr/bin/env node
// Folio's command line. It runs the JavaScript compiled into lib/ at install time
// (scripts/compile.js); FOLIO_TSX=1 runs the TypeScript sources directly through tsx instead, for
// working on Folio with source positions (tsx is a development dependency).
let entry;
if (process.env.FOLIO_TSX === '1') {
  const { register } = await import('tsx/esm/api');
  register();
  entry = new URL('../src/cli/main.ts', import.meta.url).href;
} else {
  entry = new URL('../lib/main.mjs', import.meta.url).href;
}
let main;
try {
  ({ main } = await import(entry));
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('main.mjs')) throw error;
  process.stderr.write('folio: Folio is not compiled (lib/main.mjs is missing); run `npm install` or `npm run compile`\n');
  process.exit(2);
}
process.exitCode = await main(process.argv.slice(2));
// Everything the command started is done, its output written, when main returns. Left to end by
// itself, the process would first run the tasks V8 keeps for an idle moment (finishing a garbage
// collection: ~20 ms of CPU after a PDF) only to exit.
process.exit();
