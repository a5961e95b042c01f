import type { Draft } from '@/lib/core/draft';
import type { OutboxRow, OutboxState, RampartDb } from '@/lib/store/db';
import type { Finding, Verdict } from '@/lib/core/finding';
import { earlierMessage, ledgerRecipients } from './ledger';
import type { UserError } from '@/lib/core/errors';
import type { OutboxRowView, SendRequest, SendResult } from './result';
import { sendingIdentity } from './guard';
import { mergeFindings, unsendable } from './sendable';
import { killPoint } from './kill-points';
import { settleSent } from './settle';
import type { SentAs } from '@/lib/store/db';
import { isConfigured, type Settings } from '@/lib/store/settings';
import type { AwsClients } from '@/lib/aws/client';
import { buildSendEmail, messageBytes } from '@/lib/aws/message';
import { sendEmail, type RetryPolicy, type SendOutcome } from '@/lib/aws/send';

// The durable outbox (docs/architecture.md): a send is written to IndexedDB before SES is called,
// under the compose UI's requestId, so that
// - the same click delivered twice (a resent message, a second tab) is one send;
// - a worker killed mid-send leaves a row in `sending`, which the next worker turns into
//   `unknown` and shows to the user — SendEmail has no idempotency token, so it is never
//   sent again silently.
//
//   queued ──► sending ──► sent | failed | unknown | blocked
//      └──────────────────────────────────────────►  blocked | failed   (refused before SES)
//                             unknown ──► sent | failed   (SES's Send / Reject event, by the `outbox` tag)
//
// Every SendEmail carries the row's id as its `outbox` tag, and the configuration set
// publishes Send, Reject and Rendering Failure events with the tags (lib/feedback), so a
// send whose answer was lost is settled when SES's event arrives, once, whoever is first
// (lib/send/settle.ts). Without an event the row stays `unknown`, saying how long
// Rampart has waited and what it knows.

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
  /** SES refused a send for the rate: the pacer takes a smaller share of it. */
  throttled?: () => void;
  /** A send became `unknown`: SES's event about it should be looked for soon. */
  onUnknown?: () => void;
  /** How the feedback poll is doing, for what an `unknown` row says it knows. */
  lastPollAt?: () => Promise<string | undefined>;
}

export type { SendRequest };

const FINAL: readonly OutboxState[] = ['sent', 'failed', 'unknown', 'blocked'];

const INTERRUPTED_SENDING: UserError = {
  code: 'interrupted',
  message:
    'Rampart was stopped while this message was being sent, so it cannot tell yet whether SES accepted it; SES’s event about it will say. Do not send it again meanwhile.',
};
const INTERRUPTED_QUEUED: UserError = {
  code: 'interrupted-before-send',
  message: 'Rampart was stopped before this message went to SES: it was not sent. Send it again when ready.',
};

/** `12 s`, `4 min`, `3 h 5 min`: how long Rampart has waited, as the SDR reads it. */
export function waitedFor(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 90) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 90) return `${min} min`;
  return `${Math.floor(min / 60)} h ${min % 60} min`;
}

/**
 * An `unknown` row's sentence, brought up to date: how long since its request left, what
 * Rampart knows (SES's message id when it has one), and whether the feedback queue has
 * been read since — no Send or Reject event about it has come.
 */
export function unknownSentence(row: OutboxRow, now: Date, lastPollAt?: string): UserError {
  const base = row.error ?? { code: 'send-unknown', message: 'SES’s answer to this send was lost: it may or may not have gone.' };
  const since = Date.parse(row.attemptedAt ?? row.updatedAt);
  const known = row.messageId ? ` SES accepted it as ${row.messageId}; Rampart is waiting for its Send event to record it.` : '';
  const polled =
    lastPollAt && Date.parse(lastPollAt) > since
      ? ` No Send or Reject event about it has come from SES (its events were last read ${waitedFor(now.getTime() - Date.parse(lastPollAt))} ago).`
      : ' Its Send or Reject event from SES has not been read yet.';
  const waited = ` Rampart has waited ${waitedFor(now.getTime() - since)} for SES to say what became of it.${known}${polled}`;
  return { code: base.code, message: `${base.message.replace(/\s*Rampart has waited [\s\S]*$/, '')}${waited}` };
}

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
      const now = await deps.now();
      const at = now.toISOString();
      let unknown = 0;
      await database.transaction('rw', database.outbox, async () => {
        await database.outbox
          .where('state')
          .anyOf('sending', 'queued')
          .modify((row) => {
            const error = row.state === 'sending' ? INTERRUPTED_SENDING : INTERRUPTED_QUEUED;
            if (row.state === 'sending') unknown++;
            row.state = row.state === 'sending' ? 'unknown' : 'failed';
            row.error = error;
            row.updatedAt = at;
          });
      });
      // SES's answer came but its recording failed: the id is known, so the send is recorded now.
      const timeZone = await deps.timeZone();
      for (const row of await database.outbox.where('state').equals('unknown').toArray()) {
        if (row.messageId)
          await settleSent(database, row.id, { messageId: row.messageId, sentAt: new Date(row.attemptedAt ?? row.updatedAt), timeZone });
      }
      if (unknown > 0) deps.onUnknown?.();
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
    const row = await deps
      .database()
      .outbox.get(id)
      .catch(() => undefined);
    if (!row) return { outcome: 'failed', findings: [], error: problem };
    if (FINAL.includes(row.state)) return resultOf(row);
    // `sending`: SES may have the message; `queued`: it certainly does not.
    const state = row.state === 'sending' ? 'unknown' : 'failed';
    return finish(
      row,
      state,
      {
        ...problem,
        message: `${problem.message} ${state === 'unknown' ? 'It may have been sent: check before sending again.' : 'It was not sent.'}`,
      },
      row.findings ?? [],
    );
  }

  async function update(id: string, patch: Partial<OutboxRow>): Promise<void> {
    const at = (await deps.now()).toISOString();
    await deps.database().outbox.update(id, { ...patch, updatedAt: at });
  }

  async function finish(
    row: OutboxRow,
    state: 'blocked' | 'failed' | 'unknown',
    error: UserError,
    findings: Finding[] = [],
  ): Promise<SendResult> {
    const database = deps.database();
    const at = (await deps.now()).toISOString();
    const settled = await database.transaction('rw', database.outbox, database.reservations, async () => {
      const current = await database.outbox.get(row.id);
      // SES's event may have settled it meanwhile: what SES said stands.
      if (current && (current.state === 'sent' || (current.state === 'failed' && current.messageId))) return current;
      await database.outbox.update(row.id, { state, error, findings, updatedAt: at });
      // A send that certainly did not reach SES gives its reservation back; one that may
      // have keeps it, since SES may have counted it (lib/send/reservations.ts).
      if (state !== 'unknown') await database.reservations.delete(row.id);
      return undefined;
    });
    if (settled) return { ...resultOf(settled), findings };
    if (state === 'unknown') deps.onUnknown?.();
    return { outcome: state, outboxId: row.id, findings, error };
  }

  async function run(request: SendRequest): Promise<SendResult> {
    const database = deps.database();
    const createdAt = (await deps.now()).toISOString();
    await killPoint('clock-read');
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
    await killPoint('row-written');
    if (existing) {
      return resultOf(
        existing.state === 'unknown'
          ? { ...existing, error: unknownSentence(existing, await deps.now(), await deps.lastPollAt?.()) }
          : existing,
      );
    }
    const row = fresh;

    const settings = await deps.loadSettings();
    await killPoint('settings-loaded');
    if (!isConfigured(settings)) {
      return finish(row, 'blocked', {
        code: 'not-configured',
        message: 'Rampart is not set up yet: add the identity pool and From address in its options.',
      });
    }

    const earlier = await earlierMessage(database, request.draft.inReplyToSesMessageId);
    await killPoint('earlier-read');
    const from = sendingIdentity(settings);
    const input = buildSendEmail(request.draft, settings, { from, earlier, outboxId: row.id });
    const sentAs: SentAs = {
      from,
      subject: input.Content?.Simple?.Subject?.Data ?? request.draft.subject,
      senderTag: input.EmailTags?.[0]?.Value ?? '',
    };
    const now = await deps.now();
    let findings = unsendable(request.draft, from, messageBytes(input));
    await killPoint('clock-read-again');
    if (deps.judge) findings = mergeFindings((await deps.judge(request.draft, settings, now)).findings, findings);
    await killPoint('judged');

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
      await killPoint('reserved');
      if (refused) return finish(row, 'blocked', refused, findings);
    }
    await killPoint('cleared');

    const { sesSend, credentials } = deps.clients(settings);
    let outcome: SendOutcome;
    try {
      outcome = await sendEmail(sesSend, credentials, input, deps.retry, {
        beforeAttempt: async (attempt) => {
          // Paced as late as possible, right before the request leaves, so the time between
          // its turn and its arrival at SES is short; a retry waits its turn like a first attempt.
          await deps.pace?.(ledgerRecipients(request.draft).length);
          await killPoint('credentials-ready');
          const attemptedAt = (await deps.now()).toISOString();
          await killPoint('attempt-clock-read');
          await update(row.id, { state: 'sending', attempts: attempt, sentAs, attemptedAt });
          await killPoint('sending-written');
        },
        // Between attempts nothing is on its way: a worker killed while waiting leaves a
        // row that was certainly not sent, not an unknown one.
        beforeBackoff: async (_attempt, why) => {
          if (why === 'rate') deps.throttled?.();
          await update(row.id, { state: 'queued' });
        },
      });
    } catch (error) {
      // Only the outbox write before an attempt can throw here; past it, SES may have the message.
      const current = await database.outbox.get(row.id);
      const maybeSent = current?.state === 'sending';
      return finish(
        row,
        maybeSent ? 'unknown' : 'failed',
        {
          code: 'outbox-write-failed',
          message: `Rampart could not record this send (${error instanceof Error ? error.message : String(error)}).`,
        },
        findings,
      );
    }

    await killPoint('answered');
    if (outcome.outcome !== 'sent') return finish(row, outcome.outcome, outcome.error, findings);

    return recordSent(row.id, outcome.messageId, outcome.attempts, sentAs, findings);
  }

  /**
   * SES took the message: sent, counted and the reservation replaced, all at once (a
   * worker killed between them must not leave a sent message out of the ledger). If that
   * transaction fails, the id is never dropped: tried again, then kept on the row, which
   * the next worker (or SES's Send event) settles; the SDR is told it went.
   */
  async function recordSent(id: string, messageId: string, attempts: number, sentAs: SentAs, findings: Finding[]): Promise<SendResult> {
    const database = deps.database();
    const sentAt = await deps.now();
    await killPoint('answer-clock-read');
    let lastError: unknown;
    for (let tries = 0; tries < 3; tries++) {
      try {
        const settled = await settleSent(database, id, { messageId, sentAt, timeZone: await deps.timeZone(), attempts }, sentAs);
        await killPoint('recorded');
        if (settled) {
          if (findings.length > 0 && settled.state === 'sent') await database.outbox.update(id, { findings });
          return { ...resultOf(settled), findings };
        }
      } catch (error) {
        lastError = error;
      }
    }
    const problem = lastError instanceof Error ? lastError.message : String(lastError ?? 'no outbox row');
    const error: UserError = {
      code: 'sent-not-recorded',
      message: `SES accepted this message (${messageId}) but Rampart could not record it yet (${problem}): it will be counted when SES’s Send event arrives or Rampart restarts. Do not send it again.`,
    };
    await database.outbox
      .update(id, {
        state: 'unknown',
        messageId,
        attempts,
        sentAs,
        error,
        attemptedAt: sentAt.toISOString(),
        updatedAt: sentAt.toISOString(),
      })
      .catch(() => {});
    deps.onUnknown?.();
    // What SES said is certain: sent. The compose window holds Gmail's Send and discards the draft.
    return { outcome: 'sent', outboxId: id, messageId, findings, error };
  }

  return {
    recovered,

    async send(request: SendRequest): Promise<SendResult> {
      await recovered();
      await killPoint('recovered');
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
      const now = await deps.now();
      const lastPollAt = rows.some((r) => r.state === 'unknown') ? await deps.lastPollAt?.().catch(() => undefined) : undefined;
      return rows.map((row) => outboxRowView(row.state === 'unknown' ? { ...row, error: unknownSentence(row, now, lastPollAt) } : row));
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
