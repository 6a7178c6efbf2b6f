// Compiles src/ into lib/ once before the tests, so the command the tests start is the code
// under test (the command never compiles itself at run time), and gives the run a temporary
// directory of its own that is removed when it ends.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { root } from './helpers.ts';
import { temporaryRoot } from './temporary-root.ts';

export default function setup(): () => void {
  execFileSync(process.execPath, [join(root, 'scripts', 'compile.js')], { stdio: 'inherit' });
  return temporaryRoot('folio-test-');
}
