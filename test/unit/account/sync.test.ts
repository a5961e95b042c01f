import { SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLocalAws, type LocalAws } from '../../../dev/local-aws/server';
import { RampartDb } from '@/lib/store/db';
import { cognitoCredentials } from '@/lib/aws/credentials';
import { emulatorSignInConfig, signInThroughEmulator } from '../../support/sign-in';

import { syncAll, type SyncTarget } from '@/lib/account/sync';
import { accountSnapshot } from '@/lib/account/snapshot';
import { fromIdentity, verifiedIdentities } from '@/lib/account/identities';
import { pictureAges } from '@/lib/store/records';

// The account snapshot and the identities, synced from the real local emulator.

const POOL = 'us-east-1:00000000-0000-4000-8000-000000000000';
let aws: LocalAws;
let database: RampartDb;
let target: SyncTarget;
let counter = 0;

async function control(path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${aws.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

function targetAt(endpoint: string): SyncTarget {
  const credentials = cognitoCredentials({ region: 'us-east-1', identityPoolId: POOL, endpoint, signIn: emulatorSignInConfig(aws.url) });
  return {
    ses: new SESv2Client({ region: 'us-east-1', endpoint, credentials, maxAttempts: 1 }),
    fromAddress: 'sdr@outbound.example.com',
    accountKey: endpoint,
    now: () => new Date(),
    renewCredentials: () => credentials.invalidate(),
    database,
  };
}

beforeAll(async () => {
  aws = await startLocalAws({ port: 0 });
});
afterAll(async () => {
  await aws.close();
});
beforeEach(async () => {
  await control('/_local/reset', {});
  await signInThroughEmulator(aws.url);
  database = new RampartDb(`sync-account-${++counter}`);
  target = targetAt(aws.url);
});
afterEach(async () => {
  target.ses.destroy();
  await database.delete();
});

describe('account and identities sync', { timeout: 60_000 }, () => {
  it('keeps GetAccount as a dated snapshot and follows the account as it changes', async () => {
    const before = Date.now();
    expect((await syncAll(target)).ok).toBe(true);
    const snapshot = await accountSnapshot(database);
    expect(snapshot).toMatchObject({
      productionAccessEnabled: true,
      sendingEnabled: true,
      enforcementStatus: 'HEALTHY',
      max24HourSend: 300,
      maxSendRate: 14,
      sentLast24Hours: 0,
    });
    expect(Date.parse(snapshot!.syncedAt)).toBeGreaterThanOrEqual(before);

    await control('/_local/account', {
      ProductionAccessEnabled: false,
      EnforcementStatus: 'PROBATION',
      SendQuota: { Max24HourSend: 200, MaxSendRate: 1, SentLast24Hours: 42 },
    });
    await syncAll(target);
    expect(await accountSnapshot(database)).toMatchObject({
      productionAccessEnabled: false,
      enforcementStatus: 'PROBATION',
      max24HourSend: 200,
      maxSendRate: 1,
      sentLast24Hours: 42,
    });
  });

  it('lists verified identities only, and reads the From domain’s DKIM and MAIL FROM', async () => {
    await control('/_local/identities', { identity: 'Verified.Prospect@Example.org', verificationStatus: 'SUCCESS' });
    await control('/_local/identities', { identity: 'pending@example.org', verificationStatus: 'PENDING' });
    await syncAll(target);

    const verified = await verifiedIdentities(database);
    expect(verified).toContain('outbound.example.com');
    expect(verified).toContain('verified.prospect@example.org');
    expect(verified).not.toContain('pending@example.org');

    expect(await fromIdentity('SDR@outbound.example.com', database)).toMatchObject({
      identity: 'outbound.example.com',
      verifiedForSending: true,
      dkimStatus: 'SUCCESS',
      mailFromSet: true,
      dmarcFound: null,
    });
    // Read for another From: not this From's status.
    expect(await fromIdentity('someone@else.example', database)).toBeNull();

    await control('/_local/identities', { identity: 'outbound.example.com', dkimStatus: 'FAILED', mailFromDomain: null });
    await syncAll(target);
    expect(await fromIdentity('sdr@outbound.example.com', database)).toMatchObject({
      dkimStatus: 'FAILED',
      mailFromSet: false,
    });
  });

  it('says so when the From domain is no identity at all', async () => {
    await syncAll({ ...target, fromAddress: 'sdr@unverified.example' });
    expect(await fromIdentity('sdr@unverified.example', database)).toMatchObject({
      identity: 'unverified.example',
      verifiedForSending: false,
    });
  });

  it('renews expired credentials once and syncs', async () => {
    await syncAll(target);
    await control('/_local/credentials/expire', {});
    await control('/_local/account', { SendQuota: { SentLast24Hours: 7 } });
    const outcome = await syncAll(target);
    expect(outcome.errors).toEqual({});
    expect((await accountSnapshot(database))?.sentLast24Hours).toBe(7);
  });

  it('an unreachable SES keeps the last picture and says how old it is', async () => {
    await syncAll(target);
    const good = await accountSnapshot(database);
    const goodAges = await pictureAges(new Date(), database);

    // Nothing listens on the emulator's port once it is closed.
    const dead = await startLocalAws({ port: 0 });
    await dead.close();
    const unreachable = { ...targetAt(dead.url), accountKey: aws.url };
    const outcome = await syncAll(unreachable);
    unreachable.ses.destroy();

    expect(outcome.ok).toBe(false);
    expect(outcome.errors.account?.code).toBe('network');
    expect(outcome.errors.account?.message).toMatch(/could not sync the account/);
    expect(outcome.errors.suppression?.code).toBe('network');
    expect(await accountSnapshot(database)).toEqual(good);
    const later = new Date(Date.parse(good!.syncedAt) + 10 * 60_000);
    const ages = await pictureAges(later, database);
    for (const part of ['account', 'identities', 'suppression'] as const) {
      expect(ages[part].syncedAt).toBe(goodAges[part].syncedAt);
      expect(ages[part].ageMs).toBeGreaterThanOrEqual(10 * 60_000 - 5_000);
      expect(ages[part].error?.code).toBe('network');
    }
  });
});
