import { SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalAws, type LocalAws } from '../../../dev/local-aws/server';
import { awsTargetOf, cognitoCredentials } from '@/lib/aws/credentials';
import { backoffMs, defaultRetryPolicy, sendEmail } from '@/lib/aws/send';
import type { Settings } from '@/lib/store/settings';
import { emulatorSignInSettings } from '../../support/sign-in';

describe('backoffMs', () => {
  const policy = { baseMs: 250, capMs: 2_000 };
  it.each([
    [1, 0, 0],
    [1, 0.999, 249],
    [2, 0.999, 499],
    [3, 0.5, 500],
    [4, 0.999, 1_998],
    [8, 0.999, 1_998], // capped
  ])('retry %i at jitter %f waits %i ms', (retry, random, ms) => {
    expect(backoffMs(retry, { ...policy, random: () => random })).toBe(ms);
  });

  it('never waits the full ceiling (full jitter draws from [0, ceiling))', () => {
    for (let retry = 1; retry <= 6; retry++) {
      expect(backoffMs(retry, { ...policy, random: () => 0.9999999 })).toBeLessThan(Math.min(2_000, 250 * 2 ** (retry - 1)));
    }
  });

  it('rides out a rate throttle for as long as AWS advises, and no longer', () => {
    // AWS's advice for "Maximum sending rate exceeded": retriable, with exponential backoff
    // and a maximum delay (the SDKs' ceiling is 20 s); the blog's own loop tries ten times.
    expect(defaultRetryPolicy.maxAttempts).toBe(10);
    expect(defaultRetryPolicy.capMs).toBe(20_000);
    let worst = 0;
    let typical = 0;
    for (let retry = 1; retry < defaultRetryPolicy.maxAttempts; retry++) {
      worst += backoffMs(retry, { ...defaultRetryPolicy, random: () => 0.9999 });
      typical += backoffMs(retry, { ...defaultRetryPolicy, random: () => 0.5 });
    }
    // Long enough for two browsers sharing one account's MaxSendRate to get through…
    expect(typical).toBeGreaterThan(30_000);
    // …and bounded: under two minutes of waiting at worst.
    expect(worst).toBeLessThan(120_000);
  });
});

describe('sendEmail', () => {
  let aws: LocalAws;
  beforeAll(async () => {
    aws = await startLocalAws({ port: 0 });
  });
  afterAll(async () => {
    await aws.close();
  });

  it('sends nothing and makes no attempt when nobody is signed in (no guest identity)', async () => {
    const settings = {
      region: 'us-east-1',
      identityPoolId: 'us-east-1:00000000-0000-4000-8000-000000000000',
      endpointOverride: aws.url,
      ...emulatorSignInSettings(aws.url),
    } as Settings;
    const credentials = cognitoCredentials(awsTargetOf(settings));
    const ses = new SESv2Client({ region: 'us-east-1', endpoint: aws.url, credentials, maxAttempts: 1 });
    const attempts: number[] = [];
    const outcome = await sendEmail(
      ses,
      credentials,
      {
        FromEmailAddress: 'sdr@outbound.example.com',
        Destination: { ToAddresses: ['a@prospect.example'] },
        Content: { Simple: { Subject: { Data: 's' }, Body: { Text: { Data: 't' } } } },
      },
      defaultRetryPolicy,
      { beforeAttempt: async (n) => void attempts.push(n) },
    );
    expect(outcome).toMatchObject({
      outcome: 'failed',
      attempts: 0,
      error: { code: 'signed-out', message: expect.stringMatching(/sign in from Rampart’s options/) },
    });
    expect(attempts).toEqual([]);
    expect(await (await fetch(`${aws.url}/_local/requests`)).json()).toEqual([]);
  });
});
