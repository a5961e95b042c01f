import {
  DeleteMessageBatchCommand,
  GetQueueUrlCommand,
  QueueDoesNotExist,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Clock } from '@/lib/core/clock';
import { db, type RampartDb } from '@/lib/store/db';
import { deleteRecord, readRecord, writeRecord, type FeedbackStatus } from '@/lib/store/records';
import type { UserError } from '@/lib/core/errors';
import { describeError } from '@/lib/aws/errors';
import { flushDecisions, type ShareTarget } from '@/lib/suppression/share';
import { applyFeedback, pruneFeedback } from './apply';
import { parseFeedback } from './event';

// One round of the feedback poll: receive up to 10 events (long poll), apply each
// idempotently, delete them from the queue only after they are applied, then share the
// suppressions they decided. A worker killed mid-round loses nothing: an event not yet
// deleted comes back after its visibility timeout and is recognised by its id.
//
// A body Rampart cannot read is never deleted: it may be an event of a shape Rampart does
// not know yet. SQS redelivers it after the visibility timeout until the queue's redrive
// policy moves it to its dead-letter queue (infra), and the feedback status counts it,
// once per SQS message, where the lead sees it.

export const STATUS_KEY = 'feedback:status';
const QUEUE_KEY = 'feedback:queue';
/** SQS MessageIds of the bodies Rampart could not read, with when it first saw each. */
const UNREADABLE_KEY = 'feedback:unreadable';
/** SQS keeps a message at most 14 days: an id older than that is not coming back. */
const UNREADABLE_KEPT_MS = 15 * 86_400_000;
/** SQS's largest batch, for ReceiveMessage and DeleteMessageBatch alike. */
const BATCH = 10;
/** Long enough to apply ten events and delete them; short enough to retry soon after a crash. */
const VISIBILITY_TIMEOUT_S = 60;

export interface PollTarget {
  sqs: SQSClient;
  queueName: string;
  targetKey: string;
  share: ShareTarget;
  now: Clock;
  timeZone: string;
  /** Rampart's topic in the contact list: a one-click unsubscribe from it is applied. */
  contactTopic?: string;
  /** Called once when AWS says the credentials expired, before the round is retried. */
  renewCredentials?: () => void;
  database?: RampartDb;
}

export interface PollRound {
  received: number;
  applied: number;
  duplicates: number;
  /** Bodies Rampart could not read: left in the queue for redelivery (and its dead-letter queue). */
  unreadable: number;
  suppressed: string[];
  shareError?: string;
}

export type { FeedbackStatus };

export async function readFeedbackStatus(database: RampartDb = db()): Promise<FeedbackStatus> {
  return (await readRecord(STATUS_KEY, database)) ?? { failures: 0 };
}

/**
 * Writes the status as `change` makes it from the one stored now, not from the copy read
 * when the round began: a round waits up to 20 s on SQS, and another round (Sync now's
 * drain, the alarm's) may have written meanwhile.
 */
async function updateStatus(change: (latest: FeedbackStatus) => FeedbackStatus, at: Date, database: RampartDb): Promise<void> {
  await database.transaction('rw', database.kv, async () => {
    await writeRecord(STATUS_KEY, change(await readFeedbackStatus(database)), at, database);
  });
}

/** The later of two ISO times, either possibly absent. */
const later = (a: string | undefined, b: string | undefined) => (!a ? b : !b ? a : a > b ? a : b);

async function queueUrl(target: PollTarget, database: RampartDb): Promise<string> {
  const cached = await readRecord(QUEUE_KEY, database);
  if (cached && cached.name === target.queueName && cached.targetKey === target.targetKey) return cached.url;
  const { QueueUrl } = await target.sqs.send(new GetQueueUrlCommand({ QueueName: target.queueName }));
  if (!QueueUrl) throw new Error(`SQS gave no URL for the queue ${target.queueName}.`);
  await writeRecord(QUEUE_KEY, { name: target.queueName, targetKey: target.targetKey, url: QueueUrl }, target.now(), database);
  return QueueUrl;
}

/** Backoff after `failures` failed polls in a row: 30 s doubling to 15 min, with jitter. */
export function retryDelayMs(failures: number, random: () => number = Math.random): number {
  const base = Math.min(30_000 * 2 ** Math.max(0, failures - 1), 15 * 60_000);
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** Receive, apply, delete, share: one round. Records the outcome in the feedback status. */
export async function pollFeedbackOnce(target: PollTarget, options: { waitSeconds: number }): Promise<PollRound> {
  const database = target.database ?? db();
  const status = await readFeedbackStatus(database);
  try {
    let round: PollRound;
    try {
      round = await receiveAndApply(target, options.waitSeconds, status, database);
    } catch (error) {
      if (!target.renewCredentials || describeError(error).code !== 'credentials-expired') throw error;
      target.renewCredentials();
      round = await receiveAndApply(target, options.waitSeconds, status, database);
    }
    await updateStatus(
      (latest) => {
        const done: FeedbackStatus = { ...latest, lastPollAt: target.now().toISOString(), failures: 0 };
        const lastEventAt = later(latest.lastEventAt, status.lastEventAt);
        if (lastEventAt) done.lastEventAt = lastEventAt;
        // This round's count of unreadable bodies (noteUnreadable), when it met any.
        if (round.unreadable > 0 && status.unreadable !== undefined) done.unreadable = status.unreadable;
        if (round.unreadable > 0 && status.unreadableReason !== undefined) done.unreadableReason = status.unreadableReason;
        delete done.lastError;
        delete done.nextAttemptAt;
        return done;
      },
      target.now(),
      database,
    );
    return round;
  } catch (error) {
    if (error instanceof QueueDoesNotExist) await deleteRecord(QUEUE_KEY, database);
    // describeError's sentences speak of sends; here the raw AWS message says more.
    const { code } = describeError(error);
    const message = error instanceof Error && error.message ? error.message : String(error);
    await updateStatus(
      (latest) => {
        const failures = latest.failures + 1;
        return {
          ...latest,
          failures,
          lastError: { code, message: `Rampart could not read its bounce and complaint events from SQS: ${message}` },
          nextAttemptAt: new Date(target.now().getTime() + retryDelayMs(failures)).toISOString(),
        };
      },
      target.now(),
      database,
    );
    throw error;
  }
}

async function receiveAndApply(target: PollTarget, waitSeconds: number, status: FeedbackStatus, database: RampartDb): Promise<PollRound> {
  const url = await queueUrl(target, database);
  const { Messages = [] } = await target.sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: url,
      MaxNumberOfMessages: BATCH,
      WaitTimeSeconds: waitSeconds,
      VisibilityTimeout: VISIBILITY_TIMEOUT_S,
    }),
  );
  const round: PollRound = { received: Messages.length, applied: 0, duplicates: 0, unreadable: 0, suppressed: [] };
  const done: Message[] = [];
  const unreadable: Array<{ id: string; reason: string }> = [];
  const list = {
    ...(target.share.contactList ? { contactList: target.share.contactList } : {}),
    ...(target.contactTopic ? { contactTopic: target.contactTopic } : {}),
  };
  for (const message of Messages) {
    const parsed = parseFeedback(message.Body ?? '', message.MessageId ?? message.ReceiptHandle ?? '');
    if (!parsed.ok) {
      // Left in the queue: not deleted, not applied.
      round.unreadable++;
      unreadable.push({ id: message.MessageId ?? message.ReceiptHandle ?? '', reason: parsed.reason });
      continue;
    }
    const result = await applyFeedback(parsed.event, target.now(), target.timeZone, database, list);
    if (result.applied) round.applied++;
    else round.duplicates++;
    round.suppressed.push(...result.suppressed);
    if (!status.lastEventAt || parsed.event.at > status.lastEventAt) status.lastEventAt = parsed.event.at;
    done.push(message);
  }
  if (unreadable.length > 0) await noteUnreadable(unreadable, status, target.now(), database);
  // Deleted only now: every event in `done` is applied and remembered.
  const entries = done.filter((m) => m.ReceiptHandle).map((m, i) => ({ Id: `e${i}`, ReceiptHandle: m.ReceiptHandle! }));
  if (entries.length > 0) await target.sqs.send(new DeleteMessageBatchCommand({ QueueUrl: url, Entries: entries }));

  const shared = await flushDecisions(target.share, database);
  if (shared.firstError) round.shareError = shared.firstError;
  if (round.received > 0) await pruneFeedback(target.now(), database);
  return round;
}

/** Remember unreadable messages by SQS MessageId, so a redelivery is not counted again. */
async function noteUnreadable(
  found: Array<{ id: string; reason: string }>,
  status: FeedbackStatus,
  now: Date,
  database: RampartDb,
): Promise<void> {
  const seen = { ...((await readRecord(UNREADABLE_KEY, database)) ?? {}) };
  const oldest = new Date(now.getTime() - UNREADABLE_KEPT_MS).toISOString();
  for (const [id, at] of Object.entries(seen)) if (at < oldest) delete seen[id];
  for (const { id } of found) seen[id] ??= now.toISOString();
  await writeRecord(UNREADABLE_KEY, seen, now, database);
  // Written into the status with the rest of the round (pollFeedbackOnce).
  status.unreadable = Object.keys(seen).length;
  status.unreadableReason = found[found.length - 1]!.reason;
}
