import { addDays } from '../../lib/core/calendar';
import { defaultPlan } from '../../lib/ramp/plan';
import { askFromPage, launchRampart } from '../e2e/launch';

// popup-first-paint (docs/test-surface.md): 90 days of ledger in the extension's IndexedDB, in
// Chromium; the time from the popup's navigation to the remaining-cap number painted.
// The popup paints from IndexedDB alone (the dashboard message) and syncs with SES after,
// so this is the time a user waits to see the number, network or not.

const LEDGER_DAYS = 90;
const MESSAGES_PER_DAY = 60;
const SAMPLES = 7;

export async function popupFirstPaint(): Promise<{ name: 'popup-first-paint'; ledger_days: number; ms: number } & Record<string, unknown>> {
  const rampart = await launchRampart();
  try {
    const page = await rampart.openExtensionPage('options.html');
    // A plan that started 90 days ago, so the popup's chart and ramp walk the whole history.
    const now = new Date();
    const today = now.toISOString().slice(0, 10);
    const start = addDays(today, -(LEDGER_DAYS - 1));
    await askFromPage(page, 'saveRampPlan', { plan: defaultPlan(start, 'UTC'), by: 'bench' });
    await askFromPage(page, 'dashboard', {}); // opens the database at its current version

    const worker = await rampart.worker();
    const rows = await worker.evaluate(
      async ({ days, perDay, first }) => {
        const open = indexedDB.open('rampart');
        const database = await new Promise<IDBDatabase>((ok, fail) => {
          open.onsuccess = () => ok(open.result);
          open.onerror = () => fail(open.error);
        });
        let count = 0;
        await new Promise<void>((ok, fail) => {
          const tx = database.transaction('ledger', 'readwrite');
          const store = tx.objectStore('ledger');
          const firstMs = Date.parse(`${first}T00:00:00.000Z`);
          for (let d = 0; d < days; d++) {
            for (let m = 0; m < perDay; m++) {
              const at = new Date(firstMs + d * 86_400_000 + m * 60_000 + 8 * 3_600_000);
              const recipients = Array.from({ length: 1 + (m % 3) }, (_, r) => `p${d}-${m}-${r}@buyer${m % 11}.example`);
              store.put({
                messageId: `bench-${d}-${m}`,
                outboxId: `bench-${d}-${m}`,
                sentAt: at.toISOString(),
                day: at.toISOString().slice(0, 10),
                from: { email: 'sdr@outbound.example.com' },
                recipients,
                recipientCount: recipients.length,
                subject: 'Following up',
                senderTag: 'sdr@outbound.example.com',
              });
              count++;
            }
          }
          tx.oncomplete = () => ok();
          tx.onerror = () => fail(tx.error);
        });
        database.close();
        return count;
      },
      { days: LEDGER_DAYS, perDay: MESSAGES_PER_DAY, first: start },
    );

    const popup = await rampart.context.newPage();
    // Record the moment the cap number is in the DOM, from the page's own clock
    // (performance.now() counts from the navigation's start).
    await popup.addInitScript(() => {
      const w = window as unknown as { __capPaintedAt?: number };
      new MutationObserver((_, observer) => {
        const cap = document.querySelector('[data-rampart="cap-remaining"]');
        if (cap && cap.textContent !== '') {
          w.__capPaintedAt = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true, characterData: true });
    });
    const samples: number[] = [];
    let remaining = '';
    for (let i = 0; i < SAMPLES; i++) {
      await popup.goto(`chrome-extension://${rampart.extensionId}/popup.html`);
      await popup.waitForSelector('[data-rampart="cap-remaining"]', { timeout: 60_000 });
      samples.push(await popup.evaluate(() => (window as unknown as { __capPaintedAt: number }).__capPaintedAt));
      remaining = (await popup.locator('[data-rampart="cap-remaining"]').innerText()).trim();
      // Let the popup's own sync finish before the next navigation.
      await popup.waitForSelector('[data-rampart="sync-status"][data-state="ok"], [data-rampart="sync-status"][data-state="failed"]', {
        timeout: 60_000,
      });
    }
    // The dashboard message alone (IndexedDB reads and the ramp's evaluation in the worker).
    const handlerMs = await popup.evaluate(async (n) => {
      const times: number[] = [];
      for (let i = 0; i < n; i++) {
        const started = performance.now();
        await chrome.runtime.sendMessage({ type: 'dashboard', payload: {} });
        times.push(performance.now() - started);
      }
      return times.sort((a, b) => a - b)[Math.floor(n / 2)]!;
    }, SAMPLES);
    const sorted = [...samples].sort((a, b) => a - b);
    const round = (n: number) => Math.round(n * 10) / 10;
    return {
      name: 'popup-first-paint',
      ledger_days: LEDGER_DAYS,
      ms: round(sorted[Math.floor(sorted.length / 2)]!),
      ledger_rows: rows,
      samples: SAMPLES,
      first_ms: round(samples[0]!),
      max_ms: round(sorted[sorted.length - 1]!),
      cap_remaining: Number(remaining),
      dashboard_message_ms: round(handlerMs),
    };
  } finally {
    await rampart.close();
  }
}
