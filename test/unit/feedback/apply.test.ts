import { GetSuppressedDestinationCommand, SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { ReceiveMessageCommand, GetQueueUrlCommand, type ReceiveMessageCommandOutput, type SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RampartDb } from '@/lib/store/db';
import { applyFeedback } from '@/lib/feedback/apply';
import { feedbackDailyCounts } from '@/lib/store/feedback-days';
import { parseFeedback } from '@/lib/feedback/event';
import { pollFeedbackOnce, readFeedbackStatus, type PollTarget } from '@/lib/feedback/poll';
import { feedbackQueueName } from '@/lib/feedback/queue';
import { senderTag } from '@/lib/core/sender-tag';
import { readRecord, writeRecord } from '@/lib/store/records';
import { DRILL_SCENARIOS, drillAddress, drillReport } from '@/lib/feedback/drill';
import { updateDrill } from '@/lib/feedback/drill-record';
import { SENDER, SENDER_TAG, simpleEmail, startHarness, type Harness } from '../../emulator/support';

// Feedback events end to end at the SDK level: the real local emulator publishes SES
// events to this sender's SQS queue, Rampart polls, applies and deletes them, and shares
// the suppressions it decides with SES's account list.

let harness: Harness;
let ses: SESv2Client;
let sqs: SQSClient;
let database: RampartDb;
let target: PollTarget;
let dbCounter = 0;

beforeAll(async () => {
  harness = await startHarness();
  ses = harness.ses({ maxAttempts: 3 });
  sqs = harness.sqs();
});
afterAll(async () => harness.close());

beforeEach(async () => {
  await harness.control('POST', '/_local/reset', {});
  // SES's own account-level suppression is off: whatever reaches SES's list below, Rampart put there.
  await harness.control('POST', '/_local/account', { SuppressionAttributes: { SuppressedReasons: [] } });
  database = new RampartDb(`feedback-apply-${++dbCounter}`);
  target = {
    sqs,
    queueName: await feedbackQueueName(senderTag(SENDER)),
    targetKey: 'test',
    share: { ses, contactList: 'rampart' },
    now: () => new Date(),
    timeZone: 'UTC',
    database,
  };
});

const inject = (event: Record<string, unknown>) => harness.control('POST', '/_local/events', { sender: SENDER, ...event });
const queued = async () =>
  (await harness.control<{ name: string; messages: number }[]>('GET', '/_local/queues')).find((q) => q.name === target.queueName)?.messages;

async function sesReason(email: string): Promise<string | null> {
  try {
    const found = await ses.send(new GetSuppressedDestinationCommand({ EmailAddress: email }));
    return found.SuppressedDestination?.Reason ?? null;
  } catch (error) {
    if ((error as Error).name === 'NotFoundException') return null;
    throw error;
  }
}

/** This SQS client, with each received body passed through `rewrite` (receipt handles stay real). */
function sqsWithBodies(rewrite: (body: string) => string): SQSClient {
  const client = harness.sqs();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName === 'ReceiveMessageCommand') {
        for (const message of (result.output as ReceiveMessageCommandOutput).Messages ?? []) message.Body = rewrite(message.Body ?? '');
      }
      return result;
    },
    { step: 'initialize', name: 'rewriteBodies' },
  );
  return client;
}

/** Poll until the queue is empty (each round takes at most 10). */
async function drain() {
  const rounds = [];
  for (;;) {
    const round = await pollFeedbackOnce(target, { waitSeconds: 0 });
    rounds.push(round);
    if (round.received === 0) return rounds;
  }
}

describe('feedback events from SQS', () => {
  it('suppresses a complaint at once, shares it with SES, and deletes the event after applying it', async () => {
    await pollFeedbackOnce(target, { waitSeconds: 0 }); // the queue exists from the first GetQueueUrl
    await inject({ type: 'Complaint', recipient: 'Angry@Prospect.example' });
    expect(await queued()).toBe(1);

    const round = await pollFeedbackOnce(target, { waitSeconds: 1 });
    expect(round).toMatchObject({ received: 1, applied: 1, duplicates: 0, suppressed: ['angry@prospect.example'] });
    expect(await database.suppression.get('angry@prospect.example')).toMatchObject({ reason: 'COMPLAINT', source: 'local' });
    expect(await sesReason('angry@prospect.example')).toBe('COMPLAINT');
    expect(await queued()).toBe(0);
    expect((await database.suppressionDecisions.get('angry@prospect.example'))?.pending).toBeNull();
    const log = await database.changeLog.where('kind').equals('suppression').toArray();
    expect(log.map((row) => row.message)).toEqual([expect.stringContaining('angry@prospect.example (complaint)')]);
  });

  it('suppresses a hard bounce at once as BOUNCE', async () => {
    await inject({ type: 'Bounce', bounceType: 'Permanent', recipient: 'gone@prospect.example' });
    await drain();
    expect(await database.suppression.get('gone@prospect.example')).toMatchObject({ reason: 'BOUNCE' });
    expect(await sesReason('gone@prospect.example')).toBe('BOUNCE');
  });

  it('suppresses an address at its third soft bounce within 30 days, not at its first', async () => {
    await inject({ type: 'Bounce', bounceType: 'Transient', recipient: 'once@prospect.example' });
    for (let i = 0; i < 2; i++) await inject({ type: 'Bounce', bounceType: 'Transient', recipient: 'thrice@prospect.example' });
    await drain();
    expect(await database.suppression.get('thrice@prospect.example')).toBeUndefined();

    await inject({ type: 'Bounce', bounceType: 'Transient', recipient: 'thrice@prospect.example' });
    const rounds = await drain();
    expect(rounds.flatMap((r) => r.suppressed)).toEqual(['thrice@prospect.example']);
    expect(await database.suppression.get('thrice@prospect.example')).toMatchObject({ reason: 'BOUNCE', source: 'local' });
    expect(await database.suppression.get('once@prospect.example')).toBeUndefined();
    expect(await sesReason('thrice@prospect.example')).toBe('BOUNCE');
    expect(await sesReason('once@prospect.example')).toBeNull();
  });

  it('does not count soft bounces older than 30 days toward the third', async () => {
    const old = new Date(Date.now() - 40 * 86_400_000).toISOString();
    await inject({ type: 'Bounce', bounceType: 'Transient', recipient: 'slow@prospect.example', at: old });
    await inject({ type: 'Bounce', bounceType: 'Transient', recipient: 'slow@prospect.example', at: old });
    await inject({ type: 'Bounce', bounceType: 'Transient', recipient: 'slow@prospect.example' });
    await drain();
    expect(await database.suppression.get('slow@prospect.example')).toBeUndefined();
  });

  it('applies an event delivered twice only once', async () => {
    await inject({ type: 'Bounce', bounceType: 'Transient', recipient: 'twice@prospect.example' });
    // The first delivery is applied, then the worker "dies" before DeleteMessageBatch:
    // with no visibility timeout the same SQS message is delivered again at once.
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: target.queueName }));
    const first = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }));
    expect(first.Messages).toHaveLength(1);
    const parsed = parseFeedback(first.Messages![0]!.Body!, first.Messages![0]!.MessageId!);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect((await applyFeedback(parsed.event, new Date(), 'UTC', database)).applied).toBe(true);

    const again = await pollFeedbackOnce(target, { waitSeconds: 0 });
    expect(again).toMatchObject({ received: 1, applied: 0, duplicates: 1 });
    expect(await database.softBounces.where('email').equals('twice@prospect.example').count()).toBe(1);
    const today = new Date().toISOString().slice(0, 10);
    expect((await database.feedbackDays.get(today))?.transientBounces).toBe(1);
    expect(await queued()).toBe(0);
  });

  it('counts deliveries, bounces and complaints on the day of the send the ledger knows', async () => {
    // SES's mailbox simulator: the emulator publishes what each address does.
    const to = ['success@simulator.amazonses.com', 'bounce@simulator.amazonses.com', 'complaint@simulator.amazonses.com'];
    const sent = await ses.send(new SendEmailCommand(simpleEmail(to)));
    await database.ledger.put({
      messageId: sent.MessageId!,
      outboxId: 'o1',
      sentAt: '2026-03-02T23:30:00.000Z',
      day: '2026-03-02',
      from: { email: SENDER },
      recipients: to,
      recipientCount: 3,
      subject: 'Following up',
      senderTag: SENDER,
    });
    await drain();

    expect(await feedbackDailyCounts('2026-03-01', '2026-03-03', database)).toEqual([
      { day: '2026-03-02', sends: 3, deliveries: 2, permanentBounces: 1, transientBounces: 0, complaints: 1, unsubscribes: 0 },
    ]);
    expect(await database.suppression.get('bounce@simulator.amazonses.com')).toMatchObject({ reason: 'BOUNCE' });
    expect(await database.suppression.get('complaint@simulator.amazonses.com')).toMatchObject({ reason: 'COMPLAINT' });
    expect(await database.suppression.get('success@simulator.amazonses.com')).toBeUndefined();
  });

  it('notes a fire drill’s events on the drill alone: no day count, suppression, share or ledger row', async () => {
    const id = 'dtest1';
    await writeRecord(
      'drill:last',
      { id, startedAt: new Date().toISOString(), configurationSet: 'rampart', senderTag: SENDER_TAG, sends: [], events: [] },
      new Date(),
      database,
    );
    for (const scenario of DRILL_SCENARIOS) {
      const sent = await ses.send(
        new SendEmailCommand(
          simpleEmail([drillAddress(scenario)], {
            EmailTags: [
              { Name: 'sender', Value: SENDER_TAG },
              { Name: 'drill', Value: id },
            ],
          }),
        ),
      );
      await updateDrill(
        id,
        (run) => run.sends.push({ scenario, address: drillAddress(scenario), messageId: sent.MessageId! }),
        new Date(),
        database,
      );
    }
    await updateDrill(id, (run) => ((run.sentAt = new Date().toISOString()), (run.vdmEnabled = true)), new Date(), database);
    const rounds = await drain();
    expect(rounds.reduce((n, r) => n + r.applied, 0)).toBe(9);

    const run = (await readRecord('drill:last', database))!;
    expect(run.events.map((e) => `${e.kind} ${e.address.split('@')[0]} ${e.counts ?? '-'} ${e.suppresses ?? '-'}`).sort()).toEqual(
      [
        'Bounce bounce permanentBounces BOUNCE',
        'Bounce suppressionlist - BOUNCE',
        'Complaint complaint complaints COMPLAINT',
        'Delivery complaint deliveries -',
        'Delivery success deliveries -',
        'Send bounce - -',
        'Send complaint - -',
        'Send success - -',
        'Send suppressionlist - -',
      ].sort(),
    );
    expect(drillReport(run, new Date()).state).toBe('passed');
    // Nothing reached the figures, the list or SES.
    expect(await database.feedbackDays.count()).toBe(0);
    expect(await database.suppression.count()).toBe(0);
    expect(await database.suppressionDecisions.count()).toBe(0);
    expect(await database.ledger.count()).toBe(0);
    for (const scenario of DRILL_SCENARIOS) expect(await sesReason(drillAddress(scenario))).toBeNull();
  });

  it('leaves a body it cannot read in the queue for SQS to redeliver, and counts it once for the lead', async () => {
    await pollFeedbackOnce(target, { waitSeconds: 0 });
    await inject({ type: 'Delivery', recipient: 'garbled@prospect.example' });
    await inject({ type: 'Complaint', recipient: 'fine@prospect.example' });
    // The queue's real messages, one body garbled on its way (as SES would never write it).
    const garble = sqsWithBodies((body) => (body.includes('garbled@prospect.example') ? '{"Type":"Notification","Message":"<html>' : body));
    const reading = { ...target, sqs: garble };

    const round = await pollFeedbackOnce(reading, { waitSeconds: 1 });
    expect(round).toMatchObject({ received: 2, applied: 1, unreadable: 1 });
    // The readable one is applied and deleted; the other stays for SQS's redelivery (and,
    // after the queue's maxReceiveCount, its dead-letter queue).
    expect(await queued()).toBe(1);
    expect(await readFeedbackStatus(database)).toMatchObject({ unreadable: 1 });

    // Redelivered after the visibility timeout, still unreadable: still one message.
    await harness.control('POST', '/_local/clock', { advance: 120 });
    const again = await pollFeedbackOnce(reading, { waitSeconds: 1 });
    expect(again).toMatchObject({ received: 1, unreadable: 1 });
    expect(await queued()).toBe(1);
    const status = await readFeedbackStatus(database);
    expect(status.unreadable).toBe(1);
    expect(status.unreadableReason).toMatch(/not JSON/);
  });

  it('applies SES’s one-click unsubscribe as an unsubscribe, at once', async () => {
    const contact = 'leaving@prospect.example';
    const body = (newTopicPreferences: unknown, email = contact) =>
      JSON.stringify({
        eventType: 'Subscription',
        mail: { messageId: `m-${email}`, timestamp: '2026-03-01T10:00:00.000Z', destination: [email] },
        subscription: { contactList: 'rampart', timestamp: '2026-03-02T09:00:00.000Z', source: 'UnsubscribeHeader', newTopicPreferences },
      });
    const apply = async (json: string, id: string) => {
      const parsed = parseFeedback(json, id);
      if (!parsed.ok) throw new Error(parsed.reason);
      return applyFeedback(parsed.event, new Date(), 'UTC', database, { contactList: 'rampart', contactTopic: 'outbound' });
    };

    expect((await apply(body({ unsubscribeAll: true }), 's1')).suppressed).toEqual([contact]);
    expect(await database.suppression.get(contact)).toMatchObject({ reason: 'UNSUBSCRIBE', source: 'local' });
    // Shared as a STOP reply is: SES's list and the contact list's UnsubscribeAll.
    expect(await database.suppressionDecisions.get(contact)).toMatchObject({
      reason: 'UNSUBSCRIBE',
      unsubscribe: true,
      pending: 'suppress',
    });
    // Counted on the day it happened (no ledger row here names the send's day).
    expect((await database.feedbackDays.get('2026-03-02'))?.unsubscribes).toBe(1);

    // Out of Rampart's topic: an unsubscribe too.
    const topic = 'topic@prospect.example';
    const optOut = { unsubscribeAll: false, topicSubscriptionStatus: [{ topicName: 'outbound', subscriptionStatus: 'OptOut' }] };
    expect((await apply(body(optOut, topic), 's2')).suppressed).toEqual([topic]);
    // Out of another topic only, or back in: nothing to apply.
    const other = 'other@prospect.example';
    const otherTopic = {
      unsubscribeAll: false,
      topicSubscriptionStatus: [
        { topicName: 'newsletter', subscriptionStatus: 'OptOut' },
        { topicName: 'outbound', subscriptionStatus: 'OptIn' },
      ],
    };
    expect((await apply(body(otherTopic, other), 's3')).suppressed).toEqual([]);
    expect(await database.suppression.get(other)).toBeUndefined();
  });

  it('records a failed poll with its error and a later retry, and clears it after a good one', async () => {
    const broken = { ...target, queueName: 'not-a-rampart-queue' };
    await expect(pollFeedbackOnce(broken, { waitSeconds: 0 })).rejects.toThrow();
    const failed = await readFeedbackStatus(database);
    expect(failed.failures).toBe(1);
    expect(failed.lastError?.message).toMatch(/could not read its bounce and complaint events/);
    expect(Date.parse(failed.nextAttemptAt!)).toBeGreaterThan(Date.now() + 20_000);
    await expect(pollFeedbackOnce(broken, { waitSeconds: 0 })).rejects.toThrow();
    const twice = await readFeedbackStatus(database);
    expect(twice.failures).toBe(2);
    expect(Date.parse(twice.nextAttemptAt!)).toBeGreaterThan(Date.parse(failed.nextAttemptAt!));

    await inject({ type: 'Delivery', recipient: 'fine@prospect.example', at: '2026-01-01T10:00:00.000Z' });
    await drain();
    const recovered = await readFeedbackStatus(database);
    expect(recovered).toMatchObject({ failures: 0, lastEventAt: '2026-01-01T10:00:00.000Z' });
    expect(recovered.lastError).toBeUndefined();
  });
});
