import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RampartDb } from '@/lib/store/db';
import { syncIdentities } from '@/lib/account/identities';
import { syncSuppression } from '@/lib/suppression/sync';
import { IDENTITIES_KEY, readRecord } from '@/lib/store/records';
import { cachedSuppressions } from '@/lib/store/suppression-cache';
import { fakeSes, json, nextTokenOf } from '../../support/fake-ses';

// The SDK's paginators follow NextToken for as long as one comes: a listing that gives a
// token again would be read for ever (the worker busy, the sync never done). It is an
// error with a sentence instead, and what the listing would have replaced stays.

const NOW = new Date('2026-03-02T10:00:00Z');
let database: RampartDb;
let n = 0;
beforeEach(() => void (database = new RampartDb(`pages-${++n}`)));
afterEach(() => database.delete());

/** SES answering every page with the same NextToken; a runaway reader is cut off at 20 requests. */
function looping(key: string, item: (token: string | undefined) => unknown) {
  const seen = { requests: 0 };
  const ses = fakeSes((request) => {
    if (++seen.requests > 20) throw new Error('still listing');
    return json(200, { [key]: [item(nextTokenOf(request))], NextToken: 'again' });
  });
  return { ses, seen };
}

describe('a listing whose NextToken comes round again', () => {
  it('identities: stops at the repeat with a sentence and stores nothing', async () => {
    const { ses, seen } = looping('EmailIdentities', (token) => ({ IdentityName: `d${token ?? ''}.example`, SendingEnabled: true }));
    await expect(syncIdentities(ses, 'sdr@outbound.example.com', () => NOW, database)).rejects.toMatchObject({
      code: 'listing-loops',
      message: expect.stringMatching(/list of identities gave the same page token twice/),
    });
    expect(seen.requests).toBe(2);
    expect(await readRecord(IDENTITIES_KEY, database)).toBeUndefined();
  });

  it('suppression list: stops at the repeat, and the full list read before stays in force', async () => {
    const first = fakeSes(() =>
      json(200, {
        SuppressedDestinationSummaries: [{ EmailAddress: 'old@prospect.example', Reason: 'BOUNCE', LastUpdateTime: 1_700_000_000 }],
      }),
    );
    await syncSuppression(first, 'full', () => NOW, database);
    const { ses, seen } = looping('SuppressedDestinationSummaries', () => ({
      EmailAddress: 'new@prospect.example',
      Reason: 'BOUNCE',
      LastUpdateTime: 1_700_000_000,
    }));
    await expect(syncSuppression(ses, 'full', () => NOW, database)).rejects.toMatchObject({
      code: 'listing-loops',
      message: expect.stringMatching(/suppression list gave the same page token twice/),
    });
    expect(seen.requests).toBeLessThanOrEqual(3);
    const [old] = await cachedSuppressions(database, ['old@prospect.example']);
    expect(old).toBeDefined();
  });
});
