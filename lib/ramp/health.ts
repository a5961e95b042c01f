import type { BatchGetMetricDataQuery, BatchGetMetricDataResponse } from '@aws-sdk/client-sesv2';
import { addDays, type CalendarDay, type DailyCounts } from '@/lib/core/calendar';

// Health (docs/rules.md, "Health"): five rates per day and over the last 7 days, each with
// its counts and a status against Rampart's thresholds, which sit below AWS's own review
// and pause levels so the ramp stops before AWS does. A rate that cannot be known is
// `unknown` with the reason, never 0%: a missing source must not read as a clean record.

export type RateName = 'delivery' | 'hardBounce' | 'softBounce' | 'complaint' | 'unsubscribe';
export const rateNames: readonly RateName[] = ['delivery', 'hardBounce', 'softBounce', 'complaint', 'unsubscribe'];

export type HealthStatus = 'ok' | 'warn' | 'alert' | 'unknown';

/**
 * One day's counts, from any source (VDM, or the ledger joined with feedback events).
 * A count left out is unknown for that day (VDM has no unsubscribes), not zero.
 */
export type { DailyCounts };
export type CountName = Exclude<keyof DailyCounts, 'day'>;
const countNames: readonly CountName[] = ['sends', 'deliveries', 'permanentBounces', 'transientBounces', 'complaints', 'unsubscribes'];

/** A threshold in percent; `below` rates (delivery) are bad when they fall under it. */
export interface RateThreshold {
  warn: number;
  alert: number;
}
export type HealthThresholds = Record<RateName, RateThreshold>;

/** docs/rules.md's table, in percent. */
export const defaultThresholds: HealthThresholds = {
  delivery: { warn: 97, alert: 95 },
  hardBounce: { warn: 2.5, alert: 4 },
  softBounce: { warn: 3, alert: 5 },
  complaint: { warn: 0.05, alert: 0.08 },
  unsubscribe: { warn: 1, alert: 2 },
};

/** AWS's own levels, shown beside Rampart's: under review / sending paused, in percent. */
export const awsLevels: Partial<Record<RateName, { review: number; pause: number }>> = {
  hardBounce: { review: 5, pause: 10 },
  complaint: { review: 0.1, pause: 0.5 },
};

/** Fewer sends than this behind a rate: marked low volume (its status still counts). */
export const LOW_VOLUME_SENDS = 100;

interface RateDefinition {
  label: string;
  numerator: CountName;
  denominator: 'sends' | 'deliveries';
  /** Delivery is good when high; every other rate is good when low. */
  badWhen: 'above' | 'below';
}

export const rateDefinitions: Record<RateName, RateDefinition> = {
  delivery: { label: 'Delivery', numerator: 'deliveries', denominator: 'sends', badWhen: 'below' },
  hardBounce: { label: 'Hard bounce', numerator: 'permanentBounces', denominator: 'sends', badWhen: 'above' },
  softBounce: { label: 'Soft bounce', numerator: 'transientBounces', denominator: 'sends', badWhen: 'above' },
  complaint: { label: 'Complaint', numerator: 'complaints', denominator: 'deliveries', badWhen: 'above' },
  unsubscribe: { label: 'Unsubscribe', numerator: 'unsubscribes', denominator: 'deliveries', badWhen: 'above' },
};

export type UnknownReason = 'no-source' | 'no-sends' | 'no-deliveries';

export interface RateReport {
  name: RateName;
  status: HealthStatus;
  /** The rate in percent; null when it cannot be known. */
  percent: number | null;
  numerator: number | null;
  denominator: number | null;
  /** Sends behind the rate (null when unknown). */
  sends: number | null;
  lowVolume: boolean;
  threshold: RateThreshold & { badWhen: 'above' | 'below' };
  aws?: { review: number; pause: number };
  unknown?: { reason: UnknownReason; sentence: string };
}

export interface HealthReport {
  from: CalendarDay;
  to: CalendarDay;
  /** Counts summed over the period; a count is absent when it is unknown. */
  counts: Omit<DailyCounts, 'day'>;
  rates: Record<RateName, RateReport>;
  /** The worst known status; `unknown` only when no rate is known. */
  status: HealthStatus;
}

export interface Health {
  /** The last 7 days, today included. */
  lastSevenDays: HealthReport;
  /** One report per day, oldest first, for the chart. */
  perDay: HealthReport[];
}

const statusRank: Record<HealthStatus, number> = { unknown: 0, ok: 1, warn: 2, alert: 3 };
/** The worse of two statuses; `unknown` loses to any known status. */
export function worse(a: HealthStatus, b: HealthStatus): HealthStatus {
  return statusRank[a] >= statusRank[b] ? a : b;
}
export function isWarnOrWorse(status: HealthStatus): boolean {
  return status === 'warn' || status === 'alert';
}

// Compared in parts per million on integer counts: 8 complaints in 10,000 deliveries is
// exactly 0.08%, and floating-point division must not turn it into 0.07999…
function ppm(percent: number): number {
  return Math.round(percent * 10_000);
}
function reaches(numerator: number, denominator: number, percent: number): boolean {
  return numerator * 1_000_000 >= ppm(percent) * denominator;
}

function unknownSentence(definition: RateDefinition, reason: UnknownReason): string {
  const name = definition.label.toLowerCase();
  switch (reason) {
    case 'no-source':
      return definition.numerator === 'unsubscribes'
        ? 'Unsubscribes are not counted yet: SES metrics (VDM) do not report them and no unsubscribe source is connected.'
        : `The ${name} rate is unknown: no metrics source reports ${definition.numerator === 'deliveries' ? 'deliveries' : 'it'} for this period.`;
    case 'no-sends':
      return `The ${name} rate is unknown: nothing was sent in this period.`;
    case 'no-deliveries':
      return `The ${name} rate is unknown: nothing was delivered in this period.`;
  }
}

/** One rate from summed counts. */
export function rateReport(name: RateName, counts: Omit<DailyCounts, 'day'>, thresholds: HealthThresholds = defaultThresholds): RateReport {
  const definition = rateDefinitions[name];
  const threshold = { ...thresholds[name], badWhen: definition.badWhen };
  const aws = awsLevels[name];
  const sends = counts.sends ?? null;
  const numerator = counts[definition.numerator] ?? null;
  const denominator = counts[definition.denominator] ?? null;
  const lowVolume = sends === null || sends < LOW_VOLUME_SENDS;
  const counted = { name, numerator, denominator, sends, lowVolume, threshold, ...(aws ? { aws } : {}) };
  const unknown = (reason: UnknownReason): RateReport => ({
    ...counted,
    status: 'unknown',
    percent: null,
    unknown: { reason, sentence: unknownSentence(definition, reason) },
  });

  if (sends === 0) return unknown('no-sends');
  if (numerator === null || denominator === null) return unknown('no-source');
  if (denominator === 0) return unknown(definition.denominator === 'sends' ? 'no-sends' : 'no-deliveries');

  let status: HealthStatus;
  if (definition.badWhen === 'above') {
    status = reaches(numerator, denominator, threshold.alert) ? 'alert' : reaches(numerator, denominator, threshold.warn) ? 'warn' : 'ok';
  } else {
    status = !reaches(numerator, denominator, threshold.alert) ? 'alert' : !reaches(numerator, denominator, threshold.warn) ? 'warn' : 'ok';
  }
  return { ...counted, numerator, denominator, status, percent: (numerator / denominator) * 100 };
}

/**
 * Counts summed over days. A count is known over the period only when every day that
 * sent something reports it: half the days' unsubscribes would understate the rate.
 */
export function sumCounts(days: readonly DailyCounts[]): Omit<DailyCounts, 'day'> {
  const total: Omit<DailyCounts, 'day'> = {};
  for (const name of countNames) {
    let sum = 0;
    let known = false;
    let missing = false;
    for (const day of days) {
      const value = day[name];
      if (value === undefined) {
        if (name === 'sends' || (day.sends ?? 0) > 0) missing = true;
      } else {
        sum += value;
        known = true;
      }
    }
    if (known && !missing) total[name] = sum;
  }
  return total;
}

/** The five rates over `days`, reported for the period `from`..`to`. */
export function healthReport(
  days: readonly DailyCounts[],
  from: CalendarDay,
  to: CalendarDay,
  thresholds: HealthThresholds = defaultThresholds,
): HealthReport {
  const inPeriod = days.filter((d) => d.day >= from && d.day <= to);
  const counts = sumCounts(inPeriod);
  const rates = Object.fromEntries(rateNames.map((n) => [n, rateReport(n, counts, thresholds)])) as Record<RateName, RateReport>;
  const status = rateNames.reduce<HealthStatus>((acc, n) => worse(acc, rates[n].status), 'unknown');
  return { from, to, counts, rates, status };
}

/** Days with no row at all sent nothing: zero sends, every other count zero too. */
function withQuietDays(days: readonly DailyCounts[], from: CalendarDay, to: CalendarDay): DailyCounts[] {
  const byDay = new Map(days.map((d) => [d.day, d] as const));
  const filled: DailyCounts[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    filled.push(byDay.get(day) ?? { day, sends: 0 });
  }
  return filled;
}

export const HEALTH_WINDOW_DAYS = 7;

/** Health as the popup shows it: the last 7 days ending `today`, and each of those days. */
export function health(days: readonly DailyCounts[], today: CalendarDay, thresholds: HealthThresholds = defaultThresholds): Health {
  const from = addDays(today, -(HEALTH_WINDOW_DAYS - 1));
  const filled = withQuietDays(days, from, today);
  return {
    lastSevenDays: healthReport(filled, from, today, thresholds),
    perDay: filled.map((d) => healthReport([d], d.day, d.day, thresholds)),
  };
}

// VDM ("Virtual Deliverability Manager") metrics, as BatchGetMetricData returns them.
const vdmMetricCounts: Partial<Record<string, CountName>> = {
  SEND: 'sends',
  DELIVERY: 'deliveries',
  PERMANENT_BOUNCE: 'permanentBounces',
  TRANSIENT_BOUNCE: 'transientBounces',
  COMPLAINT: 'complaints',
};

/**
 * Daily counts from a BatchGetMetricData response. Results carry only their query Id,
 * so the queries say which metric each is (without them, an Id that names a metric,
 * such as 'PERMANENT_BOUNCE', is taken as that metric). VDM's days are UTC days. A
 * metric that failed or was not asked for stays unknown; unsubscribes come from
 * `unsubscribes` (day → count) when another source has them.
 */
export function fromVdm(
  response: Pick<BatchGetMetricDataResponse, 'Results' | 'Errors'>,
  queries: readonly Pick<BatchGetMetricDataQuery, 'Id' | 'Metric'>[] = [],
  unsubscribes?: ReadonlyMap<CalendarDay, number> | Readonly<Record<CalendarDay, number>>,
): DailyCounts[] {
  const metricOf = new Map(queries.map((q) => [q.Id, q.Metric] as const));
  const byDay = new Map<CalendarDay, DailyCounts>();
  const row = (day: CalendarDay): DailyCounts => {
    let counts = byDay.get(day);
    if (!counts) {
      counts = { day };
      byDay.set(day, counts);
    }
    return counts;
  };
  const reported = new Set<CountName>();
  for (const result of response.Results ?? []) {
    const metric = metricOf.get(result.Id) ?? result.Id?.toUpperCase();
    const count = metric === undefined ? undefined : vdmMetricCounts[metric];
    if (!count) continue;
    reported.add(count);
    const timestamps = result.Timestamps ?? [];
    const values = result.Values ?? [];
    timestamps.forEach((at, i) => {
      const counts = row(new Date(at).toISOString().slice(0, 10));
      counts[count] = (counts[count] ?? 0) + (values[i] ?? 0);
    });
  }
  // VDM leaves out days with no events: a reported metric is 0 on a day another metric has.
  for (const counts of byDay.values()) {
    for (const count of reported) counts[count] ??= 0;
  }
  if (unsubscribes) {
    const entries = unsubscribes instanceof Map ? [...unsubscribes] : Object.entries(unsubscribes);
    for (const [day, n] of entries) row(day).unsubscribes = n;
    // Given an unsubscribe source, a day it does not list had none.
    for (const counts of byDay.values()) {
      counts.unsubscribes ??= 0;
      for (const count of reported) counts[count] ??= 0;
    }
  }
  return [...byDay.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}
