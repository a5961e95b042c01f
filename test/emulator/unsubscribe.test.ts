// A recipient who unsubscribes through the link SES adds for ListManagementOptions: the
// contact's preferences change in the contact list, and a Subscription event is published
// on the sender's queue like the other events.
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { CreateContactCommand, GetContactCommand, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { SENDER, SENDER_QUEUE, SENDER_TAG, simpleEmail, startHarness, type Harness } from './support';

let h: Harness;
beforeAll(async () => (h = await startHarness()));
afterAll(() => h.close());
beforeEach(() => h.control('POST', '/_local/reset'));

const withList = (topic?: string) => ({ ListManagementOptions: { ContactListName: 'rampart', ...(topic ? { TopicName: topic } : {}) } });
const send = async (to: string[], overrides: Record<string, unknown>) =>
  (await h.ses().send(new SendEmailCommand(simpleEmail(to, overrides)))).MessageId!;

/** Every event on the sender's queue so far, in order. */
async function senderEvents(): Promise<Record<string, any>[]> {
  const queues = await h.control<{ name: string; url: string; sender: string | null }[]>('GET', '/_local/queues');
  const queue = queues.find((q) => q.name === SENDER_QUEUE);
  expect(queue, 'the sender has a queue').toBeDefined();
  const { Messages = [] } = await h.sqs().send(new ReceiveMessageCommand({ QueueUrl: queue!.url, MaxNumberOfMessages: 10 }));
  return Messages.map((m) => JSON.parse(m.Body!) as Record<string, any>);
}

const unsubscribe = (body: unknown) => h.control<{ event: Record<string, any>; queues: string[] }>('POST', '/_local/unsubscribe', body);

async function refused(body: unknown): Promise<string> {
  const response = await fetch(`${h.url}/_local/unsubscribe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return `${response.status} ${((await response.json()) as { message: string }).message}`;
}

test('the link of a mail sent for a topic opts the recipient out of that topic and publishes a Subscription event', async () => {
  await h.control('POST', '/_local/clock', { now: '2026-08-03T09:00:00.000Z' });
  const messageId = await send(['ana@prospect.example'], withList('outbound'));
  await h.control('POST', '/_local/clock', { now: '2026-08-03T09:05:00.000Z' });
  const { event, queues } = await unsubscribe({ messageId });
  expect(queues).toHaveLength(1);

  const { $metadata, ...contact } = await h
    .ses()
    .send(new GetContactCommand({ ContactListName: 'rampart', EmailAddress: 'ana@prospect.example' }));
  expect(contact).toMatchObject({
    EmailAddress: 'ana@prospect.example',
    UnsubscribeAll: false,
    TopicPreferences: [{ TopicName: 'outbound', SubscriptionStatus: 'OPT_OUT' }],
  });

  const events = await senderEvents();
  expect(events.map((e) => e.eventType)).toEqual(['Send', 'Delivery', 'Subscription']);
  expect(events[2]).toEqual(event);
  expect(event).toEqual({
    eventType: 'Subscription',
    mail: expect.objectContaining({
      messageId,
      timestamp: expect.stringMatching(/^2026-08-03T09:00:/),
      destination: ['ana@prospect.example'],
      tags: expect.objectContaining({ sender: [SENDER_TAG], 'ses:configuration-set': ['rampart'] }),
    }),
    subscription: {
      contactList: 'rampart',
      timestamp: expect.stringMatching(/^2026-08-03T09:05:/),
      source: 'UnsubscribeHeader',
      newTopicPreferences: { unsubscribeAll: false, topicSubscriptionStatus: [{ topicName: 'outbound', subscriptionStatus: 'OptOut' }] },
      oldTopicPreferences: { unsubscribeAll: false, topicSubscriptionStatus: [{ topicName: 'outbound', subscriptionStatus: 'OptIn' }] },
    },
  });

  // SES withholds the next mail for that topic.
  await send(['ana@prospect.example'], withList('outbound'));
  const delivered = await h.control<{ to: string[] }[]>('GET', '/_local/messages');
  expect(delivered.map((m) => m.to)).toEqual([['ana@prospect.example']]);
});

test('the link of a mail sent without a topic unsubscribes the recipient from the whole list', async () => {
  await h.ses().send(
    new CreateContactCommand({
      ContactListName: 'rampart',
      EmailAddress: 'ben@prospect.example',
      TopicPreferences: [{ TopicName: 'outbound', SubscriptionStatus: 'OPT_IN' }],
    }),
  );
  const messageId = await send(['ben@prospect.example'], withList());
  const { event } = await unsubscribe({ messageId });
  expect(event.subscription).toMatchObject({
    contactList: 'rampart',
    newTopicPreferences: { unsubscribeAll: true, topicSubscriptionStatus: [{ topicName: 'outbound', subscriptionStatus: 'OptIn' }] },
    oldTopicPreferences: { unsubscribeAll: false, topicSubscriptionStatus: [{ topicName: 'outbound', subscriptionStatus: 'OptIn' }] },
  });
  const contact = await h.ses().send(new GetContactCommand({ ContactListName: 'rampart', EmailAddress: 'ben@prospect.example' }));
  expect(contact.UnsubscribeAll).toBe(true);
  expect((await senderEvents()).map((e) => e.eventType)).toEqual(['Send', 'Delivery', 'Subscription']);
});

test("an unsubscribe named by address, list and topic; with a sender it goes to that sender's queue", async () => {
  await send(['someone@prospect.example'], {});
  const { event, queues } = await unsubscribe({ email: 'Cy@Prospect.example', contactList: 'rampart', topic: 'outbound', sender: SENDER });
  expect(queues).toHaveLength(1);
  expect(event).toMatchObject({
    eventType: 'Subscription',
    mail: { destination: ['cy@prospect.example'], tags: { sender: [SENDER_TAG] } },
    subscription: {
      contactList: 'rampart',
      newTopicPreferences: { topicSubscriptionStatus: [{ topicName: 'outbound', subscriptionStatus: 'OptOut' }] },
    },
  });
  const contact = await h.ses().send(new GetContactCommand({ ContactListName: 'rampart', EmailAddress: 'cy@prospect.example' }));
  expect(contact.TopicPreferences).toEqual([{ TopicName: 'outbound', SubscriptionStatus: 'OPT_OUT' }]);
  expect((await senderEvents()).map((e) => e.eventType)).toEqual(['Send', 'Delivery', 'Subscription']);
});

test('no link, no unsubscribe: refusals say why', async () => {
  const many = await send(['a@prospect.example', 'b@prospect.example'], withList('outbound'));
  expect(await refused({ messageId: many })).toMatch(/^400 .*single recipient/);
  const plain = await send(['a@prospect.example'], {});
  expect(await refused({ messageId: plain })).toMatch(/^400 .*ListManagementOptions/);
  expect(await refused({ messageId: 'nope' })).toMatch(/^404 /);
  expect(await refused({ email: 'a@prospect.example', contactList: 'other' })).toMatch(/^404 /);
  expect(await refused({ email: 'a@prospect.example', contactList: 'rampart', topic: 'nope' })).toMatch(/^404 /);
  expect(await refused({ email: 'not an address', contactList: 'rampart' })).toMatch(/^400 /);
  expect(await refused({})).toMatch(/^400 /);
  // Nothing changed, nothing published beyond the sends' own events.
  expect((await senderEvents()).map((e) => e.eventType)).toEqual(['Send', 'Delivery', 'Delivery', 'Send', 'Delivery']);
});
