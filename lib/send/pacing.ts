// Send pacing: SES refuses sends above the account's MaxSendRate with
// "Maximum sending rate exceeded." and counts recipients, not messages (docs/rules.md,
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
// empty window; SES's own throttle (retried, docs/rules.md) covers the rest.
//
// MaxSendRate is the account's, and other browsers may be sending on it: a throttle is
// SES saying the account's second is full. The pacer then takes a smaller share of the
// rate (six tenths of it, once a second at most, down to half), pauses for about one send's interval at
// random, and wins its share back a little with each send that goes (additive increase,
// multiplicative decrease): two browsers share the rate and keep SES's second full
// rather than retrying into each other until their retries run out, or each leaving
// half of it empty.

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
  /** SES refused a send for the rate ("Maximum sending rate exceeded."). */
  throttled(): void;
}

/** The smallest share of MaxSendRate a browser falls back to after throttles. */
export const MIN_SHARE = 0.5;
/** How long past its second a send keeps counting here (at most 4% of the rate given up). */
export const ARRIVAL_MARGIN_MS = 40;

interface Spent {
  count: number;
  /** When these recipients stop counting against the window. */
  until: number;
}

/**
 * `rate` (recipients per second) is read on every call: it follows the account
 * snapshot's MaxSendRate as syncs update it.
 *
 * Two limits. The spacing: one recipient's interval (a second ÷ the rate) between sends —
 * a browser that sends its whole second in one burst meets another browser's burst at
 * SES, where two evenly spaced streams pass each other. The sliding window: never more
 * than the rate in any second from this browser, whatever the spacing's arithmetic.
 *
 * A message with more recipients than one second allows goes out alone, once the window
 * is empty, and then fills the window for as many seconds as it is worth
 * (recipients ÷ rate), so the average over any longer stretch stays at the rate.
 */
export function createPacer(
  rate: () => number,
  clock: PacerClock = realPacerClock,
  options: { arrivalMarginMs?: number; random?: () => number } = {},
): Pacer {
  const random = options.random ?? Math.random;
  const margin = options.arrivalMarginMs ?? 0;
  let window: Spent[] = [];
  /** This browser's share of the account's rate, in [MIN_SHARE, 1]. */
  let share = 1;
  /** When the next recipient's turn comes under the spacing (theoretical arrival time). */
  let nextTurn = -Infinity;
  /** Nothing leaves before this after a throttle, burst or no burst. */
  let heldUntil = -Infinity;
  let lastCut = -Infinity;
  // Callers are served in arrival order: a big send is not starved by small ones.
  let queue: Promise<void> = Promise.resolve();

  /** SES's MaxSendRate is at least 1; a broken snapshot must not stall sending forever. */
  const accountRate = () => Math.max(1, rate());

  async function take(count: number): Promise<void> {
    for (;;) {
      const perSecond = Math.max(1, Math.floor(accountRate() * share));
      const interval = 1000 / perSecond;
      const at = clock.now();
      const spacingAllows = Math.max(heldUntil, nextTurn);
      if (at < spacingAllows) {
        await clock.sleep(Math.max(1, Math.ceil(spacingAllows - at)));
        continue;
      }
      window = window.filter((s) => s.until > at);
      const inWindow = window.reduce((sum, s) => sum + s.count, 0);
      const fits = count <= perSecond ? inWindow + count <= perSecond : inWindow === 0;
      if (fits) {
        // A little past the second: the request reaches SES a moment after its turn, and
        // requests that left a second apart may arrive closer together.
        window.push({ count, until: at + 1000 * Math.max(1, count / perSecond) + margin });
        // (`at` is past the turn: the wait above saw to it.)
        nextTurn = at + count * interval;
        // Additive increase: one recipient a second more for each send that goes.
        share = Math.min(1, share + 1 / accountRate());
        return;
      }
      const nextFree = Math.min(...window.map((s) => s.until));
      await clock.sleep(Math.max(1, Math.ceil(nextFree - at)));
    }
  }

  return {
    throttled() {
      // Multiplicative decrease, down to half the rate, once a second at most: the sends
      // refused together are one sign that the account's second is full, not many.
      const at = clock.now();
      if (at - lastCut >= 1000) {
        share = Math.max(MIN_SHARE, share * 0.6);
        lastCut = at;
      }
      // SES's window slides: a place frees as soon as the oldest send in it is a second
      // old. Hold this browser for about one send's interval, at random, so browsers
      // throttled together do not come back together.
      heldUntil = Math.max(heldUntil, at + (1000 / accountRate()) * (0.5 + random()));
    },
    pace(recipientCount) {
      const count = Math.max(0, Math.ceil(recipientCount));
      if (count === 0) return queue;
      const turn = queue.then(() => take(count));
      queue = turn.catch(() => {});
      return turn;
    },
  };
}
