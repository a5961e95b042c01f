import { RampartError } from '@/lib/aws/errors';
import type { SignInConfig } from './config';
import { authorizeUrl, codeFromRedirect } from './hosted-ui';
import { createPkce, randomState } from './pkce';
import { completeSignIn, type StoredSession } from './session';

// Sign-in through the hosted UI in the browser's own auth window
// (`identity.launchWebAuthFlow`), which hands back the redirect to
// `https://<extension id>.chromiumapp.org/` without loading it. First silently: a user
// still signed in to the hosted UI (its cookie) gets a code without seeing a window;
// only then the interactive window.

export interface SignInOptions {
  /** `Google`: straight to Google's sign-in (the pool offers it). */
  provider?: 'Google';
  /** False: the silent attempt only (no window). */
  interactive?: boolean;
}

async function launch(url: string, interactive: boolean): Promise<string | undefined> {
  try {
    return await browser.identity.launchWebAuthFlow({ url, interactive });
  } catch {
    return undefined;
  }
}

export async function signInWithHostedUi(config: SignInConfig, options: SignInOptions = {}): Promise<StoredSession> {
  const pkce = await createPkce();
  const state = randomState();
  const redirectUri = browser.identity.getRedirectURL();
  const url = authorizeUrl(config, pkce, state, redirectUri, options.provider);

  const redirect = (await launch(url, false)) ?? (options.interactive === false ? undefined : await launch(url, true));
  if (!redirect) {
    throw new RampartError(
      'signin-cancelled',
      'Sign-in did not finish: the sign-in window was closed or could not open the hosted UI. Check the hosted-UI domain and try again.',
    );
  }
  return completeSignIn(config, codeFromRedirect(redirect, state), pkce.verifier, redirectUri);
}
