import { db, type FeedbackDayRow, type RampartDb } from './db';
import type { CalendarDay, DailyCounts } from '@/lib/core/calendar';

// Feedback counted per day (table `feedbackDays`), joined here with the ledger's sends of
// the same day: every health rate has a source without VDM once events are consumed.
// A day with sends but no feedback row reads 0 deliveries: the queue is this SDR's, so
// no event means none arrived (yet), not that the source is missing.

export type FeedbackCount = Exclude<keyof FeedbackDayRow, 'day'>;

const emptyDay = (day: CalendarDay): FeedbackDayRow => ({
  day,
  deliveries: 0,
  permanentBounces: 0,
  transientBounces: 0,
  complaints: 0,
  unsubscribes: 0,
});

/** Add `n` (negative to take back) to one count of one day. Runs in the caller's transaction. */
export async function countFeedback(day: CalendarDay, count: FeedbackCount, n: number, database: RampartDb = db()): Promise<void> {
  await database.transaction('rw', database.feedbackDays, async () => {
    const row = (await database.feedbackDays.get(day)) ?? emptyDay(day);
    row[count] = Math.max(0, row[count] + n);
    await database.feedbackDays.put(row);
  });
}

/** Daily counts for `from`..`to` (inclusive): ledger sends joined with feedback events. */
export async function feedbackDailyCounts(from: CalendarDay, to: CalendarDay, database: RampartDb = db()): Promise<DailyCounts[]> {
  return database.transaction('r', database.ledger, database.feedbackDays, async () => {
    const byDay = new Map<CalendarDay, DailyCounts>();
    await database.ledger
      .where('day')
      .between(from, to, true, true)
      .each((row) => {
        const day = byDay.get(row.day) ?? { day: row.day, sends: 0 };
        day.sends = (day.sends ?? 0) + row.recipientCount;
        byDay.set(row.day, day);
      });
    const feedback = await database.feedbackDays.where('day').between(from, to, true, true).toArray();
    for (const row of feedback) {
      const { day, ...counts } = row;
      byDay.set(day, { sends: 0, ...byDay.get(day), ...counts, day });
    }
    for (const counts of byDay.values()) {
      for (const name of ['deliveries', 'permanentBounces', 'transientBounces', 'complaints', 'unsubscribes'] as const) {
        counts[name] ??= 0;
      }
    }
    return [...byDay.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  });
}
