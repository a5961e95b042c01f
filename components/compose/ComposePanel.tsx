import { useState, useSyncExternalStore } from 'react';
import type { Address } from '../../lib/draft';
import type { Verdict } from '../../lib/guardrails/finding';
import { unreadableSentences } from '../../lib/inbox/adapter';
import type { ComposeSession, ComposeState } from './compose-session';

// The pre-send panel beside Gmail's Send: Send via SES, the verdict, today's cap, every
// recipient with its status, the confirmation a `warn` asks for, and what happened.
// The data-rampart hooks are the stable test surface (CONTRACT.md).

type Field = 'to' | 'cc' | 'bcc';

export function ComposePanel({ session }: { session: ComposeSession }) {
  const state = useSyncExternalStore(session.subscribe, session.getSnapshot);
  const [open, setOpen] = useState(true);
  const { verdict, draft } = state;
  const sendable = session.sendable();

  return (
    <div className="rampart" data-compose-id={draft.composeId}>
      <div className="bar">
        <button
          type="button"
          className="send"
          data-rampart="send"
          disabled={!sendable}
          onClick={() => void session.send()}
          title={sendable ? 'Send this draft through Amazon SES' : undefined}
        >
          {state.sending ? 'Sending…' : 'Send via SES'}
        </button>
        <VerdictBadge state={state} />
        {verdict?.cap && (
          <span className="cap" data-rampart="cap" data-remaining={verdict.cap.remaining} title={verdict.cap.sentence}>
            {verdict.cap.sentence}
          </span>
        )}
        <button type="button" className="toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Hide' : 'Details'}
        </button>
      </div>
      <div className="details" hidden={!open}>
        <Unreadable unreadable={draft.unreadable} />
        {draft.hasAttachments && (
          <p className="warning" role="alert">
            This draft has attachments. Rampart sends text only: remove them or send with Gmail.
          </p>
        )}
        {state.checkError && (
          <p className="warning" role="alert" data-rampart="check-error">
            {state.checkError}
          </p>
        )}
        <Recipients draft={state.draft} verdict={state.verdictCurrent ? verdict : null} />
        <Findings verdict={verdict} />
        {verdict?.verdict === 'warn' && state.verdictCurrent && !state.result && (
          <label className="confirm">
            <input
              type="checkbox"
              data-rampart="confirm"
              checked={state.confirmed}
              onChange={(event) => session.setConfirmed(event.currentTarget.checked)}
            />
            I have read the warnings above: send anyway.
          </label>
        )}
        {state.heldGmailSend && (
          <p className="warning" role="alert" data-rampart="held">
            {state.result?.outcome === 'sent'
              ? 'Gmail’s Send is held: this draft already went out through SES.'
              : 'Gmail’s Send is held: this draft is blocked (see above).'}
          </p>
        )}
        <Result state={state} />
      </div>
    </div>
  );
}

function VerdictBadge({ state }: { state: ComposeState }) {
  const { verdict } = state;
  if (!verdict) {
    return (
      <span className="verdict pending" data-rampart="verdict">
        {state.checking ? 'Checking…' : 'Not checked yet'}
      </span>
    );
  }
  const label = { ok: 'Ready to send', warn: 'Check the warnings', block: 'Blocked' }[verdict.verdict];
  return (
    <span
      className={`verdict ${verdict.verdict}`}
      data-rampart="verdict"
      data-verdict={verdict.verdict}
      data-current={state.verdictCurrent && !state.checking ? 'true' : 'false'}
    >
      {state.verdictCurrent ? label : `${label} (re-checking…)`}
    </span>
  );
}

function Unreadable({ unreadable }: { unreadable: string[] }) {
  if (!unreadable.length) return null;
  return (
    <ul className="unreadable" role="alert" data-rampart="unreadable">
      {unreadable.map((target) => (
        <li key={target} data-target={target}>
          {unreadableSentences[target] ?? `Rampart can’t read the ${target} of this draft.`} Send via SES is off for it.
        </li>
      ))}
    </ul>
  );
}

function Recipients({ draft, verdict }: { draft: ComposeState['draft']; verdict: Verdict | null }) {
  const fields: Array<[Field, Address[]]> = [
    ['to', draft.to],
    ['cc', draft.cc],
    ['bcc', draft.bcc],
  ];
  if (!fields.some(([, list]) => list.length)) return <p className="muted">No recipients yet.</p>;
  const statusOf = (email: string) =>
    verdict?.recipients.find((r) => r.email.toLowerCase() === email.toLowerCase());
  const findingOf = (email: string) =>
    verdict?.findings.find((f) => f.recipient?.toLowerCase() === email.toLowerCase() && f.severity === 'block');
  return (
    <ul className="recipients">
      {fields.flatMap(([field, list]) =>
        list.map((address) => {
          const status = statusOf(address.email);
          const blocked = status && status.status !== 'ok';
          const why = status?.reason ?? findingOf(address.email)?.message;
          return (
            <li
              key={`${field}:${address.email}`}
              data-rampart="recipient"
              data-email={address.email}
              data-field={field}
              data-status={status?.status}
              className={blocked ? 'blocked' : undefined}
            >
              <span className="field">{field}</span> {address.name ? `${address.name} <${address.email}>` : address.email}
              {status && <span className={`status ${status.status}`}>{status.status}</span>}
              {blocked && (
                <span className="block-warning" role="alert">
                  {why ?? blockSentence(status.status)}
                </span>
              )}
            </li>
          );
        }),
      )}
    </ul>
  );
}

function blockSentence(status: string): string {
  switch (status) {
    case 'suppressed':
      return 'This address is on the suppression list: it bounced, complained or unsubscribed.';
    case 'unverified':
      return 'The SES account is in the sandbox and this address is not verified.';
    default:
      return 'This is not a valid address.';
  }
}

function Findings({ verdict }: { verdict: Verdict | null }) {
  // Findings about one recipient are shown on that recipient.
  const general = verdict?.findings.filter((f) => !f.recipient) ?? [];
  if (!general.length) return null;
  return (
    <ul className="findings">
      {general.map((finding) => (
        <li key={finding.code + finding.message} className={finding.severity} data-code={finding.code} data-severity={finding.severity}>
          {finding.message}
        </li>
      ))}
    </ul>
  );
}

function Result({ state }: { state: ComposeState }) {
  const { result } = state;
  if (!result) return null;
  let text: string;
  switch (result.outcome) {
    case 'sent':
      text = `Sent via SES. Message ID: ${result.messageId ?? '(not returned)'}.`;
      if (state.sentButNotDiscarded) text += ' Rampart could not find Gmail’s discard button: close this draft yourself, don’t send it again.';
      break;
    case 'blocked':
      text = ['Not sent.', ...result.findings.filter((f) => f.severity === 'block').map((f) => f.message)].join(' ');
      break;
    case 'unknown':
      text =
        result.error?.message ??
        'Rampart can’t tell whether this message went out: it may or may not have been sent. Rampart will not resend it; check the outbox before sending it again.';
      if (result.error) text += ' It may or may not have been sent, and Rampart will not resend it.';
      break;
    default:
      text = `Not sent: ${result.error?.message ?? 'the send failed.'} The draft is untouched.`;
  }
  return (
    <p className={`result ${result.outcome}`} role="status" data-rampart="result" data-outcome={result.outcome} data-message-id={result.messageId}>
      {text}
    </p>
  );
}
