// Control routes, reset, and what the server does with requests that are not AWS's.
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import {
  CreateContactCommand,
  GetAccountCommand,
  GetContactCommand,
  ListSuppressedDestinationsCommand,
  PutSuppressedDestinationCommand,
  SendEmailCommand,
} from '@aws-sdk/client-sesv2';
import { refusal, simpleEmail, startHarness, type Harness } from './support';

let h: Harness;
beforeAll(async () => (h = await startHarness()));
afterAll(() => h.close());
beforeEach(() => h.control('POST', '/_local/reset'));

test('reset puts back the start state', async () => {
  const ses = h.ses();
  await ses.send(new SendEmailCommand(simpleEmail(['a@prospect.example'])));
  await ses.send(new PutSuppressedDestinationCommand({ EmailAddress: 'x@prospect.example', Reason: 'BOUNCE' }));
  await ses.send(new CreateContactCommand({ ContactListName: 'rampart', EmailAddress: 'c@prospect.example' }));
  await h.control('POST', '/_local/account', { ProductionAccessEnabled: false, SendingEnabled: false });
  await h.control('POST', '/_local/clock', { advance: 'P3D' });
  await h.control('POST', '/_local/pool', { allowUnauthenticated: false });

  expect(await h.control('POST', '/_local/reset')).toEqual({ reset: true, now: expect.any(String) });
  const fresh = h.ses();
  const { $metadata, ...account } = await fresh.send(new GetAccountCommand({}));
  expect(account).toMatchObject({
    ProductionAccessEnabled: true,
    SendingEnabled: true,
    EnforcementStatus: 'HEALTHY',
    SendQuota: { Max24HourSend: 300, MaxSendRate: 14, SentLast24Hours: 0 },
  });
  expect((await fresh.send(new ListSuppressedDestinationsCommand({}))).SuppressedDestinationSummaries).toEqual([]);
  expect(
    await refusal(fresh.send(new GetContactCommand({ ContactListName: 'rampart', EmailAddress: 'c@prospect.example' }))),
  ).toMatchObject({ name: 'NotFoundException' });
  expect(await h.control('GET', '/_local/messages')).toEqual([]);
  expect(await h.control('GET', '/_local/requests')).toEqual([]);
  const { now } = await h.control<{ now: string }>('GET', '/_local/clock');
  expect(Math.abs(Date.parse(now) - Date.now())).toBeLessThan(5000);
});

test('the clock takes an ISO time or an advance as a duration or seconds', async () => {
  expect(await h.control('POST', '/_local/clock', { now: '2027-01-01T00:00:00.000Z' })).toEqual({
    now: expect.stringMatching(/^2027-01-01T00:00:0/),
  });
  const { now } = await h.control<{ now: string }>('POST', '/_local/clock', { advance: 'P1DT2H30M' });
  expect(now).toMatch(/^2027-01-02T02:30:0/);
  expect((await h.control<{ now: string }>('POST', '/_local/clock', { advance: 3600 })).now).toMatch(/^2027-01-02T03:30:0/);
  await expect(h.control('POST', '/_local/clock', { advance: 'P1M' })).rejects.toThrow(/400/);
  await expect(h.control('POST', '/_local/clock', { now: 'yesterday' })).rejects.toThrow(/400/);
});

test('malformed JSON is refused in the protocol’s own shape', async () => {
  const credentials = await h.credentials();
  const ses = h.ses({ credentials });
  ses.middlewareStack.add(
    (next) => (args) => {
      // Signed as sent: the emulator checks the signature first, then the body.
      const request = args.request as { body: string; headers: Record<string, string> };
      request.body = '{"EmailAddress": ';
      request.headers['content-length'] = String(request.body.length);
      return next(args);
    },
    { step: 'build', name: 'breakBody' },
  );
  const error = await refusal(ses.send(new PutSuppressedDestinationCommand({ EmailAddress: 'a@prospect.example', Reason: 'BOUNCE' })));
  expect(error).toMatchObject({ name: 'SerializationException', $metadata: { httpStatusCode: 400 } });

  const control = await fetch(`${h.url}/_local/account`, { method: 'POST', body: '{nope' });
  expect(control.status).toBe(400);
  expect(await control.json()).toEqual({ error: 'SerializationException', message: 'The request body is not valid JSON.' });
});

test('an unknown route is UnknownOperationException 404', async () => {
  for (const [method, path] of [
    ['GET', '/v2/email/nothing-here'],
    ['GET', '/'],
    ['GET', '/_local/nothing'],
  ] as const) {
    const response = await fetch(`${h.url}${path}`, { method });
    expect(response.status).toBe(404);
    expect(response.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    expect(await response.json()).toMatchObject({ message: expect.any(String) });
  }
  const target = await fetch(`${h.url}/`, {
    method: 'POST',
    headers: { 'x-amz-target': 'AWSCognitoIdentityService.DeleteIdentityPool', 'content-type': 'application/x-amz-json-1.1' },
    body: '{}',
  });
  expect(target.status).toBe(400);
  expect(await target.json()).toEqual({
    __type: 'UnknownOperationException',
    message: 'Unknown operation AWSCognitoIdentityService.DeleteIdentityPool.',
  });
});

test('a body over 10 MB is refused with 413, declared or streamed, and the server keeps serving', async () => {
  const declared = await fetch(`${h.url}/v2/email/outbound-emails`, { method: 'POST', body: Buffer.alloc(10 * 1024 * 1024 + 1, 'a') });
  expect(declared.status).toBe(413);
  expect(declared.headers.get('x-amzn-errortype')).toBe('RequestEntityTooLargeException');
  const chunks = new ReadableStream({
    start(controller) {
      for (let i = 0; i < 11; i++) controller.enqueue(new Uint8Array(1024 * 1024));
      controller.close();
    },
  });
  const streamed = await fetch(`${h.url}/v2/email/outbound-emails`, { method: 'POST', body: chunks, duplex: 'half' } as RequestInit);
  expect(streamed.status).toBe(413);
  await expect(h.ses().send(new GetAccountCommand({}))).resolves.toMatchObject({ $metadata: { httpStatusCode: 200 } });
});

test('CORS: preflights are answered and answers carry Access-Control-Allow-Origin', async () => {
  const preflight = await fetch(`${h.url}/v2/email/account`, {
    method: 'OPTIONS',
    headers: {
      origin: 'http://127.0.0.1:4570',
      'access-control-request-method': 'GET',
      'access-control-request-headers': 'authorization,x-amz-date',
    },
  });
  expect(preflight.status).toBe(204);
  expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
  expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization,x-amz-date');
  const answer = await fetch(`${h.url}/_local/messages`, { headers: { origin: 'http://127.0.0.1:4570' } });
  expect(answer.headers.get('access-control-allow-origin')).toBe('*');
});
