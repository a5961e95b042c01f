// Signed-in credentials for tests that run Rampart's own credential provider against the
// emulator: the emulator's user signs in through its hosted UI with PKCE, as the
// extension does, and the session lands in (fake) storage.session. Guests get nothing
// from SES or SQS, so a test that calls AWS signs in first.
import type { SignInConfig } from '../../lib/aws/sign-in/config';
import { authorizeUrl, codeFromRedirect } from '../../lib/aws/sign-in/hosted-ui';
import { createPkce } from '../../lib/aws/sign-in/pkce';
import { completeSignIn } from '../../lib/aws/sign-in/session';

const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';

/** The settings that point sign-in at the emulator's user pool and hosted UI. */
export function emulatorSignInSettings(url: string) {
  return { userPoolId: 'us-east-1_RampartLo', userPoolClientId: 'rampartlocalappclient0001', hostedUiDomain: url };
}

export function emulatorSignInConfig(url: string): SignInConfig {
  return { region: 'us-east-1', userPoolId: 'us-east-1_RampartLo', clientId: 'rampartlocalappclient0001', hostedUi: url, google: false };
}

/** Signs the emulator's configured user in; the session is stored as the extension stores it. */
export async function signInThroughEmulator(url: string): Promise<void> {
  const config = emulatorSignInConfig(url);
  const pkce = await createPkce();
  const response = await fetch(authorizeUrl(config, pkce, 's', REDIRECT), { redirect: 'manual' });
  await completeSignIn(config, codeFromRedirect(response.headers.get('location')!, 's'), pkce.verifier, REDIRECT);
}
