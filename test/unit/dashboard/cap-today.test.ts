import { beforeEach, describe, expect, it } from 'vitest';
import { buildDashboard } from '@/lib/dashboard/build';
import { capFigures } from '@/lib/send/cap-figures';
import { readCapToday } from '@/lib/dashboard/cap-today';
import { RampartDb } from '@/lib/store/db';
import { reserve } from '@/lib/send/reservations';
import type { AccountSnapshot } from '@/lib/guardrails/context';
import { todayCap } from '@/lib/send/guard';
import type { DailyCounts } from '@/lib/ramp/health';
import { defaultPlan } from '@/lib/ramp/plan';
import { savePlan } from '@/lib/account/ramp';
import { demoSettings } from '../../support/builders';
import {
  dashboardNow as now,
  dashboardSender as sender,
  storeAccount,
  storeSend,
  storeVdm,
  dashboardToday as today,
} from '../../support/builders';

// The popup's first paint (`capToday`): the cap the guardrails enforce and the ramp's
// headline, read without the rest of the dashboard — and the very figures the dashboard
// and the send path show, since all three are built on the same reading.

const settings = demoSettings;
let database: RampartDb;
let run = 0;

beforeEach(() => {
  database = new RampartDb(`cap-today-${++run}`);
});

const capToday = (at = now) => readCapToday({ now: at, database, senderTag: sender });
const dashboard = (at = now) =>
  buildDashboard({ now: at, database, configured: true, senderTag: sender, fromAddress: sender, contactList: 'rampart' });
/** What the send path reserves against (lib/send/guard.ts), as figures. */
const enforced = async (at = now) => capFigures((await todayCap(settings, at, database, 'UTC')).inputs);

const account = (patch: Partial<AccountSnapshot> = {}) => storeAccount(database, patch);
const ledger = (messageId: string, sentAt: string, recipients: string[]) => storeSend(database, messageId, sentAt, recipients);
const vdm = (counts: DailyCounts[]) => storeVdm(database, counts);

describe('before anything is set up', () => {
  it('has no cap and no ramp to paint', async () => {
    const { view } = await capToday();
    expect(view.cap).toEqual({ view: null });
    expect(view.ramp).toBeNull();
    expect(view.sandbox).toBeNull();
    expect(view.account).toBeNull();
  });

  it('with a snapshot and no plan, only SES’s quota binds', async () => {
    await account({ sentLast24Hours: 40 });
    await ledger('m1', '2026-11-20T11:30:00.000Z', ['a@x.example']);
    const { view } = await capToday();
    expect(view.ramp).toBeNull();
    expect(view.cap.view).toMatchObject({ remaining: 259, of: 300, limit: 'ses' });
    expect(view.cap).toEqual((await dashboard()).cap);
  });
});

describe('a plan that started 89 days ago, with sends and a reservation today', () => {
  beforeEach(async () => {
    expect((await savePlan(defaultPlan('2026-08-23', 'UTC'), 'Lead', now, {}, database)).ok).toBe(true);
    await account({ sentLast24Hours: 120, syncedAt: '2026-11-20T11:00:00.000Z' });
    await ledger('old', '2026-11-19T09:00:00.000Z', ['old@x.example']);
    await ledger('m1', '2026-11-20T10:00:00.000Z', ['a@x.example', 'b@x.example']); // in the snapshot
    await ledger('m2', '2026-11-20T11:30:00.000Z', ['c@x.example']); // after it
  });

  it('paints the cap the send path enforces and the dashboard shows', async () => {
    const granted = await reserve('pending', 4, today, {}, { now, database });
    expect(granted.granted).toBe(true);
    const { view } = await capToday();
    // Day 90 of the plan: 300 a day; mine = 300 − (3 sent + 4 reserved).
    expect(view.ramp).toMatchObject({ dayNumber: 90, rampDay: 90, teamCap: 300, status: 'on-plan', target: 300 });
    expect(view.cap.mine).toEqual({ cap: 300, sent: 7, remaining: 293 });
    // The account's limits count what the snapshot cannot know: m2 and the reservation.
    expect(view.cap.ses).toEqual({ max24HourSend: 300, sentLast24Hours: 125, remaining: 175 });
    expect(view.cap.view).toMatchObject({ remaining: 175 });
    expect(view.cap).toEqual(await enforced());

    const full = await dashboard();
    expect(full.cap).toEqual(view.cap);
    expect(full.ramp).toEqual(view.ramp);
    expect(full.today).toBe(view.today);
  });

  it('follows a send at once: the next read counts it', async () => {
    const before = (await capToday()).view.cap.mine?.remaining;
    await ledger('m3', '2026-11-20T11:45:00.000Z', ['d@x.example', 'e@x.example']);
    const after = (await capToday(new Date(now.getTime() + 1_000))).view.cap.mine?.remaining;
    expect(before! - after!).toBe(2);
  });

  it('applies a complaint alert once, and paints the cut cap', async () => {
    await vdm([{ day: today, sends: 3, deliveries: 3, permanentBounces: 0, transientBounces: 0, complaints: 1 }]);
    const { view } = await capToday();
    expect(view.ramp).toMatchObject({ status: 'frozen', stepCap: 300, teamCap: 210 });
    // 30% off the step: 300 → 210, less the 121 the account has sent.
    expect(view.cap.team).toEqual({ cap: 210, remaining: 89 });
    expect(view.cap).toEqual(await enforced(new Date(now.getTime() + 1_000)));
    // The dashboard that follows sees the action logged, and applies nothing again.
    const full = await dashboard(new Date(now.getTime() + 2_000));
    expect(
      full.changeLog
        .filter((l) => l.kind === 'ramp-action')
        .map((l) => l.action)
        .sort(),
    ).toEqual(['cut', 'freeze']);
    expect(await database.changeLog.where('kind').equals('ramp-action').count()).toBe(2);
    expect(full.cap).toEqual(view.cap);
  });
});
