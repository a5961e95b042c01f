// Virtual Deliverability Manager: daily counts per metric, answered by BatchGetMetricData.
import type { Emulator } from '../context';
import { badRequest } from '../http/errors';
import { DAY_MS, epochSeconds, utcDayStart } from '../clock';
import type { State, VdmMetric } from '../state';

export const VDM_METRICS: readonly VdmMetric[] = ['SEND', 'DELIVERY', 'PERMANENT_BOUNCE', 'TRANSIENT_BOUNCE', 'COMPLAINT'];
/** In SES's model but not produced here: the emulator has no opens or clicks. */
const ENGAGEMENT_METRICS = ['OPEN', 'CLICK', 'DELIVERY_OPEN', 'DELIVERY_CLICK', 'DELIVERY_COMPLAINT'];

export function countMetric(
  state: State,
  metric: VdmMetric,
  atMs: number,
  dims: { identity?: string; configurationSet?: string },
  count = 1,
): void {
  state.metrics.push({ atMs, metric, identity: dims.identity, configurationSet: dims.configurationSet, count });
}

function seconds(value: unknown, field: string, id: string): number {
  const ms = typeof value === 'number' ? value * 1000 : typeof value === 'string' ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms)) throw badRequest(`Query ${id}: ${field} is required.`);
  return ms;
}

interface Query {
  Id: string;
  Metric: string;
  startMs: number;
  endMs: number;
  identity?: string;
  configurationSet?: string;
}

function parseQuery(raw: unknown): Query {
  const query = (raw ?? {}) as Record<string, unknown>;
  const id = query.Id;
  if (typeof id !== 'string' || id === '') throw badRequest('Every query needs an Id.');
  if (query.Namespace !== 'VDM') throw badRequest(`Query ${id}: Namespace must be VDM.`);
  const metric = query.Metric;
  if (typeof metric !== 'string' || (!VDM_METRICS.includes(metric as VdmMetric) && !ENGAGEMENT_METRICS.includes(metric))) {
    throw badRequest(`Query ${id}: unknown Metric ${String(metric)}.`);
  }
  const startMs = seconds(query.StartDate, 'StartDate', id);
  const endMs = seconds(query.EndDate, 'EndDate', id);
  if (startMs >= endMs) throw badRequest(`Query ${id}: StartDate must be before EndDate.`);
  const dimensions = (query.Dimensions ?? {}) as Record<string, unknown>;
  for (const name of Object.keys(dimensions)) {
    if (name !== 'EMAIL_IDENTITY' && name !== 'CONFIGURATION_SET') {
      throw badRequest(`Query ${id}: dimension ${name} is not supported by the local emulator (EMAIL_IDENTITY and CONFIGURATION_SET are).`);
    }
  }
  return {
    Id: id,
    Metric: metric,
    startMs,
    endMs,
    identity: typeof dimensions.EMAIL_IDENTITY === 'string' ? dimensions.EMAIL_IDENTITY.toLowerCase() : undefined,
    configurationSet: typeof dimensions.CONFIGURATION_SET === 'string' ? dimensions.CONFIGURATION_SET : undefined,
  };
}

/**
 * One value per UTC day from StartDate's day up to EndDate (exclusive), zeros included,
 * each stamped with its day's midnight. With VDM off every query comes back in Errors.
 */
export function batchGetMetricData(emulator: Emulator, input: Record<string, unknown>): unknown {
  const queries = input.Queries;
  if (!Array.isArray(queries) || queries.length < 1 || queries.length > 10) throw badRequest('Queries must hold between 1 and 10 queries.');
  const parsed = queries.map(parseQuery);
  if (new Set(parsed.map((q) => q.Id)).size !== parsed.length) throw badRequest('Query Ids must be distinct.');
  const { state } = emulator;
  if (state.account.VdmAttributes.VdmEnabled !== 'ENABLED') {
    return {
      Results: [],
      Errors: parsed.map((q) => ({
        Id: q.Id,
        Code: 'ACCESS_DENIED',
        Message: 'Virtual Deliverability Manager is not enabled for this account.',
      })),
    };
  }
  return {
    Results: parsed.map((query) => {
      const days: number[] = [];
      for (let day = utcDayStart(query.startMs); day < query.endMs; day += DAY_MS) days.push(day);
      const values = days.map((day) =>
        state.metrics
          .filter((point) => point.metric === query.Metric && point.atMs >= day && point.atMs < day + DAY_MS)
          .filter((point) => query.identity === undefined || point.identity === query.identity)
          .filter((point) => query.configurationSet === undefined || point.configurationSet === query.configurationSet)
          .reduce((sum, point) => sum + point.count, 0),
      );
      return { Id: query.Id, Timestamps: days.map(epochSeconds), Values: values };
    }),
    Errors: [],
  };
}
