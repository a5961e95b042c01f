import { describe, expect, it } from 'vitest';
import { createPacer, type PacerClock } from '@/lib/send/pacing';

/** Virtual time: sleeping moves the clock forward at once. */
function fakeClock(): PacerClock & { slept: number[] } {
  let t = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => t,
    sleep: async (ms) => {
      slept.push(ms);
      t += ms;
    },
  };
}

interface Sent {
  at: number;
  count: number;
}

/** The most recipients that went out in any one-second window [t, t + 1000). */
function busiestSecond(sent: Sent[]): number {
  let most = 0;
  for (const start of sent) {
    const inWindow = sent.filter((s) => s.at >= start.at && s.at < start.at + 1000);
    most = Math.max(
      most,
      inWindow.reduce((sum, s) => sum + s.count, 0),
    );
  }
  return most;
}

async function sendAll(counts: number[], rate: () => number, clock: PacerClock): Promise<Sent[]> {
  const pacer = createPacer(rate, clock);
  const sent: Sent[] = [];
  // All at once, as several tabs would: the pacer must serialise them.
  await Promise.all(
    counts.map(async (count) => {
      await pacer.pace(count);
      sent.push({ at: clock.now(), count });
    }),
  );
  return sent;
}

describe('send pacing', () => {
  it('never lets more than MaxSendRate recipients out in any second', async () => {
    const clock = fakeClock();
    const sent = await sendAll(Array<number>(100).fill(1), () => 14, clock);
    expect(sent).toHaveLength(100);
    expect(busiestSecond(sent)).toBe(14);
    // …and does not hold sends longer than the rate asks: 100 at 14/s is 7.1 seconds' worth.
    const last = Math.max(...sent.map((s) => s.at));
    expect(last).toBeGreaterThan(6_500);
    expect(last).toBeLessThanOrEqual(7_150);
  });

  it('counts recipients, not messages', async () => {
    const clock = fakeClock();
    // Deterministic mix of 1–5 recipients per message.
    const counts = Array.from({ length: 60 }, (_, i) => ((i * 7) % 5) + 1);
    const sent = await sendAll(counts, () => 10, clock);
    expect(sent.reduce((s, x) => s + x.count, 0)).toBe(counts.reduce((a, b) => a + b, 0));
    expect(busiestSecond(sent)).toBeLessThanOrEqual(10);
    // Recipient-counting really held them back: by messages, 60 would fit in 6 seconds.
    const total = counts.reduce((a, b) => a + b, 0);
    expect(Math.max(...sent.map((s) => s.at))).toBeGreaterThanOrEqual(Math.floor(total / 10 - 1) * 1000);
  });

  it('spaces sends evenly rather than sending the second at once', async () => {
    const clock = fakeClock();
    const sent = await sendAll(Array<number>(42).fill(1), () => 14, clock);
    expect(sent[0]!.at).toBe(0);
    // One send in each send's interval (1000 / 14 ms), never a burst.
    for (let i = 1; i < sent.length; i++) expect(sent[i]!.at - sent[i - 1]!.at).toBeGreaterThanOrEqual(Math.floor(1000 / 14));
  });

  it('sends a message larger than a second alone and waits its weight off', async () => {
    const clock = fakeClock();
    const sent = await sendAll([3, 28, 1], () => 14, clock);
    expect(sent.map((s) => s.count)).toEqual([3, 28, 1]);
    const [first, big, after] = sent as [Sent, Sent, Sent];
    expect(first.at).toBe(0);
    expect(big.at).toBe(1000); // waited for an empty window
    expect(after.at).toBe(3000); // 28 recipients at 14/s fill two seconds
  });

  it('serves callers in arrival order', async () => {
    const clock = fakeClock();
    const pacer = createPacer(() => 2, clock);
    const order: number[] = [];
    await Promise.all([1, 2, 1, 1, 2].map((count, i) => pacer.pace(count).then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it('follows a new MaxSendRate from the next send', async () => {
    const clock = fakeClock();
    let rate = 1;
    const pacer = createPacer(() => rate, clock);
    await pacer.pace(1);
    await pacer.pace(1);
    expect(clock.now()).toBe(1000);
    rate = 5;
    for (let i = 0; i < 10; i++) await pacer.pace(1);
    // Ten more at the new rate of 5: the turn the old rate had given (2 s), then nine 200 ms
    // apart — under two seconds for the ten, not the old rate's ten seconds.
    expect(clock.now()).toBeGreaterThan(2_500);
    expect(clock.now()).toBeLessThanOrEqual(3_800);
  });

  it('sends the first at once and waits no more than the spacing below the rate', async () => {
    const clock = fakeClock();
    const sent = await sendAll([1, 1, 1], () => 14, clock);
    expect(sent[0]!.at).toBe(0);
    // (the fake clock sleeps whole milliseconds)
    expect(sent[2]!.at).toBeLessThanOrEqual(Math.ceil((2 * 1000) / 14) + 2);
  });
});

describe('a throttle from SES', () => {
  it('holds this browser for about one send’s interval, at random, not for a second', async () => {
    for (const [random, least, most] of [
      [0, 62, 63],
      [0.999, 187, 188],
    ] as const) {
      const clock = fakeClock();
      const pacer = createPacer(() => 8, clock, { random: () => random });
      await pacer.pace(1);
      // Past the spacing's next turn (125 ms at 8/s): what is left to wait is the hold alone.
      await clock.sleep(500);
      const at = clock.now();
      pacer.throttled();
      await pacer.pace(1);
      // A send's interval at 8/s is 125 ms; the hold is half to one and a half of it.
      const held = clock.now() - at;
      expect(held).toBeGreaterThanOrEqual(least);
      expect(held).toBeLessThanOrEqual(most);
    }
  });

  it('keeps the longer hold when throttles come close together', async () => {
    const draws = [0.999, 0];
    const clock = fakeClock();
    const pacer = createPacer(() => 8, clock, { random: () => draws.shift() ?? 0 });
    await pacer.pace(1);
    await clock.sleep(500);
    const at = clock.now();
    pacer.throttled(); // held ~188 ms
    pacer.throttled(); // a shorter draw (~63 ms) must not shorten it
    await pacer.pace(1);
    expect(clock.now() - at).toBeGreaterThanOrEqual(187);
  });

  it('never falls under half the rate however many throttles come', async () => {
    const clock = fakeClock();
    const pacer = createPacer(() => 10, clock);
    // Twenty throttles a second apart: twenty cuts (one a second at most counts).
    for (let i = 0; i < 20; i++) {
      pacer.throttled();
      await clock.sleep(1_000);
    }
    const start = clock.now();
    for (let i = 0; i < 5; i++) await pacer.pace(1);
    // Five at half of 10/s: the first at once, the rest 200 ms apart at most.
    expect(clock.now() - start).toBeLessThanOrEqual(800);
  });
});

/** Virtual time for several pacers at once: sleeps wait for the driver to reach them. */
function virtualTime() {
  let t = 0;
  const timers: Array<{ at: number; resolve: () => void }> = [];
  const clock: PacerClock = {
    now: () => t,
    sleep: (ms) => new Promise<void>((resolve) => timers.push({ at: t + ms, resolve })),
  };
  async function runUntil(done: Promise<unknown>): Promise<void> {
    let finished = false;
    void done.then(() => (finished = true));
    for (;;) {
      // Every microtask settles before a macrotask: all that can run at this instant has.
      await new Promise((resolve) => setImmediate(resolve));
      if (finished) return;
      timers.sort((a, b) => a.at - b.at);
      const next = timers.shift();
      if (!next) throw new Error('nothing left to wait for, and not done');
      t = Math.max(t, next.at);
      next.resolve();
    }
  }
  return { clock, runUntil };
}

/** A seeded generator (mulberry32): the same run every time. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

describe('two browsers on one account', () => {
  // Five seeded runs of the same race (the network's delay and the jitter differ).
  it.each([1, 2, 3, 4, 5])(
    'keep SES’s second nearly full without throttling each other into their retry budgets (seed %i)',
    async (seed) => {
      const RATE = 14;
      const { clock, runUntil } = virtualTime();
      const random = seeded(seed);
      // SES: a sliding second of accepted recipients, refusals not counted.
      const accepted: number[] = [];
      let throttles = 0;
      const attempts: number[] = [];
      function ses(): boolean {
        const at = clock.now();
        attempts.push(at);
        if (accepted.filter((a) => a > at - 1000).length + 1 > RATE) {
          throttles++;
          return false;
        }
        accepted.push(at);
        return true;
      }
      let gaveUp = 0;
      async function browser(drafts: number): Promise<void> {
        const pacer = createPacer(() => RATE, clock, { arrivalMarginMs: 40, random });
        await Promise.all(
          Array.from({ length: drafts }, async () => {
            for (let attempt = 1; attempt <= 10; attempt++) {
              await pacer.pace(1);
              // The request's way to SES: 5–30 ms.
              await clock.sleep(5 + Math.floor(random() * 25));
              if (ses()) return;
              pacer.throttled();
              // Full jitter from 500 ms doubling (the send path's retry policy).
              await clock.sleep(Math.floor(random() * Math.min(20_000, 500 * 2 ** (attempt - 1))));
            }
            gaveUp++;
          }),
        );
      }
      await runUntil(Promise.all([browser(150), browser(150)]));
      expect(gaveUp).toBe(0);
      expect(accepted).toHaveLength(300);
      const seconds = (Math.max(...accepted) - Math.min(...attempts)) / 1000;
      const ratio = 300 / seconds / RATE;
      expect(ratio).toBeGreaterThanOrEqual(0.93);
      // Refusals stay a fraction of the sends, not one for each.
      expect(throttles).toBeLessThan(60);
    },
  );
});
