import type { Clock } from '@/lib/core/clock';

// AWS's time, as SES's responses give it: the ramp's day, its freezes and the rolling 24
// hours are AWS's, so a machine whose clock is off (by hand, a dead CMOS battery, a wrong
// time zone set as UTC) must not move them. Each SES response's HTTP `Date` header is
// compared with the local clock; the difference is kept and added to the background's clock.

/** Storage key of AWS's clock minus this machine's, in milliseconds. */
export const AWS_SKEW_KEY = 'local:rampart.awsClockSkewMs' as const;

/** `Date` has whole seconds and the response takes a while: closer than this is no skew. */
const NOISE_MS = 2_000;

/** The skew a `Date` header shows against the local time it arrived at; undefined if unreadable. */
export function skewFromDateHeader(date: string | undefined, localMs: number): number | undefined {
  if (!date) return undefined;
  const aws = Date.parse(date);
  if (!Number.isFinite(aws)) return undefined;
  const skew = aws - localMs;
  return Math.abs(skew) < NOISE_MS ? 0 : skew;
}

/** Whether a newly measured skew is worth storing over the kept one (not the header's noise). */
export function skewChanged(kept: number | undefined, measured: number): boolean {
  return kept === undefined || Math.abs(kept - measured) >= NOISE_MS;
}

/** A clock on AWS's time: `base` shifted by the kept skew. */
export function awsTimeClock(base: Clock, skewMs: number): Clock {
  return skewMs === 0 ? base : () => new Date(base().getTime() + skewMs);
}

/** A stored skew as a number (0 when none or not a finite number). */
export function storedSkew(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}
