import type { Settings } from '@/lib/store/settings';

// What sign-in needs from the settings: the user pool, its app client and its hosted UI.
// Absent any of them, Rampart signs in no one and uses the identity pool's
// unauthenticated identities (when the pool allows them).

export interface SignInConfig {
  region: string;
  userPoolId: string;
  clientId: string;
  /** The hosted UI's origin, e.g. https://rampart-team.auth.us-east-1.amazoncognito.com. */
  hostedUi: string;
  /** Offer Google as the identity provider (the pool has it set up). */
  google: boolean;
}

/** The hosted-UI domain as typed (a bare domain means https), as an origin. */
export function hostedUiOrigin(domain: string): string | undefined {
  const withScheme = /^https?:\/\//i.test(domain) ? domain : `https://${domain}`;
  try {
    const url = new URL(withScheme);
    return url.origin;
  } catch {
    return undefined;
  }
}

export function signInConfigOf(settings: Settings): SignInConfig | undefined {
  const { userPoolId, userPoolClientId, hostedUiDomain } = settings;
  if (!userPoolId || !userPoolClientId || !hostedUiDomain) return undefined;
  const hostedUi = hostedUiOrigin(hostedUiDomain);
  if (!hostedUi) return undefined;
  return { region: settings.region, userPoolId, clientId: userPoolClientId, hostedUi, google: settings.googleSignIn === true };
}

/** The identity pool's logins key for this user pool (Cognito's provider name). */
export function loginsKey(config: Pick<SignInConfig, 'region' | 'userPoolId'>): string {
  return `cognito-idp.${config.region}.amazonaws.com/${config.userPoolId}`;
}

/** Equal keys = the same user pool and client: a session of one is no good for another. */
export function signInConfigKey(config: SignInConfig): string {
  return `${config.userPoolId}|${config.clientId}|${config.hostedUi}`;
}
