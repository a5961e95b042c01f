import { beforeEach, describe, expect, it } from 'vitest';
import { db, type LedgerRow } from '@/lib/store/db';
import type { Draft } from '@/lib/core/draft';
import { reserve } from '@/lib/send/reservations';
import type { GuardrailContext } from '@/lib/guardrails/context';
import type { Verdict } from '@/lib/core/finding';
import { checkDraft as checkWithGuard, guardrailContext, reserveForSend, todayCap } from '@/lib/send/guard';
import { defaultPlan } from '@/lib/ramp/plan';
import { savePlan } from '@/lib/account/ramp';
import { defaultSettings, saveSettings, type Settings } from '@/lib/store/settings';
import { ACCOUNT_KEY, FROM_IDENTITY_KEY, IDENTITIES_KEY, writeRecord } from '@/lib/store/records';
import type { AccountSnapshot } from '@/lib/guardrails/context';
import { demoSettings, draftOf, ledgerRowOf, snapshotOf } from '../../support/builders';

// The guardrail context as the background's check and send build it from IndexedDB
// (fake-indexeddb), and the reservation the send takes from the same figures.

const NOW = new Date('2026-11-28T15:00:00Z');
const TODAY = '2026-11-28';

const settings: Settings = { ...defaultSettings, ...demoSettings };

function draft(to: string[], extra: Partial<Draft> = {}): Draft {
  return draftOf({ to: to.map((email) => ({ email })), subject: 'Following up', ...extra });
}

function ledger(messageId: string, recipients: string[], sentAt: string): LedgerRow {
  return ledgerRowOf({ messageId, recipients, sentAt, from: { email: settings.fromAddress }, subject: 's', senderTag: settings.senderTag });
}

async function snapshot(patch: Partial<AccountSnapshot> = {}): Promise<void> {
  await writeRecord(ACCOUNT_KEY, snapshotOf({ syncedAt: '2026-11-28T14:55:00Z', ...patch }), NOW);
}

const ZONE = 'UTC';

async function checkDraft(d: Draft, now: Date): Promise<Verdict> {
  return checkWithGuard(d, settings, now, ZONE, db());
}

async function buildGuardrailContext(d: Draft, now: Date): Promise<GuardrailContext> {
  return guardrailContext(d, settings, now, ZONE, db());
}

/** What the send path does before SES: reserve the draft's recipients on today's figures. */
async function reserveSend(row: { id: string; draft: Draft }, now: Date) {
  const at = now.toISOString();
  return reserveForSend({ ...row, composeId: 'c1', state: 'queued', attempts: 0, createdAt: at, updatedAt: at }, settings, now, ZONE, db());
}

beforeEach(async () => {
  await Promise.all(db().tables.map((t) => t.clear()));
  await saveSettings(settings);
  // Day 1 of 300 a day for one mailbox: the team cap and my share are both 60.
  const saved = await savePlan(defaultPlan(TODAY, 'UTC'), 'the lead', NOW);
  expect(saved.ok).toBe(true);
  await snapshot();
  await writeRecord(
    IDENTITIES_KEY,
    {
      identities: [
        { name: 'outbound.example.com', type: 'DOMAIN', verified: true, sendingEnabled: true },
        { name: 'verified@prospects.test', type: 'EMAIL_ADDRESS', verified: true, sendingEnabled: true },
        { name: 'pending@prospects.test', type: 'EMAIL_ADDRESS', verified: false, sendingEnabled: false },
      ],
      syncedAt: NOW.toISOString(),
    },
    NOW,
  );
  await writeRecord(
    FROM_IDENTITY_KEY,
    {
      identity: 'outbound.example.com',
      verifiedForSending: true,
      dkimStatus: 'SUCCESS',
      mailFromSet: true,
      dmarcFound: null,
      fromAddress: 'sdr@outbound.example.com',
      syncedAt: NOW.toISOString(),
    },
    NOW,
  );
});

describe('the guardrail context', () => {
  it('holds the suppression rows of this draft’s recipients only, looked up by key', async () => {
    await db().suppression.bulkPut(
      Array.from({ length: 5000 }, (_, i) => ({
        email: `gone${i}@prospects.test`,
        reason: 'BOUNCE' as const,
        since: '2026-11-01T00:00:00Z',
        source: 'ses' as const,
      })),
    );
    const ctx = await buildGuardrailContext(draft(['Gone42@Prospects.test', 'fresh@prospects.test']), NOW);
    expect([...ctx.suppression.entries()]).toEqual([['gone42@prospects.test', { reason: 'BOUNCE', since: '2026-11-01T00:00:00Z' }]]);
    const result = await checkDraft(draft(['Gone42@Prospects.test', 'fresh@prospects.test']), NOW);
    expect(result.verdict).toBe('block');
    expect(result.recipients).toEqual([
      expect.objectContaining({ email: 'Gone42@Prospects.test', status: 'suppressed' }),
      { email: 'fresh@prospects.test', status: 'ok' },
    ]);
  });

  it('carries the synced account, identities and the From’s standing', async () => {
    const ctx = await buildGuardrailContext(draft(['a@prospects.test']), NOW);
    expect(ctx.account).toMatchObject({ max24HourSend: 300, maxSendRate: 14, syncedAt: '2026-11-28T14:55:00Z' });
    expect(ctx.verifiedIdentities).toEqual(['outbound.example.com', 'verified@prospects.test']);
    expect(ctx.fromIdentityStatus).toMatchObject({ identity: 'outbound.example.com', dkimStatus: 'SUCCESS' });
    expect(ctx.settings).toMatchObject({ fromAddress: 'sdr@outbound.example.com', fromName: 'Demo SDR' });
    expect(ctx.timeZone).toBe('UTC');
    expect(ctx.now).toBe(NOW);
    expect(ctx.pinnedIdentity).toBeNull();
    await db().kv.put({ key: 'pinnedIdentity', value: { name: 'Demo SDR', address: 'sdr@outbound.example.com' }, updatedAt: '' });
    expect((await buildGuardrailContext(draft(['a@prospects.test']), NOW)).pinnedIdentity).toEqual({
      name: 'Demo SDR',
      address: 'sdr@outbound.example.com',
    });
  });

  it('warns when From is at one of the transactional domains set in options, not at a subdomain of one', async () => {
    const codes = async (avoidFromDomains: string | undefined) =>
      (await checkWithGuard(draft(['a@prospects.test']), { ...settings, avoidFromDomains }, NOW, ZONE, db())).findings.map((f) => f.code);
    // From is sdr@outbound.example.com.
    expect(await codes('example.net, Outbound.example.com')).toContain('from-transactional-domain');
    expect(await codes('example.com')).not.toContain('from-transactional-domain');
    expect(await codes(undefined)).not.toContain('from-transactional-domain');
  });

  it('in the sandbox, blocks an unverified recipient and passes a verified one', async () => {
    await snapshot({ productionAccessEnabled: false, max24HourSend: 200, maxSendRate: 1 });
    const blocked = await checkDraft(draft(['pending@prospects.test']), NOW);
    expect(blocked.verdict).toBe('block');
    expect(blocked.recipients[0]).toMatchObject({ status: 'unverified' });
    const passed = await checkDraft(draft(['verified@prospects.test']), NOW);
    expect(passed.verdict).toBe('ok');
  });

  it('finds the last send to each recipient in the ledger', async () => {
    await db().ledger.bulkPut([
      ledger('m1', ['a@prospects.test', 'b@prospects.test'], '2026-11-20T10:00:00Z'),
      ledger('m2', ['a@prospects.test'], '2026-11-27T10:00:00Z'),
      ledger('m3', ['other@prospects.test'], '2026-11-28T10:00:00Z'),
    ]);
    const ctx = await buildGuardrailContext(draft(['A@prospects.test', 'b@prospects.test', 'c@prospects.test']), NOW);
    expect(Object.fromEntries(ctx.recentSends)).toEqual({
      'a@prospects.test': '2026-11-27T10:00:00Z',
      'b@prospects.test': '2026-11-20T10:00:00Z',
    });
  });

  it('counts the cap in recipients: my ledger today and reservations, SES’s figure plus what it cannot know yet', async () => {
    await snapshot({ sentLast24Hours: 20, syncedAt: '2026-11-28T12:00:00Z' });
    await db().ledger.bulkPut([
      ledger('before', ['x1@p.test', 'x2@p.test', 'x3@p.test'], '2026-11-28T11:00:00Z'), // in SES's 20
      ledger('after', ['y1@p.test', 'y2@p.test'], '2026-11-28T13:00:00Z'), // not yet
      ledger('yesterday', ['z@p.test'], '2026-11-27T13:00:00Z'),
    ]);
    expect((await reserve('in-flight', 4, TODAY, {}, { now: NOW })).granted).toBe(true);

    const cap = await todayCap(settings, NOW, db(), ZONE);
    expect(cap.day).toBe(TODAY);
    expect((await buildGuardrailContext(draft(['a@prospects.test']), NOW)).cap).toEqual(cap.inputs);
    expect(cap.inputs).toEqual({
      mine: { cap: 60, sent: 3 + 2 + 4 },
      team: { cap: 60 },
      ses: { max24HourSend: 300, sentLast24Hours: 20 + 2 + 4 },
      rampDay: 1,
    });
    // The reservation counts the same: the team's 60 less SES's 20, less what it cannot know.
    expect(cap.limits).toEqual({
      mine: { cap: 60 },
      account: { remaining: 40, snapshotAt: '2026-11-28T12:00:00Z' },
    });
  });

  it('with the team cap binding at twelve, thirty sends at once get exactly twelve reservations', async () => {
    await snapshot({ sentLast24Hours: 48 });
    const rows = Array.from({ length: 30 }, (_, i) => ({ id: `send-${i}`, draft: draft([`p${i}@prospects.test`]) }));
    const verdictBefore = await checkDraft(rows[0]!.draft, NOW);
    expect(verdictBefore.cap).toMatchObject({ remaining: 12, of: 60, limit: 'team' });

    const refusals = await Promise.all(rows.map((row) => reserveSend(row, NOW)));
    expect(refusals.filter((r) => r === null)).toHaveLength(12);
    expect(refusals.filter((r) => r?.code === 'cap-reached')).toHaveLength(18);
    expect(await db().reservations.count()).toBe(12);

    const after = await checkDraft(draft(['late@prospects.test']), NOW);
    expect(after.verdict).toBe('block');
    expect(after.findings.map((f) => f.code)).toContain('daily-cap-reached');
  });

  it('blocks when SES’s Max24HourSend is used up', async () => {
    // Below the plan's 60: SES's quota is the limit that binds.
    await snapshot({ max24HourSend: 50, sentLast24Hours: 50 });
    const result = await checkDraft(draft(['a@prospects.test']), NOW);
    expect(result.verdict).toBe('block');
    expect(result.cap).toMatchObject({ remaining: 0, limit: 'ses', of: 50 });
    const row = { id: 'r', draft: draft(['a@prospects.test']) };
    expect(await reserveSend(row, NOW)).toMatchObject({ code: 'cap-reached' });
  });
});
