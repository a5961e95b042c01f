import * as z from 'zod/mini';
import type { UserError } from '@/lib/core/errors';
import { RampartError } from '@/lib/aws/errors';
import type { SignInConfig } from './config';
import type { Pkce } from './pkce';

// The user pool's OAuth 2.0 endpoints (Cognito's hosted UI): the authorize URL the sign-in
// window opens, the code in the redirect it comes back with, and the token endpoint for
// the code (with its PKCE verifier) and for refreshes. A public client: no secret.

export type Fetch = typeof fetch;

const tokenResponseSchema = z.object({
  id_token: z.string(),
  access_token: z.string(),
  refresh_token: z.optional(z.string()),
  expires_in: z.number(),
  token_type: z.string(),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

export function authorizeUrl(config: SignInConfig, pkce: Pkce, state: string, redirectUri: string, provider?: 'Google'): string {
  const url = new URL('/oauth2/authorize', config.hostedUi);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri,
    scope: 'openid email',
    state,
    code_challenge: pkce.challenge,
    code_challenge_method: pkce.method,
    ...(provider ? { identity_provider: provider } : {}),
  }).toString();
  return url.toString();
}

/** The code in the hosted UI's redirect, once its state is checked. */
export function codeFromRedirect(redirect: string, state: string): string {
  const params = new URL(redirect).searchParams;
  const error = params.get('error');
  if (error) {
    const description = params.get('error_description');
    throw new RampartError('signin-refused', `The sign-in page refused: ${description ?? error}.`);
  }
  if (params.get('state') !== state)
    throw new RampartError(
      'signin-state-mismatch',
      'The sign-in answer did not match the request Rampart made, so it was ignored. Sign in again.',
    );
  const code = params.get('code');
  if (!code) throw new RampartError('signin-no-code', 'The sign-in page came back without a code. Sign in again.');
  return code;
}

/** What `invalid_grant` means depends on the grant: a bad code, or a refresh token gone. */
const INVALID_CODE: UserError = {
  code: 'signin-code-refused',
  message: 'The sign-in service refused the sign-in code (used, expired, or not this browser’s). Sign in again.',
};
const REFRESH_REFUSED: UserError = {
  code: 'signin-expired',
  message: 'Your sign-in has expired or was revoked. Sign in again in Rampart’s options.',
};

async function postToken(
  config: SignInConfig,
  form: Record<string, string>,
  invalidGrant: UserError,
  fetchImpl: Fetch,
): Promise<TokenResponse> {
  let response: Response;
  try {
    response = await fetchImpl(new URL('/oauth2/token', config.hostedUi), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: config.clientId, ...form }).toString(),
    });
  } catch {
    throw new RampartError(
      'signin-network',
      'Rampart could not reach the sign-in service. Check the connection and the hosted-UI domain in the settings.',
    );
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error =
      typeof body === 'object' && body !== null && 'error' in body ? String((body as { error: unknown }).error) : `HTTP ${response.status}`;
    if (error === 'invalid_grant') throw new RampartError(invalidGrant.code, invalidGrant.message);
    throw new RampartError(
      'signin-token-refused',
      `The sign-in service refused Rampart’s request (${error}). Check the app client id in the settings.`,
    );
  }
  const parsed = tokenResponseSchema.safeParse(body);
  if (!parsed.success) throw new RampartError('signin-bad-answer', 'The sign-in service gave an answer Rampart does not understand.');
  return parsed.data;
}

export function exchangeCode(
  config: SignInConfig,
  code: string,
  verifier: string,
  redirectUri: string,
  fetchImpl: Fetch = fetch,
): Promise<TokenResponse> {
  return postToken(
    config,
    { grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier },
    INVALID_CODE,
    fetchImpl,
  );
}

export function refreshTokens(config: SignInConfig, refreshToken: string, fetchImpl: Fetch = fetch): Promise<TokenResponse> {
  return postToken(config, { grant_type: 'refresh_token', refresh_token: refreshToken }, REFRESH_REFUSED, fetchImpl);
}

/** The ID token's claims, read without checking: the identity pool checks the signature. */
export function idTokenClaims(idToken: string): { sub?: string; email?: string; identities?: { providerName?: string }[] } {
  const payload = idToken.split('.')[1];
  if (!payload) return {};
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes)) as ReturnType<typeof idTokenClaims>;
  } catch {
    return {};
  }
}
