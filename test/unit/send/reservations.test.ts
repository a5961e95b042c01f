import { afterEach, describe, expect, it } from 'vitest';
import { RampartDb, type LedgerRow } from '@/lib/store/db';
import { STALE_RESERVATION_MS, capUsage, commit, release, reserve, type ReservationResult } from '@/lib/send/reservations';
import { ledgerRowOf } from '../../support/builders';

const DAY = '2026-11-28';
const NOW = new Date('2026-11-28T10:00:00Z');

let opened: RampartDb[] = [];
let counter = 0;
function freshDb(name = `reservations-${++counter}`): RampartDb {
  const database = new RampartDb(name);
  opened.push(database);
  return database;
}
afterEach(async () => {
  for (const database of opened) await database.delete();
  opened = [];
});

function ledgerRow(id: string, recipients: string[], sentAt: string, day = sentAt.slice(0, 10)): LedgerRow {
  const sender = 'sdr@outbound.example.com';
  const from = { email: sender };
  return ledgerRowOf({ messageId: id, outboxId: `outbox-${id}`, sentAt, day, from, recipients, subject: 'Hello', senderTag: sender });
}

const granted = (results: ReservationResult[]) => results.filter((r) => r.granted);

describe('cap reservations', () => {
  it('grants exactly the cap to many sends reserving at once', async () => {
    const database = freshDb();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => reserve(`send-${i}`, 1, DAY, { mine: { cap: 12 } }, { database, now: NOW })),
    );
    expect(granted(results)).toHaveLength(12);
    expect(await database.reservations.count()).toBe(12);
    const refused = results.filter((r) => !r.granted);
    expect(refused).toHaveLength(18);
    expect(refused.every((r) => !r.granted && r.error.code === 'cap-reached' && r.remaining === 0)).toBe(true);
  });

  it('holds across separate database connections (one per tab or worker life)', async () => {
    const name = `reservations-shared-${++counter}`;
    const connections = [freshDb(name), freshDb(name), freshDb(name)];
    const results = await Promise.all(
      connections.flatMap((database, tab) =>
        Array.from({ length: 10 }, (_, i) => reserve(`tab${tab}-${i}`, 1, DAY, { mine: { cap: 12 } }, { database, now: NOW })),
      ),
    );
    expect(granted(results)).toHaveLength(12);
    expect(await connections[0]!.reservations.count()).toBe(12);
  });

  it('never grants more recipients than the cap when sends differ in size', async () => {
    const database = freshDb();
    const sizes = [5, 1, 3, 7, 2, 2, 4, 1, 6, 1, 1, 3];
    const results = await Promise.all(sizes.map((n, i) => reserve(`send-${i}`, n, DAY, { mine: { cap: 20 } }, { database, now: NOW })));
    const total = sizes.filter((_, i) => results[i]!.granted).reduce((a, b) => a + b, 0);
    expect(total).toBeLessThanOrEqual(20);
    // Whatever was refused did not fit in what was left.
    const left = 20 - total;
    sizes.forEach((n, i) => {
      if (!results[i]!.granted) expect(n).toBeGreaterThan(left);
    });
  });

  it("counts today's ledger, in recipients, and not other days'", async () => {
    const database = freshDb();
    await database.ledger.bulkPut([
      ledgerRow(
        'a',
        Array.from({ length: 40 }, (_, i) => `a${i}@x.test`),
        '2026-11-28T08:00:00Z',
      ),
      ledgerRow(
        'b',
        Array.from({ length: 8 }, (_, i) => `b${i}@x.test`),
        '2026-11-28T09:00:00Z',
      ),
      ledgerRow(
        'old',
        Array.from({ length: 30 }, (_, i) => `c${i}@x.test`),
        '2026-11-27T09:00:00Z',
      ),
    ]);
    const limits = { mine: { cap: 60 } };
    const tooMany = await reserve('big', 13, DAY, limits, { database, now: NOW });
    expect(tooMany).toMatchObject({ granted: false, remaining: 12, reason: 'cap-mine' });
    if (!tooMany.granted) expect(tooMany.error.message).toContain('Only 12 recipients are left');
    expect(await reserve('fits', 12, DAY, limits, { database, now: NOW })).toEqual({ granted: true, remaining: 0 });
    expect(await reserve('one-more', 1, DAY, limits, { database, now: NOW })).toMatchObject({ granted: false });
  });

  it('takes sends made since the account snapshot off what the snapshot left', async () => {
    const database = freshDb();
    const snapshotAt = '2026-11-28T09:30:00Z';
    await database.ledger.bulkPut([
      // Already in SentLast24Hours when the snapshot was taken.
      ledgerRow('before', ['a@x.test', 'b@x.test'], '2026-11-28T09:00:00Z'),
      // Not yet: counts against what the snapshot left.
      ledgerRow('after', ['c@x.test', 'd@x.test', 'e@x.test'], '2026-11-28T09:45:00Z'),
    ]);
    const limits = { mine: { cap: 100 }, account: { remaining: 5, snapshotAt } };
    expect(await reserve('three', 3, DAY, limits, { database, now: NOW })).toMatchObject({
      granted: false,
      remaining: 2,
      reason: 'cap-account',
    });
    expect(await reserve('two', 2, DAY, limits, { database, now: NOW })).toEqual({ granted: true, remaining: 0 });
  });

  it('commit puts the ledger row in the reservation’s place; release gives it back', async () => {
    const database = freshDb();
    const limits = { mine: { cap: 3 } };
    expect((await reserve('one', 2, DAY, limits, { database, now: NOW })).granted).toBe(true);
    const snapshotAt = '2026-11-28T09:00:00Z';
    expect(await capUsage(DAY, snapshotAt, { database, now: NOW })).toEqual({ today: 2, sinceSnapshot: 2 });

    await commit('one', ledgerRow('m1', ['a@x.test', 'b@x.test'], '2026-11-28T10:00:00Z'), { database });
    expect(await database.reservations.get('one')).toBeUndefined();
    expect(await capUsage(DAY, snapshotAt, { database, now: NOW })).toEqual({ today: 2, sinceSnapshot: 2 });

    expect((await reserve('two', 1, DAY, limits, { database, now: NOW })).granted).toBe(true);
    expect((await reserve('three', 1, DAY, limits, { database, now: NOW })).granted).toBe(false);
    await release('two', { database });
    expect((await reserve('three', 1, DAY, limits, { database, now: NOW })).granted).toBe(true);
  });

  it('does not count a resent click twice', async () => {
    const database = freshDb();
    const limits = { mine: { cap: 2 } };
    expect((await reserve('click', 2, DAY, limits, { database, now: NOW })).granted).toBe(true);
    expect((await reserve('click', 2, DAY, limits, { database, now: NOW })).granted).toBe(true);
    expect(await database.reservations.count()).toBe(1);
  });

  it('lets stale reservations go, unless their send may have reached SES', async () => {
    const database = freshDb();
    const limits = { mine: { cap: 2 } };
    const then = new Date(NOW.getTime() - STALE_RESERVATION_MS - 1000);
    await reserve('abandoned', 1, DAY, limits, { database, now: then });
    await reserve('in-flight', 1, DAY, limits, { database, now: then });
    await database.outbox.put({
      id: 'in-flight',
      composeId: 'c1',
      state: 'sending',
      draft: {
        composeId: 'c1',
        kind: 'popout',
        from: null,
        to: [{ email: 'a@x.test' }],
        cc: [],
        bcc: [],
        subject: '',
        html: '',
        text: '',
        hasAttachments: false,
        isReply: false,
        unreadable: [],
      },
      attempts: 1,
      createdAt: then.toISOString(),
      updatedAt: then.toISOString(),
    });
    // The figures leave the abandoned one out; reading them writes nothing.
    expect(await capUsage(DAY, undefined, { database, now: NOW })).toEqual({ today: 1, sinceSnapshot: 1 });
    expect(await database.reservations.get('abandoned')).toBeDefined();
    expect((await reserve('next', 1, DAY, limits, { database, now: NOW })).granted).toBe(true);
    expect(await database.reservations.get('abandoned')).toBeUndefined();
    expect((await reserve('over', 1, DAY, limits, { database, now: NOW })).granted).toBe(false);
  });

  it('keeps the reservation of a send still waiting its turn under the send rate', async () => {
    const database = freshDb();
    const limits = { mine: { cap: 1 } };
    const then = new Date(NOW.getTime() - STALE_RESERVATION_MS - 1000);
    await reserve('paced', 1, DAY, limits, { database, now: then });
    await database.outbox.put({
      id: 'paced',
      composeId: 'c1',
      state: 'queued',
      draft: {
        composeId: 'c1',
        kind: 'popout',
        from: null,
        to: [{ email: 'a@x.test' }],
        cc: [],
        bcc: [],
        subject: '',
        html: '',
        text: '',
        hasAttachments: false,
        isReply: false,
        unreadable: [],
      },
      attempts: 0,
      createdAt: then.toISOString(),
      updatedAt: then.toISOString(),
    });
    expect((await reserve('other-tab', 1, DAY, limits, { database, now: NOW })).granted).toBe(false);
    expect(await database.reservations.get('paced')).toBeDefined();
  });
});
