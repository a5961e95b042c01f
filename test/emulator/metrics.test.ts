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

test('daily counts of SEND, DELIVERY, PERMANENT_BOUNCE, TRANSIENT_BOUNCE and COMPLAINT', async () => {
  await h.control('POST', '/_local/clock', { now: '2026-07-01T10:00:00.000Z' });
  await h.ses().send(new SendEmailCommand(simpleEmail(['a@prospect.example', 'bounce@simulator.amazonses.com'])));
  await h.control('POST', '/_local/clock', { now: '2026-07-03T10:00:00.000Z' });
  await h.ses().send(new SendEmailCommand(simpleEmail(['complaint@simulator.amazonses.com'])));
  await h.control('POST', '/_local/events', { type: 'Bounce', bounceType: 'Transient', recipient: 'a@prospect.example' });
  const ses = h.ses();
  const { $metadata, ...answer } = await ses.send(
    new BatchGetMetricDataCommand({
      Queries: [query('send', 'SEND'), query('delivery', 'DELIVERY'), query('hard', 'PERMANENT_BOUNCE'), query('soft', 'TRANSIENT_BOUNCE'), query('complaint', 'COMPLAINT')],
    }),
  );
  const days = [day('01'), day('02'), day('03')];
  expect(answer).toEqual({
    Results: [
      { Id: 'send', Timestamps: days, Values: [2, 0, 1] },
      { Id: 'delivery', Timestamps: days, Values: [1, 0, 1] },
      { Id: 'hard', Timestamps: days, Values: [1, 0, 0] },
      { Id: 'soft', Timestamps: days, Values: [0, 0, 1] },
      { Id: 'complaint', Timestamps: days, Values: [0, 0, 1] },
    ],
    Errors: [],
  });
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
  expect(answer).toEqual({ Results: [], Errors: [{ Id: 'q', Code: 'ACCESS_DENIED', Message: 'Virtual Deliverability Manager is not enabled for this account.' }] });
});

test('a malformed query is BadRequestException', async () => {
  const error = await refusal(h.ses().send(new BatchGetMetricDataCommand({ Queries: [{ ...query('q', 'SEND'), EndDate: day('01'), StartDate: day('02') }] })));
  expect(error).toMatchObject({ name: 'BadRequestException', $metadata: { httpStatusCode: 400 } });
});
