import { db, type RampartDb } from '@/lib/store/db';
import { cacheTables, cachedSuppressions } from '@/lib/store/suppression-cache';
import type { CalendarDay } from '@/lib/core/calendar';
import type { DailyCounts } from '@/lib/core/calendar';

// Health without VDM (docs/rules.md, "Health"): the ledger gives the sends of each day; the
// feedback events (SQS), counted per day in `feedbackDays`, give every other count. Until
// feedback events have been consumed, the suppression list's reasons say which of the
// ledger's recipients later bounced hard or complained. That is all the list can tell:
// it knows neither deliveries nor soft bounces, so those counts are left out (unknown),
// never written as 0 — the complaint rate, whose denominator is deliveries, then reads
// `unknown` with its reason.

/** Daily counts from the ledger joined with feedback events, or else the suppression list. */
export async function ledgerDailyCounts(from: CalendarDay, to: CalendarDay, database: RampartDb = db()): Promise<DailyCounts[]> {
  // Once any event has been counted, the consumer is running: a day without a row had none.
  if ((await database.feedbackDays.count()) === 0) return ledgerWithSuppression(from, to, database);
  const [sends, feedback] = await Promise.all([
    ledgerSends(from, to, database),
    database.feedbackDays.where('day').between(from, to, true, true).toArray(),
  ]);
  const byDay = new Map(feedback.map((f) => [f.day, f] as const));
  const days = new Set([...sends.keys(), ...byDay.keys()]);
  return [...days].sort().map((day) => {
    const f = byDay.get(day);
    return {
      day,
      sends: sends.get(day) ?? 0,
      deliveries: f?.deliveries ?? 0,
      permanentBounces: f?.permanentBounces ?? 0,
      transientBounces: f?.transientBounces ?? 0,
      complaints: f?.complaints ?? 0,
      unsubscribes: f?.unsubscribes ?? 0,
    };
  });
}

async function ledgerSends(from: CalendarDay, to: CalendarDay, database: RampartDb): Promise<Map<CalendarDay, number>> {
  const sends = new Map<CalendarDay, number>();
  // One getAll, not a cursor's round trip per row: two weeks are a few thousand rows.
  for (const row of await database.ledger.where('day').between(from, to, true, true).toArray()) {
    sends.set(row.day, (sends.get(row.day) ?? 0) + row.recipientCount);
  }
  return sends;
}

/** The ledger joined with the suppression list's reasons. */
export async function ledgerWithSuppression(from: CalendarDay, to: CalendarDay, database: RampartDb = db()): Promise<DailyCounts[]> {
  return database.transaction('r', [database.ledger, ...cacheTables(database)], async () => {
    const byDay = new Map<CalendarDay, { sends: number; recipients: { email: string; sentAt: string }[] }>();
    for (const row of await database.ledger.where('day').between(from, to, true, true).toArray()) {
      const day = byDay.get(row.day) ?? { sends: 0, recipients: [] };
      day.sends += row.recipientCount;
      for (const email of row.recipients) day.recipients.push({ email, sentAt: row.sentAt });
      byDay.set(row.day, day);
    }

    // One keyed read per distinct recipient: the suppression list is never held whole.
    const emails = [...new Set([...byDay.values()].flatMap((d) => d.recipients.map((r) => r.email)))];
    const rows = await cachedSuppressions(database, emails);
    const suppression = new Map(emails.map((email, i) => [email, rows[i]] as const));

    // A bounce or complaint belongs to the last send before it, not to every send to
    // the address (a follow-up and its first message are two sends, one bounce).
    const blamed = new Map<string, string>(); // email → sentAt of the send it counts against
    for (const { recipients } of byDay.values()) {
      for (const { email, sentAt } of recipients) {
        const row = suppression.get(email);
        // Suppressed before this send: this send did not cause it.
        if (!row || row.since < sentAt) continue;
        const current = blamed.get(email);
        if (!current || sentAt > current) blamed.set(email, sentAt);
      }
    }

    const counts: DailyCounts[] = [];
    for (const [day, { sends, recipients }] of byDay) {
      let permanentBounces = 0;
      let complaints = 0;
      for (const { email, sentAt } of recipients) {
        if (blamed.get(email) !== sentAt) continue;
        const reason = suppression.get(email)?.reason;
        if (reason === 'BOUNCE') permanentBounces += 1;
        if (reason === 'COMPLAINT') complaints += 1;
      }
      counts.push({ day, sends, permanentBounces, complaints });
    }
    return counts.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  });
}
