import { SendEmailCommand, type SESv2Client, type SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import type { UserError } from '@/lib/core/errors';
import type { CachedCredentials } from './credentials';
import { explainAwsError } from './errors';

// One SendEmail, with the only retries that are safe (docs/architecture.md): SendEmail has no
// idempotency token, so a call is repeated only when SES certainly did not send —
// "Maximum sending rate exceeded." (backoff with full jitter) and expired credentials
// (once, with new ones). "Daily message quota exceeded." stops for the day; a connection
// lost after the request left is `unknown` and is never repeated.

export type SendOutcome =
  | { outcome: 'sent'; messageId: string; attempts: number }
  | { outcome: 'blocked' | 'failed' | 'unknown'; error: UserError; attempts: number };

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Backoff before retry n (n = 1, 2, …) is drawn from [0, min(capMs, baseMs · 2^(n-1))). */
  baseMs: number;
  capMs: number;
  sleep: (ms: number) => Promise<void>;
  /** In [0, 1): the jitter (tests may pass a fixed one). */
  random: () => number;
}

export const defaultRetryPolicy: RetryPolicy = {
  // "Maximum sending rate exceeded" is retriable, with exponential backoff (AWS Messaging &
  // Targeting Blog, "How to handle a 'Throttling – Maximum sending rate exceeded' error",
  // whose example tries ten times), bounded by a maximum number of retries and a maximum
  // delay (AWS General Reference, "Error retries and exponential backoff in AWS"; the AWS
  // SDKs cap a delay at 20 s, and start a throttled call's backoff at 500 ms). MaxSendRate
  // is per account and several browsers share it: ten attempts from 500 ms doubling to 20 s
  // wait ~46 s in all on average, under 2 min at worst. The pacer backs the whole browser
  // off (lib/send/pacing.ts); this backoff is the one send's.
  maxAttempts: 10,
  baseMs: 500,
  capMs: 20_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/** Full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"). */
export function backoffMs(retry: number, policy: Pick<RetryPolicy, 'baseMs' | 'capMs' | 'random'>): number {
  return Math.floor(policy.random() * Math.min(policy.capMs, policy.baseMs * 2 ** (retry - 1)));
}

export interface SendHooks {
  /** Called just before each attempt leaves (the outbox records `sending` and the count). */
  beforeAttempt?: (attempt: number) => Promise<void>;
  /**
   * Called when an attempt certainly did not send and a retry waits (the row is not
   * `sending` meanwhile); `why` says whether SES refused it for the rate.
   */
  beforeBackoff?: (attempt: number, why: 'rate' | 'credentials') => Promise<void>;
}

export async function sendEmail(
  ses: SESv2Client,
  credentials: CachedCredentials,
  input: SendEmailCommandInput,
  policy: RetryPolicy = defaultRetryPolicy,
  hooks: SendHooks = {},
): Promise<SendOutcome> {
  let renewedCredentials = false;
  for (let attempt = 1; ; attempt++) {
    // Credentials first, on their own: a failure here certainly sent nothing, which a
    // failure inside the SES call could not promise.
    try {
      await credentials();
    } catch (error) {
      return { outcome: 'failed', error: explainAwsError(error, 'credentials').error, attempts: attempt - 1 };
    }

    await hooks.beforeAttempt?.(attempt);
    try {
      const { MessageId } = await ses.send(new SendEmailCommand(input));
      // The SDK does not check the answer's types: anything but a non-empty string is no id.
      if (typeof MessageId !== 'string' || !MessageId) {
        // Accepted without an id: sent, but Rampart cannot name it.
        return {
          outcome: 'unknown',
          error: { code: 'no-message-id', message: 'SES accepted the message but gave no message id, so Rampart cannot track it.' },
          attempts: attempt,
        };
      }
      return { outcome: 'sent', messageId: MessageId, attempts: attempt };
    } catch (thrown) {
      const { error, disposition } = explainAwsError(thrown, 'ses');
      switch (disposition) {
        case 'retry-later':
          if (attempt < policy.maxAttempts) {
            await hooks.beforeBackoff?.(attempt, 'rate');
            await policy.sleep(backoffMs(attempt, policy));
            continue;
          }
          return { outcome: 'failed', error, attempts: attempt };
        case 'renew-credentials':
          credentials.invalidate();
          if (!renewedCredentials && attempt < policy.maxAttempts) {
            renewedCredentials = true;
            await hooks.beforeBackoff?.(attempt, 'credentials');
            continue;
          }
          return { outcome: 'failed', error, attempts: attempt };
        case 'stop-for-today':
          return { outcome: 'blocked', error, attempts: attempt };
        case 'maybe-sent':
          return { outcome: 'unknown', error, attempts: attempt };
        case 'refused':
          return { outcome: 'failed', error, attempts: attempt };
      }
    }
  }
}
