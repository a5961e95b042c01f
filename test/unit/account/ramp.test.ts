import { beforeEach, describe, expect, it } from 'vitest';
import { RampartDb } from '@/lib/store/db';
import { defaultPlan } from '@/lib/ramp/plan';
import { VDM_METRICS_KEY, type VdmRecord } from '@/lib/account/vdm';
import { currentRamp, currentRampFrom, loadPlan, readRampRecords, savePlan } from '@/lib/account/ramp';
import { RAMP_PLAN_KEY, RAMP_STATE_KEY, readRampState } from '@/lib/account/ramp-records';

// The plan and the ramp state as stored for the popup and the guardrails: validated,
// versioned, and every change of plan in the change log.

const now = new Date('2026-11-20T12:00:00.000Z');
let database: RampartDb;
let run = 0;
beforeEach(() => {
  database = new RampartDb(`ramp-store-${++run}`);
});

describe('the plan', () => {
  it('is not invented outside the emulator profile', async () => {
    expect(await loadPlan(now, database)).toBeUndefined();
    expect(await currentRamp(now, database)).toBeUndefined();
  });

  it('is refused when it does not validate, and nothing is stored or logged', async () => {
    const saved = await savePlan({ ...defaultPlan('2026-11-20', 'UTC'), bufferPercent: 10 }, 'Lead', now, {}, database);
    expect(saved).toMatchObject({ ok: false, error: { code: 'invalid-plan' } });
    if (!saved.ok) expect(saved.error.message).toMatch(/bufferPercent/);
    expect(await database.kv.get(RAMP_PLAN_KEY)).toBeUndefined();
    expect(await database.changeLog.count()).toBe(0);
  });

  it('refuses a complaint cut outside 30–50%', async () => {
    const saved = await savePlan(defaultPlan('2026-11-20', 'UTC'), 'Lead', now, { cutPercent: 60 }, database);
    expect(saved.ok).toBe(false);
  });

  it('logs a change with what it replaced', async () => {
    await savePlan(defaultPlan('2026-11-20', 'UTC'), 'Lead', now, {}, database);
    await savePlan({ ...defaultPlan('2026-11-20', 'UTC'), mailboxes: 3 }, ' ', now, { monitoringOwner: 'Dana' }, database);
    const log = await database.changeLog.orderBy('id').toArray();
    expect(log.map((l) => l.message)).toEqual([
      expect.stringMatching(/^Ramp plan set by Lead: 1 mailbox × 100 prospects × 3 emails = 300 a day/),
      expect.stringMatching(/^Ramp plan changed by the lead: 3 mailboxes × 100 prospects × 3 emails = 900 a day/),
    ]);
    expect((log[1]?.data as { previous: { mailboxes: number } }).previous.mailboxes).toBe(1);
    expect((await loadPlan(now, database))?.monitoringOwner).toBe('Dana');
  });

  it('a stored plan that no longer validates is not used', async () => {
    await database.kv.put({ key: RAMP_PLAN_KEY, value: { recordVersion: 1, plan: { mailboxes: 'many' } }, updatedAt: now.toISOString() });
    expect(await loadPlan(now, database)).toBeUndefined();
  });
});

describe('the ramp state', () => {
  it('of another record version starts afresh rather than being misread', async () => {
    const plan = defaultPlan('2026-11-20', 'UTC');
    await database.kv.put({
      key: RAMP_STATE_KEY,
      value: { recordVersion: 99, state: { paused: { since: now.toISOString() } } },
      updatedAt: '',
    });
    const state = await readRampState(plan, database);
    expect(state.paused).toBeNull();
    expect(state.startDate).toBe('2026-11-20');
  });

  it('is written only when it changes', async () => {
    await savePlan(defaultPlan('2026-11-18', 'UTC'), 'Lead', now, {}, database);
    // Day 3: the two days before are settled and stored.
    expect((await currentRamp(now, database))?.today.rampDay).toBe(3);
    const first = await database.kv.get(RAMP_STATE_KEY);
    expect(first?.updatedAt).toBe(now.toISOString());
    await currentRamp(new Date(now.getTime() + 1000), database);
    expect((await database.kv.get(RAMP_STATE_KEY))?.updatedAt).toBe(now.toISOString());
  });
});

describe('the ramp from records read beforehand (currentRampFrom)', () => {
  const complaintDay = async () => {
    const record: VdmRecord = {
      enabled: true,
      syncedAt: now.toISOString(),
      from: '2026-11-07',
      to: '2026-11-20',
      counts: [{ day: '2026-11-20', sends: 3, deliveries: 3, permanentBounces: 0, transientBounces: 0, complaints: 1 }],
    };
    await database.kv.put({ key: VDM_METRICS_KEY, value: record, updatedAt: now.toISOString() });
  };

  it('without a plan, has no ramp', async () => {
    expect(await currentRampFrom(await readRampRecords(database), now, database)).toBeUndefined();
  });

  it('agrees with currentRamp, and settles the days before today as it does: stored once', async () => {
    await savePlan(defaultPlan('2026-11-18', 'UTC'), 'Lead', now, {}, database);
    const fromRecords = await currentRampFrom(await readRampRecords(database), now, database);
    // Days 1 and 2 were not settled yet: that is a change, stored.
    expect((await database.kv.get(RAMP_STATE_KEY))?.updatedAt).toBe(now.toISOString());
    const later = new Date(now.getTime() + 1000);
    const again = await currentRampFrom(await readRampRecords(database), later, database);
    // Nothing new: nothing written, and the same ramp as currentRamp reads.
    expect((await database.kv.get(RAMP_STATE_KEY))?.updatedAt).toBe(now.toISOString());
    const reference = await currentRamp(later, database);
    expect(again?.today).toEqual(reference?.today);
    expect(again?.state).toEqual(reference?.state);
    expect(fromRecords?.today).toEqual(reference?.today);
  });

  it('applies an action due once, even from records read before another caller applied it', async () => {
    await savePlan(defaultPlan('2026-11-20', 'UTC'), 'Lead', now, {}, database);
    await complaintDay();
    const stale = await readRampRecords(database);
    // Another caller (the compose check) sees the complaint first and applies the freeze.
    expect((await currentRamp(now, database))?.today.status).toBe('frozen');
    // These records predate it: the freeze looks due, so the state is read again, and
    // nothing is applied or logged twice.
    const ramp = await currentRampFrom(stale, new Date(now.getTime() + 1000), database);
    expect(ramp?.today).toMatchObject({ status: 'frozen', teamCap: 42 });
    expect(ramp?.actions).toEqual([]);
    const actions = await database.changeLog.where('kind').equals('ramp-action').toArray();
    expect(actions.map((a) => (a.data as { action: string }).action).sort()).toEqual(['cut', 'freeze']);
  });

  it('applies and logs an action due when it is the first to see it', async () => {
    await savePlan(defaultPlan('2026-11-20', 'UTC'), 'Lead', now, {}, database);
    await complaintDay();
    const ramp = await currentRampFrom(await readRampRecords(database), now, database);
    expect(ramp?.today).toMatchObject({ status: 'frozen', teamCap: 42 });
    expect(ramp?.actions.map((a) => a.data.action).sort()).toEqual(['cut', 'freeze']);
    expect(await database.changeLog.where('kind').equals('ramp-action').count()).toBe(2);
    expect((await readRampState(defaultPlan('2026-11-20', 'UTC'), database)).freeze).not.toBeNull();
  });
});
