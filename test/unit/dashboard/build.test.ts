import { beforeEach, describe, expect, it } from 'vitest';
import { buildDashboard } from '@/lib/dashboard/build';
import { RampartDb } from '@/lib/store/db';
import type { AccountSnapshot } from '@/lib/guardrails/context';
import type { DailyCounts } from '@/lib/ramp/health';
import { defaultPlan } from '@/lib/ramp/plan';
import { resumeByHand, savePlan } from '@/lib/account/ramp';
import {
  dashboardNow as now,
  dashboardSender as sender,
  storeAccount,
  storeSend,
  storeVdm,
  dashboardToday as today,
} from '../../support/builders';

// The popup's data, built from IndexedDB alone: the cap and which limit binds, the ramp,
// health, the automatic actions applied once and logged, and the lead's resume.

let database: RampartDb;
let run = 0;

beforeEach(() => {
  database = new RampartDb(`dashboard-${++run}`);
});

const build = (at = now) =>
  buildDashboard({ now: at, database, configured: true, senderTag: sender, fromAddress: sender, contactList: 'rampart' });

const account = (patch: Partial<AccountSnapshot> = {}) => storeAccount(database, patch);
const ledger = (messageId: string, sentAt: string, recipients: string[]) => storeSend(database, messageId, sentAt, recipients);
const vdm = (counts: DailyCounts[]) => storeVdm(database, counts);

describe('before anything is set up', () => {
  it('has no cap to show, no ramp, and says why', async () => {
    const view = await build();
    expect(view.cap.view).toBeNull();
    expect(view.ramp).toBeNull();
    expect(view.sandbox).toBeNull();
    expect(view.alerts.map((a) => a.code)).toContain('no-plan');
    expect(view.checklist.find((c) => c.code === 'production-access')?.status).toBe('unknown');
    expect(view.health.rates.every((r) => r.status === 'unknown')).toBe(true);
  });
});

describe('the feedback status the lead sees', () => {
  it('counts the feedback messages Rampart could not read, with why the last one could not be read', async () => {
    expect((await build()).feedback).toEqual({ unreadable: 0 });
    await database.kv.put({
      key: 'feedback:status',
      value: { failures: 0, lastPollAt: '2026-11-20T11:59:00.000Z', unreadable: 3, unreadableReason: 'the body is not JSON' },
      updatedAt: now.toISOString(),
    });
    expect((await build()).feedback).toEqual({
      unreadable: 3,
      unreadableReason: 'the body is not JSON',
      lastPollAt: '2026-11-20T11:59:00.000Z',
    });
  });
});

describe('a feedback queue that cannot be read', () => {
  it('is an alert with the reason while the polls keep failing, and goes once one succeeds', async () => {
    const status = (value: object) => database.kv.put({ key: 'feedback:status', value, updatedAt: now.toISOString() });
    await status({
      failures: 2,
      lastError: { code: 'access-denied', message: 'Rampart could not read its bounce and complaint events from SQS: Access denied.' },
    });
    const failing = (await build()).alerts.find((a) => a.code === 'feedback-failed');
    expect(failing).toMatchObject({ severity: 'warn', sentence: expect.stringMatching(/could not read its bounce and complaint events/) });
    await status({ failures: 0, lastPollAt: now.toISOString() });
    expect((await build()).alerts.map((a) => a.code)).not.toContain('feedback-failed');
  });
});

describe('day 1 of the default plan (300 a day, 1 mailbox)', () => {
  beforeEach(async () => {
    const saved = await savePlan(defaultPlan(today, 'UTC'), 'Lead', now, {}, database);
    expect(saved.ok).toBe(true);
  });

  it('shows 60 left, ramp day 1, mine binding on a tie, and the plan logged', async () => {
    await account();
    const view = await build();
    expect(view.ramp).toMatchObject({ rampDay: 1, dayNumber: 1, teamCap: 60, status: 'on-plan' });
    expect(view.cap.view).toMatchObject({ remaining: 60, of: 60, limit: 'mine', rampDay: 1 });
    expect(view.cap.ses).toEqual({ max24HourSend: 300, sentLast24Hours: 0, remaining: 300 });
    expect(view.chart).toEqual([{ day: today, dayNumber: 1, planned: 60, sent: 0 }]);
    expect(view.changeLog).toHaveLength(1);
    expect(view.changeLog[0]).toMatchObject({ kind: 'plan' });
    expect(view.changeLog[0]?.message).toMatch(/Ramp plan set by Lead: .* = 300 a day \(quota needed 375\)/);
  });

  it('takes sends since the account snapshot off every limit', async () => {
    await account({ sentLast24Hours: 250, syncedAt: '2026-11-20T11:00:00.000Z' });
    await ledger('m1', '2026-11-20T10:00:00.000Z', ['a@x.example', 'b@x.example']); // in the snapshot
    await ledger('m2', '2026-11-20T11:30:00.000Z', ['c@x.example']); // after it
    const view = await build();
    expect(view.cap.mine).toEqual({ cap: 60, sent: 3, remaining: 57 });
    expect(view.cap.ses).toEqual({ max24HourSend: 300, sentLast24Hours: 251, remaining: 49 });
    // The team's cap counts what the whole account sent: 60 − 251 → nothing left.
    expect(view.cap.view).toMatchObject({ remaining: 0, limit: 'team' });
    expect(view.chart.at(-1)).toMatchObject({ planned: 60, sent: 3 });
  });

  it('in the sandbox, says so', async () => {
    await account({ productionAccessEnabled: false, max24HourSend: 200 });
    const view = await build();
    expect(view.sandbox).toBe(true);
    expect(view.checklist.find((c) => c.code === 'production-access')).toMatchObject({ status: 'todo' });
  });

  it('a complaint alert freezes the ramp and cuts the cap, once, with the figures in the log', async () => {
    await account({ sentLast24Hours: 3 });
    await ledger('m1', '2026-11-20T10:00:00.000Z', ['a@x.example', 'b@x.example', 'c@x.example']);
    await vdm([{ day: today, sends: 3, deliveries: 3, permanentBounces: 0, transientBounces: 0, complaints: 1 }]);

    const view = await build();
    expect(view.health.rates.find((r) => r.name === 'complaint')).toMatchObject({ status: 'alert', numerator: 1, denominator: 3 });
    expect(view.ramp).toMatchObject({ status: 'frozen', stepCap: 60, teamCap: 42 });
    expect(view.cap.view).toMatchObject({ remaining: 39, of: 42 });
    expect(view.alerts.map((a) => a.code)).toEqual(expect.arrayContaining(['frozen', 'cut', 'rate-alert']));
    const actions = view.changeLog.filter((l) => l.kind === 'ramp-action').map((l) => l.action);
    expect(actions.sort()).toEqual(['cut', 'freeze']);
    expect(view.changeLog.find((l) => l.action === 'freeze')?.message).toMatch(/Complaint rate 33\.33% .*\(1 of 3 deliveries\)/);

    // Read again (the popup reopened): nothing is applied twice.
    const again = await build(new Date(now.getTime() + 60_000));
    expect(again.changeLog.filter((l) => l.kind === 'ramp-action')).toHaveLength(2);
    expect(await database.changeLog.where('kind').equals('ramp-action').count()).toBe(2);

    // The lead lifts the freeze by hand: logged with their name; today's cut goes with it.
    const resumed = await resumeByHand('freeze', 'Dana', new Date(now.getTime() + 120_000), database);
    expect(resumed.resumed).toBe(true);
    const after = await build(new Date(now.getTime() + 180_000));
    expect(after.ramp).toMatchObject({ status: 'on-plan', teamCap: 60 });
    expect(after.changeLog[0]).toMatchObject({ action: 'resume' });
    expect(after.changeLog[0]?.message).toMatch(/by hand by Dana/);
  });
});
