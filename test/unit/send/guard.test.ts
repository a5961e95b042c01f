import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RampartDb, type OutboxRow } from '@/lib/store/db';
import type { AccountSnapshot } from '@/lib/guardrails/context';
import { checkDraft, pinAfterSend, pinnedIdentity, reserveForSend, sendingIdentity } from '@/lib/send/guard';
import { defaultPlan } from '@/lib/ramp/plan';
import { savePlan } from '@/lib/account/ramp';
import { ACCOUNT_KEY, IDENTITIES_KEY, type IdentitiesRecord } from '@/lib/store/records';
import { demoSettings, draftOf, ledgerRowOf, snapshotOf } from '../../support/builders';

// The guardrail context as the background reads it from IndexedDB for one draft, and the
// verdict the compose window gets from it.

const NOW = new Date('2026-03-10T15:00:00.000Z');
const ZONE = 'UTC';

const settings = demoSettings;
const draft = draftOf;
const snapshot = (patch: Partial<AccountSnapshot> = {}) =>
  snapshotOf({ syncedAt: new Date(NOW.getTime() - 5 * 60_000).toISOString(), ...patch });
const ledger = (messageId: string, recipients: string[], sentAt: Date) =>
  ledgerRowOf({ messageId, recipients, sentAt: sentAt.toISOString() });

let database: RampartDb;
let n = 0;
beforeEach(async () => {
  database = new RampartDb(`guard-test-${++n}`);
  const identities: IdentitiesRecord = {
    identities: [{ name: 'outbound.example.com', type: 'DOMAIN', verified: true, sendingEnabled: true }],
    syncedAt: NOW.toISOString(),
  };
  await database.kv.put({ key: IDENTITIES_KEY, value: identities, updatedAt: NOW.toISOString() });
});
afterEach(() => database.close());

async function withAccount(patch: Partial<AccountSnapshot> = {}): Promise<void> {
  await database.kv.put({ key: ACCOUNT_KEY, value: snapshot(patch), updatedAt: NOW.toISOString() });
}

describe('checkDraft', () => {
  it('warns when the account was never read, and shows no cap', async () => {
    const verdict = await checkDraft(draft(), settings, NOW, ZONE, database);
    expect(verdict.findings.map((f) => f.code)).toContain('account-unknown');
    expect(verdict.cap).toBeNull();
  });

  it('blocks a suppressed recipient and marks its chip', async () => {
    await withAccount();
    await database.suppression.put({ email: 'ana@prospect.example', reason: 'BOUNCE', since: '2026-03-01T00:00:00.000Z', source: 'ses' });
    const verdict = await checkDraft(
      draft({ to: [{ email: 'Ana@Prospect.example' }, { email: 'bo@prospect.example' }] }),
      settings,
      NOW,
      ZONE,
      database,
    );
    expect(verdict.verdict).toBe('block');
    expect(verdict.recipients).toEqual([
      expect.objectContaining({ email: 'Ana@Prospect.example', status: 'suppressed' }),
      { email: 'bo@prospect.example', status: 'ok' },
    ]);
  });

  it('counts SES’s quota with the sends made since the snapshot', async () => {
    await withAccount({ max24HourSend: 50, sentLast24Hours: 40 });
    // Sent after the snapshot was taken: SES's SentLast24Hours in it cannot include them.
    await database.ledger.bulkPut([
      ledger('m1', ['x@prospect.example', 'y@prospect.example'], new Date(NOW.getTime() - 60_000)),
      ledger('m0', ['z@prospect.example'], new Date(NOW.getTime() - 60 * 60_000)),
    ]);
    const verdict = await checkDraft(draft(), settings, NOW, ZONE, database);
    expect(verdict.cap).toMatchObject({ limit: 'ses', remaining: 8, of: 50 });
  });

  it('takes my share of the ramp plan’s cap and names the ramp day', async () => {
    await withAccount();
    const saved = await savePlan(defaultPlan('2026-03-08', ZONE), 'lead', NOW, {}, database);
    expect(saved.ok).toBe(true);
    await database.ledger.put(ledger('m1', ['x@prospect.example'], new Date(NOW.getTime() - 3 * 60 * 60_000)));
    const verdict = await checkDraft(draft(), settings, NOW, ZONE, database);
    // Day 3 of a 300-a-day plan: 45% = 135 for the one mailbox; one recipient sent today.
    expect(verdict.cap).toMatchObject({ limit: 'mine', of: 135, remaining: 134, rampDay: 3 });
  });

  it('warns of a follow-up to someone written to yesterday', async () => {
    await withAccount();
    await database.ledger.put(ledger('m1', ['ana@prospect.example'], new Date(NOW.getTime() - 24 * 60 * 60_000)));
    const verdict = await checkDraft(draft(), settings, NOW, ZONE, database);
    expect(verdict.verdict).toBe('warn');
    expect(verdict.findings.map((f) => f.code)).toContain('duplicate-follow-up');
  });

  it('adds the message checks the guardrails do not make, and marks invalid chips', async () => {
    await withAccount();
    const verdict = await checkDraft(draft({ hasAttachments: true, cc: [{ email: 'bad@@x.example' }] }), settings, NOW, ZONE, database);
    const codes = verdict.findings.map((f) => f.code);
    expect(codes).toContain('attachments');
    expect(codes.filter((c) => c === 'invalid-address')).toHaveLength(1);
    expect(verdict.recipients.find((r) => r.email === 'bad@@x.example')?.status).toBe('invalid');
    expect(verdict.verdict).toBe('block');
  });
});

describe('the pinned identity', () => {
  it('is pinned by the first send without a change-log entry, and a change is logged', async () => {
    expect(await pinnedIdentity(database)).toBeNull();
    await pinAfterSend(database, { email: 'sdr@outbound.example.com', name: 'Demo SDR' }, NOW);
    expect(await pinnedIdentity(database)).toEqual({ address: 'sdr@outbound.example.com', name: 'Demo SDR' });
    expect(await database.changeLog.count()).toBe(0);

    await pinAfterSend(database, { email: 'SDR@outbound.example.com', name: 'Demo SDR' }, NOW);
    expect(await database.changeLog.count()).toBe(0);

    await pinAfterSend(database, { email: 'sdr2@outbound.example.com', name: 'Demo SDR' }, NOW);
    const [entry] = await database.changeLog.toArray();
    expect(entry).toMatchObject({ kind: 'identity' });
    expect(entry?.message).toContain('sdr2@outbound.example.com');
  });

  it('warns when the configured identity is no longer the pinned one', async () => {
    await withAccount();
    await pinAfterSend(database, { email: 'sdr@outbound.example.com', name: 'Demo SDR' }, NOW);
    const moved = { ...settings, fromAddress: 'other@outbound.example.com' };
    const verdict = await checkDraft(draft(), moved, NOW, ZONE, database);
    expect(verdict.findings.map((f) => f.code)).toContain('from-address-changed');
    expect((await checkDraft(draft(), settings, NOW, ZONE, database)).findings.map((f) => f.code)).not.toContain('from-address-changed');
  });

  it('sends as the configured identity, with its name when it has one', () => {
    expect(sendingIdentity(settings)).toEqual({ email: 'sdr@outbound.example.com', name: 'Demo SDR' });
    expect(sendingIdentity({ ...settings, fromName: ' ' })).toEqual({ email: 'sdr@outbound.example.com' });
  });
});

describe('reserveForSend', () => {
  function row(id: string, recipients: string[]): OutboxRow {
    const d = draft({ to: recipients.map((email) => ({ email })) });
    return { id, composeId: 'c1', state: 'queued', draft: d, attempts: 0, createdAt: NOW.toISOString(), updatedAt: NOW.toISOString() };
  }

  it('grants until SES’s quota is used, then refuses with a sentence', async () => {
    await withAccount({ max24HourSend: 5, sentLast24Hours: 2 });
    expect(await reserveForSend(row('a', ['a@p.example', 'b@p.example']), settings, NOW, ZONE, database)).toBeNull();
    const refused = await reserveForSend(row('b', ['c@p.example', 'd@p.example']), settings, NOW, ZONE, database);
    expect(refused?.code).toBe('cap-reached');
    expect(refused?.message).toMatch(/Only 1 recipient is left/);
  });

  it('holds the ramp’s cap before the account was ever synced', async () => {
    const saved = await savePlan(defaultPlan('2026-03-10', ZONE), 'lead', NOW, {}, database);
    expect(saved.ok).toBe(true);
    // Day 1 of a 300-a-day plan for one mailbox: 20% = 60; no account snapshot yet.
    const thirty = (prefix: string) => Array.from({ length: 30 }, (_, i) => `${prefix}${i}@p.example`);
    expect(await reserveForSend(row('a', thirty('a')), settings, NOW, ZONE, database)).toBeNull();
    expect(await reserveForSend(row('b', thirty('b')), settings, NOW, ZONE, database)).toBeNull();
    const refused = await reserveForSend(row('c', ['c@p.example']), settings, NOW, ZONE, database);
    expect(refused?.code).toBe('cap-reached');
  });
});
