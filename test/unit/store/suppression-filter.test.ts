import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { RampartDb, type SuppressionRow } from '@/lib/store/db';
import { addToBloom, emptyBloom, mayContain } from '@/lib/store/bloom';
import { suppressionRowsFor } from '@/lib/store/suppression-filter';
import { decideSuppression, undoSuppression } from '@/lib/suppression/decide';

// The check's lookup filter must never hide a cached address: whatever wrote the row
// (a sync page, a decision, a bare put), in this worker's life or an earlier one.

const row = (email: string, source: SuppressionRow['source'] = 'ses'): SuppressionRow => ({
  email,
  reason: 'BOUNCE',
  since: '2026-11-01T00:00:00.000Z',
  source,
});

let open: RampartDb[] = [];
let counter = 0;
function database(name: string): RampartDb {
  const d = new RampartDb(name);
  open.push(d);
  return d;
}
const freshName = () => `lookup-${++counter}-${Math.random()}`;

afterEach(async () => {
  for (const d of open) d.close();
  open = [];
});

describe('bloom', { timeout: 60_000 }, () => {
  it('never forgets a key and rules out almost every other', () => {
    const bloom = emptyBloom();
    const added = Array.from({ length: 100_000 }, (_, i) => `suppressed${i}@list${i % 997}.example`);
    for (const key of added) addToBloom(bloom, key);
    expect(added.every((key) => mayContain(bloom, key))).toBe(true);
    const others = Array.from({ length: 100_000 }, (_, i) => `prospect${i}@buyer${i % 7}.example`);
    const falsePositives = others.filter((key) => mayContain(bloom, key)).length;
    // 100,000 keys in 2^24 bits with 7 probes: about one in a million.
    expect(falsePositives).toBeLessThan(20);
  });
});

// Deadlines, not measurements: these tests write and read tens of thousands of rows in
// fake IndexedDB, which takes seconds on a loaded 2-core machine.
describe('suppressionRowsFor', { timeout: 60_000 }, () => {
  it('finds rows written before and after the filter was loaded, in any order of keys', async () => {
    const d = database(freshName());
    await d.suppression.bulkPut([row('a@x.example'), row('b@x.example')]);
    expect((await suppressionRowsFor(d, ['c@x.example', 'a@x.example'])).map((r) => r?.email)).toEqual([undefined, 'a@x.example']);
    await d.suppression.put(row('c@x.example'));
    await d.transaction('rw', d.suppression, d.kv, async () => d.suppression.bulkPut([row('d@x.example')]));
    const found = await suppressionRowsFor(d, ['d@x.example', 'z@x.example', 'c@x.example', 'b@x.example']);
    expect(found.map((r) => r?.email)).toEqual(['d@x.example', undefined, 'c@x.example', 'b@x.example']);
  });

  it('after a restart, loads the persisted filter and its journal, and sees what was written meanwhile', async () => {
    const name = freshName();
    const first = database(name);
    await first.suppression.put(row('early@x.example'));
    await suppressionRowsFor(first, ['early@x.example']); // builds and persists the filter
    await expect.poll(async () => (await first.kv.get('suppressionFilter')) !== undefined).toBe(true);
    await first.suppression.put(row('journaled@x.example'));
    first.close();

    // Another context's writes while no filter was loaded: only the journal knows them.
    const other = database(name);
    await decideSuppression({ email: 'Decided@X.example', reason: 'UNSUBSCRIBE', cause: 'manual', because: 'test' }, new Date(), other);
    other.close();

    const restarted = database(name);
    const found = await suppressionRowsFor(restarted, ['early@x.example', 'journaled@x.example', 'decided@x.example', 'never@x.example']);
    expect(found.map((r) => r?.email)).toEqual(['early@x.example', 'journaled@x.example', 'decided@x.example', undefined]);
  });

  it('builds the filter from a table written before the filter existed', async () => {
    const name = freshName();
    // The cache of an earlier version: rows with no journal and no persisted filter.
    const earlier = new Dexie(name);
    earlier.version(3).stores({ suppression: 'email, since, syncRun', kv: 'key' });
    await earlier.table('suppression').bulkPut(Array.from({ length: 45_000 }, (_, i) => row(`old${i}@x.example`)));
    earlier.close();

    const d = database(name);
    // The first lookup reads rows while the filter is built; later ones use it.
    expect((await suppressionRowsFor(d, ['old44999@x.example', 'new@x.example'])).map((r) => r?.email)).toEqual([
      'old44999@x.example',
      undefined,
    ]);
    await expect.poll(async () => (await d.kv.get('suppressionFilter')) !== undefined).toBe(true);
    const found = await suppressionRowsFor(d, ['old0@x.example', 'old20000@x.example', 'old44999@x.example', 'new@x.example']);
    expect(found.map((r) => r?.email)).toEqual(['old0@x.example', 'old20000@x.example', 'old44999@x.example', undefined]);
  });

  it('an undone suppression is no longer found, and a re-decided one is', async () => {
    const d = database(freshName());
    await suppressionRowsFor(d, ['x@x.example']);
    await decideSuppression({ email: 'stop@x.example', reason: 'UNSUBSCRIBE', cause: 'stop-reply', because: 'test' }, new Date(), d);
    expect((await suppressionRowsFor(d, ['stop@x.example']))[0]?.reason).toBe('UNSUBSCRIBE');
    await undoSuppression('stop@x.example', new Date(), d);
    expect(await suppressionRowsFor(d, ['stop@x.example'])).toEqual([undefined]);
  });

  it('folds a long journal into the persisted filter without losing an address', async () => {
    const name = freshName();
    const d = database(name);
    await suppressionRowsFor(d, ['x@x.example']);
    await expect.poll(async () => (await d.kv.get('suppressionFilter')) !== undefined).toBe(true);
    await suppressionRowsFor(d, ['x@x.example']);
    for (let i = 0; i < 80; i++) await d.suppression.put(row(`w${i}@x.example`));
    await expect.poll(async () => (await d.kv.where('key').startsWith('suppressionFilter:journal:').count()) < 80).toBe(true);
    d.close();
    const restarted = database(name);
    const keys = Array.from({ length: 80 }, (_, i) => `w${i}@x.example`);
    expect((await suppressionRowsFor(restarted, keys)).every((r, i) => r?.email === keys[i])).toBe(true);
  });

  it('sees what another context wrote after its own filter was loaded', async () => {
    const name = freshName();
    const here = database(name);
    await suppressionRowsFor(here, ['x@x.example']);
    await expect.poll(async () => (await here.kv.get('suppressionFilter')) !== undefined).toBe(true);
    expect(await suppressionRowsFor(here, ['other@x.example'])).toEqual([undefined]);
    const elsewhere = database(name);
    await elsewhere.suppression.put(row('other@x.example'));
    expect((await suppressionRowsFor(here, ['other@x.example']))[0]?.email).toBe('other@x.example');
  });

  it('folds the journal of a worker that writes before any lookup, and keeps what two contexts folded', async () => {
    const name = freshName();
    const first = database(name);
    await suppressionRowsFor(first, ['x@x.example']);
    await expect.poll(async () => (await first.kv.get('suppressionFilter')) !== undefined).toBe(true);
    first.close();
    // A restarted worker syncing page after page before the compose window asks anything.
    const restarted = database(name);
    for (let i = 0; i < 100; i++) await restarted.suppression.put(row(`page${i}@x.example`));
    await expect
      .poll(async () => await restarted.kv.where('key').startsWith('suppressionFilter:journal:').count(), { timeout: 10_000 })
      .toBeLessThan(100);
    const other = database(name);
    await suppressionRowsFor(other, ['x@x.example']);
    for (let i = 0; i < 80; i++) await other.suppression.put(row(`other${i}@x.example`));
    await expect
      .poll(async () => await other.kv.where('key').startsWith('suppressionFilter:journal:').count(), { timeout: 10_000 })
      .toBeLessThan(80);
    restarted.close();
    other.close();
    const last = database(name);
    const keys = [
      ...Array.from({ length: 100 }, (_, i) => `page${i}@x.example`),
      ...Array.from({ length: 80 }, (_, i) => `other${i}@x.example`),
    ];
    expect((await suppressionRowsFor(last, keys)).every((r, i) => r?.email === keys[i])).toBe(true);
  });
});
