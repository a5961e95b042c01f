// PKCE and the code exchange: the verifier and challenge by RFC 7636, and the exchange
// against the emulator's hosted-UI stand-in (a real token endpoint that checks the
// verifier), with the session kept in storage.session.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { startLocalAws, type LocalAws } from '../../../dev/local-aws/server';
import type { SignInConfig } from '@/lib/aws/sign-in/config';
import { authorizeUrl, codeFromRedirect, exchangeCode } from '@/lib/aws/sign-in/hosted-ui';
import { challengeOf, createPkce } from '@/lib/aws/sign-in/pkce';
import { completeSignIn, currentLogin, sessionItem, storedSession } from '@/lib/aws/sign-in/session';

const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
let aws: LocalAws;
let config: SignInConfig;

beforeAll(async () => {
  aws = await startLocalAws({ port: 0 });
  const pool = (await (await fetch(`${aws.url}/_local/user-pool`)).json()) as { userPoolId: string; clientId: string };
  config = { region: 'us-east-1', userPoolId: pool.userPoolId, clientId: pool.clientId, hostedUi: aws.url, google: true };
});
afterAll(() => aws.close());
beforeEach(async () => {
  fakeBrowser.reset();
  await fetch(`${aws.url}/_local/reset`, { method: 'POST' });
});

/** What the browser's auth window does with the authorize URL: follow it to the redirect. */
async function hostedUiRedirect(url: string): Promise<string> {
  const response = await fetch(url, { redirect: 'manual' });
  expect(response.status).toBe(302);
  return response.headers.get('location')!;
}

async function tokenRequests(): Promise<string[]> {
  const pool = (await (await fetch(`${aws.url}/_local/user-pool`)).json()) as { tokenRequests: { grantType: string; outcome: string }[] };
  return pool.tokenRequests.map((r) => `${r.grantType}:${r.outcome}`);
}

describe('PKCE', () => {
  test('the S256 challenge of RFC 7636’s example verifier', async () => {
    expect(await challengeOf('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  test('a fresh verifier is 43 unreserved characters, new each time, and its challenge is its SHA-256', async () => {
    const a = await createPkce();
    const b = await createPkce();
    expect(a.verifier).toMatch(/^[A-Za-z0-9\-._~]{43}$/);
    expect(a.verifier).not.toBe(b.verifier);
    expect(a.challenge).toBe(createHash('sha256').update(a.verifier).digest('base64url'));
    expect(a.method).toBe('S256');
  });

  test('the authorize URL carries the client, the redirect, the state, the challenge and Google when asked', async () => {
    const pkce = await createPkce();
    const url = new URL(authorizeUrl(config, pkce, 'st', REDIRECT, 'Google'));
    expect(`${url.origin}${url.pathname}`).toBe(`${aws.url}/oauth2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: config.clientId,
      redirect_uri: REDIRECT,
      scope: 'openid email',
      state: 'st',
      code_challenge: pkce.challenge,
      code_challenge_method: 'S256',
      identity_provider: 'Google',
    });
  });
});

describe('the code exchange', () => {
  test('a code with its verifier becomes a session in storage.session', async () => {
    const pkce = await createPkce();
    const code = codeFromRedirect(await hostedUiRedirect(authorizeUrl(config, pkce, 'st', REDIRECT)), 'st');
    const session = await completeSignIn(config, code, pkce.verifier, REDIRECT, { now: () => 1_000_000 });
    expect(session).toMatchObject({
      email: 'sdr@outbound.example.com',
      subject: expect.stringMatching(/^[0-9a-f-]{36}$/),
      idTokenExpiresAt: 1_000_000 + 3_600_000,
      refreshToken: expect.any(String),
    });
    expect(await fakeBrowser.storage.session.get('rampart.signin')).toEqual({ 'rampart.signin': session });
    expect(await fakeBrowser.storage.local.get('rampart.signin')).toEqual({});
  });

  test('the same code with another verifier is refused with a sentence', async () => {
    const pkce = await createPkce();
    const code = codeFromRedirect(await hostedUiRedirect(authorizeUrl(config, pkce, 'st', REDIRECT)), 'st');
    const other = await createPkce();
    await expect(exchangeCode(config, code, other.verifier, REDIRECT)).rejects.toMatchObject({
      code: 'signin-code-refused',
      message: expect.stringMatching(/refused the sign-in code/),
    });
    expect(await tokenRequests()).toEqual(['authorization_code:invalid_grant']);
  });

  test('a redirect whose state is not ours is ignored; an error redirect says why', async () => {
    const pkce = await createPkce();
    const redirect = await hostedUiRedirect(authorizeUrl(config, pkce, 'ours', REDIRECT));
    expect(() => codeFromRedirect(redirect.replace('state=ours', 'state=theirs'), 'ours')).toThrow(
      expect.objectContaining({ code: 'signin-state-mismatch' }),
    );
    expect(() => codeFromRedirect(`${REDIRECT}?error=access_denied&error_description=User+cancelled&state=ours`, 'ours')).toThrow(
      /User cancelled/,
    );
  });

  test('an ID token near its end is refreshed with the refresh token; a refused refresh signs out', async () => {
    const pkce = await createPkce();
    const code = codeFromRedirect(await hostedUiRedirect(authorizeUrl(config, pkce, 's', REDIRECT)), 's');
    let now = 1_000_000;
    const first = await completeSignIn(config, code, pkce.verifier, REDIRECT, { now: () => now });

    const early = await currentLogin(config, { now: () => now });
    expect(early).toEqual({
      key: `cognito-idp.us-east-1.amazonaws.com/${config.userPoolId}`,
      idToken: first.idToken,
      subject: first.subject,
    });

    now += 3_600_000 - 60_000; // a minute before the end: inside the refresh margin
    const refreshed = await currentLogin(config, { now: () => now });
    expect(refreshed?.idToken).not.toBe(first.idToken);
    expect((await storedSession(config))?.refreshToken).toBe(first.refreshToken);
    expect(await tokenRequests()).toEqual(['authorization_code:ok', 'refresh_token:ok']);

    await fetch(`${aws.url}/_local/user-pool`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ revokeRefreshTokens: true }),
    });
    await expect(currentLogin(config, { now: () => now, forceRefresh: true })).rejects.toMatchObject({ code: 'signin-expired' });
    expect(await sessionItem.getValue()).toBeNull();
    await expect(currentLogin(config, { now: () => now })).resolves.toBeUndefined();
  });

  test('a session of another user pool is not used', async () => {
    const pkce = await createPkce();
    const code = codeFromRedirect(await hostedUiRedirect(authorizeUrl(config, pkce, 's', REDIRECT)), 's');
    await completeSignIn(config, code, pkce.verifier, REDIRECT);
    await expect(currentLogin({ ...config, userPoolId: 'us-east-1_Another' })).resolves.toBeUndefined();
  });
});
