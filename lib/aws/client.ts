import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { Settings } from '@/lib/store/settings';
import { proveNeverSent } from './connection';
import { awsTargetKey, awsTargetOf, cognitoCredentials, type AwsTarget, type CachedCredentials } from './credentials';
import { measureAwsTime } from './measure-aws-time';
import { keepAwsSkew } from './clock';

// The SES clients, built from the settings and rebuilt when the target changes.
//
// Two clients on purpose (docs/architecture.md): SendEmail has no idempotency token, so the SDK's
// own retries could send a message twice after a lost response. The client that sends
// makes exactly one attempt; Rampart retries only what is certainly not sent
// (lib/aws/send.ts). Reads are safe to repeat and keep the SDK's default retries.

export interface AwsClients {
  target: AwsTarget;
  credentials: CachedCredentials;
  /** SendEmail only: one attempt per call. */
  sesSend: SESv2Client;
  /** Everything else (GetAccount, suppression, metrics): the SDK's default retries. */
  sesRead: SESv2Client;
}

/** How long a SendEmail may take before Rampart stops waiting (and says `unknown`). */
export const SEND_TIMEOUT_MS = 30_000;

let current: { key: string; clients: AwsClients } | undefined;

/** The clients for these settings: reused while region, pool and endpoint stay the same. */
export function awsClients(settings: Settings): AwsClients {
  const target = awsTargetOf(settings);
  const key = awsTargetKey(target);
  if (current?.key === key) return current.clients;

  current?.clients.sesSend.destroy();
  current?.clients.sesRead.destroy();
  const credentials = cognitoCredentials(target);
  const base = {
    region: target.region,
    credentials,
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
  };
  const clients: AwsClients = {
    target,
    credentials,
    sesSend: new SESv2Client({
      ...base,
      maxAttempts: 1,
      // A send that hangs is reported `unknown` within the minute rather than left spinning.
      requestHandler: { requestTimeout: SEND_TIMEOUT_MS, throwOnRequestTimeout: true },
    }),
    sesRead: new SESv2Client(base),
  };
  // A send that never connected is `failed`, not `unknown`: lib/aws/connection.ts.
  proveNeverSent(clients.sesSend);
  // AWS's time for the ramp's day and freezes (lib/aws/aws-time.ts), from every SES answer.
  measureAwsTime(clients.sesSend, keepAwsSkew);
  measureAwsTime(clients.sesRead, keepAwsSkew);
  current = { key, clients };
  return clients;
}

/** Forget the clients (tests; a settings reset). */
export function dropAwsClients(): void {
  current?.clients.sesSend.destroy();
  current?.clients.sesRead.destroy();
  current = undefined;
}
