import * as z from 'zod/mini';
import { storage } from '#imports';
import { RampartError } from '@/lib/aws/errors';
import { loginsKey, signInConfigKey, type SignInConfig } from './config';
import { exchangeCode, idTokenClaims, refreshTokens, type Fetch, type TokenResponse } from './hosted-ui';

// The signed-in user's tokens, in `storage.session`: kept in memory by the browser, for
// the worker and the extension's pages, gone when the browser closes or at sign-out.
// Nothing here is a long-lived AWS key: the ID token (one hour) is traded for temporary
// AWS credentials, and the refresh token gets a new ID token when it runs out.

const storedSessionSchema = z.object({
  /** signInConfigKey: a session is good for the pool and client it came from only. */
  configKey: z.string(),
  subject: z.string(),
  email: z.optional(z.string()),
  provider: z.optional(z.string()),
  idToken: z.string(),
  /** Epoch ms, from `expires_in` on this machine's clock. */
  idTokenExpiresAt: z.number(),
  refreshToken: z.optional(z.string()),
});
export type StoredSession = z.infer<typeof storedSessionSchema>;

export const sessionItem = storage.defineItem<StoredSession | null>('session:rampart.signin', { fallback: null });

/** Ask for a new ID token this long before the old one expires. */
const REFRESH_MARGIN_MS = 5 * 60_000;

export interface Login {
  /** The identity pool's logins key (`cognito-idp.<region>.amazonaws.com/<pool id>`). */
  key: string;
  idToken: string;
  subject: string;
}

export interface SessionDeps {
  fetch?: Fetch;
  now?: () => number;
}

function sessionFrom(config: SignInConfig, tokens: TokenResponse, now: number, previous?: StoredSession): StoredSession {
  const claims = idTokenClaims(tokens.id_token);
  if (!claims.sub) throw new RampartError('signin-bad-answer', 'The sign-in service gave an ID token without a subject.');
  const provider = claims.identities?.[0]?.providerName;
  return {
    configKey: signInConfigKey(config),
    subject: claims.sub,
    ...(claims.email ? { email: claims.email } : {}),
    ...(provider ? { provider } : {}),
    idToken: tokens.id_token,
    idTokenExpiresAt: now + tokens.expires_in * 1000,
    // Cognito's refresh grant returns no new refresh token: the old one stays good.
    ...((tokens.refresh_token ?? previous?.refreshToken) ? { refreshToken: tokens.refresh_token ?? previous?.refreshToken } : {}),
  };
}

/** The stored session for this pool and client; none when it belongs to another set-up. */
export async function storedSession(config: SignInConfig): Promise<StoredSession | undefined> {
  const parsed = storedSessionSchema.safeParse(await sessionItem.getValue());
  if (!parsed.success || parsed.data.configKey !== signInConfigKey(config)) return undefined;
  return parsed.data;
}

/** Trades the hosted UI's code (and its PKCE verifier) for tokens and keeps them. */
export async function completeSignIn(
  config: SignInConfig,
  code: string,
  verifier: string,
  redirectUri: string,
  deps: SessionDeps = {},
): Promise<StoredSession> {
  const tokens = await exchangeCode(config, code, verifier, redirectUri, deps.fetch);
  const session = sessionFrom(config, tokens, (deps.now ?? Date.now)());
  await sessionItem.setValue(session);
  return session;
}

/**
 * The signed-in user's login for the identity pool, with an ID token good for a while
 * (refreshed with the refresh token when not, or when `forceRefresh` says the identity
 * pool just refused it). Undefined when no one is signed in.
 */
export async function currentLogin(
  config: SignInConfig,
  options: SessionDeps & { forceRefresh?: boolean } = {},
): Promise<Login | undefined> {
  const now = options.now ?? Date.now;
  let session = await storedSession(config);
  if (!session) return undefined;
  if (options.forceRefresh || session.idTokenExpiresAt - now() < REFRESH_MARGIN_MS) {
    if (!session.refreshToken) {
      await signOut();
      throw new RampartError('signin-expired', 'Your sign-in has expired. Sign in again in Rampart’s options.');
    }
    try {
      const tokens = await refreshTokens(config, session.refreshToken, options.fetch);
      session = sessionFrom(config, tokens, now(), session);
    } catch (error) {
      // A refused refresh token will not work later either: the user signs in again.
      if (error instanceof RampartError && error.code === 'signin-expired') await signOut();
      throw error;
    }
    await sessionItem.setValue(session);
  }
  return { key: loginsKey(config), idToken: session.idToken, subject: session.subject };
}

/** Forget the tokens and the AWS credentials they bought. */
export async function signOut(): Promise<void> {
  await sessionItem.removeValue();
  await signedInCredentialsItem.removeValue();
}

// The temporary AWS credentials of the signed-in identity, kept beside the tokens so a
// restarted worker does not ask Cognito again while they are good.

const keptCredentialsSchema = z.object({
  subject: z.string(),
  accessKeyId: z.string(),
  secretAccessKey: z.string(),
  sessionToken: z.optional(z.string()),
  /** Epoch ms. */
  expiration: z.optional(z.number()),
  identityId: z.optional(z.string()),
});
export type KeptCredentials = z.infer<typeof keptCredentialsSchema>;

export const signedInCredentialsItem = storage.defineItem<KeptCredentials | null>('session:rampart.signin.credentials', { fallback: null });

export async function keptCredentials(subject: string): Promise<KeptCredentials | undefined> {
  const parsed = keptCredentialsSchema.safeParse(await signedInCredentialsItem.getValue());
  return parsed.success && parsed.data.subject === subject ? parsed.data : undefined;
}

export async function keepCredentials(credentials: KeptCredentials): Promise<void> {
  await signedInCredentialsItem.setValue(credentials);
}

export async function dropKeptCredentials(): Promise<void> {
  await signedInCredentialsItem.removeValue();
}
