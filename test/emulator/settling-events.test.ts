// The events that settle a send whose answer was lost — Send, Reject, Rendering Failure —
// published on the sender's queue with the message's tags, as SES's event publishing does
// when the configuration set's event destination matches them; and the answers a client
// cannot read (cut short, wrong types, a proxy's page), for a send SES did or did not take.
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { refusal, simpleEmail, startHarness, type Harness } from './support';

let h: Harness;
beforeAll(async () => (h = await startHarness()));
afterAll(() => h.close());
beforeEach(() => h.control('POST', '/_local/reset'));

const TAG = 'sdr_40outbound_2eexample_2ecom';
const OUTBOX = 'b1946ac9-2f4e-4e8b-9c1d-7f7a2c0f3e11';
const tagged = (to: string[]) =>
  simpleEmail(to, {
    EmailTags: [
      { Name: 'sender', Value: TAG },
      { Name: 'outbox', Value: OUTBOX },
    ],
  });

async function events(): Promise<Array<Record<string, any>>> {
  const queues = await h.control<Array<{ url: string; sender: string | null }>>('GET', '/_local/queues');
  const queue = queues.find((q) => q.sender === TAG);
  if (!queue) return [];
  const { Messages = [] } = await h
    .sqs()
    .send(new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
  return Messages.map((m) => JSON.parse(m.Body!));
}

async function quotaUsed(): Promise<number> {
  const account = await h.control<{ SendQuota: { SentLast24Hours: number } }>('GET', '/_local/account');
  return account.SendQuota.SentLast24Hours;
}

test('a Send event carries the message’s outbox tag under mail.tags', async () => {
  const { MessageId } = await h.ses().send(new SendEmailCommand(tagged(['a@prospect.example'])));
  const send = (await events()).find((e) => e.eventType === 'Send');
  expect(send).toMatchObject({ eventType: 'Send', send: {}, mail: { messageId: MessageId, tags: { sender: [TAG], outbox: [OUTBOX] } } });
});

test('Reject: SES takes the call and counts it, delivers nothing, and publishes Reject alone', async () => {
  await h.control('POST', '/_local/faults', { count: 1, error: 'Reject' });
  const { MessageId } = await h.ses().send(new SendEmailCommand(tagged(['a@prospect.example'])));
  expect(MessageId).toEqual(expect.any(String));
  const published = await events();
  expect(published.map((e) => e.eventType)).toEqual(['Reject']);
  expect(published[0]).toMatchObject({
    reject: { reason: expect.any(String) },
    mail: { messageId: MessageId, tags: { outbox: [OUTBOX] } },
  });
  expect(await h.control('GET', '/_local/messages')).toEqual([]);
  expect(await quotaUsed()).toBe(1);
});

test('Rendering Failure: spelled as SES spells it, with its failure block', async () => {
  await h.control('POST', '/_local/faults', { count: 1, error: 'RenderingFailure' });
  const { MessageId } = await h.ses().send(new SendEmailCommand(tagged(['a@prospect.example'])));
  const published = await events();
  expect(published.map((e) => e.eventType)).toEqual(['Rendering Failure']);
  expect(published[0]).toMatchObject({
    failure: { errorMessage: expect.any(String), templateName: expect.any(String) },
    mail: { messageId: MessageId },
  });
});

test('only the event types the configuration set’s destination matches are published', async () => {
  await h.control('POST', '/_local/configuration-set', { name: 'rampart', events: ['Delivery'] });
  await h.ses().send(new SendEmailCommand(tagged(['a@prospect.example'])));
  expect((await events()).map((e) => e.eventType)).toEqual(['Delivery']);
  const refused = await refusal(h.control('POST', '/_local/configuration-set', { name: 'rampart', events: ['Opened'] }));
  expect(refused.message).toMatch(/400/);
  await h.control('POST', '/_local/reset');
  await h.ses().send(new SendEmailCommand(tagged(['b@prospect.example'])));
  expect((await events()).map((e) => e.eventType).sort()).toEqual(['Delivery', 'Send']);
});

test('answers a client cannot read: the send was made all the same, once', async () => {
  await h.control('POST', '/_local/faults', { count: 1, error: 'truncated' });
  const thrown = await refusal(h.ses().send(new SendEmailCommand(tagged(['cut@prospect.example']))));
  expect(thrown.name).toBe('SyntaxError');
  // The SDK does not check the answer's types: the caller gets a number where an id belongs.
  await h.control('POST', '/_local/faults', { count: 1, error: 'wrong-types' });
  const { MessageId } = await h.ses().send(new SendEmailCommand(tagged(['typed@prospect.example'])));
  expect(typeof MessageId).toBe('number');
  const requests = await h.control<Array<{ outcome: string }>>('GET', '/_local/requests');
  expect(requests.map((r) => r.outcome)).toEqual(['accepted', 'accepted']);
  expect(await quotaUsed()).toBe(2);
});

test('a 503 and a proxy’s HTML page: refused, nothing sent', async () => {
  await h.control('POST', '/_local/faults', { count: 1, error: 'ServiceUnavailable' });
  const unavailable = await refusal(h.ses().send(new SendEmailCommand(tagged(['a@prospect.example']))));
  expect(unavailable.$metadata?.httpStatusCode).toBe(503);
  await h.control('POST', '/_local/faults', { count: 1, error: 'BadGateway' });
  const gateway = await refusal(h.ses().send(new SendEmailCommand(tagged(['a@prospect.example']))));
  expect(gateway.$metadata?.httpStatusCode).toBe(502);
  const requests = await h.control<Array<{ outcome: string }>>('GET', '/_local/requests');
  expect(requests.map((r) => r.outcome)).toEqual(['ServiceUnavailable', 'BadGateway']);
  expect(await quotaUsed()).toBe(0);
  expect(await events()).toEqual([]);
});
