// The mailbox simulator's outcomes, seen through the messages delivered, the suppression
// list, VDM and the events on the sender's queue.
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { BatchGetMetricDataCommand, GetSuppressedDestinationCommand, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { GetQueueUrlCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { SENDER_TAG, refusal, simpleEmail, startHarness, type Harness } from './support';

let h: Harness;
beforeAll(async () => (h = await startHarness()));
afterAll(() => h.close());
beforeEach(() => h.control('POST', '/_local/reset'));

async function sendTo(address: string) {
  const { MessageId } = await h.ses().send(new SendEmailCommand(simpleEmail([address])));
  const sqs = h.sqs();
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'rampart-events-sdr_40outbound_2eexample_2ecom' }));
  const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
  const events = Messages.map((m) => JSON.parse(m.Body!) as Record<string, any>);
  const delivered = (await h.control<{ messageId: string }[]>('GET', '/_local/messages')).map((m) => m.messageId);
  return { MessageId, events, delivered: delivered.includes(MessageId!) };
}

const vdm = async (metric: string) => {
  const now = Date.now();
  const { Results } = await h.ses().send(
    new BatchGetMetricDataCommand({
      Queries: [
        { Id: 'q', Namespace: 'VDM', Metric: metric as never, StartDate: new Date(now - 3600_000), EndDate: new Date(now + 3600_000) },
      ],
    }),
  );
  return Results![0]!.Values!.reduce((a, b) => a + b, 0);
};

test('success@ is delivered: Send then Delivery', async () => {
  const { MessageId, events, delivered } = await sendTo('success@simulator.amazonses.com');
  expect(delivered).toBe(true);
  expect(events.map((e) => e.eventType)).toEqual(['Send', 'Delivery']);
  expect(events[1]).toMatchObject({
    eventType: 'Delivery',
    mail: {
      messageId: MessageId,
      source: 'Demo SDR <sdr@outbound.example.com>',
      destination: ['success@simulator.amazonses.com'],
      tags: { sender: [SENDER_TAG], 'ses:configuration-set': ['rampart'] },
    },
    delivery: { recipients: ['success@simulator.amazonses.com'], timestamp: expect.any(String) },
  });
});

test('bounce@ bounces hard, is never put on the suppression list and is left out of VDM', async () => {
  const { MessageId, events, delivered } = await sendTo('bounce@simulator.amazonses.com');
  expect(delivered).toBe(false);
  expect(events.map((e) => e.eventType)).toEqual(['Send', 'Bounce']);
  expect(events[1]!.bounce).toMatchObject({
    bounceType: 'Permanent',
    bounceSubType: 'General',
    bouncedRecipients: [{ emailAddress: 'bounce@simulator.amazonses.com' }],
  });
  expect(events[1]!.mail).toMatchObject({ messageId: MessageId });
  // SES never lists a simulator address, so a second test run bounces the same way.
  const listed = await refusal(h.ses().send(new GetSuppressedDestinationCommand({ EmailAddress: 'bounce@simulator.amazonses.com' })));
  expect(listed).toMatchObject({ name: 'NotFoundException' });
  const again = await sendTo('bounce@simulator.amazonses.com');
  expect(again.events.find((e) => e.eventType === 'Bounce')!.bounce).toMatchObject({ bounceSubType: 'General' });
  // VDM leaves out simulator sends (BatchGetMetricDataQuery, Metric).
  expect(await vdm('PERMANENT_BOUNCE')).toBe(0);
});

test('ooto@ is delivered (the auto-reply is not a bounce)', async () => {
  const { events, delivered } = await sendTo('ooto@simulator.amazonses.com');
  expect(delivered).toBe(true);
  expect(events.map((e) => e.eventType)).toEqual(['Send', 'Delivery']);
});

test('complaint@ is delivered, then complained about, but neither listed nor counted in VDM', async () => {
  const { events, delivered } = await sendTo('complaint@simulator.amazonses.com');
  expect(delivered).toBe(true);
  expect(events.map((e) => e.eventType)).toEqual(['Send', 'Delivery', 'Complaint']);
  expect(events[2]!.complaint).toMatchObject({
    complainedRecipients: [{ emailAddress: 'complaint@simulator.amazonses.com' }],
    complaintFeedbackType: 'abuse',
  });
  const listed = await refusal(h.ses().send(new GetSuppressedDestinationCommand({ EmailAddress: 'complaint@simulator.amazonses.com' })));
  expect(listed).toMatchObject({ name: 'NotFoundException' });
  expect(await vdm('COMPLAINT')).toBe(0);
  expect(await vdm('DELIVERY')).toBe(0);
});

test('suppressionlist@ bounces as if suppressed, without being added to the list', async () => {
  const { events, delivered } = await sendTo('suppressionlist@simulator.amazonses.com');
  expect(delivered).toBe(false);
  expect(events[1]!.bounce).toMatchObject({ bounceType: 'Permanent', bounceSubType: 'OnAccountSuppressionList' });
  const error = await refusal(
    h.ses().send(new GetSuppressedDestinationCommand({ EmailAddress: 'suppressionlist@simulator.amazonses.com' })),
  );
  expect(error).toMatchObject({ name: 'NotFoundException' });
});

test('a +label is ignored', async () => {
  const { events } = await sendTo('bounce+case7@simulator.amazonses.com');
  expect(events.map((e) => e.eventType)).toEqual(['Send', 'Bounce']);
});
