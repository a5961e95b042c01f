// Send pacing: SES refuses sends above the account's MaxSendRate with
// "Maximum sending rate exceeded." and counts recipients, not messages (DESIGN.md,
// per-second rate → queue). The pacer holds each send until it fits, so Rampart queues
// rather than provokes the throttle.
//
// A sliding one-second window rather than a plain token bucket: a bucket holding a
// second's worth lets a full burst and a second's refill into the same second, twice
// the rate. The window never holds more than MaxSendRate recipients, and holds at most
// MaxSendRate entries, so it costs nothing to keep.
//
// Every send goes through the one background worker, so one pacer per worker is the
// whole account's pace from this browser. A worker killed and restarted starts with an
// empty window; SES's own throttle (retried, DESIGN.md) covers the rest.

export interface PacerClock {
  /** Milliseconds, monotonic enough for a rate (tests pass a fake). */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realPacerClock: PacerClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface Pacer {
  /** Resolves when `recipientCount` recipients may go out without passing the rate. */
  pace(recipientCount: number): Promise<void>;
}

interface Spent {
  count: number;
  /** When these recipients stop counting against the window. */
  until: number;
}

/**
 * `rate` (recipients per second) is read on every call: it follows the account
 * snapshot's MaxSendRate as syncs update it.
 *
 * A message with more recipients than one second allows goes out alone, once the window
 * is empty, and then fills the window for as many seconds as it is worth
 * (recipients ÷ rate), so the average over any longer stretch stays at the rate.
 */
export function createPacer(rate: () => number, clock: PacerClock = realPacerClock): Pacer {
  let window: Spent[] = [];
  // Callers are served in arrival order: a big send is not starved by small ones.
  let queue: Promise<void> = Promise.resolve();

  async function take(count: number): Promise<void> {
    for (;;) {
      // SES's MaxSendRate is at least 1; a broken snapshot must not stall sending forever.
      const perSecond = Math.max(1, rate());
      const at = clock.now();
      window = window.filter((s) => s.until > at);
      const inWindow = window.reduce((sum, s) => sum + s.count, 0);
      const fits = count <= perSecond ? inWindow + count <= perSecond : inWindow === 0;
      if (fits) {
        window.push({ count, until: at + 1000 * Math.max(1, count / perSecond) });
        return;
      }
      const nextFree = Math.min(...window.map((s) => s.until));
      await clock.sleep(Math.max(1, Math.ceil(nextFree - at)));
    }
  }

  return {
    pace(recipientCount) {
      const count = Math.max(0, Math.ceil(recipientCount));
      if (count === 0) return queue;
      const turn = queue.then(() => take(count));
      queue = turn.catch(() => {});
      return turn;
    },
  };
}
