import { defineConfig } from 'vitest/config';

// One config, two projects (as Preact does): fast unit tests in happy-dom or Node, and the
// real-browser suites, which drive the system Chromium with playwright-core against real servers.
export default defineConfig({
  test: {
    // The JSON report is what .ci/run counts its "N passed, N failed" from.
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-results.json' },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'happy-dom',
          setupFiles: ['test/unit/setup.ts'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'server',
          include: ['test/server/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // The suites share one Chromium and the machine has two cores: run them one file at a time,
          // after the unit and server projects, not beside them.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'package',
          include: ['test/package/**/*.test.ts'],
          environment: 'node',
          // npm install from the registry and a Vite build: minutes, not seconds. Last, alone.
          testTimeout: 240_000,
          hookTimeout: 300_000,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
