// The policy's ramp plan: stored as the team's plan (logged) when it differs, left alone
// when it does not, refused with the plan's own sentence when it is not a plan.
import { beforeEach, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { RampartDb } from '@/lib/store/db';
import { applyManagedRampPlan, MANAGED_PLAN_AUTHOR } from '@/lib/account/managed-ramp-plan';
import { readPlanRecord } from '@/lib/account/ramp-records';

let database: RampartDb;
let n = 0;
beforeEach(() => {
  fakeBrowser.reset();
  database = new RampartDb(`managed-plan-${n++}`);
});

const now = new Date('2026-03-02T09:00:00Z');
const POLICY_PLAN = {
  mailboxes: 3,
  prospectsPerMailboxPerDay: 25,
  emailsPerProspect: 4,
  startDate: '2026-03-02',
  timeZone: 'Europe/Paris',
};

test('no plan in the policy: nothing stored', async () => {
  expect(await applyManagedRampPlan(now, database)).toEqual({ outcome: 'none' });
  expect(await readPlanRecord(database)).toBeUndefined();
});

test('the policy’s plan is stored, logged once, and not again while it is the same', async () => {
  await fakeBrowser.storage.managed.set({ rampPlan: POLICY_PLAN });
  expect(await applyManagedRampPlan(now, database)).toEqual({ outcome: 'applied' });
  const record = await readPlanRecord(database);
  expect(record?.plan).toMatchObject({
    ...POLICY_PLAN,
    bufferPercent: 25,
    steps: [
      { fromDay: 1, percent: 20 },
      { fromDay: 3, percent: 45 },
      { fromDay: 5, percent: 75 },
      { fromDay: 8, percent: 100 },
    ],
  });
  expect(record?.savedBy).toBe(MANAGED_PLAN_AUTHOR);

  expect(await applyManagedRampPlan(new Date('2026-03-05T09:00:00Z'), database)).toEqual({ outcome: 'unchanged' });
  const log = await database.changeLog.toArray();
  expect(log.filter((row) => row.kind === 'plan')).toHaveLength(1);
  expect(log[0]!.message).toMatch(/3 mailboxes × 25 prospects × 4 emails = 300 a day/);
});

test('a policy naming only the volume keeps the stored start date', async () => {
  await fakeBrowser.storage.managed.set({ rampPlan: POLICY_PLAN });
  await applyManagedRampPlan(now, database);
  await fakeBrowser.storage.managed.set({ rampPlan: { mailboxes: 6, prospectsPerMailboxPerDay: 40, emailsPerProspect: 3 } });
  expect(await applyManagedRampPlan(new Date('2026-03-09T09:00:00Z'), database)).toEqual({ outcome: 'applied' });
  expect((await readPlanRecord(database))?.plan).toMatchObject({ mailboxes: 6, startDate: '2026-03-02', timeZone: 'Europe/Paris' });
});

test('a policy plan that is not a plan is refused with a sentence, and the stored one stays', async () => {
  await fakeBrowser.storage.managed.set({ rampPlan: POLICY_PLAN });
  await applyManagedRampPlan(now, database);
  await fakeBrowser.storage.managed.set({ rampPlan: { ...POLICY_PLAN, bufferPercent: 80 } });
  const result = await applyManagedRampPlan(now, database);
  expect(result).toMatchObject({ outcome: 'refused', error: { code: 'invalid-plan', message: expect.any(String) } });
  expect((await readPlanRecord(database))?.plan.bufferPercent).toBe(25);
});
