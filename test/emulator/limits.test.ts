// Sandbox, per-second rate and daily quota, each refused with SES's own error.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { CreateEmailIdentityCommand, GetAccountCommand, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { refusal, simpleEmail, startHarness, type Harness } from './support';

let h: Harness;
beforeAll(async () => (h = await startHarness()));
afterAll(() => h.close());
beforeEach(() => h.control('POST', '/_local/reset'));

const outcomes = async () => (await h.control<{ outcome: string }[]>('GET', '/_local/requests')).map((r) => r.outcome);

describe('sandbox (ProductionAccessEnabled false)', () => {
  beforeEach(() => h.control('POST', '/_local/account', { ProductionAccessEnabled: false }));

  test('a recipient that is not a verified identity is MessageRejected, naming it', async () => {
    const error = await refusal(
      h.ses().send(new SendEmailCommand(simpleEmail(['ana@prospect.example', 'success@simulator.amazonses.com', 'bo@prospect.example']))),
    );
    expect(error).toMatchObject({
      name: 'MessageRejected',
      message:
        'Email address is not verified. The following identities failed the check in region US-EAST-1: ana@prospect.example, bo@prospect.example',
      $metadata: { httpStatusCode: 400 },
    });
  });

  test('verified addresses, verified domains and simulator addresses may be sent to', async () => {
    const ses = h.ses();
    await ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'ana@prospect.example' }));
    await ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'friends.example' }));
    const response = await ses.send(
      new SendEmailCommand(simpleEmail(['ana@prospect.example', 'x@friends.example', 'sdr2@outbound.example.com'])),
    );
    expect(response.MessageId).toEqual(expect.any(String));
    await h.control('POST', '/_local/clock', { advance: 1 }); // past the sandbox's 1 per second
    await expect(ses.send(new SendEmailCommand(simpleEmail(['bounce@simulator.amazonses.com'])))).resolves.toMatchObject({
      MessageId: expect.any(String),
    });
  });

  test('one recipient per second', async () => {
    const ses = h.ses();
    await ses.send(new SendEmailCommand(simpleEmail(['success@simulator.amazonses.com'])));
    const error = await refusal(ses.send(new SendEmailCommand(simpleEmail(['success@simulator.amazonses.com']))));
    expect(error).toMatchObject({
      name: 'TooManyRequestsException',
      message: 'Maximum sending rate exceeded.',
      $metadata: { httpStatusCode: 429 },
    });
    await h.control('POST', '/_local/clock', { advance: 1 });
    await expect(h.ses().send(new SendEmailCommand(simpleEmail(['success@simulator.amazonses.com'])))).resolves.toMatchObject({
      MessageId: expect.any(String),
    });
  });

  test('200 recipients per 24 hours', async () => {
    await h.control('POST', '/_local/account', { SendQuota: { SentLast24Hours: 200 } });
    const error = await refusal(h.ses().send(new SendEmailCommand(simpleEmail(['sdr2@outbound.example.com']))));
    expect(error).toMatchObject({
      name: 'TooManyRequestsException',
      message: 'Daily message quota exceeded.',
      $metadata: { httpStatusCode: 429 },
    });
  });

  test('the mailbox simulator counts toward the rate but not the daily quota, as in SES', async () => {
    const sent = async () => (await h.ses().send(new GetAccountCommand({}))).SendQuota?.SentLast24Hours;
    await h.ses().send(new SendEmailCommand(simpleEmail(['success@simulator.amazonses.com'])));
    expect(await sent()).toBe(0);
    await h.control('POST', '/_local/account', { SendQuota: { SentLast24Hours: 200 } });
    await h.control('POST', '/_local/clock', { advance: 1 });
    await expect(h.ses().send(new SendEmailCommand(simpleEmail(['bounce@simulator.amazonses.com'])))).resolves.toMatchObject({
      MessageId: expect.any(String),
    });
    expect(await sent()).toBe(200);
  });
});

describe('production limits', () => {
  test('more recipients in a second than MaxSendRate is "Maximum sending rate exceeded."', async () => {
    await h.control('POST', '/_local/account', { SendQuota: { MaxSendRate: 3 } });
    const ses = h.ses();
    await ses.send(new SendEmailCommand(simpleEmail(['a@prospect.example', 'b@prospect.example'])));
    const error = await refusal(ses.send(new SendEmailCommand(simpleEmail(['c@prospect.example', 'd@prospect.example']))));
    expect(error).toMatchObject({
      name: 'TooManyRequestsException',
      message: 'Maximum sending rate exceeded.',
      $metadata: { httpStatusCode: 429 },
    });
    await ses.send(new SendEmailCommand(simpleEmail(['c@prospect.example']))); // 3 of 3
    expect(await outcomes()).toEqual(['accepted', 'TooManyRequestsException', 'accepted']);
    expect((await ses.send(new GetAccountCommand({}))).SendQuota!.SentLast24Hours).toBe(3);
  });

  test('a lone message may carry more recipients than MaxSendRate', async () => {
    await h.control('POST', '/_local/account', { SendQuota: { MaxSendRate: 1 } });
    await expect(h.ses().send(new SendEmailCommand(simpleEmail(['a@prospect.example', 'b@prospect.example'])))).resolves.toMatchObject({
      MessageId: expect.any(String),
    });
  });

  test('the daily quota counts recipients and frees up as sends age past 24 hours', async () => {
    await h.control('POST', '/_local/account', { SendQuota: { Max24HourSend: 3 } });
    await h.ses().send(new SendEmailCommand(simpleEmail(['a@prospect.example', 'b@prospect.example'])));
    await h.control('POST', '/_local/clock', { advance: 'PT1H' });
    const error = await refusal(h.ses().send(new SendEmailCommand(simpleEmail(['c@prospect.example', 'd@prospect.example']))));
    expect(error).toMatchObject({
      name: 'TooManyRequestsException',
      message: 'Daily message quota exceeded.',
      $metadata: { httpStatusCode: 429 },
    });
    await h.ses().send(new SendEmailCommand(simpleEmail(['c@prospect.example'])));
    await h.control('POST', '/_local/clock', { advance: 'PT23H' });
    await expect(h.ses().send(new SendEmailCommand(simpleEmail(['d@prospect.example', 'e@prospect.example'])))).resolves.toMatchObject({
      MessageId: expect.any(String),
    });
    expect(await outcomes()).toEqual(['accepted', 'TooManyRequestsException', 'accepted', 'accepted']);
  });
});
