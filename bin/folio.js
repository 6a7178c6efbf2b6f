#!/usr/bin/env node
// Folio's command line. It runs the JavaScript compiled into lib/ at install time
// (scripts/compile.js); FOLIO_TSX=1 runs the TypeScript sources directly through tsx instead, for
// working on Folio with source positions (tsx is a development dependency).
// CommonJS (bin/package.json says so), like the loader it requires: an ES module entry has Node
// load its ES module loader first, ~3 ms of a fresh process's CPU (perf stat, medians of 15).
'use strict';

/** The command's `main`: from lib/, or from the sources through tsx. */
async function folioMain(args) {
  if (process.env.FOLIO_TSX === '1') {
    const { register } = await import('tsx/esm/api');
    register();
    return (await import(require('node:url').pathToFileURL(require('node:path').join(__dirname, '..', 'src', 'cli', 'main.ts')).href)).main;
  }
  try {
    // Given the arguments: a build of one format takes that format's code cache (see there).
    return require('../lib/load.cjs').folioFor(args).main;
  } catch (error) {
    if (error?.code !== 'MODULE_NOT_FOUND' || !String(error.message).split('\n')[0].includes('lib/load.cjs')) throw error;
    process.stderr.write('folio: Folio is not compiled (lib/load.cjs is missing); run `npm install` or `npm run compile`\n');
    process.exit(2);
  }
}

const args = process.argv.slice(2);
folioMain(args)
  .then((main) => main(args))
  .then((code) => {
    process.exitCode = code;
    // Everything the command started is done, its output written, when main returns. Left to end
    // by itself, the process would first run the tasks V8 keeps for an idle moment (finishing a
    // garbage collection: ~20 ms of CPU after a PDF) only to exit.
    process.exit();
  });
