import { test as base } from 'vitest';
import { launchRampart, type Rampart } from './launch';

export * from './launch';

/** A vitest test with a fresh `rampart` (browser profile + emulator) per test. */
export const test = base.extend<{ rampart: Rampart }>({
  // eslint-disable-next-line no-empty-pattern
  rampart: async ({}, use) => {
    const rampart = await launchRampart();
    try {
      await use(rampart);
    } finally {
      await rampart.close();
    }
  },
});
