#!/usr/bin/env node
// Folio's command line. Sources are TypeScript run through tsx, so there is no compile step
// between editing Folio and using it.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
