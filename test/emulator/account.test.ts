import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { GetAccountCommand, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { simpleEmail, startHarness, type Harness } from './support';

let h: Harness;
beforeAll(async () => (h = await startHarness()));
afterAll(() => h.close());
beforeEach(() => h.control('POST', '/_local/reset'));

const startAccount = {
  DedicatedIpAutoWarmupEnabled: false,
  EnforcementStatus: 'HEALTHY',
  ProductionAccessEnabled: true,
  SendingEnabled: true,
  SendQuota: { Max24HourSend: 300, MaxSendRate: 14, SentLast24Hours: 0 },
  SuppressionAttributes: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
  VdmAttributes: {
    VdmEnabled: 'ENABLED',
    DashboardAttributes: { EngagementMetrics: 'ENABLED' },
    GuardianAttributes: { OptimizedSharedDelivery: 'ENABLED' },
  },
};

test('GetAccount answers the start state', async () => {
  const { $metadata, ...account } = await h.ses().send(new GetAccountCommand({}));
  expect($metadata.httpStatusCode).toBe(200);
  expect(account).toEqual(startAccount);
});

test('SentLast24Hours counts recipients over a rolling 24 hours of the emulator clock', async () => {
  // Each call after a jump of the clock takes a new client, as credentials expire by that clock.
  await h.control('POST', '/_local/clock', { now: '2026-05-04T09:00:00.000Z' });
  await h.ses().send(
    new SendEmailCommand(
      simpleEmail(['a@prospect.example', 'b@prospect.example'], {
        Destination: { ToAddresses: ['a@prospect.example'], CcAddresses: ['b@prospect.example'], BccAddresses: ['c@prospect.example'] },
      }),
    ),
  );
  await h.control('POST', '/_local/clock', { advance: 'PT12H' });
  await h.ses().send(new SendEmailCommand(simpleEmail(['d@prospect.example'])));
  const sent = async () => (await h.ses().send(new GetAccountCommand({}))).SendQuota!.SentLast24Hours;
  expect(await sent()).toBe(4);
  await h.control('POST', '/_local/clock', { advance: 'PT11H59M' });
  expect(await sent()).toBe(4);
  await h.control('POST', '/_local/clock', { advance: 'PT2M' }); // the first send is now 24 h 01 min old
  expect(await sent()).toBe(1);
  await h.control('POST', '/_local/clock', { advance: 43200 }); // seconds
  expect(await sent()).toBe(0);
});

test('POST /_local/account deep-merges into the account', async () => {
  const answered = await h.control('POST', '/_local/account', {
    SendQuota: { Max24HourSend: 1000 },
    EnforcementStatus: 'PROBATION',
    VdmEnabled: false,
    Details: { MailType: 'MARKETING' },
  });
  const { $metadata, ...account } = await h.ses().send(new GetAccountCommand({}));
  expect(account).toEqual({
    ...startAccount,
    EnforcementStatus: 'PROBATION',
    SendQuota: { Max24HourSend: 1000, MaxSendRate: 14, SentLast24Hours: 0 },
    VdmAttributes: { ...startAccount.VdmAttributes, VdmEnabled: 'DISABLED' },
    Details: { MailType: 'MARKETING' },
  });
  expect(answered).toEqual({ ...account, Details: { MailType: 'MARKETING' } });
});

test('setting SentLast24Hours counts as that many recipients sent just now', async () => {
  await h.control('POST', '/_local/account', { SendQuota: { SentLast24Hours: 295 } });
  const ses = h.ses();
  expect((await ses.send(new GetAccountCommand({}))).SendQuota).toEqual({ Max24HourSend: 300, MaxSendRate: 14, SentLast24Hours: 295 });
  await h.control('POST', '/_local/clock', { advance: 'P1DT1S' });
  // A day later the first client's credentials have expired (emulator clock): a new client gets new ones.
  expect((await h.ses().send(new GetAccountCommand({}))).SendQuota!.SentLast24Hours).toBe(0);
});

test('leaving production access applies the sandbox quota, and granting it back restores the quota', async () => {
  await h.control('POST', '/_local/account', { SendQuota: { Max24HourSend: 50000, MaxSendRate: 40 } });
  await h.control('POST', '/_local/account', { ProductionAccessEnabled: false });
  const ses = h.ses();
  expect((await ses.send(new GetAccountCommand({}))).SendQuota).toEqual({ Max24HourSend: 200, MaxSendRate: 1, SentLast24Hours: 0 });
  await h.control('POST', '/_local/account', { ProductionAccessEnabled: true });
  expect((await ses.send(new GetAccountCommand({}))).SendQuota).toEqual({ Max24HourSend: 50000, MaxSendRate: 40, SentLast24Hours: 0 });
});

test('POST /_local/account refuses values of the wrong type', async () => {
  await expect(h.control('POST', '/_local/account', { SendingEnabled: 'no' })).rejects.toThrow(/400/);
  await expect(h.control('POST', '/_local/account', { SendQuota: { MaxSendRate: 'fast' } })).rejects.toThrow(/400/);
  await expect(h.control('POST', '/_local/account', { SuppressionAttributes: { SuppressedReasons: ['SPAM'] } })).rejects.toThrow(/400/);
});
