#!/usr/bin/env node
// Folio's command line: runs the bundle of src/ (see bundle.js); FOLIO_TSX=1 runs the TypeScript
// sources directly through tsx instead, for debugging with source positions.
let entry;
if (process.env.FOLIO_TSX === '1') {
  const { register } = await import('tsx/esm/api');
  register();
  entry = new URL('../src/cli/main.ts', import.meta.url).href;
} else {
  const { bundledEntry } = await import('./bundle.js');
  entry = await bundledEntry();
}
const { main } = await import(entry);
process.exitCode = await main(process.argv.slice(2));
