import type { SignInStatus } from '../messages';
import type { Settings } from '../settings';
import { signInConfigOf } from './config';
import { storedSession } from './session';

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
