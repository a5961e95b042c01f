import { db, type RampartDb } from '@/lib/store/db';
import { localDay } from '@/lib/core/calendar';
import { settleRefused, settleSent, settleTables } from '@/lib/send/settle';
import { decideSuppression, decisionTables } from '@/lib/suppression/decide';
import { countFeedback } from '@/lib/store/feedback-days';
import { countedAs, suppressesAtOnce } from './effects';
import { noteDrillEvent } from './drill-record';
import type { FeedbackEvent, SubscriptionChange } from './event';

// Applying one SES feedback event: hard bounce, complaint and one-click unsubscribe →
// suppressed at once; soft bounce → counted per address, the
// third within 30 days suppresses; deliveries, bounces and complaints counted on the day
// of the send they belong to. SQS delivers at least once, so the event's id is
// remembered in the same transaction as its effects: applied twice, it counts once.
// Send, Reject and Rendering Failure settle the outbox row their `outbox` tag names, when
// its answer was lost, and count a second message SES accepted for it (lib/send/settle.ts).

/** The window in which three soft bounces suppress an address. */
export const SOFT_BOUNCE_WINDOW_MS = 30 * 86_400_000;
export const SOFT_BOUNCES_TO_SUPPRESS = 3;

export interface Applied {
  /** False when this event had been applied before. */
  applied: boolean;
  /** Addresses this event suppressed. */
  suppressed: string[];
}

/** Rampart's contact list and topic: a one-click unsubscribe from them is an unsubscribe. */
export interface ContactListOf {
  contactList?: string;
  contactTopic?: string;
}

/**
 * Whether a Subscription event takes the contact off Rampart's sends: out of every topic,
 * or out of Rampart's own (any topic, when Rampart sends with none), in Rampart's list.
 */
export function unsubscribesFromRampart(change: SubscriptionChange, list: ContactListOf): boolean {
  if (list.contactList && change.contactList && change.contactList !== list.contactList) return false;
  if (change.unsubscribeAll) return true;
  return list.contactTopic ? change.optedOutTopics.includes(list.contactTopic) : change.optedOutTopics.length > 0;
}

export async function applyFeedback(
  event: FeedbackEvent,
  now: Date,
  timeZone: string,
  database: RampartDb = db(),
  list: ContactListOf = {},
): Promise<Applied> {
  const tables = [
    ...new Set([
      database.appliedEvents,
      database.softBounces,
      database.feedbackDays,
      database.ledger,
      database.kv,
      ...decisionTables(database),
      ...settleTables(database),
    ]),
  ];
  return database.transaction('rw', tables, async () => {
    if (await database.appliedEvents.get(event.id)) return { applied: false, suppressed: [] };
    await database.appliedEvents.put({ id: event.id, at: now.toISOString() });
    // A fire drill's event is noted on the drill and nowhere else (lib/feedback/drill-record.ts).
    if (event.drillId !== undefined) {
      await noteDrillEvent(event, now, database);
      return { applied: true, suppressed: [] };
    }

    // Counted on the send's day when Rampart sent the message: rates divide by that day's sends.
    const sent = event.messageId ? await database.ledger.get(event.messageId) : undefined;
    const day = sent?.day ?? localDay(new Date(event.at), timeZone);
    const n = event.recipients.length;
    const suppressed: string[] = [];
    const suppress = async (
      email: string,
      reason: 'BOUNCE' | 'COMPLAINT',
      cause: 'bounce' | 'complaint' | 'soft-bounces',
      because: string,
    ) => {
      const result = await decideSuppression({ email, reason, cause, because }, now, database);
      if (result.decided) suppressed.push(result.email);
    };

    const counted = countedAs(event);
    if (counted) await countFeedback(day, counted, n, database);
    const atOnce = suppressesAtOnce(event);
    switch (event.kind) {
      case 'Complaint':
        for (const email of event.recipients) await suppress(email, 'COMPLAINT', 'complaint', `a complaint reported at ${event.at}`);
        break;
      case 'Bounce':
        if (atOnce === 'BOUNCE') {
          for (const email of event.recipients) await suppress(email, 'BOUNCE', 'bounce', `a permanent bounce at ${event.at}`);
        } else if (event.bounceType === 'Transient') {
          for (const email of event.recipients) {
            const count = await countSoftBounce(event, email, database);
            if (count >= SOFT_BOUNCES_TO_SUPPRESS) {
              await suppress(email, 'BOUNCE', 'soft-bounces', `${count} soft bounces within 30 days (the last at ${event.at})`);
            }
          }
        }
        break;
      case 'Send':
      case 'Reject':
      case 'RenderingFailure':
        await settleOutbox(event, timeZone, database);
        break;
      case 'Subscription':
        // SES's one-click unsubscribe: suppressed at once and shared, as a STOP reply is.
        if (event.subscription && unsubscribesFromRampart(event.subscription, list)) {
          for (const email of event.recipients) {
            const result = await decideSuppression(
              {
                email,
                reason: 'UNSUBSCRIBE',
                cause: 'unsubscribe-link',
                unsubscribe: true,
                because: `an unsubscribe through SES’s link at ${event.at}`,
                unsubscribeDay: day,
              },
              now,
              database,
            );
            if (result.decided) suppressed.push(result.email);
          }
        }
        break;
      default:
        break;
    }
    return { applied: true, suppressed };
  });
}

/** SES's word on a send whose answer may have been lost; an outbox row already settled the same way is left as it is. */
async function settleOutbox(event: FeedbackEvent, timeZone: string, database: RampartDb): Promise<void> {
  if (!event.outboxId || !event.messageId) return;
  const row = await database.outbox.get(event.outboxId);
  if (!row) return;
  const accepted = { messageId: event.messageId, sentAt: new Date(event.at), timeZone };
  if (event.kind === 'Send') {
    // Another MessageId for a sent row: SES took the request twice; the copy is counted too.
    if (row.state !== 'sent' || row.messageId !== event.messageId) await settleSent(database, row.id, accepted);
    return;
  }
  const why = event.reason ? ` (${event.reason})` : '';
  const sentence =
    event.kind === 'Reject'
      ? `SES took this message and then rejected it${why}: it was not delivered. It counts against today’s quota.`
      : `SES took this message but could not render it${why}: it was not delivered. It counts against today’s quota.`;
  await settleRefused(database, row.id, accepted, {
    code: event.kind === 'Reject' ? 'ses-rejected' : 'rendering-failure',
    message: sentence,
  });
}

/** Remember this soft bounce; returns how many the address had in the 30 days up to it. */
async function countSoftBounce(event: FeedbackEvent, email: string, database: RampartDb): Promise<number> {
  await database.softBounces.put({ id: `${event.id}|${email}`, email, at: event.at });
  const since = new Date(Date.parse(event.at) - SOFT_BOUNCE_WINDOW_MS).toISOString();
  return database.softBounces
    .where('email')
    .equals(email)
    .filter((row) => row.at >= since && row.at <= event.at)
    .count();
}

/** Forget what no longer matters: ids older than SQS keeps a message, soft bounces past the window. */
export async function pruneFeedback(now: Date, database: RampartDb = db()): Promise<void> {
  const sqsRetention = new Date(now.getTime() - 15 * 86_400_000).toISOString();
  const window = new Date(now.getTime() - SOFT_BOUNCE_WINDOW_MS).toISOString();
  await database.appliedEvents.where('at').below(sqsRetention).delete();
  await database.softBounces.where('at').below(window).delete();
}
