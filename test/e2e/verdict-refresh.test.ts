import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { routeGmail } from '../fixtures/gmail/serve';
import { askFromPage, test } from './harness';

// A compose window whose first verdict came before the account picture (a fresh install,
// its first sync still running) asks again on its own: the picture's arrival clears
// "Rampart has not read the SES account yet" without the SDR touching the draft.

const WAIT = 60_000;

const findingCodes = (page: Page) =>
  page
    .locator('[data-fixture-compose="0"] rampart-compose [data-rampart="finding"]')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-rule')));

test('the verdict of an untouched draft refreshes when the account picture arrives', { timeout: 180_000 }, async ({ rampart }) => {
  // Routed first: routing the context once its worker was stopped waits for a worker that is gone.
  const gmail = await routeGmail(rampart.context, 'inbox');
  const popup = await rampart.openExtensionPage('popup.html');
  expect((await askFromPage<{ ok: boolean }>(popup, 'sync', {})).ok).toBe(true);
  // As before the first sync: no account picture and no identities, and no alarm to bring them meanwhile.
  await (
    await rampart.worker()
  ).evaluate(async () => {
    await chrome.alarms.clear('rampart.sync');
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open('rampart');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const tx = open.result.transaction('kv', 'readwrite');
        tx.objectStore('kv').delete('account');
        tx.objectStore('kv').delete('fromIdentity');
        tx.oncomplete = () => (open.result.close(), resolve());
        tx.onerror = () => reject(tx.error);
      };
    });
  });
  // Nothing the worker remembers in memory either.
  await rampart.stopWorker();

  const page = await rampart.context.newPage();
  await page.goto(gmail);
  await page.evaluate(() => window.fixture.openCompose('popout', { to: [['dana@outbound.example.com', 'Dana']], subject: 'Lunch?' }));
  await expect.poll(() => findingCodes(page), { timeout: WAIT }).toContain('account-unknown');

  // The account picture arrives (the first sync finishing); the draft is left as it is.
  expect((await askFromPage<{ ok: boolean }>(popup, 'sync', {})).ok).toBe(true);
  await expect.poll(() => findingCodes(page), { timeout: WAIT }).not.toContain('account-unknown');
  expect(await findingCodes(page)).not.toContain('from-auth-unknown');
});
