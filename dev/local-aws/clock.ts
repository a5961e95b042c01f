// The emulator's notion of now: real time shifted by an offset, so time keeps flowing
// (per-second rate, long polls) while tests jump ahead by days (rolling 24 h, expiry).

export class EmulatorClock {
  private offsetMs = 0;
  private readonly listeners = new Set<() => void>();

  now(): number {
    return Date.now() + this.offsetMs;
  }

  set(atMs: number): void {
    this.offsetMs = atMs - Date.now();
    this.changed();
  }

  advance(byMs: number): void {
    this.offsetMs += byMs;
    this.changed();
  }

  reset(): void {
    this.offsetMs = 0;
    this.changed();
  }

  /** Called after every jump, so waiters (SQS long polls) can look again. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

export const iso = (ms: number) => new Date(ms).toISOString();
export const epochSeconds = (ms: number) => ms / 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;
/** Start of the UTC day holding `ms` (VDM buckets its counts by UTC day). */
export const utcDayStart = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;
