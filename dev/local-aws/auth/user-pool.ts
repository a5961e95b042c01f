// A Cognito user pool with one app client and a hosted UI: what the extension's sign-in
// talks to. Authorization codes are single use, bound to the client, the redirect URI
// and the PKCE challenge, and live five minutes (as Cognito's); ID and access tokens
// live one hour on the emulator's clock; refresh tokens until the pool is told otherwise.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { EmulatorClock } from '../clock';
import { TokenSigner, type Claims } from './tokens';

export const USER_POOL_ID = 'us-east-1_RampartLo';
/** The user pool of an emulator standing for `region`: a pool id starts with its region. */
export const userPoolIdOf = (region: string) => `${region}${USER_POOL_ID.slice(USER_POOL_ID.indexOf('_'))}`;
export const APP_CLIENT_ID = 'rampartlocalappclient0001';
export const DEFAULT_USER_EMAIL = 'sdr@outbound.example.com';

const CODE_LIFETIME_MS = 5 * 60 * 1000;
export const TOKEN_LIFETIME_MS = 60 * 60 * 1000;

/** The issuer Cognito writes into its tokens, and the identity pool's logins key for it. */
export const issuerOf = (region: string, userPoolId: string) => `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`;
export const loginsKeyOf = (region: string, userPoolId: string) => `cognito-idp.${region}.amazonaws.com/${userPoolId}`;

export interface PoolUser {
  email: string;
  sub: string;
  /** Set when the user came through a federated provider (`identity_provider=Google`). */
  provider?: string;
}

interface IssuedCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  codeChallengeMethod: 'S256' | 'plain';
  scope: string;
  user: PoolUser;
  expiresAtMs: number;
}

export interface TokenSet {
  id_token: string;
  access_token: string;
  refresh_token?: string;
  expires_in: number;
  token_type: 'Bearer';
}

export class UserPool {
  readonly id: string;
  readonly clientId = APP_CLIENT_ID;
  readonly region: string;
  /** Identity providers the hosted UI offers besides the pool's own users. */
  readonly providers = ['COGNITO', 'Google'];
  /** Who the hosted UI signs in at once (there is no one to type a password). */
  signedInEmail = DEFAULT_USER_EMAIL;

  private readonly signer = new TokenSigner();
  private readonly codes = new Map<string, IssuedCode>();
  private readonly refreshTokens = new Map<string, { clientId: string; user: PoolUser; scope: string }>();
  /** Claims the team adds to a user's ID token (the lead-set attributes, the groups): auth/team.ts. */
  extraClaims: (user: PoolUser) => Record<string, unknown> = () => ({});
  /** Whether a user may still refresh (a disabled user may not). */
  mayRefresh: (user: PoolUser) => boolean = () => true;
  private readonly subs = new Map<string, string>();
  /** Every token request, for tests to count refreshes. */
  readonly tokenRequests: { at: string; grantType: string; outcome: string }[] = [];

  constructor(
    private readonly clock: EmulatorClock,
    region = 'us-east-1',
  ) {
    this.region = region;
    this.id = userPoolIdOf(region);
  }

  get issuer(): string {
    return issuerOf(this.region, this.id);
  }

  userFor(email: string, provider?: string): PoolUser {
    const key = `${provider ?? 'COGNITO'}:${email.toLowerCase()}`;
    let sub = this.subs.get(key);
    if (!sub) this.subs.set(key, (sub = randomUUID()));
    return { email, sub, ...(provider ? { provider } : {}) };
  }

  issueCode(code: Omit<IssuedCode, 'expiresAtMs'>): string {
    const value = randomUUID();
    this.codes.set(value, { ...code, expiresAtMs: this.clock.now() + CODE_LIFETIME_MS });
    return value;
  }

  /** Takes a code (once): undefined when unknown, used or expired. */
  redeemCode(value: string): IssuedCode | undefined {
    const code = this.codes.get(value);
    this.codes.delete(value);
    if (!code || this.clock.now() >= code.expiresAtMs) return undefined;
    return code;
  }

  /** RFC 7636: S256 compares BASE64URL(SHA256(verifier)) with the challenge. */
  static verifierMatches(code: Pick<IssuedCode, 'codeChallenge' | 'codeChallengeMethod'>, verifier: string): boolean {
    if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) return false;
    const derived = code.codeChallengeMethod === 'S256' ? createHash('sha256').update(verifier, 'ascii').digest('base64url') : verifier;
    return derived === code.codeChallenge;
  }

  issueTokens(clientId: string, user: PoolUser, scope: string, withRefresh: boolean): TokenSet {
    const nowS = Math.floor(this.clock.now() / 1000);
    const exp = nowS + TOKEN_LIFETIME_MS / 1000;
    const common = { sub: user.sub, iss: this.issuer, iat: nowS, exp, auth_time: nowS, origin_jti: randomUUID() };
    const idClaims: Claims = {
      ...common,
      aud: clientId,
      token_use: 'id',
      jti: randomUUID(),
      email: user.email,
      email_verified: true,
      'cognito:username': user.provider ? `${user.provider.toLowerCase()}_${user.sub}` : user.sub,
      ...this.extraClaims(user),
      ...(user.provider
        ? { identities: [{ providerName: user.provider, providerType: user.provider, userId: user.sub, primary: 'true' }] }
        : {}),
    };
    const accessClaims: Claims = {
      ...common,
      client_id: clientId,
      token_use: 'access',
      jti: randomUUID(),
      scope,
      username: idClaims['cognito:username'],
    };
    let refresh: string | undefined;
    if (withRefresh) {
      refresh = randomBytes(48).toString('base64url');
      this.refreshTokens.set(refresh, { clientId, user, scope });
    }
    return {
      id_token: this.signer.sign(idClaims),
      access_token: this.signer.sign(accessClaims),
      ...(refresh ? { refresh_token: refresh } : {}),
      expires_in: TOKEN_LIFETIME_MS / 1000,
      token_type: 'Bearer',
    };
  }

  refresh(clientId: string, refreshToken: string): TokenSet | undefined {
    const grant = this.refreshTokens.get(refreshToken);
    if (!grant || grant.clientId !== clientId || !this.mayRefresh(grant.user)) return undefined;
    return this.issueTokens(clientId, grant.user, grant.scope, false);
  }

  /** Every refresh token stops working (a sign-out everywhere, an admin's revoke). */
  revokeRefreshTokens(): number {
    const count = this.refreshTokens.size;
    this.refreshTokens.clear();
    return count;
  }

  /** AdminUserGlobalSignOut: every refresh token of one user stops working. */
  revokeRefreshTokensOf(email: string): number {
    let count = 0;
    for (const [token, grant] of this.refreshTokens) {
      if (grant.user.email.toLowerCase() === email.toLowerCase()) {
        this.refreshTokens.delete(token);
        count++;
      }
    }
    return count;
  }

  /**
   * The claims of an ID token this pool issued for this client, still valid on the
   * emulator's clock; a sentence saying why not otherwise.
   */
  verifyIdToken(token: string): { claims: Claims } | { refused: string } {
    const claims = this.signer.verify(token);
    if (!claims) return { refused: 'Invalid login token. Not a valid OpenId Connect identity token.' };
    if (claims.iss !== this.issuer || claims.token_use !== 'id')
      return { refused: "Invalid login token. Issuer doesn't match providerName" };
    if (claims.aud !== this.clientId) return { refused: 'Invalid login token. Incorrect token audience.' };
    if (Math.floor(this.clock.now() / 1000) >= claims.exp)
      return { refused: 'Invalid login token. Token expired: ' + claims.exp + ' >= ' + Math.floor(this.clock.now() / 1000) };
    return { claims };
  }
}
