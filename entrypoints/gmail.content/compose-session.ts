import type { Draft } from '@/lib/core/draft';
import { emailKey } from '@/lib/core/email';
import type { Verdict } from '@/lib/core/finding';
import { gmailHolds } from '@/lib/core/gmail-holds';
import { countCallback } from './inbox/activity';
import type { Compose, InboxAdapter, PresendEvent } from './inbox/adapter';
import { ask, askCheck } from '@/lib/protocol/ask';
import type { OutboxRowView, SendResult } from '@/lib/protocol/messages';
import { isTestBuild } from '@/lib/core/profile';

// One compose window's state, outside React so the adapter's callbacks (draft changes,
// Gmail's presend) can read and change it synchronously. The panel renders a snapshot.

/** Wait for typing to settle before asking the background for a verdict. */
export const CHECK_DEBOUNCE_MS = 300;
/** Time to read the MessageId before the sent draft is discarded. */
export const DISCARD_AFTER_SENT_MS = 2500;

/**
 * Findings that say the account picture has not arrived yet (a fresh install, a first
 * sync still running): the verdict is asked again on its own, after 2 s doubling to 8 s,
 * until they are gone or for two minutes, so a draft left untouched does not keep them.
 */
const AWAITING_PICTURE = new Set(['account-unknown', 'from-auth-unknown']);
const RECHECK_FIRST_MS = 2_000;
const RECHECK_MAX_MS = 8_000;
/** A picture still missing after this long is a failing sync, which the popup reports: asked no more. */
const RECHECK_FOR_MS = 2 * 60_000;

/** The warnings and blocks a verdict holds, each as code and recipient. */
const confirmable = (verdict: Verdict | null) =>
  (verdict?.findings ?? []).filter((f) => f.severity !== 'info').map((f) => `${f.code}|${f.recipient ?? ''}`);

/** A confirmation covers the warnings it was given for: a new one needs a new confirmation. */
const addsWarning = (before: Verdict | null, after: Verdict) => {
  const seen = new Set(confirmable(before));
  return confirmable(after).some((finding) => !seen.has(finding));
};

/** A send whose fate this window could not learn: the panel says it in the UI's language (`compose.result.unknown`). */
const SEND_UNKNOWN = { code: 'send-unknown', message: '' };

export interface ComposeState {
  draft: Draft;
  /** The verdict of the last check, and whether it judged the draft as it is now. */
  verdict: Verdict | null;
  verdictCurrent: boolean;
  checking: boolean;
  checkError: string | null;
  confirmed: boolean;
  sending: boolean;
  result: SendResult | null;
  /** Gmail's own Send was held because of a block verdict (or a send already made). */
  heldGmailSend: boolean;
  /** ...or because the recipients or From changed since the last verdict, until it comes. */
  heldWhileChecking: boolean;
  /** Sent through SES, but the draft could not be discarded: it stays, marked. */
  sentButNotDiscarded: boolean;
}

/** What decides a verdict: everything but the body, which no guardrail reads before sending. */
function checkKey(draft: Draft): string {
  const { from, to, cc, bcc, subject, unreadable, hasAttachments, isReply } = draft;
  return JSON.stringify([from, to, cc, bcc, subject, unreadable, hasAttachments, isReply]);
}

/** Who the draft goes to and from: what a verdict on its recipients was about. */
function recipientsKey(draft: Draft): string {
  const { from, to, cc, bcc } = draft;
  return JSON.stringify([from, to, cc, bcc]);
}

function debounceMs(): number {
  // Test builds: the verdict-latency benchmark sets the debounce to 0 from the page.
  if (isTestBuild) {
    const override = document.documentElement.getAttribute('data-rampart-debounce-ms');
    if (override !== null && Number.isFinite(Number(override))) return Number(override);
  }
  return CHECK_DEBOUNCE_MS;
}

export class ComposeSession {
  private state: ComposeState;
  private listeners = new Set<() => void>();
  private checkedKey: string | null = null;
  private pendingKey: string | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private checkSeq = 0;
  /** recipientsKey of the draft the last verdict judged. */
  private checkedRecipients: string | null = null;
  private recheckTimer: ReturnType<typeof setTimeout> | undefined;
  private recheckMs = RECHECK_FIRST_MS;
  /** When this window began waiting for the account picture (epoch ms). */
  private awaitingSince: number | undefined;

  constructor(
    private readonly adapter: InboxAdapter,
    private readonly compose: Compose,
    private readonly signal: AbortSignal,
  ) {
    this.state = {
      draft: adapter.readDraft(compose, 'check'),
      verdict: null,
      verdictCurrent: false,
      checking: false,
      checkError: null,
      confirmed: false,
      sending: false,
      result: null,
      heldGmailSend: false,
      heldWhileChecking: false,
      sentButNotDiscarded: false,
    };
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(this.timer);
        clearTimeout(this.recheckTimer);
      },
      { once: true },
    );
    this.scheduleCheck();
    void this.restoreEarlierSend();
  }

  /**
   * A send of this very draft made while no panel was there to show it (the page
   * reloaded, the worker restarted), from the outbox row kept under Gmail's compose id:
   * - its fate unknown: shown again, so the user never resends blind;
   * - sent through SES, the draft still there (its discard failed or never ran): marked
   *   sent again, and Gmail's own Send stays held, so it cannot go a second time.
   * Only the same draft (same recipients and subject) under the same compose id: Gmail
   * may reuse an id for a new draft.
   */
  private async restoreEarlierSend(): Promise<void> {
    const { draft } = this.state;
    const rows = await ask('outbox', { composeId: draft.composeId }).catch(() => [] as OutboxRowView[]);
    countCallback();
    const last = rows[0];
    if (this.signal.aborted || this.state.result || this.state.sending || !last) return;
    if (last.state !== 'unknown' && last.state !== 'sent') return;
    if (last.subject !== draft.subject || !sameRecipients(last.recipients, draft)) return;
    if (last.state === 'sent') {
      this.compose.element.setAttribute('data-rampart-sent', last.messageId ?? '');
      this.update({ result: resultOf(last), sentButNotDiscarded: true });
      return;
    }
    this.update({ result: resultOf(last) });
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ComposeState => this.state;

  private update(patch: Partial<ComposeState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  /** The compose may have changed: re-read it; ask for a verdict only if what it decides changed. */
  refresh(): void {
    if (this.signal.aborted) return;
    const draft = this.adapter.readDraft(this.compose, 'check');
    const key = checkKey(draft);
    const verdictCurrent = key === this.checkedKey;
    if (key !== checkKey(this.state.draft) || verdictCurrent !== this.state.verdictCurrent) {
      this.update({ draft, verdictCurrent, confirmed: verdictCurrent ? this.state.confirmed : false });
    }
    if (key !== this.checkedKey && key !== this.pendingKey) this.scheduleCheck();
  }

  private scheduleCheck(): void {
    clearTimeout(this.timer);
    this.pendingKey = checkKey(this.state.draft);
    const wait = debounceMs();
    // No debounce: ask at once, with the draft just read (one render for both updates).
    if (wait === 0) {
      void this.check(this.state.draft);
      return;
    }
    this.timer = setTimeout(() => {
      countCallback();
      void this.check();
    }, wait);
  }

  private async check(read?: Draft): Promise<void> {
    if (this.signal.aborted) return;
    const draft = read ?? this.adapter.readDraft(this.compose, 'check');
    const key = checkKey(draft);
    const seq = ++this.checkSeq;
    this.update({ checking: true, draft });
    try {
      const verdict = await askCheck({ draft });
      countCallback();
      if (seq !== this.checkSeq || this.signal.aborted) return;
      this.checkedKey = key;
      this.checkedRecipients = recipientsKey(draft);
      if (this.pendingKey === key) this.pendingKey = null;
      this.update({
        verdict,
        checking: false,
        checkError: null,
        verdictCurrent: key === checkKey(this.state.draft),
        // A hold that waited for this verdict ends with it; one for a block stays shown.
        ...(this.state.heldWhileChecking ? { heldGmailSend: false, heldWhileChecking: false } : {}),
        // "I have read the warnings above" was about the warnings then on screen.
        ...(addsWarning(this.state.verdict, verdict) ? { confirmed: false } : {}),
      });
      this.recheckWhileAwaiting(verdict.findings);
    } catch (error) {
      countCallback();
      if (seq !== this.checkSeq || this.signal.aborted) return;
      if (this.pendingKey === key) this.pendingKey = null;
      this.update({ checking: false, checkError: sentenceOf(error, 'Rampart could not check this draft.') });
      // Still waiting for the picture: a failed check is asked again like the rest.
      this.recheckWhileAwaiting(this.state.verdict?.findings ?? []);
    }
  }

  /** Ask again, the draft unchanged, while the verdict waits for the account picture (two minutes at most). */
  private recheckWhileAwaiting(findings: Verdict['findings']): void {
    clearTimeout(this.recheckTimer);
    if (!findings.some((f) => AWAITING_PICTURE.has(f.code))) {
      this.recheckMs = RECHECK_FIRST_MS;
      this.awaitingSince = undefined;
      return;
    }
    this.awaitingSince ??= Date.now();
    if (Date.now() - this.awaitingSince >= RECHECK_FOR_MS) return;
    this.recheckTimer = setTimeout(() => {
      countCallback();
      if (this.signal.aborted || this.state.sending || this.state.result) return;
      void this.check();
    }, this.recheckMs);
    this.recheckMs = Math.min(this.recheckMs * 2, RECHECK_MAX_MS);
  }

  setConfirmed(confirmed: boolean): void {
    this.update({ confirmed });
  }

  /** Whether Send via SES may be clicked now, and if not, why. */
  sendable(): boolean {
    const s = this.state;
    if (s.sending || s.result?.outcome === 'sent' || s.result?.outcome === 'unknown') return false;
    if (s.draft.unreadable.length || !s.verdict || !s.verdictCurrent || s.checking) return false;
    if (s.verdict.verdict === 'block') return false;
    return s.verdict.verdict === 'ok' || s.confirmed;
  }

  /**
   * Gmail's own Send: held when the verdict names an address that must not be mailed by
   * any route (suppressed, unsubscribed, malformed, without a mail server), and once the
   * draft went out through SES. Not for SES's own limits (sandbox, cap, pause, account
   * state) nor for Rampart's failure to read the draft: those block Send via SES only,
   * and a chip still being typed must not stop Gmail's Ctrl+Enter. Held too when
   * recipients or From changed since the last verdict (a suppressed address added a
   * moment ago, its check not yet answered): the check is asked at once, and the SDR
   * sends again once it has answered.
   */
  onPresend = (event: PresendEvent): void => {
    const s = this.state;
    const alreadySent = s.result?.outcome === 'sent' || s.sending;
    // Held for an address that is bad whichever way the mail goes; SES's own limits (the
    // sandbox, the cap, a pause, the account) block Send via SES and leave Gmail's alone.
    if (alreadySent || gmailHolds(s.verdict)) {
      event.cancel();
      if (!s.heldGmailSend) this.update({ heldGmailSend: true });
      return;
    }
    if (!s.verdict || this.signal.aborted) return;
    const draft = this.adapter.readDraft(this.compose, 'check');
    if (draft.unreadable.length > 0 || recipientsKey(draft) === this.checkedRecipients) return;
    event.cancel();
    this.update({ heldGmailSend: true, heldWhileChecking: true, draft });
    clearTimeout(this.timer);
    this.pendingKey = checkKey(draft);
    void this.check(draft);
  };

  async send(): Promise<void> {
    if (!this.sendable()) return;
    const draft = this.adapter.readDraft(this.compose);
    if (draft.unreadable.length || checkKey(draft) !== this.checkedKey) {
      this.refresh();
      return;
    }
    this.update({ sending: true, result: null, draft });
    const requestId = crypto.randomUUID();
    let result: SendResult;
    try {
      result = await ask('send', { draft, confirmed: this.state.confirmed, requestId });
    } catch (error) {
      // No send result: the message was lost (a stopped worker) or the background failed
      // on the way, possibly after SES accepted. Its outbox row decides, never a guess.
      result = await this.settleLostSend(draft.composeId, requestId, error);
    }
    countCallback();
    this.update({ sending: false, result });
    if (result.outcome === 'sent') this.afterSent(result);
  }

  /**
   * The background gave no send result: the outbox row, written before SES was called,
   * says what happened. No row: it never started (the refusal's sentence is shown). A row
   * we cannot read: we do not know, and say so; Rampart never resends it on its own.
   */
  private async settleLostSend(composeId: string, requestId: string, error: unknown): Promise<SendResult> {
    try {
      const row = (await ask('outbox', { composeId })).find((r) => r.id === requestId);
      if (row) return resultOf(row);
      return {
        outcome: 'failed',
        findings: [],
        error: { code: codeOf(error), message: sentenceOf(error, 'Rampart could not send this draft.') },
      };
    } catch {
      return {
        outcome: 'unknown',
        outboxId: requestId,
        findings: [],
        error: SEND_UNKNOWN,
      };
    }
  }

  private afterSent(result: SendResult): void {
    this.compose.element.setAttribute('data-rampart-sent', result.messageId ?? '');
    setTimeout(() => {
      countCallback();
      if (this.signal.aborted || !this.compose.element.isConnected) return;
      if (!this.adapter.discard(this.compose)) this.update({ sentButNotDiscarded: true });
    }, DISCARD_AFTER_SENT_MS);
  }
}

function sameRecipients(sent: readonly string[], draft: Draft): boolean {
  const key = (list: readonly string[]) => [...new Set(list.map(emailKey))].sort().join(',');
  return key(sent) === key([...draft.to, ...draft.cc, ...draft.bcc].map((a) => a.email));
}

/** What an outbox row says, as a send result; a row still `queued` or `sending` is not known yet. */
function resultOf(row: OutboxRowView): SendResult {
  const outcome = row.state === 'queued' || row.state === 'sending' ? 'unknown' : row.state;
  return {
    outcome,
    outboxId: row.id,
    ...(row.messageId ? { messageId: row.messageId } : {}),
    findings: [],
    ...(row.error ? { error: row.error } : outcome === 'unknown' ? { error: SEND_UNKNOWN } : {}),
  };
}

function sentenceOf(error: unknown, fallback: string): string {
  return error instanceof Error && error.message ? error.message : fallback;
}
function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'send-failed';
}
