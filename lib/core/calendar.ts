// Calendar days in the plan's time zone. A ramp day is a calendar day where the team
// is (docs/rules.md: "today" is the calendar day in the plan's time zone), not a UTC day
// and not a 24-hour period. Dates are 'YYYY-MM-DD' strings: they sort and compare as
// text, and arithmetic on them is done on UTC midnights, where every day has 24 hours.

/** A calendar date, 'YYYY-MM-DD'. */
export type CalendarDay = string;

const DAY_MS = 86_400_000;
const calendarDayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

// One formatter per zone: building an Intl.DateTimeFormat is the slow part.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True for an IANA zone this runtime knows (e.g. 'Asia/Tokyo', 'UTC'). */
export function isTimeZone(timeZone: string): boolean {
  if (timeZone === '') return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The runtime's own zone (the browser's, in the extension): the plan's default zone. */
export function runtimeTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The calendar date that `at` falls on in `timeZone`. */
export function localDay(at: Date, timeZone: string): CalendarDay {
  const parts = formatterFor(timeZone).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

/**
 * The first instant after `at` that falls on a later calendar day in `timeZone`: when
 * today's caps reset. Found by bisection to the minute over the next 27 hours, so a
 * day of 23 or 25 hours (a clock change) and zones off the hour are right.
 */
export function nextDayStart(at: Date, timeZone: string): Date {
  const today = localDay(at, timeZone);
  let before = at.getTime();
  let after = before + 27 * 3_600_000;
  while (after - before > 60_000) {
    const middle = before + Math.floor((after - before) / 2);
    if (localDay(new Date(middle), timeZone) === today) before = middle;
    else after = middle;
  }
  // Zones change day on a whole minute: the minute that holds the change starts the day.
  return new Date(Math.floor(after / 60_000) * 60_000);
}

/** True for a real date written 'YYYY-MM-DD' (no 2026-02-30). */
export function isCalendarDay(value: string): boolean {
  const match = calendarDayPattern.exec(value);
  if (!match) return false;
  const [, y, m, d] = match;
  const at = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return at.getUTCFullYear() === Number(y) && at.getUTCMonth() === Number(m) - 1 && at.getUTCDate() === Number(d);
}

function utcMidnight(day: CalendarDay): number {
  const match = calendarDayPattern.exec(day);
  if (!match) throw new RangeError(`Not a calendar day: ${day}`);
  const [, y, m, d] = match;
  return Date.UTC(Number(y), Number(m) - 1, Number(d));
}

/** `day` moved by `days` calendar days (negative to go back). */
export function addDays(day: CalendarDay, days: number): CalendarDay {
  return new Date(utcMidnight(day) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: CalendarDay, to: CalendarDay): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS);
}

/** What one day counted: sends and SES's feedback about them (health's rates are built from these). */
export interface DailyCounts {
  day: CalendarDay;
  sends?: number;
  deliveries?: number;
  permanentBounces?: number;
  transientBounces?: number;
  complaints?: number;
  unsubscribes?: number;
}
