// What the emulator knows about sign-in: the user pool, which identities and credentials
// belong to a signed-in user, and the authenticated role's policy. Like the credential
// registry, logins outlive `POST /_local/reset` (a browser keeps its tokens); the policy
// goes back to its start and the log of token requests is emptied.
import type { EmulatorClock } from '../clock';
import { startPolicy, type RolePolicy } from './role-policy';
import { UserPool } from './user-pool';
import type { Login } from './types';
import { Team, refusalOf, roleOfClaims } from './team';

export class AuthState {
  readonly userPool: UserPool;
  readonly identityOfSubject = new Map<string, string>();
  readonly subjectOfIdentity = new Map<string, string>();
  /** Access key id → the signed-in user its credentials were issued to. */
  readonly principals = new Map<string, Login>();
  policy: RolePolicy = startPolicy();
  /** Who may sign in, what the lead set on each member, the lead group, off-boarding. */
  readonly team = new Team();

  constructor(
    private readonly clock: EmulatorClock,
    region = 'us-east-1',
  ) {
    this.userPool = new UserPool(clock, region);
    this.userPool.extraClaims = (user) => {
      const member = this.team.get(user.email);
      return member ? this.team.claimsOf(member) : {};
    };
    this.userPool.mayRefresh = (user) => this.team.get(user.email)?.enabled !== false;
  }

  /**
   * The hosted UI's check before it signs someone in: a disabled member is refused; a
   * new user must pass the pre sign-up rule (and then is a member, as the lead's
   * invitation would make them). Answers Cognito's sentence, or undefined.
   */
  admit(email: string): string | undefined {
    const member = this.team.get(email);
    if (member) return member.enabled ? undefined : 'User is disabled.';
    if (!this.team.admits(email)) return `PreSignUp failed with error ${refusalOf(email)}.`;
    this.team.add(email);
    return undefined;
  }

  /**
   * The identity pool's server-side token check: the ID token of a disabled member, or
   * one issued before their global sign-out, is refused. Answers the sentence, or undefined.
   */
  tokenCheck(claims: { email?: unknown; iat: number }): string | undefined {
    const member = typeof claims.email === 'string' ? this.team.get(claims.email) : undefined;
    if (!member) return undefined;
    if (!member.enabled) return 'Invalid login token. User is disabled.';
    if (member.signedOutAtMs !== null && claims.iat * 1000 <= member.signedOutAtMs) return 'Invalid login token. Token has been revoked.';
    return undefined;
  }

  /** AdminDisableUser + AdminUserGlobalSignOut: no sign-in, no refresh, no new credentials. */
  offboard(email: string): { email: string; revokedRefreshTokens: number } | undefined {
    const member = this.team.get(email);
    if (!member) return undefined;
    member.enabled = false;
    member.signedOutAtMs = this.clock.now();
    return { email: member.email, revokedRefreshTokens: this.userPool.revokeRefreshTokensOf(member.email) };
  }

  /** The role an ID token's claims map to. */
  roleOf(claims: Record<string, unknown>): string {
    return roleOfClaims(claims);
  }

  reset(): void {
    this.policy = startPolicy();
    this.team.reset();
    this.userPool.tokenRequests.length = 0;
  }
}
