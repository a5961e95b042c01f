import type { RampartDb } from '@/lib/store/db';
import type { AccountSnapshot } from '@/lib/guardrails/context';
import { localDay, nextDayStart, runtimeTimeZone } from '@/lib/core/calendar';
import { quotaNeeded, target } from '@/lib/ramp/plan';
import { capUsage } from '@/lib/send/reservations';
import { currentRampFrom, loadPlan, readRampRecords, type CurrentRamp } from '@/lib/account/ramp';
import { accountSnapshot } from '@/lib/account/snapshot';
import { capDay, capFigures, capInputsOf } from '@/lib/send/cap-figures';
import type { CapTodayView, RampView } from './view';

// The popup's first paint: today's cap, as the guardrails enforce it (cap-figures.ts),
// and where the ramp stands. Only what those figures are computed from is read — the
// chart, health, the checklist and the change log follow in the `dashboard` message.

export interface CapTodaySources {
  /** May still be on its way (a clock read from storage): the records are read meanwhile. */
  now: Date | Promise<Date>;
  database: RampartDb;
  /** May still be on its way (the settings): it is needed only at the end. */
  senderTag: string | Promise<string>;
}

export interface CapToday {
  view: CapTodayView;
  /** The ramp and the snapshot it was read with, for the rest of the dashboard. */
  ramp: CurrentRamp | undefined;
  account: AccountSnapshot | null;
}

export async function readCapToday({ now: clockRead, database, senderTag }: CapTodaySources): Promise<CapToday> {
  const [records, account, now] = await Promise.all([readRampRecords(database), accountSnapshot(database), clockRead]);
  // No plan stored: the emulator profile stores its own on first use (loadPlan).
  const record = records.plan ?? (await loadPlan(now, database));
  // What counts against the cap is read while the ramp is evaluated (both follow from
  // the plan and the snapshot alone), rather than after it: the same figures
  // capInputs() computes for the guardrails, one round trip to IndexedDB sooner.
  const [ramp, usage] = await Promise.all([
    // The ramp may apply an automatic action here (and log it): the cap below follows it.
    currentRampFrom({ ...records, plan: record }, now, database),
    // Without a plan or a snapshot there is no cap to count against.
    record || account ? capUsage(capDay(record?.plan, now), account?.syncedAt, { now, database }) : undefined,
  ]);
  const cap = capFigures(usage ? capInputsOf({ ramp, account, senderTag: await senderTag }, usage) : null);
  const view: CapTodayView = {
    now: now.toISOString(),
    today: ramp?.today.day ?? localDay(now, runtimeTimeZone()),
    account,
    sandbox: account ? !account.productionAccessEnabled : null,
    cap,
    ...(ramp ? { resetsAt: nextDayStart(now, ramp.plan.timeZone).toISOString() } : {}),
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
