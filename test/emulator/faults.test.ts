import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { GetAccountCommand, LimitExceededException, SendEmailCommand, SESv2ServiceException } from '@aws-sdk/client-sesv2';
import { refusal, simpleEmail, startHarness, type Harness } from './support';

let h: Harness;
beforeAll(async () => (h = await startHarness()));
afterAll(() => h.close());
beforeEach(() => h.control('POST', '/_local/reset'));

const outcomes = async () => (await h.control<{ outcome: string }[]>('GET', '/_local/requests')).map((r) => r.outcome);
const delivered = async () => (await h.control<unknown[]>('GET', '/_local/messages')).length;

test('the next N SendEmail calls fail with TooManyRequestsException, then sends go through', async () => {
  expect(await h.control('POST', '/_local/faults', { count: 2, error: 'TooManyRequestsException' })).toEqual({
    armed: 'TooManyRequestsException',
    remaining: 2,
  });
  const ses = h.ses();
  // Other operations are not affected.
  await expect(ses.send(new GetAccountCommand({}))).resolves.toMatchObject({ $metadata: { httpStatusCode: 200 } });
  for (let i = 0; i < 2; i++) {
    const error = await refusal(ses.send(new SendEmailCommand(simpleEmail(['a@prospect.example']))));
    expect(error).toMatchObject({
      name: 'TooManyRequestsException',
      message: 'Maximum sending rate exceeded.',
      $metadata: { httpStatusCode: 429 },
    });
  }
  await expect(ses.send(new SendEmailCommand(simpleEmail(['a@prospect.example'])))).resolves.toMatchObject({
    MessageId: expect.any(String),
  });
  expect(await outcomes()).toEqual(['TooManyRequestsException', 'TooManyRequestsException', 'accepted']);
  expect(await delivered()).toBe(1);
});

test('InternalFailure is a 500 the SDK sees as a server fault', async () => {
  await h.control('POST', '/_local/faults', { count: 1, error: 'InternalFailure' });
  const error = await refusal(h.ses().send(new SendEmailCommand(simpleEmail(['a@prospect.example']))));
  expect(error).toMatchObject({ name: 'InternalFailure', $fault: 'server', $metadata: { httpStatusCode: 500 } });
  expect(await delivered()).toBe(0);
});

test('with retries on, the SDK retries a throttled send and it goes through', async () => {
  await h.control('POST', '/_local/faults', { count: 1, error: 'TooManyRequestsException' });
  const response = await h.ses({ maxAttempts: 3 }).send(new SendEmailCommand(simpleEmail(['a@prospect.example'])));
  expect(response.$metadata.attempts).toBe(2);
  expect(await outcomes()).toEqual(['TooManyRequestsException', 'accepted']);
});

test('hold: the send is accepted and delivered, but its answer waits for release', async () => {
  await h.control('POST', '/_local/faults', { count: 1, error: 'hold' });
  let answered = false;
  const sending = h
    .ses()
    .send(new SendEmailCommand(simpleEmail(['a@prospect.example'])))
    .finally(() => (answered = true));
  await expect.poll(delivered).toBe(1);
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(answered).toBe(false);
  expect(await outcomes()).toEqual(['accepted']);
  expect(await h.control('POST', '/_local/faults/release')).toEqual({ released: 1 });
  const response = await sending;
  const [message] = await h.control<{ messageId: string }[]>('GET', '/_local/messages');
  expect(response.MessageId).toBe(message!.messageId);
  // The next send is not held.
  await expect(h.ses().send(new SendEmailCommand(simpleEmail(['b@prospect.example'])))).resolves.toMatchObject({
    MessageId: expect.any(String),
  });
});

test('a reset lets held answers go', async () => {
  await h.control('POST', '/_local/faults', { count: 1, error: 'hold' });
  const sending = h.ses().send(new SendEmailCommand(simpleEmail(['a@prospect.example'])));
  await expect.poll(delivered).toBe(1);
  await h.control('POST', '/_local/reset');
  await expect(sending).resolves.toMatchObject({ MessageId: expect.any(String) });
});

test('ThrottlingException is a 400 with the sending-limit text SES gives, or the text asked for', async () => {
  expect(await h.control('POST', '/_local/faults', { count: 1, error: 'ThrottlingException' })).toEqual({
    armed: 'ThrottlingException',
    remaining: 1,
  });
  const ses = h.ses();
  const rate = await refusal(ses.send(new SendEmailCommand(simpleEmail(['a@prospect.example']))));
  // Not one of SendEmail's modeled errors: the SDK raises its service exception under that name.
  expect(rate).toBeInstanceOf(SESv2ServiceException);
  expect(rate).toMatchObject({
    name: 'ThrottlingException',
    message: 'Maximum sending rate exceeded.',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
  });
  expect(
    await h.control('POST', '/_local/faults', { count: 1, error: 'ThrottlingException', message: 'Daily message quota exceeded.' }),
  ).toEqual({
    armed: 'ThrottlingException',
    remaining: 1,
    message: 'Daily message quota exceeded.',
  });
  const daily = await refusal(ses.send(new SendEmailCommand(simpleEmail(['a@prospect.example']))));
  expect(daily).toMatchObject({
    name: 'ThrottlingException',
    message: 'Daily message quota exceeded.',
    $metadata: { httpStatusCode: 400 },
  });
  expect(await outcomes()).toEqual(['ThrottlingException', 'ThrottlingException']);
  expect(await delivered()).toBe(0);
});

test('the SDK counts ThrottlingException as throttling: with retries on it retries the send', async () => {
  await h.control('POST', '/_local/faults', { count: 1, error: 'ThrottlingException' });
  const response = await h.ses({ maxAttempts: 3 }).send(new SendEmailCommand(simpleEmail(['a@prospect.example'])));
  expect(response.$metadata.attempts).toBe(2);
  expect(await outcomes()).toEqual(['ThrottlingException', 'accepted']);
});

test("LimitExceededException is SendEmail's modeled 400", async () => {
  await h.control('POST', '/_local/faults', { count: 2, error: 'LimitExceededException' });
  const error = await refusal(h.ses().send(new SendEmailCommand(simpleEmail(['a@prospect.example']))));
  expect(error).toBeInstanceOf(LimitExceededException);
  expect(error).toMatchObject({
    name: 'LimitExceededException',
    message: 'There are too many instances of the specified resource type.',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
  });
  // The SDK's retry strategy lists LimitExceededException among its throttling codes: with
  // retries on, it sends again (which is why the extension sends with maxAttempts 1).
  const response = await h.ses({ maxAttempts: 3 }).send(new SendEmailCommand(simpleEmail(['a@prospect.example'])));
  expect(response.$metadata.attempts).toBe(2);
  expect(await outcomes()).toEqual(['LimitExceededException', 'LimitExceededException', 'accepted']);
  expect(await delivered()).toBe(1);
});

test('the faults route refuses an unknown error, and a message for hold', async () => {
  await expect(h.control('POST', '/_local/faults', { count: 1, error: 'Gremlins' })).rejects.toThrow(/400/);
  await expect(h.control('POST', '/_local/faults', { count: 1, error: 'hold', message: 'no' })).rejects.toThrow(/400/);
  await expect(h.control('POST', '/_local/faults', { count: 1, error: 'ThrottlingException', message: 42 })).rejects.toThrow(/400/);
});
