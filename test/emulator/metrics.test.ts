import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { BatchGetMetricDataCommand, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { refusal, simpleEmail, startHarness, type Harness } from './support';

let h: Harness;
beforeAll(async () => (h = await startHarness()));
afterAll(() => h.close());
beforeEach(() => h.control('POST', '/_local/reset'));

const day = (d: string) => new Date(`2026-07-${d}T00:00:00.000Z`);
const query = (Id: string, Metric: string, Dimensions?: Record<string, string>) => ({
  Id,
  Namespace: 'VDM' as const,
  Metric: Metric as never,
  StartDate: day('01'),
  EndDate: day('04'),
  ...(Dimensions ? { Dimensions: Dimensions as never } : {}),
});

const send = async (to: string[]) => (await h.ses().send(new SendEmailCommand(simpleEmail(to)))).MessageId!;
const inject = (event: Record<string, unknown>) => h.control('POST', '/_local/events', event);
const totals = async (...metrics: string[]) => {
  const { Results } = await h.ses().send(new BatchGetMetricDataCommand({ Queries: metrics.map((metric) => query(metric, metric)) }));
  return Object.fromEntries(Results!.map((r) => [r.Id, r.Values!.reduce((a, b) => a + b, 0)]));
};

test('daily counts of SEND, DELIVERY, PERMANENT_BOUNCE, TRANSIENT_BOUNCE and COMPLAINT', async () => {
  await h.control('POST', '/_local/clock', { now: '2026-07-01T10:00:00.000Z' });
  await send(['a@prospect.example']);
  const bounced = await send(['b@prospect.example']);
  await inject({ type: 'Bounce', bounceType: 'Permanent', recipient: 'b@prospect.example', messageId: bounced });
  await h.control('POST', '/_local/clock', { now: '2026-07-03T10:00:00.000Z' });
  const complained = await send(['c@prospect.example']);
  await inject({ type: 'Complaint', recipient: 'c@prospect.example', messageId: complained });
  await inject({ type: 'Bounce', bounceType: 'Transient', recipient: 'a@prospect.example' });
  const ses = h.ses();
  const { $metadata, ...answer } = await ses.send(
    new BatchGetMetricDataCommand({
      Queries: [
        query('send', 'SEND'),
        query('delivery', 'DELIVERY'),
        query('hard', 'PERMANENT_BOUNCE'),
        query('soft', 'TRANSIENT_BOUNCE'),
        query('complaint', 'COMPLAINT'),
      ],
    }),
  );
  const days = [day('01'), day('02'), day('03')];
  expect(answer).toEqual({
    Results: [
      { Id: 'send', Timestamps: days, Values: [2, 0, 1] },
      { Id: 'delivery', Timestamps: days, Values: [2, 0, 1] },
      { Id: 'hard', Timestamps: days, Values: [1, 0, 0] },
      { Id: 'soft', Timestamps: days, Values: [0, 0, 1] },
      { Id: 'complaint', Timestamps: days, Values: [0, 0, 1] },
    ],
    Errors: [],
  });
});

test('an email addressed to more than one recipient is in none of the metrics, nor is its feedback', async () => {
  await h.control('POST', '/_local/clock', { now: '2026-07-02T10:00:00.000Z' });
  const many = await send(['a@prospect.example', 'b@prospect.example']);
  const withCc = (
    await h.ses().send(
      new SendEmailCommand(
        simpleEmail(['c@prospect.example'], {
          Destination: { ToAddresses: ['c@prospect.example'], BccAddresses: ['d@prospect.example'] },
        }),
      ),
    )
  ).MessageId!;
  await inject({ type: 'Bounce', bounceType: 'Permanent', recipient: 'a@prospect.example', messageId: many });
  await inject({ type: 'Bounce', bounceType: 'Transient', recipient: 'b@prospect.example', messageId: many });
  await inject({ type: 'Complaint', recipient: 'c@prospect.example', messageId: withCc });
  // The same address twice is one recipient: counted.
  await h
    .ses()
    .send(
      new SendEmailCommand(
        simpleEmail(['e@prospect.example'], { Destination: { ToAddresses: ['e@prospect.example'], CcAddresses: ['E@Prospect.example'] } }),
      ),
    );
  expect(await totals('SEND', 'DELIVERY', 'PERMANENT_BOUNCE', 'TRANSIENT_BOUNCE', 'COMPLAINT')).toEqual({
    SEND: 1,
    DELIVERY: 1,
    PERMANENT_BOUNCE: 0,
    TRANSIENT_BOUNCE: 0,
    COMPLAINT: 0,
  });
});

test('mailbox simulator sends are in none of the metrics', async () => {
  await h.control('POST', '/_local/clock', { now: '2026-07-02T10:00:00.000Z' });
  for (const local of ['success', 'bounce', 'complaint', 'ooto', 'suppressionlist']) await send([`${local}@simulator.amazonses.com`]);
  expect(await totals('SEND', 'DELIVERY', 'PERMANENT_BOUNCE', 'TRANSIENT_BOUNCE', 'COMPLAINT')).toEqual({
    SEND: 0,
    DELIVERY: 0,
    PERMANENT_BOUNCE: 0,
    TRANSIENT_BOUNCE: 0,
    COMPLAINT: 0,
  });
  await send(['a@prospect.example']);
  expect(await totals('SEND', 'DELIVERY')).toEqual({ SEND: 1, DELIVERY: 1 });
});

test('a bounce because the address is on the account suppression list is sent but not a PERMANENT_BOUNCE', async () => {
  await h.control('POST', '/_local/clock', { now: '2026-07-02T10:00:00.000Z' });
  await h.control('POST', '/_local/suppression', { entries: [{ address: 'gone@prospect.example', reason: 'BOUNCE' }] });
  await send(['gone@prospect.example']);
  expect(await totals('SEND', 'DELIVERY', 'PERMANENT_BOUNCE')).toEqual({ SEND: 1, DELIVERY: 0, PERMANENT_BOUNCE: 0 });
});

test('filters by EMAIL_IDENTITY and CONFIGURATION_SET', async () => {
  await h.control('POST', '/_local/clock', { now: '2026-07-02T10:00:00.000Z' });
  await h.ses().send(new SendEmailCommand(simpleEmail(['a@prospect.example'])));
  await h.ses().send(new SendEmailCommand(simpleEmail(['b@prospect.example'], { ConfigurationSetName: undefined })));
  const { Results } = await h.ses().send(
    new BatchGetMetricDataCommand({
      Queries: [
        query('identity', 'SEND', { EMAIL_IDENTITY: 'outbound.example.com' }),
        query('set', 'SEND', { CONFIGURATION_SET: 'rampart' }),
        query('other', 'SEND', { EMAIL_IDENTITY: 'other.example' }),
      ],
    }),
  );
  expect(Results!.map((r) => [r.Id, r.Values])).toEqual([
    ['identity', [0, 2, 0]],
    ['set', [0, 1, 0]],
    ['other', [0, 0, 0]],
  ]);
});

test('with VDM off every query comes back as an error', async () => {
  await h.control('POST', '/_local/account', { VdmEnabled: false });
  const { $metadata, ...answer } = await h.ses().send(new BatchGetMetricDataCommand({ Queries: [query('q', 'SEND')] }));
  expect(answer).toEqual({
    Results: [],
    Errors: [{ Id: 'q', Code: 'ACCESS_DENIED', Message: 'Virtual Deliverability Manager is not enabled for this account.' }],
  });
});

test('a malformed query is BadRequestException', async () => {
  const error = await refusal(
    h.ses().send(new BatchGetMetricDataCommand({ Queries: [{ ...query('q', 'SEND'), EndDate: day('01'), StartDate: day('02') }] })),
  );
  expect(error).toMatchObject({ name: 'BadRequestException', $metadata: { httpStatusCode: 400 } });
});
