import { useEffect, useState } from 'react';
import { ask } from '@/lib/protocol/ask';
import type { UserError } from '@/lib/protocol/messages';
import type { ComposeTranslate } from '@/lib/i18n/compose/translate';

// The banner above a thread message whose sender asked to stop: Rampart offers to
// suppress them for the whole team (or says it already did, when the setting is on),
// and every suppression it shows can be undone from the same place.

/**
 * The banner sits in Gmail's page, whose scripts can reach an open shadow root and click:
 * only a person's click (a trusted event) suppresses or undoes.
 */
const trusted = (event: { nativeEvent: Event }): boolean => event.nativeEvent.isTrusted;

export interface StopReplyBannerProps {
  email: string;
  name?: string;
  phrase: string;
  /** The compose panel's translator: the banner speaks the language chosen in options. */
  t: ComposeTranslate;
}

type State =
  | { kind: 'checking' }
  | { kind: 'offered' }
  | { kind: 'working' }
  | { kind: 'suppressed'; auto: boolean; shared: boolean }
  | { kind: 'undone' }
  | { kind: 'already'; reason?: string }
  | { kind: 'ignored' }
  | { kind: 'error'; error: UserError; retry: 'check' | 'suppress' | 'undo' };

const errorOf = (error: unknown): UserError => ({
  code: (error as { code?: string }).code ?? 'unknown',
  message: error instanceof Error ? error.message : String(error),
});

export function StopReplyBanner({ email, name, phrase, t }: StopReplyBannerProps) {
  const [state, setState] = useState<State>({ kind: 'checking' });
  const who = name && name !== email ? `${name} (${email})` : email;

  const check = async () => {
    setState({ kind: 'checking' });
    try {
      const reply = await ask('stopReply', { email, phrase });
      if (reply.action === 'offer') setState({ kind: 'offered' });
      else if (reply.action === 'suppressed') setState({ kind: 'suppressed', auto: true, shared: reply.shared ?? false });
      else if (reply.action === 'already') setState({ kind: 'already', ...(reply.reason ? { reason: reply.reason } : {}) });
      else setState({ kind: 'ignored' });
    } catch (error) {
      setState({ kind: 'error', error: errorOf(error), retry: 'check' });
    }
  };

  const suppress = async () => {
    setState({ kind: 'working' });
    try {
      const reply = await ask('suppress', { email, reason: 'UNSUBSCRIBE', cause: 'stop-reply' });
      if (reply.error && !reply.suppressed) setState({ kind: 'error', error: reply.error, retry: 'suppress' });
      else setState({ kind: 'suppressed', auto: false, shared: reply.shared });
    } catch (error) {
      setState({ kind: 'error', error: errorOf(error), retry: 'suppress' });
    }
  };

  const undo = async () => {
    setState({ kind: 'working' });
    try {
      const reply = await ask('undoSuppress', { email, cause: 'stop-reply' });
      if (reply.undone) setState({ kind: 'undone' });
      else setState({ kind: 'error', error: reply.error ?? { code: 'not-undone', message: t('stop.not-undone') }, retry: 'undo' });
    } catch (error) {
      setState({ kind: 'error', error: errorOf(error), retry: 'undo' });
    }
  };

  useEffect(() => {
    void check();
    // Checked once per banner: the banner lives as long as the thread message.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  if (state.kind === 'ignored' || state.kind === 'checking') {
    return <div data-rampart="stop-reply" data-state={state.kind} data-email={email} hidden />;
  }

  return (
    <div className="rampart-stop" data-rampart="stop-reply" data-state={state.kind} data-email={email} role="status">
      {state.kind === 'offered' && (
        <>
          <span>{t('stop.offered', { who, phrase })}</span>
          <button
            type="button"
            className="primary"
            data-rampart="stop-reply-suppress"
            onClick={(event) => trusted(event) && void suppress()}
          >
            {t('stop.suppress')}
          </button>
        </>
      )}
      {state.kind === 'working' && <span>{t('stop.working')}</span>}
      {state.kind === 'suppressed' && (
        <>
          <span>
            {t(state.auto ? 'stop.suppressed.auto' : 'stop.suppressed', { email, phrase })}
            {state.shared ? '' : ` ${t('stop.share-later')}`}
          </span>
          <button type="button" data-rampart="stop-reply-undo" onClick={(event) => trusted(event) && void undo()}>
            {t('stop.undo')}
          </button>
        </>
      )}
      {state.kind === 'undone' && (
        <>
          <span>{t('stop.undone', { email })}</span>
          <button type="button" data-rampart="stop-reply-suppress" onClick={(event) => trusted(event) && void suppress()}>
            {t('stop.again')}
          </button>
        </>
      )}
      {state.kind === 'already' && <span title={state.reason}>{t('stop.already', { email })}</span>}
      {state.kind === 'error' && (
        <>
          <span className="error" data-error-code={state.error.code}>
            {state.error.message}
          </span>
          <button
            type="button"
            onClick={(event) =>
              trusted(event) && void (state.retry === 'check' ? check() : state.retry === 'suppress' ? suppress() : undo())
            }
          >
            {t('stop.retry')}
          </button>
        </>
      )}
    </div>
  );
}
