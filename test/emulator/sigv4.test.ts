// The emulator checks SigV4 as AWS does, so a client that signs wrongly fails here too.
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import {
  GetAccountCommand,
  GetSuppressedDestinationCommand,
  PutSuppressedDestinationCommand,
  SendEmailCommand,
} from '@aws-sdk/client-sesv2';
import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { STATIC_ACCESS_KEY_ID, STATIC_SECRET_ACCESS_KEY } from '../../dev/local-aws/credentials';
import { REGION, SENDER_QUEUE, refusal, simpleEmail, startHarness, type Harness } from './support';

let h: Harness;
beforeAll(async () => (h = await startHarness()));
afterAll(() => h.close());
beforeEach(() => h.control('POST', '/_local/reset'));

test('credentials from the identity pool sign SES and SQS calls that pass', async () => {
  const credentials = await h.credentials();
  await expect(h.ses({ credentials }).send(new GetAccountCommand({}))).resolves.toMatchObject({ $metadata: { httpStatusCode: 200 } });
  await expect(
    h.sqs({ credentials }).send(new GetQueueUrlCommand({ QueueName: 'rampart-events-sdr_40outbound_2eexample_2ecom' })),
  ).resolves.toMatchObject({
    QueueUrl: `${h.url}/000000000000/rampart-events-sdr_40outbound_2eexample_2ecom`,
  });
});

test('a path label with escaped characters is signed and checked right (double encoding)', async () => {
  const ses = h.ses();
  await ses.send(new PutSuppressedDestinationCommand({ EmailAddress: "o'neil+tag@prospect.example", Reason: 'BOUNCE' }));
  const got = await ses.send(new GetSuppressedDestinationCommand({ EmailAddress: "o'neil+tag@prospect.example" }));
  expect(got.SuppressedDestination).toMatchObject({ EmailAddress: "o'neil+tag@prospect.example", Reason: 'BOUNCE' });
});

test('the long-term emulator keys are accepted', async () => {
  const ses = h.ses({ credentials: { accessKeyId: STATIC_ACCESS_KEY_ID, secretAccessKey: STATIC_SECRET_ACCESS_KEY } });
  await expect(ses.send(new GetAccountCommand({}))).resolves.toMatchObject({ $metadata: { httpStatusCode: 200 } });
});

test('unknown credentials are UnrecognizedClientException', async () => {
  const ses = h.ses({ credentials: { accessKeyId: 'ASIAUNKNOWNKEY000000', secretAccessKey: 'whatever', sessionToken: 'token' } });
  const error = await refusal(ses.send(new GetAccountCommand({})));
  expect(error).toMatchObject({
    name: 'UnrecognizedClientException',
    message: 'The security token included in the request is invalid.',
    $metadata: { httpStatusCode: 403 },
  });
});

test('a session token that is not the one issued with the key is UnrecognizedClientException', async () => {
  const credentials = await h.credentials();
  const error = await refusal(h.ses({ credentials: { ...credentials, sessionToken: 'forged' } }).send(new GetAccountCommand({})));
  expect(error).toMatchObject({ name: 'UnrecognizedClientException', $metadata: { httpStatusCode: 403 } });
});

test('a signature made with a tampered secret is SignatureDoesNotMatch, for SES and for SQS', async () => {
  const credentials = await h.credentials();
  const tampered = {
    ...credentials,
    secretAccessKey: credentials.secretAccessKey.slice(0, -1) + (credentials.secretAccessKey.endsWith('A') ? 'B' : 'A'),
  };
  const ses = await refusal(h.ses({ credentials: tampered }).send(new GetAccountCommand({})));
  expect(ses).toMatchObject({
    name: 'SignatureDoesNotMatch',
    message: expect.stringMatching(/^The request signature we calculated does not match the signature you provided/),
    $metadata: { httpStatusCode: 403 },
  });
  const sqs = await refusal(h.sqs({ credentials: tampered }).send(new GetQueueUrlCommand({ QueueName: 'rampart-events-x' })));
  expect(sqs).toMatchObject({ name: 'SignatureDoesNotMatch', $metadata: { httpStatusCode: 403 } });
});

test('SES credentials scoped to the sqs service are refused by SES', async () => {
  const credentials = await h.credentials();
  // An SQS client pointed at the SES path signs with service `sqs`.
  const client = new SQSClient({ region: REGION, endpoint: `${h.url}`, maxAttempts: 1, credentials });
  client.middlewareStack.add(
    (next) => (args) => {
      const request = args.request as { path: string; method: string; headers: Record<string, string> };
      request.path = '/v2/email/account';
      request.method = 'GET';
      return next(args);
    },
    { step: 'build', name: 'redirectToSes' },
  );
  const error = await refusal(client.send(new GetQueueUrlCommand({ QueueName: 'rampart-events-x' })));
  expect(error).toMatchObject({
    name: 'SignatureDoesNotMatch',
    message: "Credential should be scoped to correct service: 'ses'.",
    $metadata: { httpStatusCode: 403 },
  });
  client.destroy();
});

test('a body changed after signing is refused', async () => {
  const credentials = await h.credentials();
  const ses = h.ses({ credentials });
  ses.middlewareStack.add(
    (next) => (args) => {
      // Same length, so Content-Length still holds: only the signature can tell.
      const request = args.request as { body: Uint8Array | string };
      request.body = Buffer.from(request.body).toString('utf8').replace('a@prospect', 'b@prospect');
      return next(args);
    },
    { step: 'finalizeRequest', name: 'tamperBody', priority: 'low' },
  );
  const error = await refusal(ses.send(new PutSuppressedDestinationCommand({ EmailAddress: 'a@prospect.example', Reason: 'BOUNCE' })));
  expect(error).toMatchObject({ name: 'SignatureDoesNotMatch', $metadata: { httpStatusCode: 403 } });
  expect(await h.ses().send(new GetAccountCommand({}))).toMatchObject({ $metadata: { httpStatusCode: 200 } });
});

test('credentials expired by the control route are ExpiredTokenException, and new ones work', async () => {
  const credentials = await h.credentials();
  await h.ses({ credentials }).send(new GetAccountCommand({}));
  expect(await h.control('POST', '/_local/credentials/expire')).toEqual({ expired: expect.any(Number) });
  const ses = await refusal(h.ses({ credentials }).send(new GetAccountCommand({})));
  expect(ses).toMatchObject({
    name: 'ExpiredTokenException',
    message: 'The security token included in the request is expired',
    $metadata: { httpStatusCode: 403 },
  });
  const sqs = await refusal(h.sqs({ credentials }).send(new GetQueueUrlCommand({ QueueName: 'rampart-events-x' })));
  expect(sqs).toMatchObject({ name: 'ExpiredTokenException', $metadata: { httpStatusCode: 403 } });
  await expect(h.ses({ credentials: await h.credentials() }).send(new GetAccountCommand({}))).resolves.toMatchObject({
    $metadata: { httpStatusCode: 200 },
  });
});

test('an expiry armed for the next send leaves other calls alone until a SendEmail arrives, which meets ExpiredTokenException', async () => {
  const credentials = await h.credentials();
  expect(await h.control('POST', '/_local/credentials/expire', { atNextSend: true })).toEqual({ atNextSend: true });
  // A poll in between still passes: nothing has expired yet.
  await expect(h.sqs({ credentials }).send(new GetQueueUrlCommand({ QueueName: SENDER_QUEUE }))).resolves.toMatchObject({
    $metadata: { httpStatusCode: 200 },
  });
  const send = await refusal(h.ses({ credentials }).send(new SendEmailCommand(simpleEmail(['success@simulator.amazonses.com']))));
  expect(send).toMatchObject({
    name: 'ExpiredTokenException',
    message: 'The security token included in the request is expired',
    $metadata: { httpStatusCode: 403 },
  });
  // Everything issued before the send expired with it; new credentials send, and the expiry happened once.
  expect(await refusal(h.sqs({ credentials }).send(new GetQueueUrlCommand({ QueueName: SENDER_QUEUE })))).toMatchObject({
    name: 'ExpiredTokenException',
  });
  const renewed = h.ses({ credentials: await h.credentials() });
  await expect(renewed.send(new SendEmailCommand(simpleEmail(['success@simulator.amazonses.com'])))).resolves.toMatchObject({
    MessageId: expect.any(String),
  });
  expect((await h.control<{ outcome: string }[]>('GET', '/_local/requests')).map((r) => r.outcome)).toEqual([
    'ExpiredTokenException',
    'accepted',
  ]);
});

test('a reset disarms an expiry armed for the next send', async () => {
  const credentials = await h.credentials();
  await h.control('POST', '/_local/credentials/expire', { atNextSend: true });
  await h.control('POST', '/_local/reset');
  await expect(h.ses({ credentials }).send(new SendEmailCommand(simpleEmail(['success@simulator.amazonses.com'])))).resolves.toMatchObject({
    MessageId: expect.any(String),
  });
});

test('credentials expire when the emulator clock passes their Expiration', async () => {
  const credentials = await h.credentials();
  await h.control('POST', '/_local/clock', { advance: 'PT59M' });
  await expect(h.ses({ credentials }).send(new GetAccountCommand({}))).resolves.toMatchObject({ $metadata: { httpStatusCode: 200 } });
  await h.control('POST', '/_local/clock', { advance: 'PT2M' });
  const error = await refusal(h.ses({ credentials }).send(new GetAccountCommand({})));
  expect(error).toMatchObject({ name: 'ExpiredTokenException' });
});

test('an unsigned SES request is MissingAuthenticationTokenException', async () => {
  const response = await fetch(`${h.url}/v2/email/account`);
  expect(response.status).toBe(403);
  expect(response.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
  expect(await response.json()).toEqual({ message: 'Missing Authentication Token' });
});
