import { useEffect, useState } from 'react';
import { useI18n } from '@/lib/i18n/use-i18n';
import { ask } from '@/lib/protocol/ask';
import type { SignInStatus, UserError } from '@/lib/protocol/messages';

// Sign-in for the options page: who is signed in, and the buttons to sign in through the
// user pool's hosted UI (Google too, where the pool offers it) or out. The background
// runs the flow and keeps the tokens; this only asks. Its error sentences are shown as
// the background wrote them.

function asUserError(error: unknown): UserError {
  const e = error as { code?: unknown; message?: unknown };
  return { code: typeof e.code === 'string' ? e.code : 'unknown', message: typeof e.message === 'string' ? e.message : String(error) };
}

export function SignInPanel() {
  const { t } = useI18n();
  const [status, setStatus] = useState<SignInStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UserError | null>(null);

  useEffect(() => {
    void ask('signInStatus', {}).then(setStatus, (e: unknown) => setError(asUserError(e)));
  }, []);

  async function run(action: () => Promise<SignInStatus>) {
    setBusy(true);
    setError(null);
    try {
      setStatus(await action());
    } catch (e) {
      setError(asUserError(e));
    } finally {
      setBusy(false);
    }
  }

  if (!status) return error ? <p className="error">{error.message}</p> : <p>{t('signin.loading')}</p>;

  return (
    <section data-rampart="signin-panel" data-state={status.signedIn ? 'signed-in' : status.configured ? 'signed-out' : 'not-configured'}>
      {!status.configured ? (
        <p className="hint">{t('signin.not-configured')}</p>
      ) : status.signedIn ? (
        <p>
          {t('signin.signed-in-as')} <strong data-rampart="signed-in-as">{status.email ?? t('signin.unnamed')}</strong>
          {status.provider ? t('signin.through', { provider: status.provider }) : ''}.{' '}
          <button type="button" data-rampart="signout" disabled={busy} onClick={() => run(() => ask('signOut', {}))}>
            {t('signin.sign-out')}
          </button>
        </p>
      ) : (
        <p>
          <button type="button" data-rampart="signin" disabled={busy} onClick={() => run(() => ask('signIn', {}))}>
            {t('signin.sign-in')}
          </button>
          {status.google && (
            <>
              {' '}
              <button
                type="button"
                data-rampart="signin-google"
                disabled={busy}
                onClick={() => run(() => ask('signIn', { provider: 'Google' }))}
              >
                {t('signin.sign-in-google')}
              </button>
            </>
          )}
        </p>
      )}
      {error && (
        <p className="error" role="alert" data-rampart="signin-error" data-code={error.code}>
          {error.message}
        </p>
      )}
    </section>
  );
}
