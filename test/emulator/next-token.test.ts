// ListSuppressedDestinations refuses a NextToken that expired or that this emulator did
// not issue for this listing, with the error SES models for it.
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { InvalidNextTokenException, ListSuppressedDestinationsCommand, paginateListSuppressedDestinations } from '@aws-sdk/client-sesv2';
import { refusal, startHarness, type Harness } from './support';

let h: Harness;
beforeAll(async () => (h = await startHarness()));
afterAll(() => h.close());
beforeEach(() => h.control('POST', '/_local/reset'));

const seed = (n: number, reason: 'BOUNCE' | 'COMPLAINT' = 'BOUNCE') =>
  h.control('POST', '/_local/suppression', {
    entries: Array.from({ length: n }, (_, i) => ({ address: `p${i}@prospect.example`, reason, at: '2026-06-01T00:00:00.000Z' })),
  });

async function firstToken(input: ConstructorParameters<typeof ListSuppressedDestinationsCommand>[0] = {}): Promise<string> {
  const { NextToken } = await h.ses().send(new ListSuppressedDestinationsCommand({ PageSize: 2, ...input }));
  expect(NextToken).toEqual(expect.any(String));
  return NextToken!;
}

async function expectInvalidToken(promise: Promise<unknown>) {
  const error = (await refusal(promise)) as InvalidNextTokenException & { $response?: { headers: Record<string, string> } };
  // A modeled error of the operation: the SDK raises its own class for it.
  expect(error).toBeInstanceOf(InvalidNextTokenException);
  expect(error).toMatchObject({
    name: 'InvalidNextTokenException',
    message: 'The specified request includes an invalid or expired token.',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
  });
  expect(error.$response?.headers['x-amzn-errortype']).toBe('InvalidNextTokenException');
}

test('a token still works just before its hour is up, and is refused after it', async () => {
  await seed(5);
  const ses = h.ses();
  const token = await firstToken();
  await h.control('POST', '/_local/clock', { advance: 'PT59M' });
  const second = await ses.send(new ListSuppressedDestinationsCommand({ PageSize: 2, NextToken: token }));
  expect(second.SuppressedDestinationSummaries!.map((s) => s.EmailAddress)).toEqual(['p2@prospect.example', 'p3@prospect.example']);
  await h.control('POST', '/_local/clock', { advance: 'PT2M' });
  await expectInvalidToken(ses.send(new ListSuppressedDestinationsCommand({ PageSize: 2, NextToken: token })));
  // The token handed out a minute ago is still good.
  const third = await ses.send(new ListSuppressedDestinationsCommand({ PageSize: 2, NextToken: second.NextToken }));
  expect(third.SuppressedDestinationSummaries!.map((s) => s.EmailAddress)).toEqual(['p4@prospect.example']);
});

test('a token issued by another emulator is foreign', async () => {
  const other = await startHarness();
  try {
    await other.control('POST', '/_local/suppression', {
      entries: [1, 2, 3].map((i) => ({ address: `p${i}@prospect.example`, reason: 'BOUNCE' })),
    });
    const { NextToken } = await other.ses().send(new ListSuppressedDestinationsCommand({ PageSize: 1 }));
    expect(NextToken).toEqual(expect.any(String));
    await seed(3);
    await expectInvalidToken(h.ses().send(new ListSuppressedDestinationsCommand({ PageSize: 1, NextToken })));
  } finally {
    await other.close();
  }
});

test('a token is bound to the filters of the request that issued it', async () => {
  await seed(4, 'BOUNCE');
  const ses = h.ses();
  const token = await firstToken({ Reasons: ['BOUNCE'] });
  await expectInvalidToken(ses.send(new ListSuppressedDestinationsCommand({ PageSize: 2, NextToken: token })));
  await expectInvalidToken(ses.send(new ListSuppressedDestinationsCommand({ PageSize: 2, NextToken: token, Reasons: ['COMPLAINT'] })));
  await expectInvalidToken(
    ses.send(
      new ListSuppressedDestinationsCommand({
        PageSize: 2,
        NextToken: token,
        Reasons: ['BOUNCE'],
        StartDate: new Date('2026-05-01T00:00:00.000Z'),
      }),
    ),
  );
  // The same filters, PageSize free to change: the next page.
  const next = await ses.send(new ListSuppressedDestinationsCommand({ PageSize: 3, NextToken: token, Reasons: ['BOUNCE'] }));
  expect(next.SuppressedDestinationSummaries!.map((s) => s.EmailAddress)).toEqual(['p2@prospect.example', 'p3@prospect.example']);
});

test('a made-up or altered token is refused the same way', async () => {
  await seed(3);
  const ses = h.ses();
  await expectInvalidToken(ses.send(new ListSuppressedDestinationsCommand({ NextToken: 'garbage!' })));
  const made = Buffer.from(JSON.stringify({ after: '000000000000000|p0@prospect.example' })).toString('base64url');
  await expectInvalidToken(ses.send(new ListSuppressedDestinationsCommand({ NextToken: made })));
  const token = await firstToken();
  const altered = `${token.slice(0, 10)}${token[10] === 'A' ? 'B' : 'A'}${token.slice(11)}`;
  await expectInvalidToken(ses.send(new ListSuppressedDestinationsCommand({ PageSize: 2, NextToken: altered })));
});

test('the SDK paginator walks a long list within the token lifetime', async () => {
  await seed(25);
  let count = 0;
  for await (const page of paginateListSuppressedDestinations({ client: h.ses(), pageSize: 4 }, {}))
    count += page.SuppressedDestinationSummaries!.length;
  expect(count).toBe(25);
});
