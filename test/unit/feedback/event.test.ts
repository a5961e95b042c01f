import { describe, expect, it } from 'vitest';
import { parseFeedback } from '@/lib/feedback/event';
import { feedbackQueueName } from '@/lib/feedback/queue';
import { retryDelayMs } from '@/lib/feedback/poll';

// Parsing SES event publishing JSON, raw or inside an SNS notification, into the few
// fields Rampart applies; the queue name per sender tag; the poll's backoff.

const bounce = {
  eventType: 'Bounce',
  mail: { messageId: '0100abc', timestamp: '2026-03-01T10:00:00.000Z', destination: ['Pat <Pat@Prospect.example>'] },
  bounce: {
    bounceType: 'Transient',
    bounceSubType: 'MailboxFull',
    bouncedRecipients: [{ emailAddress: 'Pat@Prospect.example' }],
    timestamp: '2026-03-01T10:00:05.000Z',
    feedbackId: 'fb-1',
  },
};

describe('parseFeedback', () => {
  it('reads a bounce: its type, recipients lower-cased, its own time, and the feedbackId as its id', () => {
    expect(parseFeedback(JSON.stringify(bounce), 'sqs-1')).toEqual({
      ok: true,
      event: {
        id: 'feedback:fb-1',
        kind: 'Bounce',
        messageId: '0100abc',
        at: '2026-03-01T10:00:05.000Z',
        recipients: ['pat@prospect.example'],
        bounceType: 'Transient',
        bounceSubType: 'MailboxFull',
      },
    });
  });

  it('unwraps an SNS notification (a subscription without raw message delivery)', () => {
    const wrapped = JSON.stringify({ Type: 'Notification', MessageId: 'sns-9', Message: JSON.stringify(bounce) });
    const parsed = parseFeedback(wrapped, 'sqs-2');
    expect(parsed.ok && parsed.event.id).toBe('feedback:fb-1');
  });

  it('names a delivery by its message and recipients, so a redelivered one is the same event', () => {
    const delivery = {
      eventType: 'Delivery',
      mail: { messageId: 'm1', timestamp: '2026-03-01T10:00:00Z' },
      delivery: { recipients: ['a@b.example'], timestamp: '2026-03-01T10:00:01Z' },
    };
    const first = parseFeedback(JSON.stringify(delivery), 'sqs-3');
    const again = parseFeedback(JSON.stringify(delivery), 'sqs-4');
    expect(first.ok && again.ok && first.event.id === again.event.id).toBe(true);
  });

  it('falls back to the SQS message id, and refuses what is not an SES event', () => {
    const send = parseFeedback(JSON.stringify({ eventType: 'Send', mail: { messageId: 'm2', destination: ['x@y.example'] } }), 'sqs-5');
    expect(send).toMatchObject({ ok: true, event: { id: 'sqs:sqs-5', kind: 'Send', recipients: ['x@y.example'] } });
    expect(parseFeedback('not json', 'sqs-6')).toEqual({ ok: false, reason: 'the body is not JSON' });
    expect(parseFeedback('{"hello":1}', 'sqs-7')).toEqual({ ok: false, reason: 'the event has no eventType' });
    expect(parseFeedback(JSON.stringify({ eventType: 'Complaint', complaint: {} }), 'sqs-8')).toMatchObject({ ok: false });
  });
});

describe('envelopes and one-click unsubscribes', () => {
  it('unwraps an EventBridge envelope: the event is under `detail`', () => {
    const envelope = {
      version: '0',
      id: 'eb-1',
      'detail-type': 'Email Bounced',
      source: 'aws.ses',
      account: '123456789012',
      time: '2026-03-01T10:00:06Z',
      region: 'eu-west-1',
      resources: [],
      detail: bounce,
    };
    expect(parseFeedback(JSON.stringify(envelope), 'sqs-eb')).toEqual(parseFeedback(JSON.stringify(bounce), 'sqs-eb'));
    expect(parseFeedback(JSON.stringify(envelope), 'sqs-eb')).toMatchObject({
      ok: true,
      event: { kind: 'Bounce', recipients: ['pat@prospect.example'] },
    });
    // An SNS notification holding an EventBridge envelope is read too.
    const both = JSON.stringify({ Type: 'Notification', MessageId: 'sns-eb', Message: JSON.stringify(envelope) });
    expect(parseFeedback(both, 'sqs-eb2')).toMatchObject({ ok: true, event: { id: 'feedback:fb-1' } });
    // Another service's EventBridge event is not an SES event.
    expect(parseFeedback(JSON.stringify({ ...envelope, source: 'aws.s3', detail: { bucket: 'b' } }), 'sqs-eb3')).toMatchObject({
      ok: false,
    });
  });

  // SES's event data for a one-click unsubscribe (SES Developer Guide, event publishing examples: Subscription record).
  const subscription = (newTopicPreferences: unknown) => ({
    eventType: 'Subscription',
    mail: { messageId: 'm-sub', timestamp: '2026-03-01T10:00:00.000Z', destination: ['Pat <Pat@Prospect.example>'] },
    subscription: {
      contactList: 'rampart',
      timestamp: '2026-03-02T09:00:00.000Z',
      source: 'UnsubscribeHeader',
      newTopicPreferences,
      oldTopicPreferences: { unsubscribeAll: false, topicSubscriptionStatus: [{ topicName: 'outbound', subscriptionStatus: 'OptIn' }] },
    },
  });

  it('reads a Subscription event: who, when, and what the new preferences unsubscribe from', () => {
    const all = parseFeedback(JSON.stringify(subscription({ unsubscribeAll: true, topicSubscriptionStatus: [] })), 'sqs-s1');
    expect(all).toEqual({
      ok: true,
      event: {
        id: 'sqs:sqs-s1',
        kind: 'Subscription',
        messageId: 'm-sub',
        at: '2026-03-02T09:00:00.000Z',
        recipients: ['pat@prospect.example'],
        subscription: { contactList: 'rampart', unsubscribeAll: true, optedOutTopics: [] },
      },
    });
    const topic = parseFeedback(
      JSON.stringify(
        subscription({
          unsubscribeAll: false,
          topicSubscriptionStatus: [
            { topicName: 'outbound', subscriptionStatus: 'OptOut' },
            { topicName: 'news', subscriptionStatus: 'OptIn' },
          ],
        }),
      ),
      'sqs-s2',
    );
    expect(topic).toMatchObject({ ok: true, event: { subscription: { unsubscribeAll: false, optedOutTopics: ['outbound'] } } });
    expect(parseFeedback(JSON.stringify({ ...subscription({}), mail: { messageId: 'm' } }), 'sqs-s3')).toMatchObject({ ok: false });
  });
});

describe('the feedback queue and its retries', () => {
  it('names the queue after the sender tag as the team lead creates it', async () => {
    expect(await feedbackQueueName('sdr_40outbound_2eexample_2ecom')).toBe('rampart-events-sdr_40outbound_2eexample_2ecom');
    expect(await feedbackQueueName('x'.repeat(100))).toHaveLength(80);
  });

  it('backs off from 30 s, doubling to at most 15 min', () => {
    const mid = () => 0.5;
    expect(retryDelayMs(1, mid)).toBe(30_000);
    expect(retryDelayMs(2, mid)).toBe(60_000);
    expect(retryDelayMs(10, mid)).toBe(15 * 60_000);
    expect(retryDelayMs(1, () => 0)).toBe(24_000);
  });
});
