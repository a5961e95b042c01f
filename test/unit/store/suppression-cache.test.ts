import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RampartDb, type SuppressionPageRow } from '@/lib/store/db';
import { cachedSuppressions } from '@/lib/store/suppression-cache';
import { decideSuppression, undoSuppression } from '@/lib/suppression/decide';
import { suppressionRowsFor } from '@/lib/store/suppression-filter';
import { flushDecisions } from '@/lib/suppression/share';
import { SUPPRESSION_CURSOR_KEY, writeRecord } from '@/lib/store/records';
import { startHarness, type Harness } from '../../emulator/support';
import { everyCachedSuppression } from '../../support/cached-suppressions';

// The cache read as one: rows (decisions, incremental syncs) over the pages a full sync
// wrote, newest run first, and a page entry the SDR lifted since not counted.

const page = (run: number, first: number, entries: [string, 'BOUNCE' | 'COMPLAINT', string][]): SuppressionPageRow => ({
  run,
  page: first,
  emails: entries.map(([email]) => email),
  reasons: entries.map(([, reason]) => reason),
  since: entries.map(([, , since]) => since),
});

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness.close());

let open: RampartDb[] = [];
let counter = 0;
function database(): RampartDb {
  const d = new RampartDb(`cache-${++counter}-${Math.random()}`);
  open.push(d);
  return d;
}
afterEach(async () => {
  for (const d of open) await d.delete();
  open = [];
});

describe('the suppression cache', () => {
  it('reads page entries by address, a row over a page, the newest run over an older one', async () => {
    const d = database();
    await d.suppressionPages.bulkPut([
      page(1, 0, [
        ['a@x.example', 'BOUNCE', '2026-01-01T00:00:00.000Z'],
        ['b@x.example', 'BOUNCE', '2026-01-02T00:00:00.000Z'],
        ['c@x.example', 'BOUNCE', '2026-01-03T00:00:00.000Z'],
      ]),
      page(2, 0, [['b@x.example', 'COMPLAINT', '2026-02-02T00:00:00.000Z']]),
    ]);
    await d.suppression.put({ email: 'c@x.example', reason: 'MANUAL', since: '2026-03-03T00:00:00.000Z', source: 'local' });

    const found = await cachedSuppressions(d, ['a@x.example', 'b@x.example', 'c@x.example', 'none@x.example']);
    expect(found).toEqual([
      { email: 'a@x.example', reason: 'BOUNCE', since: '2026-01-01T00:00:00.000Z', source: 'ses', syncRun: 1 },
      { email: 'b@x.example', reason: 'COMPLAINT', since: '2026-02-02T00:00:00.000Z', source: 'ses', syncRun: 2 },
      { email: 'c@x.example', reason: 'MANUAL', since: '2026-03-03T00:00:00.000Z', source: 'local' },
      undefined,
    ]);
    expect((await everyCachedSuppression(d)).map((row) => [row.email, row.reason])).toEqual([
      ['a@x.example', 'BOUNCE'],
      ['b@x.example', 'COMPLAINT'],
      ['c@x.example', 'MANUAL'],
    ]);
  });

  it('an undo with nothing to put back lifts what SES listed until a full sync reads SES after the lift', async () => {
    const d = database();
    // Rampart suppressed it, shared it with SES, and full sync 1 read it back from SES.
    await decideSuppression(
      { email: 'pat@x.example', reason: 'MANUAL', cause: 'manual', because: 'test' },
      new Date('2026-05-01T10:00:00Z'),
      d,
    );
    await d.suppressionPages.put(page(1, 0, [['pat@x.example', 'COMPLAINT', '2026-05-01T10:00:01.000Z']]));
    await writeRecord(SUPPRESSION_CURSOR_KEY, { fullRun: 1 }, new Date(), d);
    // Undone on a machine whose clock is behind SES's: times cannot tell the listing apart.
    await undoSuppression('pat@x.example', new Date('2026-05-01T09:00:00Z'), d);
    expect(await cachedSuppressions(d, ['pat@x.example'])).toEqual([undefined]);
    expect(await suppressionRowsFor(d, ['pat@x.example'])).toEqual([undefined]);
    expect(await everyCachedSuppression(d)).toEqual([]);

    // The lift reaches SES while run 1's pages are the newest: they still do not count.
    expect(await flushDecisions({ ses: harness.ses({ maxAttempts: 1 }) }, d)).toMatchObject({ shared: 1, failed: 0 });
    expect(await d.suppressionDecisions.get('pat@x.example')).toMatchObject({ lifted: true, liftedRun: 1 });
    expect(await cachedSuppressions(d, ['pat@x.example'])).toEqual([undefined]);

    // A later run read SES after the lift: a new bounce listed there counts, whatever its date.
    await d.suppressionPages.put(page(2, 0, [['pat@x.example', 'BOUNCE', '2026-05-01T08:00:00.000Z']]));
    expect(await cachedSuppressions(d, ['pat@x.example'])).toEqual([
      { email: 'pat@x.example', reason: 'BOUNCE', since: '2026-05-01T08:00:00.000Z', source: 'ses', syncRun: 2 },
    ]);
    expect((await everyCachedSuppression(d)).map((row) => row.email)).toEqual(['pat@x.example']);
  });

  it('a decision over a listed address keeps the listed entry to put back on undo', async () => {
    const d = database();
    await d.suppressionPages.put(page(1, 0, [['old@x.example', 'BOUNCE', '2026-01-01T00:00:00.000Z']]));
    await decideSuppression(
      { email: 'old@x.example', reason: 'UNSUBSCRIBE', cause: 'stop-reply', because: 'test' },
      new Date('2026-05-01T00:00:00Z'),
      d,
    );
    expect((await cachedSuppressions(d, ['old@x.example']))[0]).toMatchObject({ reason: 'UNSUBSCRIBE', source: 'local' });
    await undoSuppression('old@x.example', new Date('2026-05-01T01:00:00Z'), d);
    expect((await cachedSuppressions(d, ['old@x.example']))[0]).toMatchObject({
      reason: 'BOUNCE',
      source: 'ses',
      since: '2026-01-01T00:00:00.000Z',
    });
    // The next full sync lists it again (SES put it back) and drops the restored row: the
    // listing stands, for the undo put back a suppression of SES's own.
    await d.suppressionPages.put(page(2, 0, [['old@x.example', 'BOUNCE', '2026-01-01T00:00:00.000Z']]));
    await d.suppression.delete('old@x.example');
    expect((await cachedSuppressions(d, ['old@x.example']))[0]).toMatchObject({ reason: 'BOUNCE', source: 'ses', syncRun: 2 });
  });

  it('the lookup filter finds addresses written as pages, before or after it was built', async () => {
    const d = database();
    await d.suppressionPages.put(page(1, 0, [['before@x.example', 'BOUNCE', '2026-01-01T00:00:00.000Z']]));
    // Built from the tables (no filter persisted yet), then kept by the journal.
    expect((await suppressionRowsFor(d, ['before@x.example', 'none@x.example'])).map((row) => row?.email)).toEqual([
      'before@x.example',
      undefined,
    ]);
    await expect.poll(async () => (await d.kv.get('suppressionFilter')) !== undefined).toBe(true);
    await d.suppressionPages.put(page(1, 1, [['after@x.example', 'COMPLAINT', '2026-01-02T00:00:00.000Z']]));
    const found = await suppressionRowsFor(d, ['none@x.example', 'after@x.example', 'before@x.example']);
    expect(found.map((row) => row?.email)).toEqual([undefined, 'after@x.example', 'before@x.example']);
  });
});
