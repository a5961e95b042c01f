import type { Draft } from './draft';
import type { OutboxRow, OutboxState, RampartDb } from './db';
import type { Finding, Verdict } from './guardrails/finding';
import { earlierMessage, ledgerRecipients, ledgerRow } from './ledger';
import type { OutboxRowView, Request, SendResult, UserError } from './messages';
import { pinAfterSend, sendingIdentity } from './outbox/guard';
import { mergeFindings, unsendable } from './outbox/sendable';
import { isConfigured, type Settings } from './settings';
import type { AwsClients } from './ses/client';
import { buildSendEmail, messageBytes } from './ses/message';
import { sendEmail, type RetryPolicy, type SendOutcome } from './ses/send';

// The durable outbox (DESIGN.md): a send is written to IndexedDB before SES is called,
// under the compose UI's requestId, so that
// - the same click delivered twice (a resent message, a second tab) is one send;
// - a worker killed mid-send leaves a row in `sending`, which the next worker turns into
//   `unknown` and shows to the user — SendEmail has no idempotency token, so it is never
//   sent again silently.
//
//   queued ──► sending ──► sent | failed | unknown | blocked
//      └──────────────────────────────────────────►  blocked | failed   (refused before SES)

export interface OutboxDeps {
  database: () => RampartDb;
  loadSettings: () => Promise<Settings>;
  clients: (settings: Settings) => Pick<AwsClients, 'sesSend' | 'credentials'>;
  now: () => Date | Promise<Date>;
  /** The plan's time zone: the ledger's day is counted in it. */
  timeZone: () => string | Promise<string>;
  retry: RetryPolicy;
  /**
   * The guardrails' verdict on the draft, asked again at send time (the compose verdict
   * is advisory). Absent: only the checks of what SES can send at all.
   */
  judge?: (draft: Draft, settings: Settings, now: Date) => Promise<Verdict>;
  /**
   * Takes the draft's recipients off today's cap before the send (several tabs, one cap);
   * a UserError when the cap is reached. The ledger row replaces the reservation.
   */
  reserve?: (row: OutboxRow, now: Date) => Promise<UserError | null>;
  /** Waits until the recipients fit under SES's MaxSendRate. */
  pace?: (recipients: number) => Promise<void>;
}

export type SendRequest = Request<'send'>;

const FINAL: readonly OutboxState[] = ['sent', 'failed', 'unknown', 'blocked'];

const INTERRUPTED_SENDING: UserError = {
  code: 'interrupted',
  message:
    'Rampart was stopped while this message was being sent, so it cannot tell whether SES accepted it. Check the recipient’s inbox or the SES console before sending it again.',
};
const INTERRUPTED_QUEUED: UserError = {
  code: 'interrupted-before-send',
  message: 'Rampart was stopped before this message went to SES: it was not sent. Send it again when ready.',
};

function resultOf(row: OutboxRow): SendResult {
  const outcome = FINAL.includes(row.state) ? (row.state as SendResult['outcome']) : 'unknown';
  return {
    outcome,
    outboxId: row.id,
    findings: row.findings ?? [],
    ...(row.messageId ? { messageId: row.messageId } : {}),
    ...(row.error
      ? { error: row.error }
      : outcome === 'unknown'
        ? { error: { code: 'in-progress', message: 'This message is still being sent.' } }
        : {}),
  };
}

export function outboxRowView(row: OutboxRow): OutboxRowView {
  return {
    id: row.id,
    composeId: row.composeId,
    state: row.state,
    subject: row.draft.subject,
    recipients: [...row.draft.to, ...row.draft.cc, ...row.draft.bcc].map((a) => a.email),
    ...(row.messageId ? { messageId: row.messageId } : {}),
    ...(row.error ? { error: row.error } : {}),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function confirmationNeeded(warnings: readonly Finding[]): UserError {
  return {
    code: 'confirmation-needed',
    message: `Confirm before sending: ${warnings.map((w) => w.message.replace(/\.$/, '')).join('; ')}.`,
  };
}

export function createOutbox(deps: OutboxDeps) {
  // Sends running in this worker, by request id: a repeated request joins its first run.
  const running = new Map<string, Promise<SendResult>>();
  let recovery: Promise<void> | undefined;

  /**
   * Once per worker, before anything else touches the outbox: rows a previous worker
   * left mid-send become `unknown` (never re-sent), rows it left before SES `failed`.
   */
  function recovered(): Promise<void> {
    recovery ??= (async () => {
      const database = deps.database();
      const at = (await deps.now()).toISOString();
      await database.transaction('rw', database.outbox, async () => {
        await database.outbox
          .where('state')
          .anyOf('sending', 'queued')
          .modify((row) => {
            const error = row.state === 'sending' ? INTERRUPTED_SENDING : INTERRUPTED_QUEUED;
            row.state = row.state === 'sending' ? 'unknown' : 'failed';
            row.error = error;
            row.updatedAt = at;
          });
      });
    })();
    // A failed recovery (IndexedDB could not open) is tried again by the next caller.
    recovery.catch(() => (recovery = undefined));
    return recovery;
  }

  /**
   * Something broke outside SES's answer (IndexedDB, a bug): the row still says what may
   * have happened, and the compose window gets a result rather than an exception.
   */
  async function settleAfterError(id: string, error: unknown): Promise<SendResult> {
    const problem: UserError = {
      code: 'outbox-error',
      message: `Rampart hit an error while sending (${error instanceof Error ? error.message : String(error)}).`,
    };
    const row = await deps.database().outbox.get(id).catch(() => undefined);
    if (!row) return { outcome: 'failed', findings: [], error: problem };
    if (FINAL.includes(row.state)) return resultOf(row);
    // `sending`: SES may have the message; `queued`: it certainly does not.
    const state = row.state === 'sending' ? 'unknown' : 'failed';
    return finish(row, state, { ...problem, message: `${problem.message} ${state === 'unknown' ? 'It may have been sent: check before sending again.' : 'It was not sent.'}` }, row.findings ?? []);
  }

  async function update(id: string, patch: Partial<OutboxRow>): Promise<void> {
    const at = (await deps.now()).toISOString();
    await deps.database().outbox.update(id, { ...patch, updatedAt: at });
  }

  async function finish(row: OutboxRow, state: 'blocked' | 'failed' | 'unknown', error: UserError, findings: Finding[] = []): Promise<SendResult> {
    await update(row.id, { state, error, findings });
    // A send that certainly did not reach SES gives its reservation back; one that may
    // have keeps it, since SES may have counted it (lib/enforce/reservations.ts).
    if (state !== 'unknown') await deps.database().reservations.delete(row.id);
    return { outcome: state, outboxId: row.id, findings, error };
  }

  async function run(request: SendRequest): Promise<SendResult> {
    const database = deps.database();
    const createdAt = (await deps.now()).toISOString();
    const fresh: OutboxRow = {
      id: request.requestId,
      composeId: request.draft.composeId,
      state: 'queued',
      draft: request.draft,
      attempts: 0,
      createdAt,
      updatedAt: createdAt,
    };
    // The row is written before anything else happens; an existing one is the answer.
    const existing = await database.transaction('rw', database.outbox, async () => {
      const found = await database.outbox.get(fresh.id);
      if (!found) await database.outbox.add(fresh);
      return found;
    });
    if (existing) return resultOf(existing);
    const row = fresh;

    const settings = await deps.loadSettings();
    if (!isConfigured(settings)) {
      return finish(row, 'blocked', {
        code: 'not-configured',
        message: 'Rampart is not set up yet: add the identity pool and From address in its options.',
      });
    }

    const earlier = await earlierMessage(database, request.draft.inReplyToSesMessageId);
    const from = sendingIdentity(settings);
    const input = buildSendEmail(request.draft, settings, { from, earlier });
    const now = await deps.now();
    let findings = unsendable(request.draft, from, messageBytes(input));
    if (deps.judge) findings = mergeFindings((await deps.judge(request.draft, settings, now)).findings, findings);

    const blocking = findings.filter((f) => f.severity === 'block');
    if (blocking.length > 0) {
      return finish(row, 'blocked', { code: blocking[0]!.code, message: blocking[0]!.message }, findings);
    }
    const warnings = findings.filter((f) => f.severity === 'warn');
    if (warnings.length > 0 && !request.confirmed) {
      return finish(row, 'blocked', confirmationNeeded(warnings), findings);
    }

    if (deps.reserve) {
      const refused = await deps.reserve(row, now);
      if (refused) return finish(row, 'blocked', refused, findings);
    }
    await deps.pace?.(ledgerRecipients(request.draft).length);

    const { sesSend, credentials } = deps.clients(settings);
    let outcome: SendOutcome;
    try {
      outcome = await sendEmail(sesSend, credentials, input, deps.retry, {
        beforeAttempt: (attempt) => update(row.id, { state: 'sending', attempts: attempt }),
        // Between attempts nothing is on its way: a worker killed while waiting leaves a
        // row that was certainly not sent, not an unknown one.
        beforeBackoff: () => update(row.id, { state: 'queued' }),
      });
    } catch (error) {
      // Only the outbox write before an attempt can throw here; past it, SES may have the message.
      const current = await database.outbox.get(row.id);
      const maybeSent = current?.state === 'sending';
      return finish(row, maybeSent ? 'unknown' : 'failed', {
        code: 'outbox-write-failed',
        message: `Rampart could not record this send (${error instanceof Error ? error.message : String(error)}).`,
      }, findings);
    }

    if (outcome.outcome !== 'sent') return finish(row, outcome.outcome, outcome.error, findings);

    const sentAt = await deps.now();
    const ledger = ledgerRow({
      messageId: outcome.messageId,
      outboxId: row.id,
      sentAt,
      timeZone: await deps.timeZone(),
      from,
      draft: request.draft,
      subject: input.Content?.Simple?.Subject?.Data ?? request.draft.subject,
      senderTag: input.EmailTags?.[0]?.Value ?? '',
    });
    // Sent, counted and the reservation replaced, all at once: a worker killed between
    // them must not leave a sent message out of the ledger.
    const tables = [database.outbox, database.ledger, database.reservations, database.kv, database.changeLog];
    await database.transaction('rw', tables, async () => {
      await database.outbox.update(row.id, {
        state: 'sent',
        messageId: outcome.messageId,
        attempts: outcome.attempts,
        findings,
        updatedAt: sentAt.toISOString(),
      });
      await database.ledger.put(ledger);
      await database.reservations.delete(row.id);
      await pinAfterSend(database, from, sentAt);
    });
    return { outcome: 'sent', outboxId: row.id, messageId: outcome.messageId, findings };
  }

  return {
    recovered,

    async send(request: SendRequest): Promise<SendResult> {
      await recovered();
      const joined = running.get(request.requestId);
      if (joined) return joined;
      const started = run(request)
        .catch((error: unknown) => settleAfterError(request.requestId, error))
        .finally(() => running.delete(request.requestId));
      running.set(request.requestId, started);
      return started;
    },

    /** The rows of one compose window (or all), newest first. */
    async list(composeId?: string, limit = 50): Promise<OutboxRowView[]> {
      await recovered();
      const database = deps.database();
      const rows =
        composeId === undefined
          ? await database.outbox.orderBy('createdAt').reverse().limit(limit).toArray()
          : (await database.outbox.where('composeId').equals(composeId).toArray())
              .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
              .slice(0, limit);
      return rows.map(outboxRowView);
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
