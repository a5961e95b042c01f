// ISO 8601 durations for `POST /_local/clock {"advance": "P1D"}`. Years and months are
// refused: their length depends on the date, and a test should say what it means.

const PATTERN = /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Milliseconds in an ISO 8601 duration (`P1D`, `PT90M`, `P1DT2H`), or undefined if it is not one. */
export function parseDurationMs(text: string): number | undefined {
  const match = PATTERN.exec(text.trim().toUpperCase());
  if (!match || text.trim().toUpperCase() === 'P' || text.trim().toUpperCase().endsWith('T')) return undefined;
  const [, weeks, days, hours, minutes, seconds] = match.map((part) => (part === undefined ? 0 : Number(part)));
  if ([weeks, days, hours, minutes, seconds].every((part) => part === 0) && !/\d/.test(text)) return undefined;
  return (((((weeks ?? 0) * 7 + (days ?? 0)) * 24 + (hours ?? 0)) * 60 + (minutes ?? 0)) * 60 + (seconds ?? 0)) * 1000;
}
