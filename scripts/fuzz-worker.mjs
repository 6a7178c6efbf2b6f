// A worker thread of `npm run fuzz`: judges each case it is sent (scripts/fuzz.ts), written in
// every format or only those the message names (shrinking an invalid output). Worker threads do
// not inherit the parent's module hooks, so it registers tsx itself first.
import { register } from 'tsx/esm/api';
import { parentPort } from 'node:worker_threads';

register();
const { runCases } = await import('../test/harness.ts');
const { judge } = await import('../test/fuzz/validate.ts');

parentPort.on('message', async ({ case: c, formats }) => {
  let verdict;
  try {
    const [outcome] = await runCases([c], formats);
    verdict = await judge(outcome);
  } catch (error) {
    verdict = { kind: 'crash', detail: `harness: ${error?.message ?? error}` };
  }
  parentPort.postMessage(verdict);
});
// Loaded: from now on the parent times each case.
parentPort.postMessage('ready');
