import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RampartDb } from '@/lib/store/db';
import { healthCounts } from '@/lib/account/health-source';
import { syncHealthSources } from '@/lib/account/metrics-sync';
import { readVdmRecord } from '@/lib/account/vdm';
import { health } from '@/lib/ramp/health';
import { startHarness, type Harness } from '../../emulator/support';

// Health's VDM source against the local AWS emulator through the real SDK: the counts
// SES keeps, read at sync time and kept in IndexedDB.

let harness: Harness;
let database: RampartDb;
let run = 0;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness.close());
beforeEach(async () => {
  await harness.control('POST', '/_local/reset', {});
  database = new RampartDb(`metrics-vdm-${++run}`);
});

async function send(to: string[]): Promise<string> {
  const reply = await harness.ses().send(
    new SendEmailCommand({
      FromEmailAddress: 'sdr@outbound.example.com',
      Destination: { ToAddresses: to },
      Content: { Simple: { Subject: { Data: 'Hello' }, Body: { Text: { Data: 'Hi' } } } },
      ConfigurationSetName: 'rampart',
      EmailTags: [{ Name: 'sender', Value: 'sdr_40outbound_2eexample_2ecom' }],
    }),
  );
  return reply.MessageId!;
}

describe('VDM on (the emulator’s start state)', () => {
  it('keeps SES’s daily counts and health reads them from IndexedDB', async () => {
    // One recipient a message, none of them the mailbox simulator: VDM leaves out messages
    // to several recipients and simulator sends, as AWS documents.
    const ids: string[] = [];
    for (const to of ['a@prospect.example', 'b@prospect.example', 'c@prospect.example', 'd@prospect.example']) ids.push(await send([to]));
    await harness.control('POST', '/_local/events', { type: 'Complaint', recipient: 'a@prospect.example', messageId: ids[0] });
    await harness.control('POST', '/_local/events', {
      type: 'Bounce',
      bounceType: 'Permanent',
      recipient: 'd@prospect.example',
      messageId: ids[3],
    });
    const now = new Date();
    const outcome = await syncHealthSources(harness.ses({ maxAttempts: 3 }), now, database);
    expect(outcome.ok, JSON.stringify(outcome.error)).toBe(true);

    const today = now.toISOString().slice(0, 10);
    const counts = await healthCounts('2000-01-01', today, database);
    expect(counts.source).toBe('vdm');
    const todays = counts.counts.find((d) => d.day === today);
    // d's delivery was reported before its bounce, as an injected event follows the send.
    expect(todays).toEqual({ day: today, sends: 4, deliveries: 4, permanentBounces: 1, transientBounces: 0, complaints: 1 });

    const week = health(counts.counts, today).lastSevenDays;
    expect(week.rates.complaint.status).toBe('alert');
    expect(week.rates.hardBounce.percent).toBe(25);
    // VDM has no unsubscribes: unknown, with its reason, never 0%.
    expect(week.rates.unsubscribe.status).toBe('unknown');
    expect(week.rates.unsubscribe.unknown?.reason).toBe('no-source');
  });

  it('covers the health window and the week before it, quiet days as zeros', async () => {
    const now = new Date();
    await syncHealthSources(harness.ses({ maxAttempts: 3 }), now, database);
    const record = await readVdmRecord(database);
    expect(record?.enabled).toBe(true);
    if (!record?.enabled) return;
    expect(record.counts).toHaveLength(14);
    expect(record.counts.every((d) => d.sends === 0 && d.complaints === 0)).toBe(true);
  });
});

describe('VDM off', () => {
  it('says why, and health falls back to the ledger', async () => {
    await harness.control('POST', '/_local/account', { VdmEnabled: false });
    const now = new Date();
    const outcome = await syncHealthSources(harness.ses({ maxAttempts: 3 }), now, database);
    expect(outcome.ok).toBe(true);
    expect(outcome.vdm?.enabled).toBe(false);
    const counts = await healthCounts('2000-01-01', now.toISOString().slice(0, 10), database);
    expect(counts.source).toBe('ledger');
    expect(counts.fallbackReason).toMatch(/VDM/);
  });
});

describe('SES unreachable', () => {
  it('keeps the last figures and reports the failure as a sentence', async () => {
    const now = new Date();
    await syncHealthSources(harness.ses({ maxAttempts: 3 }), now, database);
    const before = await readVdmRecord(database);
    await harness.control('POST', '/_local/credentials/expire', {});
    const expired = await harness.credentials();
    await harness.control('POST', '/_local/credentials/expire', {});
    const outcome = await syncHealthSources(harness.ses({ credentials: expired }), new Date(now.getTime() + 60_000), database);
    expect(outcome.ok).toBe(false);
    expect(outcome.error?.message).toMatch(/^Rampart could not read SES metrics: /);
    expect(await readVdmRecord(database)).toEqual(before);
  });
});
