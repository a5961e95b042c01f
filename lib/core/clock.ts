import { isTestBuild } from './profile';

/** Time is passed in, never read deep inside a rule (docs/architecture.md, Tests). */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/**
 * Storage key of the injectable clock offset (milliseconds added to real time), honoured
 * in the emulator/test profile only, so ramp days and freezes are testable without waiting.
 */
export const CLOCK_OFFSET_KEY = 'local:rampart.clockOffsetMs' as const;

/** A clock shifted by an offset that the emulator profile reads from storage. */
export function offsetClock(getOffsetMs: () => number): Clock {
  if (!isTestBuild) return systemClock;
  return () => new Date(Date.now() + getOffsetMs());
}
