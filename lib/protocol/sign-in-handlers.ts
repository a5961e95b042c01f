import type { Handlers } from './router';
import { RampartError } from '@/lib/aws/errors';
import { loadSettings } from '@/lib/store/settings';
import { signInConfigOf } from '@/lib/aws/sign-in/config';
import { signOut } from '@/lib/aws/sign-in/session';
import { holdSignInAtStart } from '@/lib/aws/sign-in/sign-in-at-start';
import { signInStatus } from '@/lib/aws/sign-in/status';
import { signInWithHostedUi } from '@/lib/aws/sign-in/web-auth-flow';

// The background's answers to the options page's sign-in messages. The AWS credentials
// follow by themselves: the credential provider looks at who is signed in on each use.

export const signInHandlers: Pick<Handlers, 'signIn' | 'signOut' | 'signInStatus'> = {
  signIn: async ({ provider, interactive }) => {
    const settings = await loadSettings();
    const config = signInConfigOf(settings);
    if (!config) {
      throw new RampartError(
        'signin-not-configured',
        'Sign-in is not set up: enter the user pool id, app client id and hosted-UI domain first.',
      );
    }
    await signInWithHostedUi(config, { ...(provider ? { provider } : {}), ...(interactive === undefined ? {} : { interactive }) });
    holdSignInAtStart(false);
    return signInStatus(settings);
  },
  signOut: async () => {
    // Signed out stays signed out, even in the profile that signs itself in.
    holdSignInAtStart(true);
    await signOut();
    return signInStatus(await loadSettings());
  },
  signInStatus: async () => signInStatus(await loadSettings()),
};
