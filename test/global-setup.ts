// Compiles src/ into lib/ once before the tests, so the command the tests start is the code
// under test (the command never compiles itself at run time).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { root } from './helpers.ts';

export default function setup(): void {
  execFileSync(process.execPath, [join(root, 'scripts', 'compile.js')], { stdio: 'inherit' });
}
