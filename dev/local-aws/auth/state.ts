// What the emulator knows about sign-in: the user pool, which identities and credentials
// belong to a signed-in user, and the authenticated role's policy. Like the credential
// registry, logins outlive `POST /_local/reset` (a browser keeps its tokens); the policy
// goes back to its start and the log of token requests is emptied.
import type { EmulatorClock } from '../clock';
import { startPolicy, type RolePolicy } from './role-policy';
import { UserPool } from './user-pool';
import type { Login } from './logins';

export class AuthState {
  readonly userPool: UserPool;
  readonly identityOfSubject = new Map<string, string>();
  readonly subjectOfIdentity = new Map<string, string>();
  /** Access key id → the signed-in user its credentials were issued to. */
  readonly principals = new Map<string, Login>();
  policy: RolePolicy = startPolicy();

  constructor(clock: EmulatorClock, region = 'us-east-1') {
    this.userPool = new UserPool(clock, region);
  }

  reset(): void {
    this.policy = startPolicy();
    this.userPool.tokenRequests.length = 0;
  }
}
