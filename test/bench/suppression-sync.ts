import { loadavg } from 'node:os';
import { startLocalAws } from '../../dev/local-aws/server';
import { askFromPage, launchRampart } from '../e2e/launch';

// suppression-sync (docs/test-surface.md): 100,000 addresses on the SES account's suppression
// list (seeded in one control call, dated over the last 90 days as a real list
// accumulates), a full sync through the extension in Chromium (the `sync` message; pages
// of 1,000), then 100 new addresses and an incremental sync. Entries are counted in the
// worker's IndexedDB, not taken from the request; the heap is read through CDP.

const FULL = 100_000;
const NEW = 100;
const DAY_MS = 86_400_000;

/**
 * Addresses in the extension's suppression cache, read in the worker: the entries of the
 * pages a full sync wrote (their multi-entry index holds one per address; one run's pages
 * list an address once) and the rows not also listed there.
 */
export async function cachedEntries(worker: Awaited<ReturnType<Awaited<ReturnType<typeof launchRampart>>['worker']>>): Promise<number> {
  return worker.evaluate(async () => {
    const open = indexedDB.open('rampart');
    const database = await new Promise<IDBDatabase>((ok, fail) => {
      open.onsuccess = () => ok(open.result);
      open.onerror = () => fail(open.error);
    });
    try {
      // Inline (no named helper): tsx would wrap one in an `__name` call the worker lacks.
      const tx = database.transaction(['suppression', 'suppressionPages']);
      const listedIndex = tx.objectStore('suppressionPages').index('emails');
      const [listed, rowKeys] = await Promise.all([
        new Promise<number>((ok, fail) => {
          const request = listedIndex.count();
          request.onsuccess = () => ok(request.result);
          request.onerror = () => fail(request.error);
        }),
        new Promise<IDBValidKey[]>((ok, fail) => {
          const request = tx.objectStore('suppression').getAllKeys();
          request.onsuccess = () => ok(request.result);
          request.onerror = () => fail(request.error);
        }),
      ]);
      // A row for an address a page lists too (an incremental sync re-reads a few
      // minutes before its mark) is one address.
      const alsoListed = await Promise.all(
        rowKeys.map(
          (key) =>
            new Promise<number>((ok, fail) => {
              const request = listedIndex.count(key);
              request.onsuccess = () => ok(request.result > 0 ? 1 : 0);
              request.onerror = () => fail(request.error);
            }),
        ),
      );
      return listed + rowKeys.length - alsoListed.reduce((sum, n) => sum + n, 0);
    } finally {
      database.close();
    }
  });
}

export async function suppressionSync(): Promise<{
  name: 'suppression-sync';
  full_entries: number;
  full_ms: number;
  incremental_entries: number;
  incremental_ms: number;
  worker_mb: number;
  load_avg: number;
}> {
  const aws = await startLocalAws({ port: 0 });
  const rampart = await launchRampart({ aws });
  try {
    const popup = await rampart.openExtensionPage('popup.html');
    // Let the start-up syncs (install, settings change) finish against an empty list.
    await askFromPage(popup, 'sync', {});

    const now = Date.now();
    const entries = Array.from({ length: FULL }, (_, i) => ({
      address: `suppressed${i}@list${i % 997}.example`,
      reason: i % 5 === 0 ? 'COMPLAINT' : 'BOUNCE',
      at: new Date(now - 90 * DAY_MS + Math.floor((i * 89 * DAY_MS) / FULL)).toISOString(),
    }));
    await rampart.awsControl('/_local/suppression', { entries });

    let started = performance.now();
    const full = await askFromPage<{ ok: boolean; error?: unknown }>(popup, 'sync', {});
    const fullMs = performance.now() - started;
    if (!full.ok) throw new Error(`the full sync failed: ${JSON.stringify(full.error)}`);
    const worker = await rampart.worker();
    const afterFull = await cachedEntries(worker);

    await rampart.awsControl('/_local/suppression', {
      entries: Array.from({ length: NEW }, (_, i) => ({ address: `new${i}@prospect.example`, reason: 'COMPLAINT' })),
    });
    started = performance.now();
    const incremental = await askFromPage<{ ok: boolean; error?: unknown }>(popup, 'sync', {});
    const incrementalMs = performance.now() - started;
    if (!incremental.ok) throw new Error(`the incremental sync failed: ${JSON.stringify(incremental.error)}`);
    const afterIncremental = await cachedEntries(await rampart.worker());
    const workerMb = await rampart.workerHeapMb();

    console.error(`suppression-sync: ${afterFull} rows after the full sync, ${afterIncremental} after the incremental one`);
    return {
      name: 'suppression-sync',
      full_entries: afterFull,
      full_ms: Math.round(fullMs),
      incremental_entries: afterIncremental - afterFull,
      incremental_ms: Math.round(incrementalMs),
      worker_mb: Math.round(workerMb * 10) / 10,
      // The machine's 1-minute load average at the end: the times scale with it.
      load_avg: Math.round(loadavg()[0]! * 10) / 10,
    };
  } finally {
    await rampart.close();
    await aws.close();
  }
}
