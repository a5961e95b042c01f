// Sign-in against the emulator, through the real SDK: the hosted UI stand-in with PKCE,
// authenticated identities through Logins, and the authenticated role's From condition.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { GetAccountCommand, ListSuppressedDestinationsCommand, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { GetQueueUrlCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { fromCognitoIdentityPool } from '@aws-sdk/credential-provider-cognito-identity';
import { POOL_ID, REGION, SENDER_QUEUE, refusal, simpleEmail, startHarness, type Harness } from './support';

let h: Harness;
beforeAll(async () => (h = await startHarness()));
afterAll(() => h.close());
beforeEach(() => h.control('POST', '/_local/reset'));

const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';

interface UserPoolView {
  userPoolId: string;
  clientId: string;
  tokenRequests: { grantType: string; outcome: string }[];
}
interface Tokens {
  id_token: string;
  access_token: string;
  refresh_token?: string;
  expires_in: number;
}

const pool = () => h.control<UserPoolView>('GET', '/_local/user-pool');
const loginsKey = (userPoolId: string) => `cognito-idp.${REGION}.amazonaws.com/${userPoolId}`;

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

async function authorize(params: Record<string, string>): Promise<Response> {
  const { clientId } = await pool();
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: REDIRECT,
    scope: 'openid email',
    ...params,
  });
  return fetch(`${h.url}/oauth2/authorize?${query}`, { redirect: 'manual' });
}

async function token(form: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${h.url}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The whole hosted-UI flow: a code for a PKCE challenge, exchanged with its verifier. */
async function signIn(provider?: string): Promise<Tokens> {
  const { verifier, challenge } = pkce();
  const redirect = await authorize({
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: 's1',
    ...(provider ? { identity_provider: provider } : {}),
  });
  const code = new URL(redirect.headers.get('location')!).searchParams.get('code')!;
  const { clientId } = await pool();
  const { status, body } = await token({
    grant_type: 'authorization_code',
    client_id: clientId,
    code,
    redirect_uri: REDIRECT,
    code_verifier: verifier,
  });
  expect(status).toBe(200);
  return body as unknown as Tokens;
}

function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

async function signedInCredentials(idToken: string) {
  const { userPoolId } = await pool();
  const client = h.cognito();
  const Logins = { [loginsKey(userPoolId)]: idToken };
  const { IdentityId } = await client.send(new GetIdCommand({ IdentityPoolId: POOL_ID, Logins }));
  const { Credentials } = await client.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }));
  return {
    identityId: IdentityId!,
    credentials: {
      accessKeyId: Credentials!.AccessKeyId!,
      secretAccessKey: Credentials!.SecretKey!,
      sessionToken: Credentials!.SessionToken!,
      expiration: Credentials!.Expiration,
    },
  };
}

describe('hosted UI stand-in', () => {
  test('authorize redirects at once to the redirect URI with a code and the state', async () => {
    const { challenge } = pkce();
    const response = await authorize({ code_challenge: challenge, code_challenge_method: 'S256', state: 'xyz' });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
    expect(location.searchParams.get('state')).toBe('xyz');
    expect(location.searchParams.get('code')).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('the token endpoint checks the PKCE verifier, and a code works once', async () => {
    const { verifier, challenge } = pkce();
    const { clientId } = await pool();
    const code = async () =>
      new URL((await authorize({ code_challenge: challenge, code_challenge_method: 'S256' })).headers.get('location')!).searchParams.get(
        'code',
      )!;
    const exchange = (c: string, v: string) =>
      token({ grant_type: 'authorization_code', client_id: clientId, code: c, redirect_uri: REDIRECT, code_verifier: v });

    const wrong = await exchange(await code(), pkce().verifier);
    expect(wrong).toEqual({ status: 400, body: { error: 'invalid_grant' } });

    const first = await code();
    const right = await exchange(first, verifier);
    expect(right.status).toBe(200);
    expect(right.body).toMatchObject({
      id_token: expect.any(String),
      access_token: expect.any(String),
      refresh_token: expect.any(String),
      expires_in: 3600,
      token_type: 'Bearer',
    });
    const claims = claimsOf(right.body.id_token as string);
    expect(claims).toMatchObject({
      aud: clientId,
      token_use: 'id',
      email: 'sdr@outbound.example.com',
      iss: expect.stringMatching(/^https:\/\/cognito-idp\.us-east-1\.amazonaws\.com\//),
    });

    expect(await exchange(first, verifier)).toEqual({ status: 400, body: { error: 'invalid_grant' } });
  });

  test('a redirect URI the client does not list is refused without a redirect', async () => {
    const { challenge } = pkce();
    const response = await authorize({
      code_challenge: challenge,
      code_challenge_method: 'S256',
      redirect_uri: 'https://evil.example.com/',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
  });

  test('identity_provider=Google signs in a federated user', async () => {
    const tokens = await signIn('Google');
    expect(claimsOf(tokens.id_token)).toMatchObject({ identities: [expect.objectContaining({ providerName: 'Google' })] });
  });

  test('the refresh grant hands out a new ID token and no new refresh token', async () => {
    const tokens = await signIn();
    await h.control('POST', '/_local/clock', { advance: 'PT2H' });
    const { clientId } = await pool();
    const refreshed = await token({ grant_type: 'refresh_token', client_id: clientId, refresh_token: tokens.refresh_token! });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).toBeUndefined();
    expect(claimsOf(refreshed.body.id_token as string).exp).toBeGreaterThan(claimsOf(tokens.id_token).exp as number);
    expect(await token({ grant_type: 'refresh_token', client_id: clientId, refresh_token: 'not-a-token' })).toEqual({
      status: 400,
      body: { error: 'invalid_grant' },
    });
    expect((await pool()).tokenRequests.map((r) => `${r.grantType}:${r.outcome}`)).toEqual([
      'authorization_code:ok',
      'refresh_token:ok',
      'refresh_token:invalid_grant',
    ]);
  });
});

describe('authenticated identities', () => {
  test('the same user gets the same identity, and its credentials need the login', async () => {
    const tokens = await signIn();
    const first = await signedInCredentials(tokens.id_token);
    const again = await signedInCredentials((await signIn()).id_token);
    expect(again.identityId).toBe(first.identityId);
    const withoutLogin = await refusal(h.cognito().send(new GetCredentialsForIdentityCommand({ IdentityId: first.identityId })));
    expect(withoutLogin).toMatchObject({ name: 'NotAuthorizedException' });
  });

  test('an altered or expired ID token is NotAuthorizedException', async () => {
    const { id_token } = await signIn();
    const [header, payload, signature] = id_token.split('.') as [string, string, string];
    const altered = Buffer.from(JSON.stringify({ ...claimsOf(id_token), email: 'lead@outbound.example.com' })).toString('base64url');
    expect(payload).not.toBe(altered);
    const forged = await refusal(signedInCredentials(`${header}.${altered}.${signature}`));
    expect(forged).toMatchObject({ name: 'NotAuthorizedException', message: expect.stringMatching(/Invalid login token/) });

    await h.control('POST', '/_local/clock', { advance: 'PT1H1M' });
    const expired = await refusal(signedInCredentials(id_token));
    expect(expired).toMatchObject({ name: 'NotAuthorizedException', message: expect.stringMatching(/Token expired/) });
  });

  test('fromCognitoIdentityPool with logins works against a pool that refuses unauthenticated identities', async () => {
    await h.control('POST', '/_local/pool', { allowUnauthenticated: false });
    const { id_token } = await signIn();
    const { userPoolId } = await pool();
    const provider = fromCognitoIdentityPool({
      identityPoolId: POOL_ID,
      logins: { [loginsKey(userPoolId)]: id_token },
      clientConfig: { region: REGION, endpoint: h.url },
    });
    await expect(provider()).resolves.toMatchObject({ accessKeyId: expect.stringMatching(/^ASIA/) });
    const unauthenticated = fromCognitoIdentityPool({ identityPoolId: POOL_ID, clientConfig: { region: REGION, endpoint: h.url } });
    await expect(unauthenticated()).rejects.toMatchObject({ name: 'NotAuthorizedException' });
  });
});

describe('the authenticated role’s From condition', () => {
  test('SendEmail from the team’s domain goes through; from elsewhere it is AccessDeniedException', async () => {
    const { credentials } = await signedInCredentials((await signIn()).id_token);
    const ses = h.ses({ credentials });
    await expect(ses.send(new SendEmailCommand(simpleEmail(['success@simulator.amazonses.com'])))).resolves.toMatchObject({
      MessageId: expect.any(String),
    });

    const denied = await refusal(
      ses.send(
        new SendEmailCommand(
          simpleEmail(['success@simulator.amazonses.com'], { FromEmailAddress: 'Someone <someone@elsewhere.example.org>' }),
        ),
      ),
    );
    expect(denied).toMatchObject({ name: 'AccessDeniedException', $metadata: expect.objectContaining({ httpStatusCode: 403 }) });
    expect(denied.message).toMatch(/not authorized to perform: ses:SendEmail/);

    const requests = await h.control<{ outcome: string; from: string }[]>('GET', '/_local/requests');
    expect(requests.map((r) => r.outcome)).toEqual(['accepted', 'AccessDeniedException']);
  });

  test('the policy route moves the allowed domain, and null lifts it', async () => {
    await h.control('POST', '/_local/policy', { allowedFromDomain: 'other.example.net' });
    const { credentials } = await signedInCredentials((await signIn()).id_token);
    const refused = await refusal(h.ses({ credentials }).send(new SendEmailCommand(simpleEmail(['success@simulator.amazonses.com']))));
    expect(refused).toMatchObject({ name: 'AccessDeniedException' });

    await h.control('POST', '/_local/policy', { allowedFromDomain: null });
    await expect(
      h.ses({ credentials }).send(new SendEmailCommand(simpleEmail(['success@simulator.amazonses.com']))),
    ).resolves.toMatchObject({ MessageId: expect.any(String) });
    await expect(h.control('POST', '/_local/policy', { allowedFromDomain: 'not a domain' })).rejects.toThrow(/400/);

    await h.control('POST', '/_local/reset');
    expect(await h.control('GET', '/_local/policy')).toEqual({ allowedFromDomain: 'outbound.example.com' });
  });
});

describe('guest identities: the enhanced flow’s scope-down', () => {
  const GUEST_DENIED = (action: string, service: 'ses' | 'sqs') =>
    `User: arn:aws:sts::000000000000:assumed-role/Rampart-Unauthenticated/CognitoIdentityCredentials is not authorized to perform: ${service}:${action} on resource: arn:aws:${service}:us-east-1:000000000000:* because no session policy allows the ${service}:${action} action`;

  test('SES refuses every call made with guest credentials with AccessDeniedException, and sends nothing', async () => {
    const ses = h.ses({ credentials: await h.guestCredentials() });
    for (const [command, action] of [
      [new GetAccountCommand({}), 'GetAccount'],
      [new SendEmailCommand(simpleEmail(['success@simulator.amazonses.com'])), 'SendEmail'],
      [new ListSuppressedDestinationsCommand({}), 'ListSuppressedDestinations'],
    ] as const) {
      const error = await refusal(ses.send(command as never));
      expect(error).toMatchObject({
        name: 'AccessDeniedException',
        message: GUEST_DENIED(action, 'ses'),
        $metadata: expect.objectContaining({ httpStatusCode: 403 }),
      });
    }
    expect(await h.control('GET', '/_local/messages')).toEqual([]);
    expect((await h.control<{ outcome: string }[]>('GET', '/_local/requests')).map((r) => r.outcome)).toEqual(['AccessDeniedException']);
  });

  test('SQS refuses every call made with guest credentials with AccessDeniedException', async () => {
    const sqs = h.sqs({ credentials: await h.guestCredentials() });
    const error = await refusal(sqs.send(new GetQueueUrlCommand({ QueueName: SENDER_QUEUE })));
    expect(error).toMatchObject({
      name: 'AccessDeniedException',
      message: GUEST_DENIED('GetQueueUrl', 'sqs'),
      $metadata: expect.objectContaining({ httpStatusCode: 403 }),
    });
    const receive = await refusal(sqs.send(new ReceiveMessageCommand({ QueueUrl: `${h.url}/000000000000/${SENDER_QUEUE}` })));
    expect(receive).toMatchObject({ name: 'AccessDeniedException', message: GUEST_DENIED('ReceiveMessage', 'sqs') });
    // The same calls signed in go through.
    await expect(
      h.sqs({ credentials: await h.credentials() }).send(new GetQueueUrlCommand({ QueueName: SENDER_QUEUE })),
    ).resolves.toMatchObject({ QueueUrl: expect.any(String) });
  });

  test('POST /_local/login gives an ID token that works as Logins, for the same identity each time', async () => {
    const { idToken, loginsKey: key } = await h.control<{ idToken: string; loginsKey: string }>('POST', '/_local/login', {
      email: 'sdr@outbound.example.com',
    });
    expect(key).toBe(loginsKey((await pool()).userPoolId));
    const first = await signedInCredentials(idToken);
    const again = await signedInCredentials(
      (await h.control<{ idToken: string }>('POST', '/_local/login', { email: 'SDR@outbound.example.com' })).idToken,
    );
    expect(again.identityId).toBe(first.identityId);
    await expect(
      h.ses({ credentials: first.credentials }).send(new SendEmailCommand(simpleEmail(['success@simulator.amazonses.com']))),
    ).resolves.toMatchObject({ MessageId: expect.any(String) });
    await expect(h.control('POST', '/_local/login', { email: 'not an address' })).rejects.toThrow(/400/);
  });
});
