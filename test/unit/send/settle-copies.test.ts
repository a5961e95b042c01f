import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RampartDb } from '@/lib/store/db';
import type { OutboxRow } from '@/lib/store/rows';
import { applyFeedback } from '@/lib/feedback/apply';
import type { FeedbackEvent } from '@/lib/feedback/event';
import { settleSent } from '@/lib/send/settle';
import { capUsage } from '@/lib/send/reservations';

// One outbox row, two messages: Chromium resends a POST on its own when a reused
// connection closes before the answer (lib/aws/connection.ts), so SES may accept the same
// send twice, with two MessageIds, and publish a Send event (tag `outbox`) for each. The
// ledger must count what SES counted: both messages, each once, on the cap as SES counts.

const NOW = new Date('2026-03-02T10:00:00Z');
const DAY = '2026-03-02';
let database: RampartDb;
let n = 0;

function row(patch: Partial<OutboxRow> = {}): OutboxRow {
  return {
    id: 'row-1',
    composeId: 'compose-1',
    state: 'sending',
    draft: {
      composeId: 'compose-1',
      kind: 'popout',
      from: null,
      to: [{ email: 'ana@prospect.example' }, { email: 'luis@prospect.example' }],
      cc: [],
      bcc: [],
      subject: 'Quick question',
      html: '',
      text: 'Hello',
      hasAttachments: false,
      isReply: false,
      unreadable: [],
    },
    attempts: 1,
    sentAs: { from: { email: 'sdr@outbound.example.com' }, subject: 'Quick question', senderTag: 'sdr_40outbound_2eexample_2ecom' },
    attemptedAt: NOW.toISOString(),
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
    ...patch,
  };
}

const event = (id: string, kind: FeedbackEvent['kind'], messageId: string, at = '2026-03-02T10:00:05Z'): FeedbackEvent => ({
  id,
  kind,
  messageId,
  outboxId: 'row-1',
  at,
  recipients: ['ana@prospect.example', 'luis@prospect.example'],
  ...(kind === 'Reject' ? { reason: 'Bad content' } : {}),
});

const apply = (e: FeedbackEvent) => applyFeedback(e, NOW, 'UTC', database);
const ledgerIds = async () => (await database.ledger.where('outboxId').equals('row-1').toArray()).map((r) => r.messageId).sort();
const usedToday = async () => (await capUsage(DAY, undefined, { now: NOW, database })).today;

beforeEach(async () => {
  database = new RampartDb(`settle-copies-${++n}`);
  await database.outbox.put(row());
});
afterEach(() => database.close());

describe('a second MessageId for a row already sent', () => {
  it('enters the ledger as its own row, counted on the cap, and the row says it went twice', async () => {
    // SES's answer: the row is sent as m-2 (the resend's answer).
    await settleSent(database, 'row-1', { messageId: 'm-2', sentAt: NOW, timeZone: 'UTC', attempts: 1 });
    expect(await usedToday()).toBe(2);

    await apply(event('e-1', 'Send', 'm-1'));
    await apply(event('e-2', 'Send', 'm-2'));

    expect(await ledgerIds()).toEqual(['m-1', 'm-2']);
    expect(await usedToday()).toBe(4);
    const settled = await database.outbox.get('row-1');
    expect(settled).toMatchObject({ state: 'sent', messageId: 'm-2', alsoAcceptedAs: ['m-1'] });
    expect(settled?.error?.code).toBe('sent-twice');
    expect(settled?.error?.message).toMatch(/SES accepted this message twice \(m-2, m-1\)/);
    const log = await database.changeLog.where('kind').equals('send').toArray();
    expect(log).toHaveLength(1);
    expect(log[0]?.message).toMatch(/“Quick question”: SES accepted this message twice/);

    // SQS delivers at least once, and a redelivery may carry another SQS id: counted once.
    await apply(event('e-1-again', 'Send', 'm-1'));
    await apply(event('e-2-again', 'Send', 'm-2'));
    await settleSent(database, 'row-1', { messageId: 'm-2', sentAt: NOW, timeZone: 'UTC' });
    expect(await ledgerIds()).toEqual(['m-1', 'm-2']);
    expect(await usedToday()).toBe(4);
    expect(await database.changeLog.where('kind').equals('send').count()).toBe(1);
    expect((await database.outbox.get('row-1'))?.error?.code).toBe('sent-twice');
  });

  it('the Send events first, then the late answer: both messages counted, the row keeps the first', async () => {
    await database.outbox.update('row-1', { state: 'unknown' });
    await apply(event('e-1', 'Send', 'm-1'));
    await settleSent(database, 'row-1', { messageId: 'm-2', sentAt: NOW, timeZone: 'UTC', attempts: 1 });
    await apply(event('e-2', 'Send', 'm-2'));
    expect(await ledgerIds()).toEqual(['m-1', 'm-2']);
    expect(await database.outbox.get('row-1')).toMatchObject({ state: 'sent', messageId: 'm-1', alsoAcceptedAs: ['m-2'] });
    expect(await usedToday()).toBe(4);
  });

  it('an answer accepted but not recorded yet is counted too when another copy’s event comes', async () => {
    // recordSent could not write the ledger: the row is unknown with SES's id (lib/send/outbox.ts).
    await database.outbox.update('row-1', { state: 'unknown', messageId: 'm-2' });
    await apply(event('e-1', 'Send', 'm-1'));
    expect(await ledgerIds()).toEqual(['m-1', 'm-2']);
    expect(await database.outbox.get('row-1')).toMatchObject({ state: 'sent', messageId: 'm-2', alsoAcceptedAs: ['m-1'] });
  });

  it('a Reject of the copy leaves the row sent; a Reject of both leaves it failed, saying both counted', async () => {
    await settleSent(database, 'row-1', { messageId: 'm-1', sentAt: NOW, timeZone: 'UTC', attempts: 1 });
    await apply(event('e-2', 'Reject', 'm-2'));
    expect(await database.outbox.get('row-1')).toMatchObject({ state: 'sent', messageId: 'm-1', alsoAcceptedAs: ['m-2'] });
    expect(await ledgerIds()).toEqual(['m-1', 'm-2']);

    await apply(event('e-1', 'Reject', 'm-1'));
    const failed = await database.outbox.get('row-1');
    expect(failed).toMatchObject({ state: 'failed', messageId: 'm-1', alsoAcceptedAs: ['m-2'] });
    expect(failed?.error?.message).toMatch(/rejected it .*not delivered.* SES accepted this message twice/);
    expect(await usedToday()).toBe(4);
  });

  it('a first message rejected, a second one sent: the row is sent as the second, the first counted as a copy', async () => {
    await database.outbox.update('row-1', { state: 'unknown' });
    await apply(event('e-1', 'Reject', 'm-1'));
    expect((await database.outbox.get('row-1'))?.state).toBe('failed');
    await apply(event('e-2', 'Send', 'm-2'));
    expect(await database.outbox.get('row-1')).toMatchObject({ state: 'sent', messageId: 'm-2', alsoAcceptedAs: ['m-1'] });
    // The rejected message's own Send event, late: it is the copy already counted.
    await apply(event('e-3', 'Send', 'm-1'));
    expect(await database.outbox.get('row-1')).toMatchObject({ state: 'sent', messageId: 'm-2', alsoAcceptedAs: ['m-1'] });
    expect(await ledgerIds()).toEqual(['m-1', 'm-2']);
  });
});
