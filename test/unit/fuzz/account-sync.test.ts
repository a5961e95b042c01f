import type { SESv2Client } from '@aws-sdk/client-sesv2';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { RampartDb } from '@/lib/store/db';
import { syncAll, type SyncTarget } from '@/lib/account/sync';
import { accountSnapshot } from '@/lib/account/snapshot';
import {
  ACCOUNT_KEY,
  FROM_IDENTITY_KEY,
  IDENTITIES_KEY,
  readRecord,
  statusKey,
  SUPPRESSION_CURSOR_KEY,
  type SyncPart,
} from '@/lib/store/records';
import { capFigures, capInputsOf } from '@/lib/send/cap-figures';
import { cachedSuppressions } from '@/lib/store/suppression-cache';
import { emailKey } from '@/lib/core/email';
import { FUZZ_RUNS, reportCases } from './runs';
import { fakeSes as sesAnswering, json, nextTokenOf, type FakeRequest, type FakeResponse } from '../../support/fake-ses';
import { unhandledRejectionsDuring } from '../../support/unhandled';

// The account sync (GetAccount, ListEmailIdentities and GetEmailIdentity,
// ListSuppressedDestinations) through the real SDK against an SES that answers badly:
// fields missing, of the wrong type, huge, negative or NaN-ish, enforcement states SES has
// never sent, bodies cut short, error pages, listings that stop halfway. Whatever comes:
// - sync never throws past its boundary: a part that fails is recorded with a sentence
//   and its old picture kept (lib/store/records.ts recordFailed);
// - every stored record parses as its type says;
// - the cap never comes out larger than a sane reading of SES's answer allows (fails closed).

const NOW = new Date('2026-03-02T10:00:00Z');
const FROM = 'sdr@outbound.example.com';

// ---- answers ---------------------------------------------------------------------------

/** A field as SES might (mis)spell it; `undefined` leaves it out. */
const junk = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.string({ maxLength: 8 }),
  fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e400', '-1', '', 'true'),
  fc.boolean(),
  fc.double(),
  fc.integer(),
  fc.constantFrom(-1, -5, 0, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 0.5),
  fc.constant({}),
  fc.constant([]),
);
const maybe = <T>(sane: fc.Arbitrary<T>) => fc.oneof({ arbitrary: sane, weight: 3 }, { arbitrary: junk, weight: 1 });

const quota = fc.record({
  Max24HourSend: maybe(fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: 100_000 }))),
  MaxSendRate: maybe(fc.integer({ min: 0, max: 500 })),
  SentLast24Hours: maybe(fc.integer({ min: 0, max: 100_000 })),
});
const getAccount = fc.record({
  SendQuota: maybe(quota),
  SendingEnabled: maybe(fc.boolean()),
  ProductionAccessEnabled: maybe(fc.boolean()),
  EnforcementStatus: maybe(fc.constantFrom('HEALTHY', 'PROBATION', 'SHUTDOWN', 'PAUSED', 'healthy', 'UNDER_REVIEW')),
});

const identity = fc.record({
  IdentityName: maybe(fc.constantFrom('outbound.example.com', FROM, 'Other.Example', 'x@outbound.example.com')),
  IdentityType: maybe(fc.constantFrom('DOMAIN', 'EMAIL_ADDRESS', 'MANAGED_DOMAIN', 'SOMETHING')),
  SendingEnabled: maybe(fc.boolean()),
  VerificationStatus: maybe(fc.constantFrom('SUCCESS', 'PENDING', 'FAILED', 'NOT_STARTED', 'TEMPORARY_FAILURE', 'ODD')),
});
const getIdentity = fc.record({
  VerifiedForSendingStatus: maybe(fc.boolean()),
  DkimAttributes: maybe(fc.record({ Status: maybe(fc.constantFrom('SUCCESS', 'PENDING', 'FAILED', 'NOT_STARTED', 'ODD')) })),
  MailFromAttributes: maybe(
    fc.record({
      MailFromDomain: maybe(fc.constant('mail.outbound.example.com')),
      MailFromDomainStatus: maybe(fc.constantFrom('SUCCESS', 'PENDING', 'FAILED')),
      BehaviorOnMxFailure: maybe(fc.constant('USE_DEFAULT_VALUE')),
    }),
  ),
});

const epochSeconds = fc.integer({ min: 1_600_000_000, max: Math.floor(NOW.getTime() / 1000) });
const suppressed = fc.record({
  EmailAddress: maybe(fc.constantFrom('Ana@Prospect.Example', 'luis@prospect.example', 'x@y.example', 'no-at-sign')),
  Reason: maybe(fc.constantFrom('BOUNCE', 'COMPLAINT', 'OTHER')),
  LastUpdateTime: maybe(fc.oneof(epochSeconds, fc.constantFrom(4_102_444_800, 253_402_300_800, 1e12, -1))),
});

/** A page of a listing; the last page has no NextToken. */
const pages = <T>(item: fc.Arbitrary<T>) => fc.array(fc.array(item, { maxLength: 4 }), { minLength: 1, maxLength: 3 });

/** How a whole answer can go wrong, beside its fields. */
const fault = fc.oneof(
  { arbitrary: fc.constant('none' as const), weight: 6 },
  {
    arbitrary: fc.constantFrom('truncated', 'html', 'empty', 'not-json-object', 'throttled', 'internal', 'not-found', 'bad-token'),
    weight: 1,
  },
);

interface Scenario {
  account: { body: unknown; fault: string };
  identities: { pages: unknown[][]; fault: string; faultAt: number };
  identity: { body: unknown; fault: string };
  suppression: { pages: unknown[][]; fault: string; faultAt: number };
  /** `string` NextTokens, or the same token again (a listing that loops). */
  sameToken: boolean;
}

const scenario: fc.Arbitrary<Scenario> = fc.record({
  account: fc.record({ body: getAccount, fault }),
  identities: fc.record({ pages: pages(identity), fault, faultAt: fc.nat({ max: 3 }) }),
  identity: fc.record({ body: getIdentity, fault }),
  suppression: fc.record({ pages: pages(suppressed), fault, faultAt: fc.nat({ max: 3 }) }),
  sameToken: fc.boolean(),
});

/** SES's healthy answers: the picture every fuzzed sync starts from. */
const SANE: Scenario = {
  account: {
    body: {
      SendQuota: { Max24HourSend: 200, MaxSendRate: 1, SentLast24Hours: 20 },
      SendingEnabled: true,
      ProductionAccessEnabled: true,
      EnforcementStatus: 'HEALTHY',
    },
    fault: 'none',
  },
  identities: {
    pages: [[{ IdentityName: 'outbound.example.com', IdentityType: 'DOMAIN', SendingEnabled: true, VerificationStatus: 'SUCCESS' }]],
    fault: 'none',
    faultAt: 0,
  },
  identity: {
    body: {
      VerifiedForSendingStatus: true,
      DkimAttributes: { Status: 'SUCCESS' },
      MailFromAttributes: { MailFromDomain: 'mail.outbound.example.com', MailFromDomainStatus: 'SUCCESS' },
    },
    fault: 'none',
  },
  suppression: {
    pages: [[{ EmailAddress: 'old@prospect.example', Reason: 'COMPLAINT', LastUpdateTime: 1_700_000_000 }]],
    fault: 'none',
    faultAt: 0,
  },
  sameToken: false,
};

// ---- a fake SES on the wire ------------------------------------------------------------

function faulty(fault: string, body: unknown): FakeResponse {
  switch (fault) {
    case 'truncated':
      return json(200, JSON.stringify(body ?? {}).slice(0, 7));
    case 'html':
      return {
        statusCode: 502,
        headers: { 'content-type': 'text/html' },
        body: new TextEncoder().encode('<html><body>Bad Gateway</body></html>'),
      };
    case 'empty':
      return json(200, '');
    case 'not-json-object':
      return json(200, '[1,2,3]');
    case 'throttled':
      return json(429, { message: 'Rate exceeded' }, 'TooManyRequestsException');
    case 'internal':
      return json(500, { message: 'Internal failure' }, 'InternalFailure');
    case 'not-found':
      return json(404, { message: 'Not found' }, 'NotFoundException');
    case 'bad-token':
      return json(400, { message: 'Invalid token' }, 'BadRequestException');
    default:
      return json(200, body);
  }
}

/** Entries served on pages SES answered whole: what a full listing read to its end must hold. */
let served: unknown[] = [];

/**
 * A page of a listing, or its fault: a listing cut short meets its fault at page `faultAt`
 * (or its last page). A fault may still parse as a page (an empty body reads as `{}`):
 * the listing then ends there, as SES's would.
 */
function listing(list: Scenario['identities'], key: string, request: FakeRequest, sameToken: boolean): FakeResponse {
  const token = nextTokenOf(request);
  const index = token === undefined ? 0 : Number(String(token).replace(/^t/, ''));
  const items = list.pages[index] ?? [];
  const last = index >= list.pages.length - 1;
  const page = { [key]: items, ...(last ? {} : { NextToken: sameToken ? 't1' : `t${index + 1}` }) };
  if (list.fault !== 'none' && index >= Math.min(list.faultAt, list.pages.length - 1)) return faulty(list.fault, page);
  if (key === 'SuppressedDestinationSummaries') served.push(...items);
  return json(200, page);
}

/** Set when a sync asked for more pages than any answer holds: a listing followed round in circles. */
let runaway = false;

function fakeSes(answers: Scenario): SESv2Client {
  let requests = 0;
  return sesAnswering((request) => {
    // A listing that never ends is a bug of its own: cut it off loudly.
    if (++requests > 50) {
      runaway = true;
      throw new Error('more than 50 requests in one sync');
    }
    const path = request.path;
    if (path === '/v2/email/account') return faulty(answers.account.fault, answers.account.body);
    if (path === '/v2/email/list-identities') return listing(answers.identities, 'EmailIdentities', request, answers.sameToken);
    if (path.startsWith('/v2/email/identities/')) return faulty(answers.identity.fault, answers.identity.body);
    if (path === '/v2/email/suppression/addresses')
      return listing(answers.suppression, 'SuppressedDestinationSummaries', request, answers.sameToken);
    return json(404, { message: `no route ${path}` }, 'NotFoundException');
  });
}

// ---- invariants ------------------------------------------------------------------------

const iso = z.string().check(z.refine((s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString() === s));
const count = z.number().check(z.refine((n) => Number.isFinite(n) && n >= 0));
const snapshotSchema = z.object({
  productionAccessEnabled: z.boolean(),
  sendingEnabled: z.boolean(),
  enforcementStatus: z.string(),
  // SES: "A value of -1 signifies an unlimited quota."; any other figure is a count.
  max24HourSend: z.number().check(z.refine((n) => n === -1 || (Number.isFinite(n) && n >= 0))),
  maxSendRate: count,
  sentLast24Hours: count,
  syncedAt: iso,
});
const identitiesSchema = z.object({
  identities: z.array(z.object({ name: z.string(), type: z.string(), verified: z.boolean(), sendingEnabled: z.boolean() })),
  syncedAt: iso,
});
const fromIdentitySchema = z.object({
  identity: z.string(),
  verifiedForSending: z.boolean(),
  dkimStatus: z.string(),
  mailFromSet: z.boolean(),
  dmarcFound: z.nullable(z.boolean()),
  fromAddress: z.string(),
  syncedAt: iso,
});
const statusSchema = z.object({
  syncedAt: z.optional(iso),
  attemptedAt: iso,
  error: z.optional(z.object({ code: z.string(), message: z.string() })),
});

/** What a sane reading of this GetAccount answer leaves today: undefined when none is possible. */
function saneRemaining(body: unknown): number | undefined {
  const q = (body as { SendQuota?: Record<string, unknown> } | null)?.SendQuota;
  const max = q?.Max24HourSend;
  const sent = q?.SentLast24Hours;
  if (typeof max !== 'number' || typeof sent !== 'number' || !Number.isFinite(sent) || sent < 0) return undefined;
  if (max === -1) return Infinity;
  if (!Number.isFinite(max) || max < 0) return undefined;
  return Math.max(0, Math.floor(max - sent));
}

const sesRemaining = (snapshot: z.infer<typeof snapshotSchema>) =>
  capFigures(capInputsOf({ ramp: undefined, account: snapshot, senderTag: 's' }, { today: 0, sinceSnapshot: 0 })).ses?.remaining ??
  Infinity;

const databases: RampartDb[] = [];
afterEach(async () => {
  for (const database of databases.splice(0)) await database.delete();
});

let dbCount = 0;
function target(answers: Scenario, database: RampartDb, at: Date): SyncTarget {
  return { ses: fakeSes(answers), fromAddress: FROM, accountKey: 'fuzz', now: () => at, database };
}

async function parts(database: RampartDb) {
  const [account, identities, from, cursor] = await Promise.all([
    readRecord(ACCOUNT_KEY, database),
    readRecord(IDENTITIES_KEY, database),
    readRecord(FROM_IDENTITY_KEY, database),
    readRecord(SUPPRESSION_CURSOR_KEY, database),
  ]);
  return { account, identities, from, cursor };
}

describe('the account sync under fuzzed SES answers', () => {
  it('never throws, keeps each failed part’s picture with a sentence, stores only what parses, never widens the cap', async () => {
    let cases = 0;
    const unhandled = await unhandledRejectionsDuring(() =>
      fc.assert(
        fc.asyncProperty(scenario, fc.boolean(), async (answers, full) => {
          cases++;
          const database = new RampartDb(`fuzz-sync-${++dbCount}`);
          databases.push(database);
          const first = await syncAll(target(SANE, database, new Date(NOW.getTime() - 60_000)), { full: true });
          expect(first.errors).toEqual({});
          const before = await parts(database);

          runaway = false;
          served = [];
          const outcome = await syncAll(target(answers, database, NOW), { full });
          expect(runaway).toBe(false);

          const after = await parts(database);
          // Every record parses, whatever SES said.
          expect(snapshotSchema.safeParse(after.account).success, JSON.stringify(after.account)).toBe(true);
          expect(identitiesSchema.safeParse(after.identities).success, JSON.stringify(after.identities)).toBe(true);
          if (after.from) expect(fromIdentitySchema.safeParse(after.from).success, JSON.stringify(after.from)).toBe(true);
          if (after.cursor?.highWater) expect(Date.parse(after.cursor.highWater)).toBeLessThanOrEqual(NOW.getTime());

          for (const part of ['account', 'identities', 'suppression'] as SyncPart[]) {
            const status = await readRecord(statusKey(part), database);
            expect(statusSchema.safeParse(status).success, JSON.stringify(status)).toBe(true);
            const error = outcome.errors[part];
            if (error) {
              // A failure is a sentence, on the record, and the old picture stays.
              expect(error.message.trim().length).toBeGreaterThan(20);
              expect(status?.error).toEqual(error);
              expect(status?.syncedAt).toBe(new Date(NOW.getTime() - 60_000).toISOString());
            } else {
              expect(status?.error).toBeUndefined();
              expect(status?.syncedAt).toBe(NOW.toISOString());
            }
          }
          if (outcome.errors.account) expect(after.account).toEqual(before.account);
          if (outcome.errors.identities) {
            expect(after.identities).toEqual(before.identities);
            expect(after.from).toEqual(before.from);
          }

          // The cap: never more than a sane reading of what SES said allows.
          const snapshot = (await accountSnapshot(database))!;
          if (!outcome.errors.account) {
            const sane = saneRemaining(answers.account.body);
            expect(sane, `stored ${JSON.stringify(snapshot)} from ${JSON.stringify(answers.account.body)}`).toBeDefined();
            expect(sesRemaining(snapshot as z.infer<typeof snapshotSchema>)).toBeLessThanOrEqual(sane!);
          }

          // An address suppressed before stays suppressed unless a full listing SES finished says otherwise.
          const [old] = await cachedSuppressions(database, ['old@prospect.example']);
          if (outcome.errors.suppression || !full) expect(old).toBeDefined();
          // A full listing read to its end is the list: every address on it, and nothing SES dropped.
          if (full && !outcome.errors.suppression) {
            expect(old).toBeUndefined();
            const listed = served
              .map((entry) => (entry as { EmailAddress?: unknown }).EmailAddress)
              .filter((email): email is string => typeof email === 'string' && email !== '')
              .map(emailKey);
            const rows = await cachedSuppressions(database, listed);
            expect(rows.every((row) => row !== undefined)).toBe(true);
          }
        }),
        { numRuns: FUZZ_RUNS },
      ),
    );
    expect(unhandled).toEqual([]);
    reportCases('account sync', cases);
  }, 600_000);
});
