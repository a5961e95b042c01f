// How rules write times in their sentences: a calendar day, or how long ago. Pure: the
// time zone and "now" come from the context.

const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone });
    } catch {
      // An unknown zone name must not stop a check: the date is then written in UTC.
      format = timeZone === 'UTC' ? undefined : dayFormat('UTC');
      if (!format) throw new Error('this runtime cannot format dates in UTC');
    }
    dayFormats.set(timeZone, format);
  }
  return format;
}

/** "3 Nov 2026", in the given IANA time zone (default UTC); "an unknown date" for a bad time. */
export function formatDay(at: Date | string, timeZone = 'UTC'): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) return 'an unknown date';
  return dayFormat(timeZone).format(date);
}

/** "less than a minute", "12 minutes", "5 hours", "3 days": rounded down to the unit shown. */
export function formatAge(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return 'less than a minute';
  if (minutes < 120) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return plural(hours, 'hour');
  return plural(Math.floor(hours / 24), 'day');
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
