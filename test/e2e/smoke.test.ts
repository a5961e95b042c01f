import { expect } from 'vitest';
import { askFromPage, test } from './harness';
import type { AccountView } from '@/lib/protocol/messages';

test('the popup renders', async ({ rampart }) => {
  const popup = await rampart.openExtensionPage('popup.html');
  await expect.poll(() => popup.locator('#root').innerText()).toContain('Rampart');
});

test('the service worker gets Cognito credentials from the emulator and calls GetAccount', async ({ rampart }) => {
  const page = await rampart.openExtensionPage('popup.html');
  const account = await askFromPage<AccountView>(page, 'getAccount', {});
  expect(account).toEqual({
    productionAccessEnabled: true,
    sendingEnabled: true,
    enforcementStatus: 'HEALTHY',
    max24HourSend: 300,
    maxSendRate: 14,
    sentLast24Hours: 0,
  });

  // Live from the emulator, not a cached or built-in answer.
  await rampart.awsControl('/_local/account', { ProductionAccessEnabled: false, SendQuota: { Max24HourSend: 200 } });
  const sandboxed = await askFromPage<AccountView>(page, 'getAccount', {});
  expect(sandboxed).toMatchObject({ productionAccessEnabled: false, max24HourSend: 200 });
});

test('the worker can be stopped and its heap read through CDP', async ({ rampart }) => {
  const heap = await rampart.workerHeapMb();
  expect(heap).toBeGreaterThan(0);
  expect(heap).toBeLessThan(64);
  const before = await rampart.worker();
  await before.evaluate(() => {
    (globalThis as { smokeMarker?: string }).smokeMarker = 'set before the stop';
  });

  await rampart.stopWorker();
  await expect.poll(() => rampart.workerRunning(), { timeout: 15_000 }).toBe(false);

  // The next message wakes it up again: a new worker, without the old one's memory.
  const page = await rampart.openExtensionPage('popup.html');
  const account = await askFromPage<AccountView>(page, 'getAccount', {});
  expect(account.max24HourSend).toBe(300);
  expect(await rampart.workerRunning()).toBe(true);
  const after = await rampart.worker();
  expect(await after.evaluate(() => (globalThis as { smokeMarker?: string }).smokeMarker ?? null)).toBeNull();
});
