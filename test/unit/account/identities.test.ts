import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RampartDb } from '@/lib/store/db';
import { syncIdentities } from '@/lib/account/identities';
import { IDENTITIES_KEY, readRecord } from '@/lib/store/records';
import { fakeSes, json } from '../../support/fake-ses';

// ListEmailIdentities and GetEmailIdentity as the SDK hands them over: it passes on
// what SES's JSON says, wrong types included. What is stored is still of its type.

const NOW = new Date('2026-03-02T10:00:00Z');
let database: RampartDb;
let n = 0;
beforeEach(() => void (database = new RampartDb(`identities-${++n}`)));
afterEach(() => database.delete());

describe('syncing identities from odd answers', () => {
  it('skips a name that is no string and reads a type or DKIM status that is no string as the default', async () => {
    const ses = fakeSes((request) =>
      request.path === '/v2/email/list-identities'
        ? json(200, {
            EmailIdentities: [
              { IdentityName: 'outbound.example.com', IdentityType: -1, SendingEnabled: true, VerificationStatus: 'SUCCESS' },
              { IdentityName: 42, IdentityType: 'DOMAIN', SendingEnabled: true, VerificationStatus: 'SUCCESS' },
            ],
          })
        : json(200, { VerifiedForSendingStatus: true, DkimAttributes: { Status: 5 } }),
    );
    const { identities, from } = await syncIdentities(ses, 'sdr@outbound.example.com', () => NOW, database);
    expect(identities.identities).toEqual([{ name: 'outbound.example.com', type: 'EMAIL_ADDRESS', verified: true, sendingEnabled: true }]);
    expect(from?.dkimStatus).toBe('NOT_STARTED');
    expect(await readRecord(IDENTITIES_KEY, database)).toEqual(identities);
  });
});
