import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // One test file per core, not Vitest's default of one fewer: most of the suite's time is spent
    // waiting on the Folio commands, pdftotext, qpdf and Chromium it starts, which run on the other
    // core. On 2 cores `npm test` took 188–194 s with one file at a time and 128 s with two. At most
    // four: each file may have a browser or a build's worker threads of its own running.
    maxWorkers: Math.min(4, Math.max(2, availableParallelism())),
    // End-to-end tests start Folio as a child process, render PDFs or drive a browser.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Every test by name, so a test skipped for want of a tool shows why.
    reporters: ['verbose'],
  },
});
