// Shared set-up for the emulator's SDK-level tests: one emulator per test file, the real
// AWS SDK clients pointed at it (only `endpoint` differs from production). By default the
// clients sign with the account's long-term keys, which no role condition narrows, so a
// test of SES's own rules meets SES's answer alone; the tests of who may do what pass a
// member's (`credentials()`, through the real Cognito identity-pool provider) or a guest's.
import { expect } from 'vitest';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import { CognitoIdentityClient, GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { fromCognitoIdentityPool } from '@aws-sdk/credential-provider-cognito-identity';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { startLocalAws, type LocalAws } from '../../dev/local-aws/server';
import { STATIC_ACCESS_KEY_ID, STATIC_SECRET_ACCESS_KEY } from '../../dev/local-aws/credentials';

/** The account's long-term keys: SES's and SQS's rules, no role's. */
export const ACCOUNT_KEYS: AwsCredentialIdentity = { accessKeyId: STATIC_ACCESS_KEY_ID, secretAccessKey: STATIC_SECRET_ACCESS_KEY };

export const REGION = 'us-east-1';
export const POOL_ID = 'us-east-1:00000000-0000-4000-8000-000000000000';
export const FROM = 'Demo SDR <sdr@outbound.example.com>';
export const SENDER = 'sdr@outbound.example.com';
/** The local user pool's key in `Logins`. */
export const LOGINS_KEY = 'cognito-idp.us-east-1.amazonaws.com/us-east-1_RampartLo';
/** SENDER's `sender` tag: every byte outside [a-z0-9-] as `_` and two hex digits. */
export const SENDER_TAG = 'sdr_40outbound_2eexample_2ecom';
export const SENDER_QUEUE = `rampart-events-${SENDER_TAG}`;

/** A Storage for the provider's identity-id cache, private to one test. */
function memoryCache() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

export interface Harness {
  aws: LocalAws;
  url: string;
  /** Calls a control route; throws on a non-2xx answer unless `allowError`. */
  control<T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T>;
  /** Fresh temporary credentials of the signed-in SDR, through GetId + GetCredentialsForIdentity with an ID token of `/_local/login`. */
  credentials(): Promise<AwsCredentialIdentity>;
  /** Fresh temporary credentials of a guest (unauthenticated) identity. */
  guestCredentials(): Promise<AwsCredentialIdentity>;
  ses(options?: { credentials?: AwsCredentialIdentity; maxAttempts?: number }): SESv2Client;
  sqs(options?: { credentials?: AwsCredentialIdentity }): SQSClient;
  cognito(): CognitoIdentityClient;
  close(): Promise<void>;
}

export async function startHarness(options: { mailViewer?: boolean } = {}): Promise<Harness> {
  const aws = await startLocalAws({ port: 0, mailViewer: options.mailViewer });
  const url = aws.url;
  const cognito = () => new CognitoIdentityClient({ region: REGION, endpoint: url });
  const clients: { destroy(): void }[] = [];
  const track = <C extends { destroy(): void }>(client: C) => (clients.push(client), client);
  // Guests are refused by SES and SQS (the identity pool's scope-down): clients sign in.
  const login = async () =>
    (await (
      await fetch(`${url}/_local/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: SENDER }),
      })
    ).json()) as { idToken: string; loginsKey: string };
  const poolCredentials = () =>
    fromCognitoIdentityPool({
      identityPoolId: POOL_ID,
      cache: memoryCache(),
      clientConfig: { region: REGION, endpoint: url },
      logins: { [LOGINS_KEY]: async () => (await login()).idToken },
    });
  const issue = async (logins?: Record<string, string>) => {
    const client = track(cognito());
    const { IdentityId } = await client.send(new GetIdCommand({ IdentityPoolId: POOL_ID, Logins: logins }));
    const { Credentials } = await client.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins }));
    return {
      accessKeyId: Credentials!.AccessKeyId!,
      secretAccessKey: Credentials!.SecretKey!,
      sessionToken: Credentials!.SessionToken!,
      expiration: Credentials!.Expiration,
    };
  };
  return {
    aws,
    url,
    async control<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const payload = (await response.json()) as T;
      if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${JSON.stringify(payload)}`);
      return payload;
    },
    credentials: () => poolCredentials()(),
    guestCredentials: () => issue(),
    ses: ({ credentials, maxAttempts = 1 } = {}) =>
      track(new SESv2Client({ region: REGION, endpoint: url, maxAttempts, credentials: credentials ?? ACCOUNT_KEYS })),
    sqs: ({ credentials } = {}) =>
      track(new SQSClient({ region: REGION, endpoint: url, maxAttempts: 1, credentials: credentials ?? ACCOUNT_KEYS })),
    cognito: () => track(cognito()),
    async close() {
      for (const client of clients) client.destroy();
      await aws.close();
    },
  };
}

/** A minimal Simple SendEmail input. */
export function simpleEmail(to: string[], overrides: Record<string, unknown> = {}) {
  return {
    FromEmailAddress: FROM,
    Destination: { ToAddresses: to },
    Content: { Simple: { Subject: { Data: 'Following up' }, Body: { Text: { Data: 'Hello again.' } } } },
    ConfigurationSetName: 'rampart',
    EmailTags: [{ Name: 'sender', Value: SENDER_TAG }],
    ...overrides,
  };
}

/** Runs `promise` expecting a rejection; returns the error so its shape can be asserted. */
export async function refusal(promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { $metadata?: { httpStatusCode?: number } };
  }
  throw new Error('expected the call to be refused, but it succeeded');
}

/**
 * A Date within a few seconds of `iso`: the emulator's clock keeps running after a test
 * sets it, so stamps land just after the time set.
 */
export function around(iso: string, toleranceMs = 5000) {
  const target = Date.parse(iso);
  return expect.toSatisfy(
    (value: unknown) => value instanceof Date && value.getTime() >= target && value.getTime() - target < toleranceMs,
    `a time just after ${iso}`,
  );
}
