import { db, type ChangeLogRow, type RampartDb } from '@/lib/store/db';
import { readRecords } from '@/lib/store/records';
import { healthCounts, healthCountsFrom, type HealthCounts } from './health-source';
import { VDM_METRICS_KEY, type VdmRecord } from './vdm';
import { isEmulatorProfile } from '@/lib/core/profile';
import { addDays, localDay, runtimeTimeZone } from '@/lib/core/calendar';
import { defaultPlan, quotaNeeded, target, type RampPlan } from '@/lib/ramp/plan';
import {
  evaluateRamp,
  resumeRamp,
  type RampEvaluation,
  type RampLogEntry,
  type RampOptions,
  type RampState,
  type Resumable,
} from '@/lib/ramp/state';
import {
  planRecord,
  planRecordOf,
  RAMP_PLAN_KEY,
  RAMP_STATE_KEY,
  rampStateOf,
  readPlanRecord,
  readRampState,
  writePlanRecord,
  writeRampState,
  type PlanExtras,
  type PlanRecord,
} from './ramp-records';

// The ramp as it runs: the stored plan and state, evaluated against the health counts
// (lib/ramp/state.ts decides; this file only reads, stores and logs). Evaluating is
// idempotent, so anyone who needs today's team cap — the popup, the compose verdict, the
// send — calls `currentRamp()`, and whichever call first sees new evidence applies the
// automatic action and writes it to the change log, once: the read of the stored state
// and the write of the new one are one IndexedDB transaction.

/** Days of counts the ramp looks at: the health window and the one before it. */
const COUNT_DAYS = 14;

export interface CurrentRamp extends RampEvaluation {
  plan: RampPlan;
  record: PlanRecord;
  health: HealthCounts;
}

/** Who saved the emulator profile's preconfigured plan: any plan the team shares replaces it. */
export const PRECONFIGURED_PLAN_AUTHOR = 'the emulator profile';

/**
 * The stored plan; in the emulator profile, the preconfigured one (docs/test-surface.md: 300 a day
 * for 1 mailbox, starting today) is stored and logged the first time it is asked for.
 */
export async function loadPlan(now: Date, database: RampartDb = db()): Promise<PlanRecord | undefined> {
  const stored = await readPlanRecord(database);
  if (stored || !isEmulatorProfile) return stored;
  return database.transaction('rw', database.kv, database.changeLog, async () => {
    const again = await readPlanRecord(database);
    if (again) return again;
    const made = planRecord(defaultPlan(now), PRECONFIGURED_PLAN_AUTHOR, now);
    if (!made.ok) throw new Error(made.error.message);
    await writePlanRecord(made.record, database);
    await database.changeLog.add(planLogEntry(made.record, undefined, now));
    return made.record;
  });
}

/** The zone the ledger counts days in: the plan's, else the browser's. */
export async function planTimeZone(now: Date, database: RampartDb = db()): Promise<string> {
  return (await loadPlan(now, database))?.plan.timeZone ?? runtimeTimeZone();
}

function optionsOf(record: PlanRecord): Partial<RampOptions> {
  return record.cutPercent !== undefined ? { cutPercent: record.cutPercent } : {};
}

function logRows(entries: readonly RampLogEntry[]): ChangeLogRow[] {
  return entries.map((e) => ({ at: e.at, kind: e.kind, message: e.message, data: e.data }));
}

/** Write the state and its new actions in one transaction with the read that led to them. */
async function evaluateAndStore(
  record: PlanRecord,
  now: Date,
  database: RampartDb,
  step: (state: RampState, counts: HealthCounts) => RampEvaluation,
): Promise<CurrentRamp> {
  const plan = record.plan;
  const today = localDay(now, plan.timeZone);
  const health = await healthCounts(addDays(today, -(COUNT_DAYS - 1)), today, database);
  return database.transaction('rw', database.kv, database.changeLog, async () => {
    const stored = await readRampState(plan, database);
    const evaluation = step(stored, health);
    if (JSON.stringify(evaluation.state) !== JSON.stringify(stored)) {
      await writeRampState(evaluation.state, now, database);
    }
    if (evaluation.actions.length > 0) await database.changeLog.bulkAdd(logRows(evaluation.actions));
    return { ...evaluation, plan, record, health };
  });
}

/** Today's ramp, with any automatic action due now applied and logged; undefined without a plan. */
export async function currentRamp(now: Date, database: RampartDb = db()): Promise<CurrentRamp | undefined> {
  return currentRampOf(await loadPlan(now, database), now, database);
}

/** `currentRamp` for a plan record already read (loadPlan) by the caller. */
export async function currentRampOf(
  record: PlanRecord | undefined,
  now: Date,
  database: RampartDb = db(),
): Promise<CurrentRamp | undefined> {
  if (!record) return undefined;
  return evaluateAndStore(record, now, database, (state, health) =>
    evaluateRamp(record.plan, state, { now, counts: health.counts, options: optionsOf(record) }),
  );
}

/** What the ramp is evaluated from, as read in one request (readRampRecords). */
export interface RampRecords {
  plan: PlanRecord | undefined;
  /** The stored ramp state, as kept (records.ts reads it against the plan). */
  state: unknown;
  vdm: VdmRecord | undefined;
}

export async function readRampRecords(database: RampartDb = db()): Promise<RampRecords> {
  const [plan, state, vdm] = await readRecords([RAMP_PLAN_KEY, RAMP_STATE_KEY, VDM_METRICS_KEY], database);
  return { plan: planRecordOf(plan), state, vdm };
}

/**
 * `currentRamp` from records already read. Evaluating is idempotent, so mostly it changes
 * nothing and those records are all it needs. When it does change something — a day to
 * settle, an action due — it is done as `currentRamp` does it: the state read again and
 * the change stored and logged in one transaction, so an action is applied once even if
 * another caller got there since these records were read.
 */
export async function currentRampFrom(records: RampRecords, now: Date, database: RampartDb = db()): Promise<CurrentRamp | undefined> {
  const record = records.plan;
  if (!record) return undefined;
  const plan = record.plan;
  const today = localDay(now, plan.timeZone);
  const health = await healthCountsFrom(records.vdm, addDays(today, -(COUNT_DAYS - 1)), today, database);
  const stored = rampStateOf(plan, records.state);
  const evaluation = evaluateRamp(plan, stored, { now, counts: health.counts, options: optionsOf(record) });
  if (evaluation.actions.length === 0 && JSON.stringify(evaluation.state) === JSON.stringify(stored)) {
    return { ...evaluation, plan, record, health };
  }
  return currentRampOf(record, now, database);
}

export type ResumeResult = { resumed: boolean; ramp: CurrentRamp } | { resumed: false; ramp: undefined };

/** The lead lifts a pause, a hold or a freeze by hand; logged with their name. */
export async function resumeByHand(what: Resumable, by: string, now: Date, database: RampartDb = db()): Promise<ResumeResult> {
  const record = await loadPlan(now, database);
  if (!record) return { resumed: false, ramp: undefined };
  let resumed = false;
  const ramp = await evaluateAndStore(record, now, database, (state, health) => {
    const result = resumeRamp(record.plan, state, what, by, { now, counts: health.counts, options: optionsOf(record) });
    resumed = result.resumed;
    return result;
  });
  return { resumed, ramp };
}

/** A lead's resume as the team's settings carry it (lib/account/team-settings.ts). */
export interface SharedResume {
  what: Resumable;
  by: string;
  at: string;
}

function flagOf(state: RampState, what: Resumable): { since: string } | null {
  return what === 'pause' ? state.paused : what === 'hold' ? state.held : state.freeze;
}

/**
 * A lead's resume read from the team's settings: it lifts this browser's flag of that
 * kind only when the flag was raised at or before the resume (a later pause is new
 * evidence the lead has not seen). Logged as the lead's resume.
 */
export async function resumeFromTeam(resume: SharedResume, now: Date, database: RampartDb = db()): Promise<boolean> {
  const record = await loadPlan(now, database);
  if (!record) return false;
  let resumed = false;
  await evaluateAndStore(record, now, database, (state, health) => {
    const input = { now, counts: health.counts, options: optionsOf(record) };
    const active = flagOf(state, resume.what);
    if (!active || Date.parse(active.since) > Date.parse(resume.at)) return evaluateRamp(record.plan, state, input);
    const result = resumeRamp(record.plan, state, resume.what, resume.by, input);
    resumed = result.resumed;
    return result;
  });
  return resumed;
}

/** A plan record from the team's settings, stored and logged as the lead's save. */
export async function adoptSharedPlan(record: PlanRecord, now: Date, database: RampartDb = db()): Promise<void> {
  await database.transaction('rw', database.kv, database.changeLog, async () => {
    const previous = await readPlanRecord(database);
    await writePlanRecord(record, database);
    await database.changeLog.add(planLogEntry(record, previous, now));
  });
}

function planLogEntry(record: PlanRecord, previous: PlanRecord | undefined, now: Date): ChangeLogRow {
  const { plan } = record;
  const figures = `${plan.mailboxes} mailbox${plan.mailboxes === 1 ? '' : 'es'} × ${plan.prospectsPerMailboxPerDay} prospects × ${plan.emailsPerProspect} emails = ${target(plan)} a day (quota needed ${quotaNeeded(plan)}), starting ${plan.startDate} (${plan.timeZone})`;
  return {
    at: now.toISOString(),
    kind: 'plan',
    message: `${previous ? 'Ramp plan changed' : 'Ramp plan set'} by ${record.savedBy}: ${figures}.`,
    data: { plan, previous: previous?.plan, cutPercent: record.cutPercent, monitoringOwner: record.monitoringOwner, by: record.savedBy },
  };
}

/** The lead saves a plan (validated first); logged with what it replaced. */
export async function savePlan(
  plan: unknown,
  by: string,
  now: Date,
  extras: PlanExtras = {},
  database: RampartDb = db(),
): Promise<{ ok: true; record: PlanRecord } | { ok: false; error: { code: string; message: string } }> {
  const who = by.trim() === '' ? 'the lead' : by.trim();
  const made = planRecord(plan, who, now, extras);
  if (!made.ok) return made;
  await database.transaction('rw', database.kv, database.changeLog, async () => {
    const previous = await readPlanRecord(database);
    await writePlanRecord(made.record, database);
    await database.changeLog.add(planLogEntry(made.record, previous, now));
  });
  return made;
}
