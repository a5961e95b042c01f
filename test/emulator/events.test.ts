// Feedback events on the sender's SQS queue: long poll, visibility timeout, at-least-once,
// DeleteMessageBatch; and events injected through the control route.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { DeleteMessageBatchCommand, GetQueueUrlCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { SENDER, SENDER_QUEUE, SENDER_TAG, refusal, simpleEmail, startHarness, type Harness } from './support';

let h: Harness;
beforeAll(async () => (h = await startHarness()));
afterAll(() => h.close());
beforeEach(() => h.control('POST', '/_local/reset'));

const QUEUE = SENDER_QUEUE;
const queueUrl = async () => (await h.sqs().send(new GetQueueUrlCommand({ QueueName: QUEUE }))).QueueUrl!;

test('GetQueueUrl answers a sender queue and creates it; other names do not exist', async () => {
  const sqs = h.sqs();
  const { $metadata, ...answer } = await sqs.send(new GetQueueUrlCommand({ QueueName: QUEUE }));
  expect(answer).toEqual({ QueueUrl: `${h.url}/000000000000/${QUEUE}` });
  expect(await h.control('GET', '/_local/queues')).toEqual([
    { name: QUEUE, url: `${h.url}/000000000000/${QUEUE}`, sender: null, messages: 0 },
  ]);
  const error = await refusal(sqs.send(new GetQueueUrlCommand({ QueueName: 'someone-elses-queue' })));
  expect(error).toMatchObject({
    name: 'QueueDoesNotExist',
    message: 'The specified queue does not exist.',
    $metadata: { httpStatusCode: 400 },
  });
});

test('a send creates its sender’s queue', async () => {
  await h.ses().send(new SendEmailCommand(simpleEmail(['a@prospect.example'])));
  expect(await h.control('GET', '/_local/queues')).toEqual([
    { name: QUEUE, url: `${h.url}/000000000000/${QUEUE}`, sender: SENDER_TAG, messages: 2 },
  ]);
});

test('a long poll is held until an event arrives, then answers with it', async () => {
  const url = await queueUrl();
  const started = Date.now();
  const polling = h
    .sqs()
    .send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 10, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['All'] }));
  await new Promise((resolve) => setTimeout(resolve, 300));
  const { MessageId } = await h.ses().send(new SendEmailCommand(simpleEmail(['a@prospect.example'], { ConfigurationSetName: 'rampart' })));
  const { $metadata, ...received } = await polling;
  expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  expect(Date.now() - started).toBeLessThan(5000);
  expect(received.Messages).toHaveLength(1); // the poll answers as soon as the first event lands
  const [message] = received.Messages!;
  expect(message).toEqual({
    MessageId: expect.any(String),
    ReceiptHandle: expect.any(String),
    MD5OfBody: expect.stringMatching(/^[0-9a-f]{32}$/),
    Body: expect.any(String),
    Attributes: {
      SenderId: expect.any(String),
      SentTimestamp: expect.stringMatching(/^\d+$/),
      ApproximateReceiveCount: '1',
      ApproximateFirstReceiveTimestamp: expect.stringMatching(/^\d+$/),
    },
  });
  expect(JSON.parse(message!.Body!)).toMatchObject({
    eventType: 'Send',
    mail: { messageId: MessageId, tags: { sender: [SENDER_TAG] } },
    send: {},
  });
});

test('a long poll with nothing to deliver ends empty after WaitTimeSeconds', async () => {
  const url = await queueUrl();
  const started = Date.now();
  const { $metadata, ...received } = await h.sqs().send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 1 }));
  expect(received).toEqual({});
  expect(Date.now() - started).toBeGreaterThanOrEqual(950);
});

test('a received event is hidden for the visibility timeout, then delivered again until deleted', async () => {
  const url = await queueUrl();
  await h.control('POST', '/_local/events', { type: 'Complaint', recipient: 'ana@prospect.example', sender: SENDER });
  const sqs = h.sqs();
  const first = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, VisibilityTimeout: 30 }));
  expect(first.Messages).toHaveLength(1);
  expect(await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }))).not.toHaveProperty('Messages');
  await h.control('POST', '/_local/clock', { advance: 31 });
  const second = await h.sqs().send(new ReceiveMessageCommand({ QueueUrl: url, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }));
  expect(second.Messages![0]).toMatchObject({
    MessageId: first.Messages![0]!.MessageId,
    Body: first.Messages![0]!.Body,
    Attributes: { ApproximateReceiveCount: '2' },
  });
  const { $metadata, ...deleted } = await h.sqs().send(
    new DeleteMessageBatchCommand({
      QueueUrl: url,
      Entries: [
        { Id: 'old', ReceiptHandle: first.Messages![0]!.ReceiptHandle },
        { Id: 'bogus', ReceiptHandle: 'not-a-handle' },
      ],
    }),
  );
  expect(deleted).toEqual({
    Successful: [{ Id: 'old' }],
    Failed: [
      {
        Id: 'bogus',
        SenderFault: true,
        Code: 'ReceiptHandleIsInvalid',
        Message: 'The input receipt handle "not-a-handle" is not a valid receipt handle.',
      },
    ],
  });
  await h.control('POST', '/_local/clock', { advance: 60 });
  expect(await h.sqs().send(new ReceiveMessageCommand({ QueueUrl: url }))).not.toHaveProperty('Messages');
  expect(await h.control('GET', '/_local/queues')).toEqual([expect.objectContaining({ name: QUEUE, messages: 0 })]);
});

test('DeleteMessageBatch refuses empty, oversized and duplicate batches', async () => {
  const url = await queueUrl();
  const sqs = h.sqs();
  await expect(sqs.send(new DeleteMessageBatchCommand({ QueueUrl: url, Entries: [] }))).rejects.toMatchObject({
    name: 'EmptyBatchRequest',
  });
  const eleven = Array.from({ length: 11 }, (_, i) => ({ Id: `e${i}`, ReceiptHandle: 'h' }));
  await expect(sqs.send(new DeleteMessageBatchCommand({ QueueUrl: url, Entries: eleven }))).rejects.toMatchObject({
    name: 'TooManyEntriesInBatchRequest',
  });
  await expect(
    sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: 'x', ReceiptHandle: 'a' },
          { Id: 'x', ReceiptHandle: 'b' },
        ],
      }),
    ),
  ).rejects.toMatchObject({ name: 'BatchEntryIdsNotDistinct' });
  await expect(sqs.send(new ReceiveMessageCommand({ QueueUrl: `${h.url}/000000000000/missing` }))).rejects.toMatchObject({
    name: 'QueueDoesNotExist',
  });
});

test('an event injected for a sent message goes to that message’s sender queue, in SES’s format', async () => {
  const { MessageId } = await h.ses().send(new SendEmailCommand(simpleEmail(['ana@prospect.example'])));
  const url = await queueUrl();
  const sqs = h.sqs();
  const before = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
  await sqs.send(
    new DeleteMessageBatchCommand({
      QueueUrl: url,
      Entries: before.Messages!.map((m, i) => ({ Id: `m${i}`, ReceiptHandle: m.ReceiptHandle })),
    }),
  );
  const injected = await h.control<{ queues: string[]; event: Record<string, unknown> }>('POST', '/_local/events', {
    type: 'Bounce',
    bounceType: 'Transient',
    recipient: 'ana@prospect.example',
    messageId: MessageId,
  });
  expect(injected.queues).toEqual([QUEUE]);
  const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 1 }));
  expect(JSON.parse(Messages![0]!.Body!)).toEqual({
    eventType: 'Bounce',
    mail: {
      timestamp: expect.any(String),
      source: 'Demo SDR <sdr@outbound.example.com>',
      sourceArn: 'arn:aws:ses:us-east-1:000000000000:identity/outbound.example.com',
      sendingAccountId: '000000000000',
      messageId: MessageId,
      destination: ['ana@prospect.example'],
      headersTruncated: false,
      headers: [],
      commonHeaders: {
        from: ['Demo SDR <sdr@outbound.example.com>'],
        to: ['ana@prospect.example'],
        messageId: MessageId,
        subject: 'Following up',
      },
      tags: {
        'ses:operation': ['SendEmail'],
        'ses:source-ip': ['127.0.0.1'],
        'ses:from-domain': ['outbound.example.com'],
        'ses:caller-identity': ['rampart-local'],
        'ses:configuration-set': ['rampart'],
        sender: [SENDER_TAG],
      },
    },
    bounce: {
      bounceType: 'Transient',
      bounceSubType: 'General',
      bouncedRecipients: [
        { emailAddress: 'ana@prospect.example', action: 'failed', status: '4.2.2', diagnosticCode: 'smtp; 452 4.2.2 mailbox full' },
      ],
      timestamp: expect.any(String),
      feedbackId: expect.any(String),
      reportingMTA: 'dns; local-aws.rampart.local',
    },
  });
  expect(injected.event).toEqual(JSON.parse(Messages![0]!.Body!));
});

test('an event with neither messageId nor sender lands on every queue; bad events are refused', async () => {
  const sqs = h.sqs();
  await sqs.send(new GetQueueUrlCommand({ QueueName: 'rampart-events-a' }));
  await sqs.send(new GetQueueUrlCommand({ QueueName: 'rampart-events-b' }));
  const { queues } = await h.control<{ queues: string[] }>('POST', '/_local/events', { type: 'Delivery', recipient: 'x@prospect.example' });
  // Queues outlive a reset (emptied), so earlier tests' queues are here too.
  const all = await h.control<{ name: string; messages: number }[]>('GET', '/_local/queues');
  expect(queues).toEqual(expect.arrayContaining(['rampart-events-a', 'rampart-events-b']));
  expect(queues).toEqual(all.map((q) => q.name));
  expect(all.every((q) => q.messages === 1)).toBe(true);
  await expect(h.control('POST', '/_local/events', { type: 'Explosion', recipient: 'x@prospect.example' })).rejects.toThrow(/400/);
  await expect(
    h.control('POST', '/_local/events', { type: 'Bounce', bounceType: 'Weird', recipient: 'x@prospect.example' }),
  ).rejects.toThrow(/400/);
  await expect(h.control('POST', '/_local/events', { type: 'Bounce', messageId: 'nope' })).rejects.toThrow(/404/);
});

test('a tag names its queue: the prefix and the tag up to 80 characters, else 40 of the tag, `-` and 24 hex digits of its SHA-256', async () => {
  const long = `${'a'.repeat(45)}_40${'b'.repeat(30)}`;
  const alike = `${'a'.repeat(45)}_40${'c'.repeat(30)}`;
  for (const tag of [SENDER_TAG, 'x'.repeat(65), 'x'.repeat(66), long, alike]) {
    await h.ses().send(new SendEmailCommand(simpleEmail(['a@prospect.example'], { EmailTags: [{ Name: 'sender', Value: tag }] })));
  }
  // Queues outlive a reset (emptied): only those of a sender are this test's.
  const names = (await h.control<{ name: string; sender: string | null }[]>('GET', '/_local/queues'))
    .filter((q) => q.sender !== null)
    .map((q) => [q.sender, q.name]);
  const hashed = (tag: string) => `rampart-events-${tag.slice(0, 40)}-${createHash('sha256').update(tag).digest('hex').slice(0, 24)}`;
  expect(Object.fromEntries(names)).toEqual({
    [SENDER_TAG]: 'rampart-events-sdr_40outbound_2eexample_2ecom',
    ['x'.repeat(65)]: `rampart-events-${'x'.repeat(65)}`,
    ['x'.repeat(66)]: hashed('x'.repeat(66)),
    [long]: hashed(long),
    [alike]: hashed(alike),
  });
  expect(names.every(([, name]) => name!.length <= 80)).toBe(true);
  expect(hashed(long)).not.toBe(hashed(alike));
});

test('an event injected for a sender address goes to the queue of that address’s tag', async () => {
  const published = await h.control<{ queues: string[]; event: { mail: { source: string; tags: unknown } } }>('POST', '/_local/events', {
    type: 'Complaint',
    recipient: 'ana@prospect.example',
    sender: 'Ana.B+x@Outbound.example.com',
  });
  expect(published.queues).toEqual(['rampart-events-ana_2eb_2bx_40outbound_2eexample_2ecom']);
  expect(published.event.mail).toMatchObject({
    source: 'Ana.B+x@Outbound.example.com',
    tags: { sender: ['ana_2eb_2bx_40outbound_2eexample_2ecom'] },
  });
});

test('a send without a configuration set publishes no events', async () => {
  await h.ses().send(new SendEmailCommand(simpleEmail(['a@prospect.example'], { ConfigurationSetName: undefined })));
  const queues = await h.control<{ name: string; messages: number }[]>('GET', '/_local/queues');
  expect(queues.find((q) => q.name === QUEUE)).toEqual(expect.objectContaining({ sender: SENDER_TAG, messages: 0 }));
});
