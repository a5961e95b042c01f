import { SESv2Client } from '@aws-sdk/client-sesv2';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATIC_ACCESS_KEY_ID, STATIC_SECRET_ACCESS_KEY } from '../../../dev/local-aws/credentials';
import { startLocalAws, type LocalAws } from '../../../dev/local-aws/server';
import type { CachedCredentials } from '@/lib/aws/credentials';
import { sendEmail } from '@/lib/aws/send';
import { FUZZ_RUNS, reportCases } from './runs';
import { unhandledRejectionsDuring } from '../../support/unhandled';

// SendEmail through the real SDK against the emulator answering badly: throttles, 5xx, a
// proxy's HTML page, JSON cut short, wrong types, answers held and then let go, and
// sends SES takes and then rejects. Whatever the sequence: no throw and no unhandled
// rejection, an outcome with a sentence, `sent` only with the id of a message SES has,
// and never a second request once one may have reached SES.

const FAULTS = [
  'TooManyRequestsException',
  'InternalFailure',
  'ServiceUnavailable',
  'BadGateway',
  'hold',
  'truncated',
  'wrong-types',
  'Reject',
  'RenderingFailure',
] as const;

let aws: LocalAws;
beforeAll(async () => (aws = await startLocalAws({ port: 0 })));
afterAll(() => aws.close());

const control = async <T = unknown>(path: string, body?: unknown): Promise<T> =>
  (await (
    await fetch(`${aws.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  ).json()) as T;

const credentials = Object.assign(async () => ({ accessKeyId: STATIC_ACCESS_KEY_ID, secretAccessKey: STATIC_SECRET_ACCESS_KEY }), {
  invalidate: () => {},
  memoized: true as const,
}) as CachedCredentials;

describe('SendEmail under malformed and slow answers', () => {
  it('always ends in an outcome with a sentence, and never sends twice', async () => {
    const ses = new SESv2Client({ region: 'us-east-1', endpoint: aws.url, credentials, maxAttempts: 1 });
    let cases = 0;
    try {
      const unhandled = await unhandledRejectionsDuring(
        () =>
          fc.assert(
            fc.asyncProperty(fc.array(fc.constantFrom(...FAULTS), { maxLength: 4 }), fc.nat({ max: 60 }), async (faults, holdMs) => {
              cases++;
              await control('/_local/reset', {});
              const before = (await control<unknown[]>('/_local/requests')).length;
              let attempt = 0;
              // Each attempt meets the next fault of the sequence (none once it runs out).
              const arm = async () => {
                const fault = faults[attempt++];
                if (fault) await control('/_local/faults', { count: 1, error: fault });
              };
              await arm();
              const releasing = setInterval(() => void control('/_local/faults/release', {}), holdMs + 5);
              let outcome;
              try {
                outcome = await sendEmail(
                  ses,
                  credentials,
                  {
                    FromEmailAddress: 'sdr@outbound.example.com',
                    Destination: { ToAddresses: ['ana@prospect.example'] },
                    Content: { Simple: { Subject: { Data: 'Hi' }, Body: { Text: { Data: 'Hello' } } } },
                    ConfigurationSetName: 'rampart',
                    EmailTags: [
                      { Name: 'sender', Value: 'sdr' },
                      { Name: 'outbox', Value: `fuzz-${cases}` },
                    ],
                  },
                  { maxAttempts: 4, baseMs: 1, capMs: 5, random: () => 0.5, sleep: async (ms) => new Promise((r) => setTimeout(r, ms)) },
                  { beforeBackoff: arm },
                );
              } finally {
                clearInterval(releasing);
              }
              const requests = (await control<Array<{ outcome: string; messageId?: string }>>('/_local/requests')).slice(before);
              const accepted = requests.filter((r) => r.outcome === 'accepted');
              expect(['sent', 'failed', 'unknown', 'blocked']).toContain(outcome.outcome);
              expect(accepted.length).toBeLessThanOrEqual(1);
              if (outcome.outcome === 'sent') {
                expect(typeof outcome.messageId).toBe('string');
                expect(accepted.map((r) => r.messageId)).toContain(outcome.messageId);
              } else {
                expect(outcome.error.message.trim().length).toBeGreaterThan(10);
                // Once a request may have reached SES, nothing tries again.
                if (outcome.outcome === 'failed') expect(accepted).toHaveLength(0);
              }
            }),
            { numRuns: Math.ceil(FUZZ_RUNS / 4) },
          ),
        10,
      );
      expect(unhandled).toEqual([]);
    } finally {
      ses.destroy();
    }
    reportCases('SendEmail answers', cases);
  }, 240_000);
});
