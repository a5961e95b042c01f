import { fromCognitoIdentityPool } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { Settings } from '@/lib/store/settings';
import { isEmulatorProfile, isTestBuild } from '@/lib/core/profile';
import { signInConfigKey, signInConfigOf, type SignInConfig } from './sign-in/config';
import { currentLogin, keepCredentials, keptCredentials, storedSession } from './sign-in/session';
import { signInAtStart } from './sign-in/sign-in-at-start';
import { RampartError } from './errors';

/** What a call that needs AWS answers while nobody is signed in. */
export const SIGNED_OUT_MESSAGE = 'Nobody is signed in to Rampart: sign in from Rampart’s options. Nothing was sent.';

// Temporary AWS credentials from the team's Cognito identity pool: the signed-in user's
// authenticated identity (lib/aws/sign-in). Nobody signed in means no credentials, never a
// guest identity: Cognito's enhanced flow scopes guests down to no SES and no SQS call
// (Cognito developer guide, "IAM roles"). The extension holds no long-lived keys. The
// background is the only place that calls this; the content script never sees a credential.

/** Where Rampart's AWS calls go: the part of the settings the clients are built from. */
export interface AwsTarget {
  region: string;
  identityPoolId: string;
  /** SES, Cognito Identity and SQS all behind one endpoint (the local emulator, a proxy). */
  endpoint?: string;
  /** The user pool whose signed-in user's logins are used when present. */
  signIn?: SignInConfig;
}

export function awsTargetOf(settings: Settings): AwsTarget {
  return {
    region: settings.region,
    identityPoolId: settings.identityPoolId,
    // The emulator profile's alone (lib/store/settings.ts, trustedTargets): production talks to AWS.
    ...(settings.endpointOverride && (isEmulatorProfile || isTestBuild) ? { endpoint: settings.endpointOverride } : {}),
    ...(signInConfigOf(settings) ? { signIn: signInConfigOf(settings) } : {}),
  };
}

/** Equal keys = the same clients and credentials can be reused. */
export function awsTargetKey(target: AwsTarget): string {
  return `${target.region}|${target.identityPoolId}|${target.endpoint ?? ''}|${target.signIn ? signInConfigKey(target.signIn) : ''}`;
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
  // Credentials of a signed-in user: the ID token goes into the pool's logins (an
  // authenticated identity, the authenticated role). The identity id is remembered per
  // user; the credentials are kept in storage.session beside the tokens.
  async function signedIn(signIn: SignInConfig, subject: string, skipKept: boolean): Promise<AwsCredentialIdentity> {
    if (!skipKept) {
      const kept = await keptCredentials(subject);
      const asIdentity = kept && {
        accessKeyId: kept.accessKeyId,
        secretAccessKey: kept.secretAccessKey,
        ...(kept.sessionToken ? { sessionToken: kept.sessionToken } : {}),
        ...(kept.expiration ? { expiration: new Date(kept.expiration) } : {}),
      };
      if (fresh(asIdentity)) return asIdentity;
    }
    const fromLogins = async (forceRefresh: boolean) => {
      const login = await currentLogin(signIn, { forceRefresh, now });
      if (!login) throw Object.assign(new Error('No one is signed in any more.'), { name: 'CredentialsProviderError' });
      return fromCognitoIdentityPool({
        clientConfig: { region: target.region, ...(target.endpoint ? { endpoint: target.endpoint } : {}) },
        identityPoolId: target.identityPoolId,
        logins: { [login.key]: login.idToken },
        // The identity id is remembered per user, pool and endpoint: an emulator's id
        // means nothing to AWS or to another emulator.
        userIdentifier: `${login.subject}@${target.endpoint ?? target.region}`,
      })();
    };
    let credentials: AwsCredentialIdentity & { identityId?: string };
    try {
      credentials = await fromLogins(false);
    } catch (error) {
      // The pool refused the ID token (expired by its clock, or revoked): one new ID
      // token from the refresh token, then once more.
      if ((error as { name?: unknown }).name !== 'NotAuthorizedException') throw error;
      credentials = await fromLogins(true);
    }
    await keepCredentials({
      subject,
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      ...(credentials.sessionToken ? { sessionToken: credentials.sessionToken } : {}),
      ...(credentials.expiration ? { expiration: credentials.expiration.getTime() } : {}),
      ...(credentials.identityId ? { identityId: credentials.identityId } : {}),
    });
    return credentials;
  }

  /** Who the credentials are for: the signed-in user's subject, or '' when nobody is. */
  async function whoIsSignedIn(): Promise<string> {
    if (!target.signIn) return '';
    const subject = (await storedSession(target.signIn))?.subject;
    if (subject) return subject;
    // The emulator profile signs itself in; elsewhere this resolves at once.
    await signInAtStart(target.signIn);
    return (await storedSession(target.signIn))?.subject ?? '';
  }

  let cached: AwsCredentialIdentity | undefined;
  let cachedFor = '';
  let pending: Promise<AwsCredentialIdentity> | undefined;
  /** Set by invalidate(): the kept credentials were refused too (ExpiredToken). */
  let distrustKept = false;

  const fresh = (c: AwsCredentialIdentity | undefined): c is AwsCredentialIdentity =>
    c !== undefined && (!c.expiration || c.expiration.getTime() - now() > REFRESH_MARGIN_MS);

  const provider = (async () => {
    const subject = await whoIsSignedIn();
    if (!subject || !target.signIn) {
      cached = undefined;
      throw new RampartError(
        'signed-out',
        target.signIn
          ? SIGNED_OUT_MESSAGE
          : 'Sign-in is not set up: enter the user pool id, app client id and hosted-UI domain in Rampart’s options, then sign in. Nothing was sent.',
      );
    }
    if (fresh(cached) && cachedFor === subject) return cached;
    const signIn = target.signIn;
    // One Cognito round trip however many calls wait for it.
    pending ??= signedIn(signIn, subject, distrustKept)
      .then((c) => {
        cached = c;
        cachedFor = subject;
        distrustKept = false;
        return c;
      })
      .finally(() => (pending = undefined));
    return pending;
  }) as CachedCredentials;
  provider.invalidate = () => {
    cached = undefined;
    distrustKept = true;
  };
  provider.memoized = true;
  return provider;
}
