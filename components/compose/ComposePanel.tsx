import { memo, useState, useSyncExternalStore } from 'react';
import type { Address } from '@/lib/core/draft';
import type { CapView, RecipientStatus, Verdict } from '@/lib/core/finding';
import { gmailHolds } from '@/lib/core/gmail-holds';
import type { ComposeMessageKey } from '@/lib/i18n/compose/en';
import type { ComposeTranslate } from '@/lib/i18n/compose/translate';
import type { ComposeSession, ComposeState } from '@/entrypoints/gmail.content/compose-session';

// The pre-send panel beside Gmail's Send: Send via SES, the verdict, today's cap, every
// recipient with its status, the confirmation a `warn` asks for, and what happened.
// The data-rampart hooks are the stable test surface (docs/test-surface.md). Rampart's own words
// come from the compose dictionaries (lib/i18n/compose); sentences the background wrote
// (findings, errors, the cap) are shown as written.

type Field = 'to' | 'cc' | 'bcc';

export function ComposePanel({ session, t }: { session: ComposeSession; t: ComposeTranslate }) {
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
          onClick={(event) => {
            // Only the SDR's own click sends: Gmail's page can reach this open shadow root and
            // call click(), whose event is not trusted.
            if (event.nativeEvent.isTrusted) void session.send();
          }}
          title={sendable ? t('compose.send-title') : undefined}
        >
          {state.sending ? t('compose.sending') : t('compose.send')}
        </button>
        <VerdictBadge state={state} t={t} />
        {verdict?.cap && (
          <span className="cap" data-rampart="cap" data-remaining={verdict.cap.remaining} title={capLine(verdict.cap, t)}>
            {capLine(verdict.cap, t)}
          </span>
        )}
        <button type="button" className="toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? t('compose.hide') : t('compose.details')}
        </button>
      </div>
      <div className="details" hidden={!open}>
        {verdict?.from && (
          <p className="from muted" data-rampart="from" data-email={verdict.from.email}>
            {t('compose.from', { from: verdict.from.name ? `${verdict.from.name} <${verdict.from.email}>` : verdict.from.email })}
          </p>
        )}
        <Unreadable unreadable={draft.unreadable} t={t} />
        {draft.hasAttachments && (
          <p className="warning" role="alert">
            {t('compose.attachments')}
          </p>
        )}
        {state.checkError && (
          <p className="warning" role="alert" data-rampart="check-error">
            {state.checkError}
          </p>
        )}
        {/* The sentences first (findings, then the confirmation right below them, what Gmail's
            Send may do, the result), the recipients last (a list that may run to 50 chips,
            scrolled within its own box): in a compose window of fixed height, such as Gmail's
            full-screen one, what the box confirms stays on screen beside it. */}
        <Findings verdict={verdict} t={t} />
        {verdict?.verdict === 'warn' && state.verdictCurrent && !state.result && (
          <label className="confirm">
            <input
              type="checkbox"
              data-rampart="confirm"
              checked={state.confirmed}
              onChange={(event) => {
                // A page script's click() would tick it; React then puts the box back as the state says.
                if (event.nativeEvent.isTrusted) session.setConfirmed(event.currentTarget.checked);
              }}
            />
            {t('compose.confirm')}
          </label>
        )}
        {verdict?.verdict === 'block' && !state.heldGmailSend && !gmailHolds(verdict) && !state.result && (
          <p className="muted" data-rampart="gmail-free">
            {t('compose.gmail-free')}
          </p>
        )}
        {state.heldGmailSend && (
          <p className="warning" role="alert" data-rampart="held">
            {state.result?.outcome === 'sent'
              ? t('compose.held.sent')
              : state.heldWhileChecking
                ? t('compose.held.checking')
                : t('compose.held.blocked')}
          </p>
        )}
        <Result state={state} t={t} />
        {/* While a changed draft is rechecked, each chip keeps what the last verdict said of
            its address (Send stays off until the new verdict): no flicker of 50 badges. */}
        <Recipients draft={state.draft} verdict={verdict} t={t} />
      </div>
    </div>
  );
}

/** Today's cap in the UI's language: what is left, of which limit, on which ramp day. */
function capLine(cap: CapView, t: ComposeTranslate): string {
  const line = t(`compose.cap.${cap.limit}`, { remaining: cap.remaining, of: cap.of });
  return cap.rampDay !== undefined && cap.limit !== 'ses' ? t('compose.cap.day', { cap: line, day: cap.rampDay }) : line;
}

function VerdictBadge({ state, t }: { state: ComposeState; t: ComposeTranslate }) {
  const { verdict } = state;
  if (!verdict) {
    return (
      <span className="verdict pending" data-rampart="verdict">
        {state.checking ? t('compose.checking') : t('compose.not-checked')}
      </span>
    );
  }
  const label = t(`compose.verdict.${verdict.verdict}`);
  return (
    <span
      className={`verdict ${verdict.verdict}`}
      data-rampart="verdict"
      data-verdict={verdict.verdict}
      data-current={state.verdictCurrent && !state.checking ? 'true' : 'false'}
    >
      {state.verdictCurrent ? label : t('compose.verdict.rechecking', { verdict: label })}
    </span>
  );
}

const unreadableKeys: Record<string, ComposeMessageKey> = {
  recipients: 'compose.unreadable.recipients',
  'pending-recipient': 'compose.unreadable.pending-recipient',
  subject: 'compose.unreadable.subject',
  body: 'compose.unreadable.body',
  from: 'compose.unreadable.from',
};

function Unreadable({ unreadable, t }: { unreadable: string[]; t: ComposeTranslate }) {
  if (!unreadable.length) return null;
  return (
    <ul className="unreadable" role="alert" data-rampart="unreadable">
      {unreadable.map((target) => (
        <li key={target} data-target={target}>
          {unreadableKeys[target] ? t(unreadableKeys[target]) : t('compose.unreadable', { target })} {t('compose.unreadable.send-off')}
        </li>
      ))}
    </ul>
  );
}

function Recipients({ draft, verdict, t }: { draft: ComposeState['draft']; verdict: Verdict | null; t: ComposeTranslate }) {
  const fields: Array<[Field, Address[]]> = [
    ['to', draft.to],
    ['cc', draft.cc],
    ['bcc', draft.bcc],
  ];
  if (!fields.some(([, list]) => list.length)) return <p className="muted">{t('compose.no-recipients')}</p>;
  // By address, once per verdict: a 50-recipient draft must not search the lists per chip.
  const statuses = new Map(verdict?.recipients.map((r) => [r.email.toLowerCase(), r]));
  const blockFindings = new Map(
    verdict?.findings.filter((f) => f.recipient && f.severity === 'block').map((f) => [f.recipient!.toLowerCase(), f.message]),
  );
  // A chip's reason is its finding's sentence, in the reader's language where it has one.
  const sentences = new Map(verdict?.findings.filter((f) => f.recipient).map((f) => [`${f.recipient!.toLowerCase()}\n${f.message}`, f]));
  const reasonOf = (key: string, reason: string | undefined) => {
    const finding = reason === undefined ? undefined : sentences.get(`${key}\n${reason}`);
    return finding ? findingText(finding, t) : reason;
  };
  return (
    <ul className="recipients">
      {fields.flatMap(([field, list]) =>
        list.map((address) => {
          const key = address.email.toLowerCase();
          const status = statuses.get(key);
          return (
            <RecipientChip
              key={`${field}:${address.email}`}
              field={field}
              email={address.email}
              name={address.name}
              status={status?.status}
              why={reasonOf(key, status?.reason) ?? blockFindings.get(key)}
              t={t}
            />
          );
        }),
      )}
    </ul>
  );
}

/** One recipient; re-rendered only when what it shows changes (a new chip re-checks the whole draft). */
const RecipientChip = memo(function RecipientChip({
  field,
  email,
  name,
  status,
  why,
  t,
}: {
  field: Field;
  email: string;
  name: string | undefined;
  status: RecipientStatus | undefined;
  why: string | undefined;
  t: ComposeTranslate;
}) {
  const flagged = status !== undefined && status !== 'ok';
  // A warning, and a domain whose mail servers were not checked (a note), say why and hold nothing.
  const warned = status === 'warn' || status === 'unchecked';
  return (
    <li
      data-rampart="recipient"
      data-email={email}
      data-field={field}
      data-status={status}
      className={flagged && !warned ? 'blocked' : undefined}
    >
      <span className="field">{t(`compose.field.${field}`)}</span> {name ? `${name} <${email}>` : email}
      {status && <span className={`status ${status}`}>{t(`compose.status.${status}`)}</span>}
      {flagged && (!warned || why) && (
        <span className={warned ? 'warning-note' : 'block-warning'} role="alert">
          {why ?? t(blockSentenceKey(status))}
        </span>
      )}
    </li>
  );
});

function blockSentenceKey(status: RecipientStatus): ComposeMessageKey {
  switch (status) {
    case 'suppressed':
      return 'compose.recipient.suppressed';
    case 'unverified':
      return 'compose.recipient.unverified';
    default:
      return 'compose.recipient.invalid';
  }
}

/** A finding in the reader's language when it carries a sentence the dictionaries have; else as the background wrote it. */
function findingText(finding: Verdict['findings'][number], t: ComposeTranslate): string {
  const sentence = finding.sentence;
  return (sentence && t.finding(sentence.key, sentence.params)) ?? finding.message;
}

function Findings({ verdict, t }: { verdict: Verdict | null; t: ComposeTranslate }) {
  // Every finding, those about one recipient too (also said on its chip): what a
  // confirmation confirms is always on screen beside it.
  const findings = verdict?.findings ?? [];
  if (!findings.length) return null;
  return (
    <ul className="findings">
      {findings.map((finding) => (
        <li
          key={`${finding.code}|${finding.recipient ?? ''}|${finding.message}`}
          className={finding.severity}
          data-rampart="finding"
          data-rule={finding.code}
          data-severity={finding.severity}
        >
          {findingText(finding, t)}
        </li>
      ))}
    </ul>
  );
}

function Result({ state, t }: { state: ComposeState; t: ComposeTranslate }) {
  const { result } = state;
  if (!result) return null;
  let text: string;
  switch (result.outcome) {
    case 'sent':
      text = t('compose.result.sent', { messageId: result.messageId ?? t('compose.result.no-message-id') });
      if (state.sentButNotDiscarded) text += ` ${t('compose.result.not-discarded')}`;
      break;
    case 'blocked':
      // The reason may be SES's (daily quota) or the cap's, not a finding: say it too, once.
      text = [
        t('compose.result.not-sent'),
        ...new Set([
          ...(result.error ? [result.error.message] : []),
          ...result.findings.filter((f) => f.severity === 'block').map((f) => f.message),
        ]),
      ].join(' ');
      break;
    case 'unknown':
      // The background's own account of it, else the sentence in the UI's language.
      text = result.error?.message ? `${result.error.message} ${t('compose.result.unknown-after')}` : t('compose.result.unknown');
      break;
    default:
      text = t('compose.result.failed', { message: result.error?.message ?? t('compose.result.failed-unexplained') });
  }
  return (
    <p
      className={`result ${result.outcome}`}
      role="status"
      data-rampart="result"
      data-outcome={result.outcome}
      data-message-id={result.messageId}
    >
      {text}
    </p>
  );
}
