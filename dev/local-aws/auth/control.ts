// Control routes for sign-in (README.md): the authenticated role's policy and the user
// pool's hosted UI.
import type { Emulator } from '../context';
import { badRequest } from '../http/errors';
import { parseMailbox } from '../ses/address';
import { loginsKeyOf } from './user-pool';

export function setPolicy(emulator: Emulator, body: Record<string, unknown>): unknown {
  const domain = body.allowedFromDomain;
  if (domain !== null && (typeof domain !== 'string' || !/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(domain))) {
    throw badRequest('allowedFromDomain must be a domain such as outbound.example.com, or null.');
  }
  emulator.auth.policy = { allowedFromDomain: domain };
  return emulator.auth.policy;
}

export function describeUserPool(emulator: Emulator): unknown {
  const pool = emulator.auth.userPool;
  return {
    userPoolId: pool.id,
    clientId: pool.clientId,
    issuer: pool.issuer,
    providers: pool.providers,
    signedInEmail: pool.signedInEmail,
    tokenRequests: pool.tokenRequests,
  };
}

/**
 * `POST /_local/login {email}`: an ID token of the local user pool for that user, as the
 * hosted UI's token endpoint would issue it: it works as `Logins` for GetId and
 * GetCredentialsForIdentity (for scripts and tests that need signed-in credentials).
 */
export function login(emulator: Emulator, body: Record<string, unknown>): unknown {
  const mailbox = typeof body.email === 'string' ? parseMailbox(body.email) : undefined;
  if (!mailbox) throw badRequest('email must be an email address.');
  const pool = emulator.auth.userPool;
  const tokens = pool.issueTokens(pool.clientId, pool.userFor(mailbox.address, undefined), 'openid email', false);
  return { idToken: tokens.id_token, loginsKey: loginsKeyOf(pool.region, pool.id) };
}

export function setUserPool(emulator: Emulator, body: Record<string, unknown>): unknown {
  const pool = emulator.auth.userPool;
  if (body.signedInEmail !== undefined) {
    const mailbox = typeof body.signedInEmail === 'string' ? parseMailbox(body.signedInEmail) : undefined;
    if (!mailbox) throw badRequest('signedInEmail must be an email address.');
    pool.signedInEmail = mailbox.address;
  }
  if (body.revokeRefreshTokens === true) pool.revokeRefreshTokens();
  return describeUserPool(emulator);
}
