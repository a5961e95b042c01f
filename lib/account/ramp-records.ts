import * as z from 'zod/mini';
import { db, type RampartDb } from '@/lib/store/db';
import { readRecord, writeRecord } from '@/lib/store/records';
import { parsePlan, rampPlanSchema, type PlanError, type RampPlan } from '@/lib/ramp/plan';
import { loadRampState, type RampState } from '@/lib/ramp/state';

// The ramp plan and the ramp state as kept in IndexedDB's key-value table. Each record
// carries a schema version of its own, so a later shape can be migrated on read instead
// of silently failing validation and starting the ramp again.

export const RAMP_PLAN_KEY = 'ramp:plan';
export const RAMP_STATE_KEY = 'ramp:state';

/** Version of the stored record around the plan (the plan has its own `schemaVersion`). */
export const PLAN_RECORD_VERSION = 1;
export const STATE_RECORD_VERSION = 1;

const planRecordSchema = z.object({
  recordVersion: z.literal(PLAN_RECORD_VERSION),
  plan: rampPlanSchema,
  /** Complaint alert: today's team cap is cut by this much (docs/rules.md: 30–50%, default 30). */
  cutPercent: z.optional(z.int().check(z.gte(30), z.lte(50))),
  /** Who watches health and answers AWS (docs/rules.md's five-minute check: "a named owner"). */
  monitoringOwner: z.optional(z.string()),
  /** Who saved it and when (the change log has the history). */
  savedBy: z.string(),
  savedAt: z.string(),
});
export type PlanRecord = z.infer<typeof planRecordSchema>;

interface StateRecord {
  recordVersion: typeof STATE_RECORD_VERSION;
  state: RampState;
}

/** The stored plan record, or undefined when none is stored or it no longer validates. */
export async function readPlanRecord(database: RampartDb = db()): Promise<PlanRecord | undefined> {
  return planRecordOf(await readRecord(RAMP_PLAN_KEY, database));
}

/** The plan record in a stored value, or undefined when it no longer validates. */
export function planRecordOf(value: unknown): PlanRecord | undefined {
  const parsed = planRecordSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

export async function writePlanRecord(record: PlanRecord, database: RampartDb = db()): Promise<void> {
  await writeRecord(RAMP_PLAN_KEY, record, new Date(record.savedAt), database);
}

export type PlanExtras = Pick<PlanRecord, 'cutPercent' | 'monitoringOwner'>;

/** Validates the plan before it is stored: a plan that does not parse never reaches the ramp. */
export function planRecord(
  plan: unknown,
  savedBy: string,
  at: Date,
  extras: PlanExtras = {},
): { ok: true; record: PlanRecord } | { ok: false; error: PlanError } {
  const parsed = parsePlan(plan);
  if (!parsed.ok) return parsed;
  const record: PlanRecord = { recordVersion: PLAN_RECORD_VERSION, plan: parsed.plan, savedBy, savedAt: at.toISOString() };
  if (extras.cutPercent !== undefined) record.cutPercent = extras.cutPercent;
  const owner = extras.monitoringOwner?.trim();
  if (owner) record.monitoringOwner = owner;
  const checked = planRecordSchema.safeParse(record);
  if (!checked.success) {
    return { ok: false, error: { code: 'invalid-plan', message: 'The complaint cut is a whole percentage from 30 to 50.' } };
  }
  return { ok: true, record: checked.data };
}

/** The ramp state for `plan`: stored and valid for it, else a fresh one (lib/ramp/state.ts decides). */
export async function readRampState(plan: RampPlan, database: RampartDb = db()): Promise<RampState> {
  return rampStateOf(plan, await readRecord(RAMP_STATE_KEY, database));
}

/** The ramp state for `plan` in a stored value (see readRampState). */
export function rampStateOf(plan: RampPlan, stored: unknown): RampState {
  const value = stored as Partial<StateRecord> | undefined;
  return loadRampState(plan, value?.recordVersion === STATE_RECORD_VERSION ? value.state : undefined);
}

export async function writeRampState(state: RampState, at: Date, database: RampartDb = db()): Promise<void> {
  const record: StateRecord = { recordVersion: STATE_RECORD_VERSION, state };
  await writeRecord(RAMP_STATE_KEY, record, at, database);
}
