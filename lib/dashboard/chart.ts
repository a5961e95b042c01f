import type { RampartDb } from '@/lib/store/db';
import { addDays, daysBetween, type CalendarDay } from '@/lib/core/calendar';
import { myShare, plannedCap, type RampPlan } from '@/lib/ramp/plan';
import type { ChartDay } from './view';

// The ramp chart's figures: for each of the last days of the plan, my planned share of
// the team cap against the recipients I sent (the ledger, counted as SES counts).

export const CHART_DAYS = 14;

export async function chartDays(plan: RampPlan, today: CalendarDay, senderTag: string, database: RampartDb): Promise<ChartDay[]> {
  const todayNumber = daysBetween(plan.startDate, today) + 1;
  if (todayNumber < 1) return [];
  const firstNumber = Math.max(1, todayNumber - CHART_DAYS + 1);
  const from = addDays(plan.startDate, firstNumber - 1);
  const sent = new Map<CalendarDay, number>();
  // One getAll, not a cursor's round trip per row.
  for (const row of await database.ledger.where('day').between(from, today, true, true).toArray()) {
    sent.set(row.day, (sent.get(row.day) ?? 0) + row.recipientCount);
  }
  const days: ChartDay[] = [];
  for (let n = firstNumber; n <= todayNumber; n++) {
    const day = addDays(plan.startDate, n - 1);
    days.push({ day, dayNumber: n, planned: myShare(plan, plannedCap(plan, n), senderTag), sent: sent.get(day) ?? 0 });
  }
  return days;
}
