import { storage } from '#imports';
import { CLOCK_OFFSET_KEY, offsetClock, systemClock, type Clock } from '../clock';
import { isTestBuild } from '../profile';

// The background's clock: real time, shifted in the emulator profile by the offset a
// test stores at `local:rampart.clockOffsetMs` (CONTRACT.md, "The emulator profile"), so
// ramp days, the rolling 24 hours and stale reservations are tested without waiting.

/** The clock for one operation: the offset is read once, at its start. */
export async function backgroundClock(): Promise<Clock> {
  if (!isTestBuild) return systemClock;
  const stored = await storage.getItem<number>(CLOCK_OFFSET_KEY);
  const offset = typeof stored === 'number' && Number.isFinite(stored) ? stored : 0;
  return offsetClock(() => offset);
}
