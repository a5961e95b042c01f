import { storage } from '#imports';
import { CLOCK_OFFSET_KEY, offsetClock, systemClock, type Clock } from '../clock';
import { isTestBuild } from '../profile';
import { AWS_SKEW_KEY, awsTimeClock, skewChanged, storedSkew } from './aws-time';

// The background's clock: AWS's time (this machine's clock corrected by the skew SES's
// `Date` header showed, lib/enforce/aws-time.ts), shifted in the emulator profile by the
// offset a test stores at `local:rampart.clockOffsetMs` (CONTRACT.md, "The emulator
// profile"), so ramp days, the rolling 24 hours and stale reservations are tested without waiting.

/** The clock for one operation: the skew and the offset are read once, at its start. */
export async function backgroundClock(): Promise<Clock> {
  const [skew, stored] = await Promise.all([
    storage.getItem<number>(AWS_SKEW_KEY),
    isTestBuild ? storage.getItem<number>(CLOCK_OFFSET_KEY) : Promise.resolve(null),
  ]);
  if (!isTestBuild) return awsTimeClock(systemClock, storedSkew(skew));
  const offset = typeof stored === 'number' && Number.isFinite(stored) ? stored : 0;
  return awsTimeClock(offsetClock(() => offset), storedSkew(skew));
}

let keptSkew: number | undefined;
/** Keep a skew SES's answer showed; written only when it moved past the header's noise. */
export function keepAwsSkew(skewMs: number): void {
  if (!skewChanged(keptSkew, skewMs)) return;
  keptSkew = skewMs;
  void storage.setItem(AWS_SKEW_KEY, skewMs).catch(() => undefined);
}
