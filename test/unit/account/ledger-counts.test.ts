import { beforeEach, describe, expect, it } from 'vitest';
import { RampartDb, type LedgerRow, type SuppressionRow } from '@/lib/store/db';
import { healthCounts } from '@/lib/account/health-source';
import { ledgerDailyCounts } from '@/lib/account/ledger-counts';
import { health } from '@/lib/ramp/health';

// Health without VDM: sends from the ledger; bounces and complaints from the suppression
// list's reasons until feedback events are counted, then from the events.

let database: RampartDb;
let run = 0;
beforeEach(() => {
  database = new RampartDb(`metrics-ledger-${++run}`);
});

function sent(messageId: string, sentAt: string, recipients: string[]): LedgerRow {
  return {
    messageId,
    outboxId: messageId,
    sentAt,
    day: sentAt.slice(0, 10),
    from: { email: 'sdr@outbound.example.com' },
    recipients,
    recipientCount: recipients.length,
    subject: 'Hello',
    senderTag: 'sdr@outbound.example.com',
  };
}
function suppressed(email: string, reason: SuppressionRow['reason'], since: string): SuppressionRow {
  return { email, reason, since, source: 'ses' };
}

describe('the ledger joined with the suppression list', () => {
  it('counts sends in recipients, and bounces and complaints that came after a send', async () => {
    await database.ledger.bulkPut([
      sent('m1', '2026-11-20T10:00:00.000Z', ['a@x.example', 'b@x.example', 'c@x.example']),
      sent('m2', '2026-11-21T10:00:00.000Z', ['d@x.example']),
    ]);
    await database.suppression.bulkPut([
      suppressed('a@x.example', 'BOUNCE', '2026-11-20T10:01:00.000Z'),
      suppressed('b@x.example', 'COMPLAINT', '2026-11-22T08:00:00.000Z'),
      // Suppressed long before Rampart wrote to it: not this send's doing.
      suppressed('d@x.example', 'BOUNCE', '2025-01-01T00:00:00.000Z'),
    ]);
    expect(await ledgerDailyCounts('2026-11-14', '2026-11-22', database)).toEqual([
      { day: '2026-11-20', sends: 3, permanentBounces: 1, complaints: 1 },
      { day: '2026-11-21', sends: 1, permanentBounces: 0, complaints: 0 },
    ]);
  });

  it('blames a bounce on the last send before it, not on every send to the address', async () => {
    await database.ledger.bulkPut([
      sent('first', '2026-11-18T10:00:00.000Z', ['a@x.example']),
      sent('follow-up', '2026-11-20T10:00:00.000Z', ['a@x.example']),
    ]);
    await database.suppression.put(suppressed('a@x.example', 'BOUNCE', '2026-11-20T10:05:00.000Z'));
    const counts = await ledgerDailyCounts('2026-11-14', '2026-11-22', database);
    expect(counts.map((d) => [d.day, d.permanentBounces])).toEqual([
      ['2026-11-18', 0],
      ['2026-11-20', 1],
    ]);
  });

  it('leaves deliveries and soft bounces unknown: the complaint rate is unknown, not 0%', async () => {
    await database.ledger.put(sent('m1', '2026-11-20T10:00:00.000Z', ['a@x.example']));
    const counts = await healthCounts('2026-11-14', '2026-11-20', database);
    expect(counts.source).toBe('ledger');
    const week = health(counts.counts, '2026-11-20').lastSevenDays;
    expect(week.rates.hardBounce).toMatchObject({ status: 'ok', percent: 0, numerator: 0, denominator: 1 });
    expect(week.rates.complaint.status).toBe('unknown');
    expect(week.rates.complaint.unknown?.reason).toBe('no-source');
    expect(week.rates.softBounce.status).toBe('unknown');
  });
});

describe('the ledger joined with feedback events', () => {
  it('takes every count but sends from the events counted per day', async () => {
    await database.ledger.bulkPut([
      sent('m1', '2026-11-20T10:00:00.000Z', ['a@x.example', 'b@x.example']),
      sent('m2', '2026-11-20T11:00:00.000Z', ['c@x.example', 'd@x.example']),
    ]);
    await database.feedbackDays.put({
      day: '2026-11-20',
      deliveries: 3,
      permanentBounces: 1,
      transientBounces: 0,
      complaints: 1,
      unsubscribes: 0,
    });
    const counts = await ledgerDailyCounts('2026-11-14', '2026-11-21', database);
    expect(counts).toEqual([
      { day: '2026-11-20', sends: 4, deliveries: 3, permanentBounces: 1, transientBounces: 0, complaints: 1, unsubscribes: 0 },
    ]);
    const week = health(counts, '2026-11-21').lastSevenDays;
    expect(week.rates.complaint).toMatchObject({ status: 'alert', numerator: 1, denominator: 3 });
    expect(week.rates.unsubscribe).toMatchObject({ status: 'ok', percent: 0 });
  });
});
