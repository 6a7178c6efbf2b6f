import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // End-to-end tests start Folio as a child process, render PDFs or drive a browser.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Every test by name, so a test skipped for want of a tool shows why.
    reporters: ['verbose'],
  },
});
