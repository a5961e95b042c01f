// Cognito Identity, AWS JSON 1.1: the two unsigned calls behind fromCognitoIdentityPool.
import type { Emulator } from '../context';
import { AwsError } from '../http/errors';
import { epochSeconds } from '../clock';
import { checkIdentityLogin, identityForLogin, loginOf } from '../auth/logins';

const invalidParameter = (message: string) => new AwsError(400, 'InvalidParameterException', message);
const UNAUTHENTICATED_REFUSED = 'Unauthenticated access is not supported for this identity pool.';

function requireString(input: Record<string, unknown>, field: string): string {
  const value = input[field];
  if (typeof value !== 'string' || value === '') {
    throw invalidParameter(
      `1 validation error detected: Value null at '${field.charAt(0).toLowerCase()}${field.slice(1)}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

export function getId(emulator: Emulator, input: Record<string, unknown>): unknown {
  const poolId = requireString(input, 'IdentityPoolId');
  const pool = emulator.state.pool;
  if (poolId !== pool.id) throw new AwsError(400, 'ResourceNotFoundException', `IdentityPool '${poolId}' not found.`);
  const login = loginOf(emulator, input);
  if (login) return { IdentityId: identityForLogin(emulator, poolId, login) };
  if (!pool.allowUnauthenticated) throw new AwsError(400, 'NotAuthorizedException', UNAUTHENTICATED_REFUSED);
  return { IdentityId: emulator.cognitoIdentities.create(poolId) };
}

export function getCredentialsForIdentity(emulator: Emulator, input: Record<string, unknown>): unknown {
  const identityId = requireString(input, 'IdentityId');
  if (!/^[\w-]+:[0-9a-f-]+$/.test(identityId)) {
    throw invalidParameter(
      `1 validation error detected: Value '${identityId}' at 'identityId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+`,
    );
  }
  const poolId = emulator.cognitoIdentities.poolFor(identityId);
  if (!poolId || poolId !== emulator.state.pool.id)
    throw new AwsError(400, 'ResourceNotFoundException', `Identity '${identityId}' not found.`);
  const login = loginOf(emulator, input);
  checkIdentityLogin(emulator, identityId, login);
  if (!login && !emulator.state.pool.allowUnauthenticated) throw new AwsError(400, 'NotAuthorizedException', UNAUTHENTICATED_REFUSED);
  const credential = emulator.credentials.issue(identityId);
  if (login) emulator.auth.principals.set(credential.accessKeyId, login);
  return {
    IdentityId: identityId,
    Credentials: {
      AccessKeyId: credential.accessKeyId,
      SecretKey: credential.secretAccessKey,
      SessionToken: credential.sessionToken,
      Expiration: Math.floor(epochSeconds(credential.expiresAtMs!)),
    },
  };
}

export const cognitoOperations: Record<string, (emulator: Emulator, input: Record<string, unknown>) => unknown> = {
  GetId: getId,
  GetCredentialsForIdentity: getCredentialsForIdentity,
};
