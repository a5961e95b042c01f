import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RampartDb } from '@/lib/store/db';
import { INCREMENTAL_OVERLAP_MS, suppressionCursor, syncSuppression } from '@/lib/suppression/sync';
import { cachedSuppressions } from '@/lib/store/suppression-cache';
import { fakeSes, json, type FakeRequest } from '../../support/fake-ses';

// ListSuppressedDestinations as the SDK hands it over: it passes on what SES's JSON
// says. An entry dated in the future must not carry the high-water mark past updates
// still to come (incremental syncs would never ask for them); an entry of the wrong
// types is skipped or read as undated, without failing the whole list.

const NOW = new Date('2026-03-02T10:00:00Z');
const seconds = (iso: string) => Date.parse(iso) / 1000;
let database: RampartDb;
let n = 0;
beforeEach(() => void (database = new RampartDb(`suppression-odd-${++n}`)));
afterEach(() => database.delete());

/** SES answering each listing request with the next of these pages (the last one again after). */
function listing(pages: unknown[][], requests: FakeRequest[] = []) {
  return fakeSes((request) => {
    requests.push(request);
    const page = pages[Math.min(requests.length - 1, pages.length - 1)] ?? [];
    return json(200, { SuppressedDestinationSummaries: page });
  });
}

describe('the suppression sync under odd answers', () => {
  it('an entry dated in the future moves the high-water mark no further than now', async () => {
    const requests: FakeRequest[] = [];
    const ses = listing(
      [
        [
          { EmailAddress: 'ana@prospect.example', Reason: 'BOUNCE', LastUpdateTime: seconds('2026-03-01T09:00:00Z') },
          { EmailAddress: 'far@prospect.example', Reason: 'BOUNCE', LastUpdateTime: seconds('2100-01-01T00:00:00Z') },
        ],
        [],
      ],
      requests,
    );
    const result = await syncSuppression(ses, 'full', () => NOW, database);
    expect(result.highWater).toBe(NOW.toISOString());
    expect((await suppressionCursor(database))?.highWater).toBe(NOW.toISOString());
    // The next incremental sync asks from just before now, not from 2100.
    await syncSuppression(ses, 'incremental', () => new Date(NOW.getTime() + 60_000), database);
    expect(Date.parse(String(requests[1]?.query?.StartDate))).toBe(NOW.getTime() - INCREMENTAL_OVERLAP_MS);
    expect(await cachedSuppressions(database, ['far@prospect.example'])).toMatchObject([{ email: 'far@prospect.example' }]);
  });

  it('skips an address that is no string and reads a time that is no date as undated', async () => {
    const ses = listing([
      [
        { EmailAddress: 7, Reason: 'BOUNCE', LastUpdateTime: seconds('2026-03-01T09:00:00Z') },
        { EmailAddress: 'luis@prospect.example', Reason: 'COMPLAINT', LastUpdateTime: 1e13 },
        { EmailAddress: 'ana@prospect.example', Reason: 'BOUNCE', LastUpdateTime: seconds('2026-03-01T09:00:00Z') },
      ],
    ]);
    await syncSuppression(ses, 'full', () => NOW, database);
    const [luis, ana] = await cachedSuppressions(database, ['luis@prospect.example', 'ana@prospect.example']);
    expect(luis).toMatchObject({ reason: 'COMPLAINT', since: new Date(0).toISOString() });
    expect(ana).toMatchObject({ reason: 'BOUNCE', since: '2026-03-01T09:00:00.000Z' });
  });
});
