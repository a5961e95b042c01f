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
    // …and does not hold sends longer than the rate asks: 100 at 14/s is 8 seconds' worth.
    expect(Math.max(...sent.map((s) => s.at))).toBe(7000);
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
    for (let i = 0; i < 4; i++) await pacer.pace(1);
    // 1 already in this second + 4 more fit under the new rate of 5: no further wait.
    expect(clock.now()).toBe(1000);
    await pacer.pace(1);
    expect(clock.now()).toBe(2000);
  });

  it('does not wait at all below the rate', async () => {
    const clock = fakeClock();
    await sendAll([1, 1, 1], () => 14, clock);
    expect(clock.slept).toEqual([]);
  });
});

describe('a throttle from SES', () => {
  it('holds this browser for the rest of the second', async () => {
    const clock = fakeClock();
    const pacer = createPacer(() => 8, clock);
    for (let i = 0; i < 8; i++) await pacer.pace(1);
    const full = clock.now();
    pacer.throttled();
    await pacer.pace(1);
    // The window was full at the throttle: nothing until a second has passed.
    expect(clock.now() - full).toBeGreaterThanOrEqual(1000);
  });

  it('never falls under half the rate however many throttles come', async () => {
    const clock = fakeClock();
    const pacer = createPacer(() => 10, clock);
    for (let i = 0; i < 20; i++) pacer.throttled();
    await clock.sleep(2000);
    const start = clock.now();
    for (let i = 0; i < 5; i++) await pacer.pace(1);
    expect(clock.now()).toBe(start);
  });
});
