import { useEffect, useState } from 'react';
import { ask } from '@/lib/protocol/ask';
import type { UserError } from '@/lib/protocol/messages';

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

export function StopReplyBanner({ email, name, phrase }: StopReplyBannerProps) {
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
      else setState({ kind: 'error', error: reply.error ?? { code: 'not-undone', message: 'Nothing was undone.' }, retry: 'undo' });
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
          <span>
            <strong>{who}</strong> asked to stop (“{phrase}”). Suppress them for the whole team?
          </span>
          <button
            type="button"
            className="primary"
            data-rampart="stop-reply-suppress"
            onClick={(event) => trusted(event) && void suppress()}
          >
            Suppress and unsubscribe
          </button>
        </>
      )}
      {state.kind === 'working' && <span>Working…</span>}
      {state.kind === 'suppressed' && (
        <>
          <span>
            {state.auto ? 'Rampart suppressed ' : 'Suppressed '}
            <strong>{email}</strong> after their “{phrase}”: no one on the team can send to them now
            {state.shared ? '.' : ' (sharing with SES will be retried).'}
          </span>
          <button type="button" data-rampart="stop-reply-undo" onClick={(event) => trusted(event) && void undo()}>
            Undo
          </button>
        </>
      )}
      {state.kind === 'undone' && (
        <>
          <span>
            Suppression of <strong>{email}</strong> lifted.
          </span>
          <button type="button" data-rampart="stop-reply-suppress" onClick={(event) => trusted(event) && void suppress()}>
            Suppress again
          </button>
        </>
      )}
      {state.kind === 'already' && (
        <span>
          <strong>{email}</strong> asked to stop and is already suppressed{state.reason ? ` (${state.reason.toLowerCase()})` : ''}.
        </span>
      )}
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
            Try again
          </button>
        </>
      )}
    </div>
  );
}
