import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import {
  DeleteSuppressedDestinationCommand,
  GetSuppressedDestinationCommand,
  ListSuppressedDestinationsCommand,
  PutSuppressedDestinationCommand,
  SendEmailCommand,
  paginateListSuppressedDestinations,
} from '@aws-sdk/client-sesv2';
import { around, refusal, simpleEmail, startHarness, type Harness } from './support';

let h: Harness;
beforeAll(async () => (h = await startHarness()));
afterAll(() => h.close());
beforeEach(() => h.control('POST', '/_local/reset'));

const at = (iso: string) => h.control('POST', '/_local/clock', { now: iso });

test('Put then Get answers the whole entry', async () => {
  await at('2026-06-01T08:00:00.000Z');
  const ses = h.ses();
  expect(await ses.send(new PutSuppressedDestinationCommand({ EmailAddress: 'Ana@Prospect.example', Reason: 'COMPLAINT' }))).toEqual({
    $metadata: expect.objectContaining({ httpStatusCode: 200 }),
  });
  const { $metadata, ...got } = await ses.send(new GetSuppressedDestinationCommand({ EmailAddress: 'ana@prospect.example' }));
  expect(got).toEqual({
    SuppressedDestination: {
      EmailAddress: 'ana@prospect.example',
      Reason: 'COMPLAINT',
      LastUpdateTime: around('2026-06-01T08:00:00.000Z'),
      Attributes: {},
    },
  });
});

test('Get of an address not on the list is NotFoundException 404', async () => {
  const error = await refusal(h.ses().send(new GetSuppressedDestinationCommand({ EmailAddress: 'nobody@prospect.example' })));
  expect(error).toMatchObject({
    name: 'NotFoundException',
    message: 'Email address nobody@prospect.example does not exist on your suppression list.',
    $metadata: { httpStatusCode: 404 },
  });
});

test('Put refuses an unknown reason', async () => {
  const error = await refusal(
    h.ses().send(new PutSuppressedDestinationCommand({ EmailAddress: 'a@prospect.example', Reason: 'SPAM' as never })),
  );
  expect(error).toMatchObject({ name: 'BadRequestException', $metadata: { httpStatusCode: 400 } });
});

test('Delete removes an entry; deleting it again is NotFoundException', async () => {
  const ses = h.ses();
  await ses.send(new PutSuppressedDestinationCommand({ EmailAddress: 'a@prospect.example', Reason: 'BOUNCE' }));
  await expect(ses.send(new DeleteSuppressedDestinationCommand({ EmailAddress: 'a@prospect.example' }))).resolves.toEqual({
    $metadata: expect.objectContaining({ httpStatusCode: 200 }),
  });
  await expect(ses.send(new DeleteSuppressedDestinationCommand({ EmailAddress: 'a@prospect.example' }))).rejects.toMatchObject({
    name: 'NotFoundException',
  });
});

test('List pages with PageSize and NextToken, filters by Reasons and by StartDate/EndDate', async () => {
  await at('2026-06-01T08:00:00.000Z');
  for (let i = 0; i < 5; i++)
    await h
      .ses()
      .send(new PutSuppressedDestinationCommand({ EmailAddress: `old${i}@prospect.example`, Reason: i % 2 ? 'COMPLAINT' : 'BOUNCE' }));
  await at('2026-06-03T08:00:00.000Z');
  for (let i = 0; i < 3; i++)
    await h.ses().send(new PutSuppressedDestinationCommand({ EmailAddress: `new${i}@prospect.example`, Reason: 'BOUNCE' }));
  const ses = h.ses();

  const first = await ses.send(new ListSuppressedDestinationsCommand({ PageSize: 3 }));
  expect(first).toEqual({
    SuppressedDestinationSummaries: [
      { EmailAddress: 'old0@prospect.example', Reason: 'BOUNCE', LastUpdateTime: around('2026-06-01T08:00:00.000Z') },
      { EmailAddress: 'old1@prospect.example', Reason: 'COMPLAINT', LastUpdateTime: around('2026-06-01T08:00:00.000Z') },
      { EmailAddress: 'old2@prospect.example', Reason: 'BOUNCE', LastUpdateTime: around('2026-06-01T08:00:00.000Z') },
    ],
    NextToken: expect.any(String),
    $metadata: expect.objectContaining({ httpStatusCode: 200 }),
  });
  const all: string[] = [];
  for await (const page of paginateListSuppressedDestinations({ client: ses, pageSize: 3 }, {})) {
    all.push(...page.SuppressedDestinationSummaries!.map((s) => s.EmailAddress!));
  }
  expect(all).toEqual(['old0', 'old1', 'old2', 'old3', 'old4', 'new0', 'new1', 'new2'].map((n) => `${n}@prospect.example`));

  // Incremental sync: only what changed since the last sync.
  const since = await ses.send(new ListSuppressedDestinationsCommand({ StartDate: new Date('2026-06-02T00:00:00.000Z') }));
  expect(since.SuppressedDestinationSummaries!.map((s) => s.EmailAddress)).toEqual([
    'new0@prospect.example',
    'new1@prospect.example',
    'new2@prospect.example',
  ]);
  expect(since.NextToken).toBeUndefined();
  const before = await ses.send(
    new ListSuppressedDestinationsCommand({ EndDate: new Date('2026-06-02T00:00:00.000Z'), Reasons: ['COMPLAINT'] }),
  );
  expect(before.SuppressedDestinationSummaries!.map((s) => s.EmailAddress)).toEqual(['old1@prospect.example', 'old3@prospect.example']);
});

test('a bad PageSize is BadRequestException; a bad NextToken InvalidNextTokenException', async () => {
  const ses = h.ses();
  await expect(ses.send(new ListSuppressedDestinationsCommand({ NextToken: 'garbage!' }))).rejects.toMatchObject({
    name: 'InvalidNextTokenException',
  });
  await expect(ses.send(new ListSuppressedDestinationsCommand({ PageSize: 0 }))).rejects.toMatchObject({ name: 'BadRequestException' });
});

test('a suppressed recipient: the send is accepted, nothing is delivered, a bounce is recorded', async () => {
  const ses = h.ses();
  await ses.send(new PutSuppressedDestinationCommand({ EmailAddress: 'gone@prospect.example', Reason: 'BOUNCE' }));
  const { MessageId } = await ses.send(new SendEmailCommand(simpleEmail(['gone@prospect.example'])));
  expect(MessageId).toEqual(expect.any(String));
  expect(await h.control('GET', '/_local/messages')).toEqual([]);
  const { SendQuota } = await ses.send(new (await import('@aws-sdk/client-sesv2')).GetAccountCommand({}));
  expect(SendQuota!.SentLast24Hours).toBe(1);
});

test('a hard bounce or complaint adds to the list per SuppressedReasons', async () => {
  await h.control('POST', '/_local/events', { type: 'Bounce', bounceType: 'Permanent', recipient: 'hard@prospect.example' });
  await h.control('POST', '/_local/events', { type: 'Bounce', bounceType: 'Transient', recipient: 'soft@prospect.example' });
  await h.control('POST', '/_local/events', { type: 'Complaint', recipient: 'angry@prospect.example' });
  await h.control('POST', '/_local/account', { SuppressionAttributes: { SuppressedReasons: ['COMPLAINT'] } });
  await h.control('POST', '/_local/events', { type: 'Bounce', bounceType: 'Permanent', recipient: 'hard2@prospect.example' });
  const { SuppressedDestinationSummaries } = await h.ses().send(new ListSuppressedDestinationsCommand({}));
  expect(SuppressedDestinationSummaries!.map((s) => [s.EmailAddress, s.Reason])).toEqual([
    ['hard@prospect.example', 'BOUNCE'],
    ['angry@prospect.example', 'COMPLAINT'],
  ]);
});

test('POST /_local/suppression seeds many entries at once, dated as asked', async () => {
  const entries = Array.from({ length: 2500 }, (_, i) => ({
    address: `p${String(i).padStart(4, '0')}@prospect.example`,
    reason: i % 10 ? 'BOUNCE' : 'COMPLAINT',
    at: i < 2000 ? '2026-06-01T00:00:00.000Z' : '2026-06-05T00:00:00.000Z',
  }));
  expect(await h.control('POST', '/_local/suppression', { entries })).toEqual({ added: 2500, total: 2500 });
  const ses = h.ses();
  let count = 0;
  for await (const page of paginateListSuppressedDestinations({ client: ses, pageSize: 1000 }, {}))
    count += page.SuppressedDestinationSummaries!.length;
  expect(count).toBe(2500);
  const recent = await ses.send(new ListSuppressedDestinationsCommand({ StartDate: new Date('2026-06-04T00:00:00.000Z') }));
  expect(recent.SuppressedDestinationSummaries).toHaveLength(500);
  expect(recent.SuppressedDestinationSummaries![0]).toEqual({
    EmailAddress: 'p2000@prospect.example',
    Reason: 'COMPLAINT',
    LastUpdateTime: new Date('2026-06-05T00:00:00.000Z'),
  });
  await expect(h.control('POST', '/_local/suppression', { entries: [{ address: 'x', reason: 'BOUNCE' }] })).rejects.toThrow(/400/);
});
