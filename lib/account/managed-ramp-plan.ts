import { db, type RampartDb } from '@/lib/store/db';
import { runtimeTimeZone } from '@/lib/core/calendar';
import type { UserError } from '@/lib/core/errors';
import { defaultPlan, parsePlan, RAMP_PLAN_SCHEMA_VERSION } from '@/lib/ramp/plan';
import { readPlanRecord } from './ramp-records';
import { savePlan } from './ramp';
import { readManagedPolicy } from '@/lib/store/managed-policy';

// The ramp plan an administrator's policy sets: stored as the team's plan (and logged in
// the change log, as any plan change) when it differs from the stored one. Fields the
// policy leaves out keep the stored plan's values, so a policy naming only the volume
// does not move the start date every day.

export const MANAGED_PLAN_AUTHOR = 'the administrator’s policy';

export type ManagedPlanOutcome = { outcome: 'none' | 'unchanged' | 'applied' } | { outcome: 'refused'; error: UserError };

export async function applyManagedRampPlan(now: Date, database: RampartDb = db()): Promise<ManagedPlanOutcome> {
  const { rampPlan } = await readManagedPolicy();
  if (!rampPlan) return { outcome: 'none' };
  const stored = await readPlanRecord(database);
  const timeZone = typeof rampPlan.timeZone === 'string' ? rampPlan.timeZone : (stored?.plan.timeZone ?? runtimeTimeZone());
  const base = stored?.plan ?? defaultPlan(now, timeZone);
  const parsed = parsePlan({ ...base, ...rampPlan, schemaVersion: RAMP_PLAN_SCHEMA_VERSION });
  if (!parsed.ok) return { outcome: 'refused', error: parsed.error };
  if (stored && JSON.stringify(parsePlan(stored.plan)) === JSON.stringify(parsed)) return { outcome: 'unchanged' };
  const saved = await savePlan(parsed.plan, MANAGED_PLAN_AUTHOR, now, {}, database);
  return saved.ok ? { outcome: 'applied' } : { outcome: 'refused', error: saved.error };
}

/**
 * Applies the policy's plan when the worker starts and whenever the policy changes.
 * Call synchronously in the background's main.
 */
export function registerManagedPolicyListeners(now: () => Promise<Date>): void {
  const apply = () =>
    void now()
      .then((at) => applyManagedRampPlan(at))
      .then((result) => {
        if (result.outcome === 'refused') console.warn(`Rampart: the policy’s ramp plan was not applied: ${result.error.message}`);
      })
      .catch((error: unknown) => console.warn('Rampart: could not apply the policy’s ramp plan', error));
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') apply();
  });
  apply();
}
