import { storage } from '#imports';
import { CLOCK_OFFSET_KEY, offsetClock, systemClock, type Clock } from '@/lib/core/clock';
import { isTestBuild } from '@/lib/core/profile';
import { AWS_SKEW_KEY, awsTimeClock, skewChanged, storedSkew } from './aws-time';

// The background's clock: AWS's time (this machine's clock corrected by the skew SES's
// `Date` header showed, lib/aws/aws-time.ts), shifted in the emulator profile by the
// offset a test stores at `local:rampart.clockOffsetMs` (docs/test-surface.md, "The emulator
// profile"), so ramp days, the rolling 24 hours and stale reservations are tested without waiting.

/** The skew this worker measured last, or read once from storage when it woke. */
let keptSkew: number | undefined;
let readSkew: Promise<number> | undefined;
function awsSkew(): number | Promise<number> {
  if (keptSkew !== undefined) return keptSkew;
  readSkew ??= storage.getItem<number>(AWS_SKEW_KEY).then(
    (value) => (keptSkew ??= storedSkew(value)),
    () => 0,
  );
  return readSkew;
}

/** The clock for one operation: the skew and the offset are read once, at its start. */
export async function backgroundClock(): Promise<Clock> {
  const skew = await awsSkew();
  if (!isTestBuild) return awsTimeClock(systemClock, skew);
  const stored = await storage.getItem<number>(CLOCK_OFFSET_KEY);
  const offset = typeof stored === 'number' && Number.isFinite(stored) ? stored : 0;
  return awsTimeClock(
    offsetClock(() => offset),
    skew,
  );
}

/** Keep a skew SES's answer showed; written only when it moved past the header's noise. */
export function keepAwsSkew(skewMs: number): void {
  if (!skewChanged(keptSkew, skewMs)) return;
  keptSkew = skewMs;
  void storage.setItem(AWS_SKEW_KEY, skewMs).catch(() => undefined);
}
