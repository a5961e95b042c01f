// A stand-in for the user pool's hosted UI (`/oauth2/authorize`, `/oauth2/token`), so
// the extension's sign-in runs end to end with `launchWebAuthFlow({ interactive: false })`:
// the authorize page signs its configured user in at once and redirects to the
// redirect URI with a code; the token endpoint checks the PKCE verifier as Cognito does.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Emulator } from '../context';
import { corsHeaders } from '../http/reply';
import { UserPool } from './user-pool';

export const HOSTED_UI_PREFIX = '/oauth2/';

/**
 * The app client's callback URLs: an extension's `launchWebAuthFlow` redirect
 * (`https://<extension id>.chromiumapp.org/…`, Firefox's `…extensions.allizom.org/…`)
 * and local pages. Cognito compares exact URLs; the emulator does not know the
 * extension's id in advance.
 */
const CALLBACK =
  /^(https:\/\/[a-p]{32}\.chromiumapp\.org\/|https:\/\/[0-9a-f]+\.extensions\.allizom\.org\/|http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/)/;

function plain(req: IncomingMessage, res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...corsHeaders(req), 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

function json(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...corsHeaders(req), 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function authorize(emulator: Emulator, query: URLSearchParams, req: IncomingMessage, res: ServerResponse): void {
  const pool = emulator.auth.userPool;
  const clientId = query.get('client_id');
  const redirectUri = query.get('redirect_uri');
  if (clientId !== pool.clientId) return plain(req, res, 400, 'An error was encountered: invalid client_id.');
  if (!redirectUri || !CALLBACK.test(redirectUri)) return plain(req, res, 400, 'An error was encountered: redirect_mismatch.');

  const back = new URL(redirectUri);
  const state = query.get('state');
  const redirectWith = (params: Record<string, string>) => {
    for (const [name, value] of Object.entries(params)) back.searchParams.set(name, value);
    if (state !== null) back.searchParams.set('state', state);
    res.writeHead(302, { ...corsHeaders(req), Location: back.toString(), 'Cache-Control': 'no-store' });
    res.end();
  };

  if (query.get('response_type') !== 'code') return redirectWith({ error: 'unsupported_response_type' });
  const challenge = query.get('code_challenge');
  const method = query.get('code_challenge_method') ?? 'plain';
  if (!challenge || (method !== 'S256' && method !== 'plain')) {
    return redirectWith({ error: 'invalid_request', error_description: 'code_challenge and code_challenge_method S256 are required' });
  }
  const provider = query.get('identity_provider') ?? undefined;
  if (provider !== undefined && !pool.providers.includes(provider)) {
    return redirectWith({ error: 'invalid_request', error_description: `identity_provider ${provider} is not enabled for this client` });
  }
  // The pre sign-up check (a new user) or a disabled member: Cognito sends the browser
  // back with the sentence.
  const refused = emulator.auth.admit(pool.signedInEmail);
  if (refused) return redirectWith({ error: 'invalid_request', error_description: refused });
  const user = pool.userFor(pool.signedInEmail, provider === 'COGNITO' ? undefined : provider);
  const code = pool.issueCode({
    clientId,
    redirectUri,
    codeChallenge: challenge,
    codeChallengeMethod: method,
    scope: query.get('scope') ?? 'openid email',
    user,
  });
  redirectWith({ code });
}

function token(emulator: Emulator, body: Buffer, req: IncomingMessage, res: ServerResponse): void {
  const pool = emulator.auth.userPool;
  const contentType = req.headers['content-type'] ?? '';
  const log = (grantType: string, outcome: string) =>
    pool.tokenRequests.push({ at: new Date(emulator.clock.now()).toISOString(), grantType, outcome });
  if (!contentType.startsWith('application/x-www-form-urlencoded')) {
    log('', 'invalid_request');
    return json(req, res, 400, { error: 'invalid_request' });
  }
  const form = new URLSearchParams(body.toString('utf8'));
  const grantType = form.get('grant_type') ?? '';
  const refuse = (error: string) => {
    log(grantType, error);
    json(req, res, 400, { error });
  };
  if (form.get('client_id') !== pool.clientId) return refuse('invalid_client');

  if (grantType === 'authorization_code') {
    const code = pool.redeemCode(form.get('code') ?? '');
    if (!code || code.clientId !== form.get('client_id') || code.redirectUri !== form.get('redirect_uri')) return refuse('invalid_grant');
    if (!UserPool.verifierMatches(code, form.get('code_verifier') ?? '')) return refuse('invalid_grant');
    log(grantType, 'ok');
    return json(req, res, 200, pool.issueTokens(code.clientId, code.user, code.scope, true));
  }
  if (grantType === 'refresh_token') {
    const tokens = pool.refresh(pool.clientId, form.get('refresh_token') ?? '');
    if (!tokens) return refuse('invalid_grant');
    log(grantType, 'ok');
    return json(req, res, 200, tokens);
  }
  refuse('unsupported_grant_type');
}

/** Serves `GET /oauth2/authorize` and `POST /oauth2/token`. */
export function handleHostedUi(
  emulator: Emulator,
  method: string,
  rawPath: string,
  rawQuery: string,
  body: Buffer,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  if (method === 'GET' && rawPath === '/oauth2/authorize') return authorize(emulator, new URLSearchParams(rawQuery), req, res);
  if (method === 'POST' && rawPath === '/oauth2/token') return token(emulator, body, req, res);
  plain(req, res, 404, `The hosted UI has nothing at ${method} ${rawPath}.`);
}
