import { describe, expect, it } from 'vitest';
import { defaultThresholds, fromVdm, health, healthReport, rateReport, type DailyCounts, type RateName } from '@/lib/ramp/health';

/** A day where everything sent was delivered and nothing went wrong. */
function clean(day: string, sends: number): DailyCounts {
  return { day, sends, deliveries: sends, permanentBounces: 0, transientBounces: 0, complaints: 0, unsubscribes: 0 };
}

describe('each rate against its thresholds', () => {
  it.each<{ rate: RateName; counts: Omit<DailyCounts, 'day'>; status: string; percent: number }>([
    // Hard bounce = permanent ÷ sends: warn ≥ 2.5%, alert ≥ 4%.
    { rate: 'hardBounce', counts: { sends: 1000, permanentBounces: 24 }, status: 'ok', percent: 2.4 },
    { rate: 'hardBounce', counts: { sends: 1000, permanentBounces: 25 }, status: 'warn', percent: 2.5 },
    { rate: 'hardBounce', counts: { sends: 1000, permanentBounces: 39 }, status: 'warn', percent: 3.9 },
    { rate: 'hardBounce', counts: { sends: 1000, permanentBounces: 40 }, status: 'alert', percent: 4 },
    // Complaint = complaints ÷ deliveries: warn ≥ 0.05%, alert ≥ 0.08%.
    { rate: 'complaint', counts: { sends: 10000, deliveries: 10000, complaints: 4 }, status: 'ok', percent: 0.04 },
    { rate: 'complaint', counts: { sends: 10000, deliveries: 10000, complaints: 5 }, status: 'warn', percent: 0.05 },
    { rate: 'complaint', counts: { sends: 10000, deliveries: 10000, complaints: 7 }, status: 'warn', percent: 0.07 },
    { rate: 'complaint', counts: { sends: 10000, deliveries: 10000, complaints: 8 }, status: 'alert', percent: 0.08 },
    // The denominator is deliveries, not sends: 8 in 10,000 sends but 9,000 deliveries.
    { rate: 'complaint', counts: { sends: 10000, deliveries: 9000, complaints: 7 }, status: 'warn', percent: 0.0778 },
    // Soft bounce = transient ÷ sends: warn ≥ 3%, alert ≥ 5%.
    { rate: 'softBounce', counts: { sends: 1000, transientBounces: 29 }, status: 'ok', percent: 2.9 },
    { rate: 'softBounce', counts: { sends: 1000, transientBounces: 30 }, status: 'warn', percent: 3 },
    { rate: 'softBounce', counts: { sends: 1000, transientBounces: 50 }, status: 'alert', percent: 5 },
    // Delivery = deliveries ÷ sends: warn < 97%, alert < 95%.
    { rate: 'delivery', counts: { sends: 1000, deliveries: 970 }, status: 'ok', percent: 97 },
    { rate: 'delivery', counts: { sends: 1000, deliveries: 969 }, status: 'warn', percent: 96.9 },
    { rate: 'delivery', counts: { sends: 1000, deliveries: 950 }, status: 'warn', percent: 95 },
    { rate: 'delivery', counts: { sends: 1000, deliveries: 949 }, status: 'alert', percent: 94.9 },
    // Unsubscribe = unsubscribes ÷ deliveries: warn ≥ 1%, alert ≥ 2%.
    { rate: 'unsubscribe', counts: { sends: 1000, deliveries: 1000, unsubscribes: 9 }, status: 'ok', percent: 0.9 },
    { rate: 'unsubscribe', counts: { sends: 1000, deliveries: 1000, unsubscribes: 10 }, status: 'warn', percent: 1 },
    { rate: 'unsubscribe', counts: { sends: 1000, deliveries: 1000, unsubscribes: 20 }, status: 'alert', percent: 2 },
  ])('$rate with $counts → $status', ({ rate, counts, status, percent }) => {
    const report = rateReport(rate, counts);
    expect(report.status).toBe(status);
    expect(report.percent).toBeCloseTo(percent, 3);
    expect(report.lowVolume).toBe(false);
    expect(report.unknown).toBeUndefined();
  });

  it('shows AWS’s own review and pause levels beside Rampart’s', () => {
    expect(rateReport('hardBounce', { sends: 1000, permanentBounces: 0 }).aws).toEqual({ review: 5, pause: 10 });
    expect(rateReport('complaint', { sends: 1000, deliveries: 1000, complaints: 0 }).aws).toEqual({ review: 0.1, pause: 0.5 });
    expect(rateReport('softBounce', { sends: 1000, transientBounces: 0 }).aws).toBeUndefined();
  });

  it('takes other thresholds when configured', () => {
    const stricter = { ...defaultThresholds, hardBounce: { warn: 1, alert: 2 } };
    expect(rateReport('hardBounce', { sends: 1000, permanentBounces: 20 }, stricter).status).toBe('alert');
    expect(rateReport('hardBounce', { sends: 1000, permanentBounces: 20 }).status).toBe('ok');
  });
});

describe('low volume still follows the rate', () => {
  it.each<{ case: string; rate: RateName; counts: Omit<DailyCounts, 'day'>; status: string; lowVolume: boolean }>([
    {
      case: 'one complaint in the first dozen sends',
      rate: 'complaint',
      counts: { sends: 12, deliveries: 12, complaints: 1 },
      status: 'alert',
      lowVolume: true,
    },
    { case: 'a dozen clean sends', rate: 'complaint', counts: { sends: 12, deliveries: 12, complaints: 0 }, status: 'ok', lowVolume: true },
    { case: 'one hard bounce in 20', rate: 'hardBounce', counts: { sends: 20, permanentBounces: 1 }, status: 'alert', lowVolume: true },
    { case: '99 sends', rate: 'hardBounce', counts: { sends: 99, permanentBounces: 0 }, status: 'ok', lowVolume: true },
    { case: '100 sends', rate: 'hardBounce', counts: { sends: 100, permanentBounces: 0 }, status: 'ok', lowVolume: false },
  ])('$case → $status, low volume $lowVolume', ({ rate, counts, status, lowVolume }) => {
    const report = rateReport(rate, counts);
    expect(report.status).toBe(status);
    expect(report.lowVolume).toBe(lowVolume);
    expect(report.sends).toBe(counts.sends);
  });
});

describe('a rate that cannot be known is unknown, never 0%', () => {
  it.each<{ case: string; rate: RateName; counts: Omit<DailyCounts, 'day'>; reason: string }>([
    { case: 'nothing sent', rate: 'hardBounce', counts: { sends: 0, permanentBounces: 0 }, reason: 'no-sends' },
    { case: 'nothing sent, complaint', rate: 'complaint', counts: { sends: 0, deliveries: 0, complaints: 0 }, reason: 'no-sends' },
    { case: 'sent but nothing delivered', rate: 'complaint', counts: { sends: 40, deliveries: 0, complaints: 0 }, reason: 'no-deliveries' },
    { case: 'no unsubscribe source (VDM)', rate: 'unsubscribe', counts: { sends: 500, deliveries: 490 }, reason: 'no-source' },
    { case: 'no bounce source', rate: 'softBounce', counts: { sends: 500 }, reason: 'no-source' },
    { case: 'no source at all', rate: 'delivery', counts: {}, reason: 'no-source' },
  ])('$case → unknown ($reason)', ({ rate, counts, reason }) => {
    const report = rateReport(rate, counts);
    expect(report.status).toBe('unknown');
    expect(report.percent).toBeNull();
    expect(report.unknown?.reason).toBe(reason);
    expect(report.unknown?.sentence.length).toBeGreaterThan(20);
  });

  it('the overall status is the worst known one, and unknown only when nothing is known', () => {
    const noUnsubscribes = healthReport(
      [{ day: '2026-11-20', sends: 200, deliveries: 200, permanentBounces: 6, transientBounces: 0, complaints: 0 }],
      '2026-11-20',
      '2026-11-20',
    );
    expect(noUnsubscribes.rates.unsubscribe.status).toBe('unknown');
    expect(noUnsubscribes.rates.hardBounce.status).toBe('warn');
    expect(noUnsubscribes.status).toBe('warn');
    expect(healthReport([], '2026-11-20', '2026-11-20').status).toBe('unknown');
  });
});

describe('the last 7 days and each day', () => {
  const days: DailyCounts[] = [
    // Eight days back: outside the window.
    { ...clean('2026-11-20', 100), permanentBounces: 50 },
    clean('2026-11-21', 100),
    clean('2026-11-22', 100),
    // No row for 2026-11-23: nothing sent that day.
    { ...clean('2026-11-24', 200), transientBounces: 8, deliveries: 190 },
    clean('2026-11-25', 100),
    { ...clean('2026-11-26', 100), complaints: 1 },
    { ...clean('2026-11-27', 100), permanentBounces: 3, deliveries: 97 },
  ];
  const h = health(days, '2026-11-27');

  it('sums the counts over the 7 days ending today', () => {
    expect(h.lastSevenDays.from).toBe('2026-11-21');
    expect(h.lastSevenDays.to).toBe('2026-11-27');
    expect(h.lastSevenDays.counts).toEqual({
      sends: 700,
      deliveries: 687,
      permanentBounces: 3,
      transientBounces: 8,
      complaints: 1,
      unsubscribes: 0,
    });
    const rates = h.lastSevenDays.rates;
    expect(rates.hardBounce).toMatchObject({ numerator: 3, denominator: 700, status: 'ok' });
    expect(rates.complaint).toMatchObject({ numerator: 1, denominator: 687, status: 'alert' });
    expect(rates.delivery).toMatchObject({ numerator: 687, denominator: 700, status: 'ok' });
    expect(h.lastSevenDays.status).toBe('alert');
  });

  it('reports each day, quiet days included', () => {
    expect(h.perDay.map((d) => d.from)).toEqual([
      '2026-11-21',
      '2026-11-22',
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
    ]);
    expect(h.perDay.map((d) => d.status)).toEqual(['ok', 'ok', 'unknown', 'warn', 'ok', 'alert', 'warn']);
    expect(h.perDay[2]!.rates.delivery.unknown?.reason).toBe('no-sends');
    expect(h.perDay[6]!.rates.hardBounce).toMatchObject({ status: 'warn', numerator: 3, denominator: 100 });
  });

  it('does not understate a rate whose source misses a day that sent', () => {
    const partial = health([clean('2026-11-26', 100), { day: '2026-11-27', sends: 100, deliveries: 100, complaints: 0 }], '2026-11-27');
    expect(partial.lastSevenDays.rates.unsubscribe.status).toBe('unknown');
    expect(partial.lastSevenDays.rates.complaint.status).toBe('ok');
  });
});

describe('fromVdm', () => {
  const at = (day: string) => new Date(`${day}T00:00:00Z`);
  const queries = [
    { Id: 'q1', Metric: 'SEND' as const },
    { Id: 'q2', Metric: 'DELIVERY' as const },
    { Id: 'q3', Metric: 'PERMANENT_BOUNCE' as const },
    { Id: 'q4', Metric: 'TRANSIENT_BOUNCE' as const },
    { Id: 'q5', Metric: 'COMPLAINT' as const },
  ];

  it('turns BatchGetMetricData results into daily counts, unsubscribes unknown', () => {
    const counts = fromVdm(
      {
        Results: [
          { Id: 'q1', Timestamps: [at('2026-11-26'), at('2026-11-27')], Values: [120, 80] },
          { Id: 'q2', Timestamps: [at('2026-11-26'), at('2026-11-27')], Values: [116, 79] },
          { Id: 'q3', Timestamps: [at('2026-11-26')], Values: [3] },
          { Id: 'q4', Timestamps: [at('2026-11-27')], Values: [1] },
          { Id: 'q5', Timestamps: [], Values: [] },
        ],
      },
      queries,
    );
    expect(counts).toEqual([
      { day: '2026-11-26', sends: 120, deliveries: 116, permanentBounces: 3, transientBounces: 0, complaints: 0 },
      { day: '2026-11-27', sends: 80, deliveries: 79, permanentBounces: 0, transientBounces: 1, complaints: 0 },
    ]);
    const h = health(counts, '2026-11-27');
    expect(h.lastSevenDays.rates.unsubscribe.unknown?.reason).toBe('no-source');
    expect(h.lastSevenDays.rates.hardBounce).toMatchObject({ numerator: 3, denominator: 200, status: 'ok' });
  });

  it('leaves a metric that failed unknown rather than 0', () => {
    const counts = fromVdm(
      {
        Results: [
          { Id: 'q1', Timestamps: [at('2026-11-27')], Values: [50] },
          { Id: 'q2', Timestamps: [at('2026-11-27')], Values: [50] },
        ],
        Errors: [{ Id: 'q5', Code: 'ACCESS_DENIED', Message: 'denied' }],
      },
      queries,
    );
    expect(counts[0]!.complaints).toBeUndefined();
    expect(health(counts, '2026-11-27').lastSevenDays.rates.complaint.status).toBe('unknown');
  });

  it('reads metric names from the ids when no queries are given, and takes unsubscribes from another source', () => {
    const counts = fromVdm(
      {
        Results: [
          { Id: 'send', Timestamps: [at('2026-11-27')], Values: [100] },
          { Id: 'DELIVERY', Timestamps: [at('2026-11-27')], Values: [100] },
        ],
      },
      [],
      { '2026-11-27': 2 },
    );
    expect(counts).toEqual([{ day: '2026-11-27', sends: 100, deliveries: 100, unsubscribes: 2 }]);
    expect(rateReport('unsubscribe', counts[0]!).status).toBe('alert');
  });
});
