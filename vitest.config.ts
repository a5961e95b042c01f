import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';

export default defineConfig({
  plugins: [WxtVitest()],
  // WxtVitest does not apply wxt.config.ts's `vite` option: the build-time constants of
  // globals.d.ts are set here, as a test build of the production profile.
  define: {
    __RAMPART_EMULATOR__: 'false',
    __RAMPART_LOCAL_AWS_PORT__: '4566',
    __RAMPART_TEST_BUILD__: 'true',
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          setupFiles: ['fake-indexeddb/auto'],
          // Deadlines, never measurements: on a shared 2-core machine under load, fake
          // IndexedDB work that takes 200 ms when quiet can take seconds.
          testTimeout: 30_000,
          expect: { poll: { timeout: 15_000 } },
        },
      },
      {
        // The emulator's SDK-level tests: plain Node, no extension plugin or fake
        // IndexedDB (the emulator shares nothing with the extension), which halves their cost.
        test: {
          name: 'emulator',
          include: ['test/emulator/**/*.test.ts'],
        },
      },
      {
        // End to end: the built emulator profile in Debian's Chromium, against the
        // local AWS emulator. One file at a time: Chromium is heavy on a 2-core machine.
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 240_000,
          globalSetup: ['test/e2e/global-setup.ts'],
        },
      },
      {
        // End to end in Firefox ESR (FIREFOX_PATH): the emulator profile's Firefox build.
        // Plain Node, without the extension plugin: it would rewrite the `browser` global in
        // code puppeteer runs inside the add-on's pages into an import.
        test: {
          name: 'e2e-firefox',
          include: ['test/e2e-firefox/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 240_000,
          globalSetup: ['test/e2e-firefox/global-setup.ts'],
        },
      },
    ],
  },
});
