// Authenticated identities of the identity pool: GetId and GetCredentialsForIdentity
// with `Logins` naming the user pool (`cognito-idp.<region>.amazonaws.com/<pool id>`)
// and one of its ID tokens. The token must be one the emulator's user pool issued, for
// its app client, unexpired; the same user always gets the same identity id.
import type { Emulator } from '../context';
import { AwsError } from '../http/errors';
import { loginsKeyOf } from './user-pool';
import { principalTagsOf } from './access';
import type { Login } from './types';

const notAuthorized = (message: string) => new AwsError(400, 'NotAuthorizedException', message);

/** The login in a GetId / GetCredentialsForIdentity request, or undefined without `Logins`. */
export function loginOf(emulator: Emulator, input: Record<string, unknown>): Login | undefined {
  const logins = input.Logins;
  if (logins === undefined || logins === null) return undefined;
  if (typeof logins !== 'object' || Array.isArray(logins)) throw new AwsError(400, 'InvalidParameterException', 'Logins must be a map.');
  const entries = Object.entries(logins as Record<string, unknown>);
  if (entries.length === 0) return undefined;
  const pool = emulator.auth.userPool;
  const expectedKey = loginsKeyOf(pool.region, pool.id);
  if (entries.length > 1) throw notAuthorized('Invalid login token. The local emulator knows one identity provider.');
  const [key, token] = entries[0]!;
  if (key !== expectedKey)
    throw notAuthorized(`Invalid identity pool configuration. Check assigned IAM roles for this pool. (Unknown identity provider: ${key})`);
  if (typeof token !== 'string') throw notAuthorized('Invalid login token. Not a valid OpenId Connect identity token.');
  const verdict = pool.verifyIdToken(token);
  if ('refused' in verdict) throw notAuthorized(verdict.refused);
  const revoked = emulator.auth.tokenCheck(verdict.claims);
  if (revoked) throw notAuthorized(revoked);
  return {
    subject: String(verdict.claims.sub),
    ...(typeof verdict.claims.email === 'string' ? { email: verdict.claims.email } : {}),
    role: emulator.auth.roleOf(verdict.claims),
    tags: principalTagsOf(verdict.claims),
  };
}

/** GetId with a login: one identity per user of the pool. */
export function identityForLogin(emulator: Emulator, poolId: string, login: Login): string {
  const known = emulator.auth.identityOfSubject.get(login.subject);
  if (known && emulator.cognitoIdentities.poolFor(known) === poolId) return known;
  const identityId = emulator.cognitoIdentities.create(poolId);
  emulator.auth.identityOfSubject.set(login.subject, identityId);
  emulator.auth.subjectOfIdentity.set(identityId, login.subject);
  return identityId;
}

/**
 * GetCredentialsForIdentity: an identity linked to a login needs that login again;
 * a login must be the identity's own.
 */
export function checkIdentityLogin(emulator: Emulator, identityId: string, login: Login | undefined): void {
  const owner = emulator.auth.subjectOfIdentity.get(identityId);
  if (owner === undefined) {
    if (login) throw notAuthorized('Invalid login token. This identity is not linked to that login.');
    return;
  }
  if (!login) throw notAuthorized("Logins don't match. Please include at least one valid login for this identity or identity pool.");
  if (login.subject !== owner)
    throw notAuthorized("Logins don't match. Please include at least one valid login for this identity or identity pool.");
}
