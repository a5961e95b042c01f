import { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import { fromCognitoIdentityPool } from '@aws-sdk/credential-provider-cognito-identity';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { Settings } from '../settings';

// Temporary AWS credentials from the team's Cognito identity pool (unauthenticated
// identities): the extension holds no long-lived keys. The background is the only
// place that calls this; the content script never sees a credential.

/** Where Rampart's AWS calls go: the part of the settings the clients are built from. */
export interface AwsTarget {
  region: string;
  identityPoolId: string;
  /** SES, Cognito Identity and SQS all behind one endpoint (the local emulator, a proxy). */
  endpoint?: string;
}

export function awsTargetOf(settings: Settings): AwsTarget {
  return {
    region: settings.region,
    identityPoolId: settings.identityPoolId,
    ...(settings.endpointOverride ? { endpoint: settings.endpointOverride } : {}),
  };
}

/** Equal keys = the same clients and credentials can be reused. */
export function awsTargetKey(target: AwsTarget): string {
  return `${target.region}|${target.identityPoolId}|${target.endpoint ?? ''}`;
}

/** Refresh this long before the credentials expire, so a send never starts with stale ones. */
const REFRESH_MARGIN_MS = 5 * 60_000;

export interface CachedCredentials extends AwsCredentialIdentityProvider {
  /** Drop the cached credentials: the next call asks Cognito again (after ExpiredToken). */
  invalidate(): void;
  /** Tells the SDK this provider caches already, so the clients don't wrap it again. */
  memoized: true;
}

/**
 * A credential provider for the identity pool that caches the temporary credentials until
 * shortly before they expire, shared by every client of the same target. The SDK's
 * `fromCognitoIdentityPool` caches the identity id (in IndexedDB) but asks for new
 * credentials on every call.
 */
export function cognitoCredentials(target: AwsTarget, now: () => number = Date.now): CachedCredentials {
  const cognito = new CognitoIdentityClient({
    region: target.region,
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
  });
  const fromPool = fromCognitoIdentityPool({
    // The provider's parameter is typed with the SDK's internal Cognito client, which
    // differs only in its list of operations; `send` runs GetId and
    // GetCredentialsForIdentity the same on either.
    client: cognito as unknown as NonNullable<Parameters<typeof fromCognitoIdentityPool>[0]['client']>,
    identityPoolId: target.identityPoolId,
    // The identity id is remembered per pool and endpoint: an emulator's id means
    // nothing to AWS or to another emulator.
    userIdentifier: `unauthenticated@${target.endpoint ?? target.region}`,
  });

  let cached: AwsCredentialIdentity | undefined;
  let pending: Promise<AwsCredentialIdentity> | undefined;

  const fresh = (c: AwsCredentialIdentity | undefined): c is AwsCredentialIdentity =>
    c !== undefined && (!c.expiration || c.expiration.getTime() - now() > REFRESH_MARGIN_MS);

  const provider = (async () => {
    if (fresh(cached)) return cached;
    // One Cognito round trip however many calls wait for it.
    pending ??= fromPool()
      .then((c) => (cached = c))
      .finally(() => (pending = undefined));
    return pending;
  }) as CachedCredentials;
  provider.invalidate = () => {
    cached = undefined;
  };
  provider.memoized = true;
  return provider;
}
