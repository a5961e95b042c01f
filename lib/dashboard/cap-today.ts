import type { RampartDb } from '../db';
import type { AccountSnapshot } from '../guardrails/context';
import { localDay, runtimeTimeZone } from '../ramp/calendar';
import { quotaNeeded, target } from '../ramp/plan';
import { currentRamp, type CurrentRamp } from '../ramp-store/ramp';
import { accountSnapshot } from '../sync/account';
import { capFigures, capInputs } from './cap-figures';
import type { CapTodayView, RampView } from './view';

// The popup's first paint: today's cap, as the guardrails enforce it (cap-figures.ts),
// and where the ramp stands. Only what those figures are computed from is read — the
// chart, health, the checklist and the change log follow in the `dashboard` message.

export interface CapTodaySources {
  now: Date;
  database: RampartDb;
  senderTag: string;
}

export interface CapToday {
  view: CapTodayView;
  /** The ramp and the snapshot it was read with, for the rest of the dashboard. */
  ramp: CurrentRamp | undefined;
  account: AccountSnapshot | null;
}

export async function readCapToday({ now, database, senderTag }: CapTodaySources): Promise<CapToday> {
  // The ramp may apply an automatic action here (and log it): the cap below follows it.
  const [ramp, account] = await Promise.all([currentRamp(now, database), accountSnapshot(database)]);
  const cap = capFigures(await capInputs({ ramp, account, senderTag, now, database }));
  const view: CapTodayView = {
    now: now.toISOString(),
    today: ramp?.today.day ?? localDay(now, runtimeTimeZone()),
    account,
    sandbox: account ? !account.productionAccessEnabled : null,
    cap,
    ramp: ramp ? rampView(ramp) : null,
  };
  return { view, ramp, account };
}

function rampView(ramp: CurrentRamp): RampView {
  return {
    dayNumber: ramp.today.dayNumber,
    rampDay: ramp.today.rampDay,
    status: ramp.today.status,
    plannedCap: ramp.today.plannedCap,
    stepCap: ramp.today.stepCap,
    teamCap: ramp.today.teamCap,
    limits: ramp.today.limits,
    ...(ramp.today.freezeUntil ? { freezeUntil: ramp.today.freezeUntil } : {}),
    target: target(ramp.plan),
    quotaNeeded: quotaNeeded(ramp.plan),
    startDate: ramp.plan.startDate,
    timeZone: ramp.plan.timeZone,
  };
}
