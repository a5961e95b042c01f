import type { Settings } from '@/lib/store/settings';
import { signInConfigOf } from './config';
import { storedSession } from './session';

/** Sign-in as the options page shows it. */
export interface SignInStatus {
  /** The settings name a user pool, an app client and a hosted UI. */
  configured: boolean;
  signedIn: boolean;
  /** The pool offers Google. */
  google: boolean;
  email?: string;
  /** The federated provider the user came through (e.g. Google). */
  provider?: string;
}

/** What the options page shows about sign-in. */
export async function signInStatus(settings: Settings): Promise<SignInStatus> {
  const config = signInConfigOf(settings);
  if (!config) return { configured: false, signedIn: false, google: false };
  const session = await storedSession(config);
  if (!session) return { configured: true, signedIn: false, google: config.google };
  return {
    configured: true,
    signedIn: true,
    google: config.google,
    ...(session.email ? { email: session.email } : {}),
    ...(session.provider ? { provider: session.provider } : {}),
  };
}
