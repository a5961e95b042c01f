import {
  DeleteSuppressedDestinationCommand,
  InvalidNextTokenException,
  PutSuppressedDestinationCommand,
  SESv2Client,
} from '@aws-sdk/client-sesv2';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLocalAws, type LocalAws } from '../../../dev/local-aws/server';
import { RampartDb } from '@/lib/store/db';
import { cognitoCredentials } from '@/lib/aws/credentials';
import { emulatorSignInConfig, signInThroughEmulator } from '../../support/sign-in';

import { cachedSuppressions } from '@/lib/store/suppression-cache';
import { decideSuppression, undoSuppression } from '@/lib/suppression/decide';
import { pictureAges, readRecord, SUPPRESSION_CURSOR_KEY, writeRecord, type SuppressionCursor } from '@/lib/store/records';
import { syncAll } from '@/lib/account/sync';
import { everyCachedSuppression } from '../../support/cached-suppressions';
import { DECISIONS_READ_WHOLE, INCREMENTAL_OVERLAP_MS, syncSuppression } from '@/lib/suppression/sync';

// The suppression cache against the real local emulator: paging, StartDate, removals,
// and a failed sync that must leave the picture as it was.

const POOL = 'us-east-1:00000000-0000-4000-8000-000000000000';
let aws: LocalAws;
let database: RampartDb;
let calls: string[];
let ses: SESv2Client;

async function control(path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${aws.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** A client that remembers the name of every command it sends. */
function countingClient(): SESv2Client {
  const target = { region: 'us-east-1', identityPoolId: POOL, endpoint: aws.url, signIn: emulatorSignInConfig(aws.url) };
  const client = new SESv2Client({ region: 'us-east-1', endpoint: aws.url, credentials: cognitoCredentials(target) });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      calls.push(context.commandName ?? '?');
      return next(args);
    },
    { step: 'initialize', name: 'countCommands' },
  );
  return client;
}

/** Put addresses on SES's list through the SDK, a few at a time. */
async function suppressInSes(addresses: string[], reason: 'BOUNCE' | 'COMPLAINT' = 'BOUNCE'): Promise<void> {
  for (let i = 0; i < addresses.length; i += 100) {
    await Promise.all(
      addresses.slice(i, i + 100).map((EmailAddress) => ses.send(new PutSuppressedDestinationCommand({ EmailAddress, Reason: reason }))),
    );
  }
}

const addresses = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}@prospects.test`);
// Rampart's clock is AWS's (lib/aws/clock.ts corrects it by SES's Date header): when a
// test moves the emulator's clock ahead, Rampart's follows.
let sesAhead = 0;
const now = () => new Date(Date.now() + sesAhead);
async function advanceSes(minutes: number): Promise<void> {
  await control('/_local/clock', { advance: `PT${minutes}M` });
  sesAhead += minutes * 60_000;
}
let dbCounter = 0;

/** What the cache holds for these addresses, read as every check reads it. */
const cached = (keys: string[]) => cachedSuppressions(database, keys);
const cachedOne = async (key: string) => (await cached([key]))[0];
const cachedCount = async () => (await everyCachedSuppression(database)).length;

beforeAll(async () => {
  aws = await startLocalAws({ port: 0 });
});
afterAll(async () => {
  await aws.close();
});
beforeEach(async () => {
  await control('/_local/reset', {});
  sesAhead = 0;
  await signInThroughEmulator(aws.url);
  database = new RampartDb(`sync-suppression-${++dbCounter}`);
  calls = [];
  ses = countingClient();
});
afterEach(async () => {
  ses.destroy();
  await database.delete();
});

// Thousands of signed calls to seed the emulator: slow on a busy machine.
describe('suppression sync', { timeout: 180_000 }, () => {
  it('a full sync pages through thousands of entries into the cache, one entry per lower-cased address', async () => {
    await suppressInSes(addresses('bounced', 2000));
    await suppressInSes(['Mixed.Case@Prospects.Test', ...addresses('complained', 499)], 'COMPLAINT');
    calls = [];

    const result = await syncSuppression(ses, 'full', now, database);
    expect(result).toMatchObject({ kind: 'full', entries: 2500 });
    // PageSize 1000: three pages, nothing fetched twice.
    expect(calls.filter((c) => c === 'ListSuppressedDestinationsCommand')).toHaveLength(3);
    expect(await cachedCount()).toBe(2500);
    // Written as pages of LISTED_PER_PAGE addresses, not a row each: 4 + 4 + 2 records.
    expect(await database.suppression.count()).toBe(0);
    expect(await database.suppressionPages.count()).toBe(10);

    const [bounced, complained, mixed, never] = await cached([
      'bounced1999@prospects.test',
      'complained0@prospects.test',
      'mixed.case@prospects.test',
      'never@prospects.test',
    ]);
    expect(bounced).toMatchObject({ reason: 'BOUNCE', source: 'ses' });
    expect(complained).toMatchObject({ reason: 'COMPLAINT', source: 'ses' });
    expect(mixed).toMatchObject({ email: 'mixed.case@prospects.test', reason: 'COMPLAINT' });
    expect(never).toBeUndefined();
    // The high-water mark is SES's own latest LastUpdateTime.
    const sesNow = Date.parse(((await control('/_local/clock')) as { now: string }).now);
    const cursor = await readRecord(SUPPRESSION_CURSOR_KEY, database);
    expect(Date.parse(cursor!.highWater!)).toBeLessThanOrEqual(sesNow);
    expect(Date.parse(cursor!.highWater!)).toBeGreaterThan(sesNow - 60_000);
  });

  it('an incremental sync asks SES only for what changed since its high-water mark', async () => {
    await suppressInSes(addresses('old', 300));
    // Twenty minutes later, one more: the high-water mark after the full sync.
    await advanceSes(20);
    await suppressInSes(['marker@prospects.test']);
    await syncSuppression(ses, 'full', now, database);
    expect(await cachedCount()).toBe(301);

    await advanceSes(20);
    await suppressInSes(addresses('new', 5), 'COMPLAINT');
    calls = [];
    const result = await syncSuppression(ses, 'incremental', now, database);
    // The 5 new ones and the marker inside the overlap, not the 300 older ones.
    expect(INCREMENTAL_OVERLAP_MS).toBeLessThan(20 * 60_000);
    expect(result).toMatchObject({ kind: 'incremental', entries: 6 });
    expect(calls).toEqual(['ListSuppressedDestinationsCommand']);
    expect(await cachedCount()).toBe(306);
    expect(await cachedOne('new4@prospects.test')).toMatchObject({ reason: 'COMPLAINT', source: 'ses' });
  });

  it('removals show on the next full sync; Rampart’s own suppressions stay', async () => {
    await suppressInSes(addresses('kept', 300));
    await suppressInSes(['lifted@prospects.test', 'local@prospects.test']);
    // Rampart's own suppressions, decided as a STOP reply and by hand decide them.
    await decideSuppression(
      { email: 'unsubscribed@prospects.test', reason: 'UNSUBSCRIBE', cause: 'stop-reply', unsubscribe: true, because: 'a STOP reply' },
      new Date(),
      database,
    );
    await decideSuppression({ email: 'local@prospects.test', reason: 'MANUAL', cause: 'manual', because: 'by hand' }, new Date(), database);
    await syncSuppression(ses, 'full', now, database);
    expect(await cachedCount()).toBe(303);

    await ses.send(new DeleteSuppressedDestinationCommand({ EmailAddress: 'lifted@prospects.test' }));
    await ses.send(new DeleteSuppressedDestinationCommand({ EmailAddress: 'local@prospects.test' }));
    await ses.send(new DeleteSuppressedDestinationCommand({ EmailAddress: 'kept7@prospects.test' }));
    // StartDate cannot show a deletion.
    await syncSuppression(ses, 'incremental', now, database);
    expect(await cachedOne('lifted@prospects.test')).toBeDefined();

    const full = await syncSuppression(ses, 'full', now, database);
    expect(full).toMatchObject({ kind: 'full', entries: 300 - 1 });
    const [lifted, kept7, kept8, local, unsubscribed] = await cached([
      'lifted@prospects.test',
      'kept7@prospects.test',
      'kept8@prospects.test',
      'local@prospects.test',
      'unsubscribed@prospects.test',
    ]);
    expect(lifted).toBeUndefined();
    expect(kept7).toBeUndefined();
    expect(kept8).toMatchObject({ source: 'ses' });
    expect(local).toMatchObject({ source: 'local', reason: 'MANUAL' });
    expect(unsubscribed).toMatchObject({ source: 'local', reason: 'UNSUBSCRIBE' });
  });

  it('Rampart’s own suppressions stay when it has decided more addresses than a sync reads at once', async () => {
    await suppressInSes([...addresses('listed', 300), 'mine@prospects.test']);
    // Earlier decisions, undone and shared long ago: they hold no row, but they count.
    await database.suppressionDecisions.bulkPut(
      addresses('earlier', DECISIONS_READ_WHOLE).map((email) => ({
        email,
        reason: 'BOUNCE' as const,
        cause: 'bounce' as const,
        at: '2026-01-01T00:00:00.000Z',
        previous: null,
        pending: null,
        unsubscribe: false,
        attempts: 0,
        lifted: true,
      })),
    );
    await decideSuppression({ email: 'mine@prospects.test', reason: 'MANUAL', cause: 'manual', because: 'by hand' }, new Date(), database);

    const result = await syncSuppression(ses, 'full', now, database);
    expect(result).toMatchObject({ kind: 'full', entries: 301 });
    expect(await cachedCount()).toBe(301);
    expect(await cachedOne('mine@prospects.test')).toMatchObject({ source: 'local', reason: 'MANUAL' });
    expect(await cachedOne('listed299@prospects.test')).toMatchObject({ source: 'ses' });
  });

  it('an incremental sync does not bring back what the SDR undid while the lift is on its way to SES', async () => {
    await suppressInSes(addresses('listed', 10));
    await syncSuppression(ses, 'full', now, database);
    // Decided here and shared (SES lists it), then undone; the lift has not reached SES.
    await decideSuppression(
      { email: 'undone@prospects.test', reason: 'MANUAL', cause: 'manual', because: 'by hand' },
      new Date(),
      database,
    );
    await suppressInSes(['undone@prospects.test'], 'COMPLAINT');
    await undoSuppression('undone@prospects.test', new Date(), database);
    await suppressInSes(['new@prospects.test']);

    const result = await syncSuppression(ses, 'incremental', now, database);
    expect(result.entries).toBeGreaterThanOrEqual(2);
    expect(await cachedOne('new@prospects.test')).toMatchObject({ source: 'ses' });
    expect(await cachedOne('undone@prospects.test')).toBeUndefined();
  });

  it('a sync that fails midway keeps the picture and records the error and its age', async () => {
    await suppressInSes(addresses('first', 1050));
    const target = { ses, fromAddress: 'sdr@outbound.example.com', accountKey: 'local', now, database };
    const good = await syncAll(target, { full: true });
    expect(good.ok).toBe(true);
    const before = await pictureAges(new Date(), database);
    expect(before.suppression.error).toBeUndefined();
    const goodAt = before.suppression.syncedAt!;

    // SES takes some off its list and adds others; then the next sync breaks after its
    // first page (the emulator refuses a damaged NextToken, as SES would).
    await ses.send(new DeleteSuppressedDestinationCommand({ EmailAddress: 'first5@prospects.test' }));
    await advanceSes(20);
    await suppressInSes(addresses('second', 20));
    ses.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { query?: Record<string, string> };
        if (request.query?.NextToken) request.query.NextToken = 'damaged';
        return next(args);
      },
      { step: 'build', name: 'damageNextToken' },
    );
    await control('/_local/account', { SendQuota: { Max24HourSend: 5000 } });
    const failed = await syncAll(target, { full: true });

    expect(failed.ok).toBe(false);
    expect(failed.errors.suppression).toMatchObject({ code: 'invalid-next-token' });
    expect(failed.errors.suppression!.message).toContain('suppression list');
    // The parts that did sync are fresh; the failed one is dated by its last good sync.
    expect(failed.errors.account).toBeUndefined();
    const after = await pictureAges(new Date(Date.parse(goodAt) + 90_000), database);
    expect(after.suppression.syncedAt).toBe(goodAt);
    expect(after.suppression.ageMs).toBeGreaterThanOrEqual(90_000);
    expect(after.suppression.error?.code).toBe('invalid-next-token');
    // Nothing was deleted on the strength of a list read halfway: first5, gone from
    // SES, is still here until a full sync completes.
    expect(await cachedOne('first5@prospects.test')).toBeDefined();
    expect(await cachedCount()).toBe(1050);
    expect(await cachedOne('second0@prospects.test')).toBeUndefined();
  });

  it('a full sync cut short takes up again from the page it reached', async () => {
    await suppressInSes([...addresses('listed', 2499), 'gone@prospects.test']);
    await syncSuppression(ses, 'full', now, database);
    await ses.send(new DeleteSuppressedDestinationCommand({ EmailAddress: 'gone@prospects.test' }));

    // The connection drops on the third page (as when the worker is stopped mid-sync).
    let listCalls = 0;
    ses.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'ListSuppressedDestinationsCommand' && ++listCalls === 3) {
          throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
        }
        return next(args);
      },
      { step: 'initialize', name: 'dropThirdPage' },
    );
    await expect(syncSuppression(ses, 'full', now, database)).rejects.toThrow('socket hang up');
    ses.middlewareStack.remove('dropThirdPage');
    const cut = await readRecord(SUPPRESSION_CURSOR_KEY, database);
    expect(cut?.fullInProgress).toMatchObject({ entries: 2000 });
    // Nothing is deleted on half a list.
    expect(await cachedOne('gone@prospects.test')).toBeDefined();

    // Even asked for an incremental sync, the unfinished full one comes first.
    calls = [];
    const resumed = await syncSuppression(ses, 'incremental', now, database);
    expect(calls).toEqual(['ListSuppressedDestinationsCommand']);
    expect(resumed).toMatchObject({ kind: 'full', entries: 2499 });
    expect(await cachedOne('gone@prospects.test')).toBeUndefined();
    expect(await cachedCount()).toBe(2499);
    expect((await readRecord(SUPPRESSION_CURSOR_KEY, database))?.fullInProgress).toBeUndefined();
  });

  it('a resumed full sync whose NextToken SES no longer honours starts again from the first page', async () => {
    await suppressInSes(addresses('listed', 1200));
    await syncSuppression(ses, 'full', now, database);
    const cursor = await readRecord(SUPPRESSION_CURSOR_KEY, database);
    await writeRecord(
      SUPPRESSION_CURSOR_KEY,
      { ...cursor!, fullInProgress: { run: cursor!.fullRun + 1, nextToken: 'expired-token', entries: 1000 } },
      new Date(),
      database,
    );
    calls = [];
    const result = await syncSuppression(ses, 'full', now, database);
    expect(result).toMatchObject({ kind: 'full', entries: 1200 });
    // The refused resume, then both pages from the start.
    expect(calls).toHaveLength(3);
    expect(await cachedCount()).toBe(1200);
  });

  it('a resumed full sync whose NextToken SES calls expired (InvalidNextTokenException) starts again from the first page', async () => {
    await suppressInSes(addresses('listed', 1200));
    await syncSuppression(ses, 'full', now, database);
    const cursor = await readRecord(SUPPRESSION_CURSOR_KEY, database);
    await writeRecord(
      SUPPRESSION_CURSOR_KEY,
      { ...cursor!, fullInProgress: { run: cursor!.fullRun + 1, nextToken: 'expired-token', entries: 1000 } },
      new Date(),
      database,
    );
    // SES's answer to a token it no longer honours, as the SDK raises it.
    ses.middlewareStack.add(
      (next) => async (args) => {
        const input = args.input as { NextToken?: string };
        if (input.NextToken === 'expired-token') {
          throw new InvalidNextTokenException({ message: 'The NextToken is not valid.', $metadata: { httpStatusCode: 400 } });
        }
        return next(args);
      },
      { step: 'initialize', name: 'expireNextToken' },
    );
    calls = [];
    const result = await syncSuppression(ses, 'full', now, database);
    expect(result).toMatchObject({ kind: 'full', entries: 1200 });
    expect(calls).toHaveLength(3);
    expect(await cachedCount()).toBe(1200);
    expect((await readRecord(SUPPRESSION_CURSOR_KEY, database))?.fullInProgress).toBeUndefined();
  });
});
