import { signInConfigKey, type SignInConfig } from './config';

// The emulator profile signs itself in (`npm run demo` stays one command): the emulator's
// hosted UI signs its configured user in at once, so a silent launchWebAuthFlow is enough.
// The background registers how to sign in; the credential provider asks for it when it
// finds nobody signed in. A user who signs out stays signed out until they sign in again
// (or the worker starts anew). The production build registers nothing: there, nobody
// signed in means a sentence asking the user to sign in.

type SignIn = (config: SignInConfig) => Promise<unknown>;

let signIn: SignIn | undefined;
let suspended = false;
/** The attempt under way, for one configuration: one for another (settings changed since) is not waited on. */
let pending: { key: string; done: Promise<void> } | undefined;

/** Emulator profile only: how the background signs in without a window. */
export function registerSignInAtStart(how: SignIn): void {
  signIn = how;
}

/** Sign in now if the profile does so by itself and the user has not signed out. */
export function signInAtStart(config: SignInConfig): Promise<void> {
  if (!signIn || suspended) return Promise.resolve();
  const how = signIn;
  const key = signInConfigKey(config);
  if (pending?.key === key) return pending.done;
  // One attempt however many callers wait for it; a failure is left to the caller's own sentence.
  const attempt: { key: string; done: Promise<void> } = {
    key,
    done: how(config)
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        if (pending === attempt) pending = undefined;
      }),
  };
  pending = attempt;
  return attempt.done;
}

/** Signing out holds the automatic sign-in back; signing in again releases it. */
export function holdSignInAtStart(held: boolean): void {
  suspended = held;
}
