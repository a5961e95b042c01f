// The credential provider with a signed-in session, against the emulator: the ID token
// goes into the identity pool's logins, the credentials are the authenticated role's
// (held to the From domain), kept in storage.session for the next worker, renewed after
// invalidate(), and dropped back to guest credentials at sign-out.
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { startLocalAws, type LocalAws } from '../../../dev/local-aws/server';
import type { SignInConfig } from '@/lib/aws/sign-in/config';
import { authorizeUrl, codeFromRedirect } from '@/lib/aws/sign-in/hosted-ui';
import { createPkce } from '@/lib/aws/sign-in/pkce';
import { completeSignIn, signOut } from '@/lib/aws/sign-in/session';
import { cognitoCredentials, type AwsTarget } from '@/lib/aws/credentials';
import { explainAwsError } from '@/lib/aws/errors';

const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
const POOL_ID = 'us-east-1:00000000-0000-4000-8000-000000000000';
let aws: LocalAws;
let target: AwsTarget;

const control = async (path: string, body?: unknown) =>
  (
    await fetch(`${aws.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  ).json();

beforeAll(async () => {
  aws = await startLocalAws({ port: 0 });
  const pool = (await control('/_local/user-pool')) as { userPoolId: string; clientId: string };
  const signIn: SignInConfig = {
    region: 'us-east-1',
    userPoolId: pool.userPoolId,
    clientId: pool.clientId,
    hostedUi: aws.url,
    google: false,
  };
  target = { region: 'us-east-1', identityPoolId: POOL_ID, endpoint: aws.url, signIn };
});
afterAll(() => aws.close());
beforeEach(async () => {
  fakeBrowser.reset();
  await control('/_local/reset', {});
});

async function signIn(): Promise<void> {
  const pkce = await createPkce();
  const response = await fetch(authorizeUrl(target.signIn!, pkce, 's', REDIRECT), { redirect: 'manual' });
  await completeSignIn(target.signIn!, codeFromRedirect(response.headers.get('location')!, 's'), pkce.verifier, REDIRECT);
}

function sendFrom(credentials: ReturnType<typeof cognitoCredentials>, from: string) {
  const ses = new SESv2Client({ region: 'us-east-1', endpoint: aws.url, credentials, maxAttempts: 1 });
  return ses.send(
    new SendEmailCommand({
      FromEmailAddress: from,
      Destination: { ToAddresses: ['success@simulator.amazonses.com'] },
      Content: { Simple: { Subject: { Data: 'Hi' }, Body: { Text: { Data: 'Hi' } } } },
      ConfigurationSetName: 'rampart',
    }),
  );
}

test('signed in: authenticated credentials, held to the team’s From domain', async () => {
  await signIn();
  const credentials = cognitoCredentials(target);
  await expect(sendFrom(credentials, 'sdr@outbound.example.com')).resolves.toMatchObject({ MessageId: expect.any(String) });
  await expect(sendFrom(credentials, 'sdr@elsewhere.example.org')).rejects.toMatchObject({ name: 'AccessDeniedException' });
});

test('the credentials are kept in storage.session: a new worker reuses them without asking Cognito', async () => {
  await signIn();
  const first = await cognitoCredentials(target)();
  const kept = (await fakeBrowser.storage.session.get('rampart.signin.credentials'))['rampart.signin.credentials'] as {
    accessKeyId: string;
  };
  expect(kept.accessKeyId).toBe(first.accessKeyId);
  await control('/_local/pool', { allowUnauthenticated: false });
  const again = await cognitoCredentials(target)();
  expect(again.accessKeyId).toBe(first.accessKeyId);
});

test('after ExpiredToken, invalidate() gets new credentials rather than the kept ones', async () => {
  await signIn();
  const credentials = cognitoCredentials(target);
  const first = await credentials();
  await control('/_local/credentials/expire', {});
  await expect(sendFrom(credentials, 'sdr@outbound.example.com')).rejects.toMatchObject({ name: 'ExpiredTokenException' });
  credentials.invalidate();
  const renewed = await credentials();
  expect(renewed.accessKeyId).not.toBe(first.accessKeyId);
  await expect(sendFrom(credentials, 'sdr@outbound.example.com')).resolves.toMatchObject({ MessageId: expect.any(String) });
});

test('signed out: no guest credentials, a sentence asking the user to sign in, and nothing sent', async () => {
  await signIn();
  const credentials = cognitoCredentials(target);
  await credentials();
  await signOut();
  expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  const error = await credentials().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(explainAwsError(error, 'credentials').error).toEqual({
    code: 'signed-out',
    message: 'Nobody is signed in to Rampart: sign in from Rampart’s options. Nothing was sent.',
  });
  await expect(sendFrom(credentials, 'sdr@outbound.example.com')).rejects.toMatchObject({ code: 'signed-out' });
  expect(await control('/_local/requests')).toEqual([]);
});

test('a sign-in that cannot be renewed is a sentence, not a crash, and signs the user out', async () => {
  await signIn();
  const credentials = cognitoCredentials(target);
  await credentials();
  await control('/_local/user-pool', { revokeRefreshTokens: true });
  await control('/_local/clock', { advance: 'PT2H' });
  credentials.invalidate();
  const error = await credentials().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(explainAwsError(error, 'credentials')).toEqual({
    error: { code: 'signin-expired', message: 'Your sign-in has expired or was revoked. Sign in again in Rampart’s options.' },
    disposition: 'refused',
  });
  expect(await fakeBrowser.storage.session.get('rampart.signin')).toEqual({});
});
