// The team's settings object: a lead's plan and resumes reach every member's browser at
// its sync. The merge rules as a table, then the whole path against the emulator's S3
// object with two members' own credentials: the lead writes, the SDR reads and applies
// once, and the SDR's own write is refused by AWS with a sentence.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLocalAws, type LocalAws } from '../../../dev/local-aws/server';
import { signedInCredentials } from '../../support/aws-control';
import { RampartDb } from '@/lib/store/db';
import { defaultPlan } from '@/lib/ramp/plan';
import { initialRampState } from '@/lib/ramp/state';
import { planRecord, readRampState, writePlanRecord, writeRampState, type PlanRecord } from '@/lib/account/ramp-records';
import { loadPlan, PRECONFIGURED_PLAN_AUTHOR } from '@/lib/account/ramp';
import { MANAGED_PLAN_AUTHOR } from '@/lib/account/managed-ramp-plan';
import {
  emptyTeamSettings,
  mergeTeamSettings,
  shareTeamChange,
  syncTeamSettings,
  withChange,
  type TeamResume,
  type TeamSettings,
  type TeamSettingsAccess,
} from '@/lib/account/team-settings';
import { NOT_A_LEAD_MESSAGE, readTeamSettings } from '@/lib/aws/team-settings';

const LEAD = 'sdr@outbound.example.com';
const SDR = 'ana@outbound.example.com';

function record(savedBy: string, savedAt: string, mailboxes = 1): PlanRecord {
  const made = planRecord({ ...defaultPlan('2026-11-20', 'UTC'), mailboxes }, savedBy, new Date(savedAt));
  if (!made.ok) throw new Error(made.error.message);
  return made.record;
}
const resume = (id: string, at: string, what: TeamResume['what'] = 'pause'): TeamResume => ({ id, what, by: 'Lee', at });
const shared = (plan: PlanRecord | null, resumes: TeamResume[] = []): TeamSettings => ({
  ...emptyTeamSettings(),
  revision: 3,
  plan,
  resumes,
});

describe('the merge rules', () => {
  const older = record('Lee', '2026-11-20T09:00:00.000Z', 2);
  const newer = record('Lee', '2026-11-21T09:00:00.000Z', 3);
  it.each<{ case: string; local: PlanRecord | undefined; remote: PlanRecord | null; adopted: PlanRecord | undefined }>([
    { case: 'no plan here: the shared one', local: undefined, remote: older, adopted: older },
    { case: 'the shared plan is newer: it wins', local: older, remote: newer, adopted: newer },
    { case: 'the plan here is newer: it stays', local: newer, remote: older, adopted: undefined },
    { case: 'the same plan: nothing to do', local: older, remote: older, adopted: undefined },
    {
      case: 'the emulator profile’s preconfigured plan gives way, however new',
      local: record(PRECONFIGURED_PLAN_AUTHOR, '2026-12-01T00:00:00.000Z'),
      remote: older,
      adopted: older,
    },
    {
      case: 'the administrator’s policy plan stays',
      local: record(MANAGED_PLAN_AUTHOR, '2026-11-01T00:00:00.000Z'),
      remote: newer,
      adopted: undefined,
    },
    { case: 'nothing shared: nothing to do', local: older, remote: null, adopted: undefined },
  ])('plan: $case', ({ local, remote, adopted }) => {
    expect(mergeTeamSettings({ plan: local, applied: [] }, shared(remote)).plan).toEqual(adopted);
  });

  it('a resume applies once: those already applied here are left out', () => {
    const resumes = [resume('a', '2026-11-20T10:00:00.000Z'), resume('b', '2026-11-20T11:00:00.000Z', 'hold')];
    expect(mergeTeamSettings({ plan: undefined, applied: ['a'] }, shared(null, resumes)).resumes.map((r) => r.id)).toEqual(['b']);
  });

  it('a lead’s write lays the change on the object as read: revision up, resumes kept, the newer plan', () => {
    const now = new Date('2026-11-22T08:00:00.000Z');
    const before = shared(newer, [resume('a', '2026-11-20T10:00:00.000Z')]);
    const next = withChange(before, { plan: older, resume: resume('b', now.toISOString()) }, 'Lee', now);
    expect(next).toMatchObject({ revision: 4, writtenBy: 'Lee', writtenAt: now.toISOString(), plan: newer });
    expect(next.resumes.map((r) => r.id)).toEqual(['a', 'b']);
    expect(withChange(before, { plan: record('Lee', now.toISOString(), 5) }, 'Lee', now).plan).toMatchObject({ plan: { mailboxes: 5 } });
  });
});

describe('through the emulator’s team settings object', () => {
  let aws: LocalAws;
  let run = 0;
  let sdrDb: RampartDb;
  beforeAll(async () => {
    aws = await startLocalAws({ port: 0 });
  });
  afterAll(() => aws?.close());
  beforeEach(async () => {
    await fetch(`${aws.url}/_local/reset`, { method: 'POST' });
    sdrDb = new RampartDb(`team-settings-${++run}`);
  });

  function accessOf(email: string): TeamSettingsAccess {
    return {
      location: { bucket: 'rampart-team-settings', region: 'us-east-1', endpoint: aws.url },
      credentials: signedInCredentials(aws.url, email),
    };
  }

  /** The SDR's browser: a plan, and a pause raised at `since`. */
  async function pausedSdr(since: string): Promise<PlanRecord> {
    const plan = record('Lee', '2026-11-19T09:00:00.000Z');
    await writePlanRecord(plan, sdrDb);
    await writeRampState({ ...initialRampState(plan.plan), paused: { since } }, new Date(since), sdrDb);
    return plan;
  }

  it('the lead resumes a pause; the SDR’s browser, at its sync, is no longer paused — once', async () => {
    const plan = await pausedSdr('2026-11-20T09:30:00.000Z');
    const lead = accessOf(LEAD);
    const sdr = accessOf(SDR);
    const at = new Date('2026-11-20T10:00:00.000Z');
    expect(
      await shareTeamChange(lead, { resume: resume('r1', at.toISOString()) }, 'Lee', at, new RampartDb(`lead-${run}`)),
    ).toBeUndefined();

    const now = new Date('2026-11-20T10:05:00.000Z');
    expect(await syncTeamSettings(sdr, now, sdrDb)).toMatchObject({ read: 'read', resumed: ['pause'] });
    expect((await readRampState(plan.plan, sdrDb)).paused).toBeNull();
    const log = await sdrDb.changeLog.orderBy('id').toArray();
    expect(log.map((l) => l.message)).toContain('Sending resumed by hand by Lee.');

    // Nothing changed in S3: a conditional read, nothing applied again.
    expect(await syncTeamSettings(sdr, now, sdrDb)).toMatchObject({ read: 'unchanged', resumed: [] });
    // A new pause raised here after the lead's resume is new evidence: the old resume does not lift it.
    await writeRampState({ ...initialRampState(plan.plan), paused: { since: '2026-11-20T10:10:00.000Z' } }, now, sdrDb);
    await shareTeamChange(lead, { plan: record('Lee', '2026-11-19T09:00:00.000Z') }, 'Lee', now, new RampartDb(`lead-${run}`));
    expect(await syncTeamSettings(sdr, new Date('2026-11-20T10:20:00.000Z'), sdrDb)).toMatchObject({ read: 'read', resumed: [] });
    expect((await readRampState(plan.plan, sdrDb)).paused).not.toBeNull();
  });

  it('a resume older than this browser’s pause does not lift it', async () => {
    const plan = await pausedSdr('2026-11-20T11:00:00.000Z');
    const at = new Date('2026-11-20T10:00:00.000Z');
    await shareTeamChange(accessOf(LEAD), { resume: resume('r-old', at.toISOString()) }, 'Lee', at, new RampartDb(`lead-${run}`));
    expect(await syncTeamSettings(accessOf(SDR), new Date('2026-11-20T11:05:00.000Z'), sdrDb)).toMatchObject({ resumed: [] });
    expect((await readRampState(plan.plan, sdrDb)).paused).not.toBeNull();
  });

  it('the lead’s plan reaches the SDR’s browser; the SDR’s own write is refused by AWS, with a sentence, and changes nothing', async () => {
    const now = new Date('2026-11-21T09:00:00.000Z');
    const leads = record('Lee', now.toISOString(), 4);
    expect(await shareTeamChange(accessOf(LEAD), { plan: leads }, 'Lee', now, new RampartDb(`lead-${run}`))).toBeUndefined();
    expect(await syncTeamSettings(accessOf(SDR), now, sdrDb)).toMatchObject({ planAdopted: true });
    expect((await loadPlan(now, sdrDb))?.plan.mailboxes).toBe(4);

    const refused = await shareTeamChange(accessOf(SDR), { plan: record('Ana', '2026-11-22T09:00:00.000Z', 9) }, 'Ana', now, sdrDb);
    expect(refused).toEqual({ code: 'team-settings-not-lead', message: NOT_A_LEAD_MESSAGE });
    const read = await readTeamSettings(accessOf(LEAD).location, accessOf(LEAD).credentials);
    expect(read.status === 'read' && JSON.parse(read.body)).toMatchObject({ revision: 1, plan: { plan: { mailboxes: 4 } } });
  });

  it('nothing written yet: the read says so and changes nothing', async () => {
    expect(await syncTeamSettings(accessOf(SDR), new Date('2026-11-21T09:00:00.000Z'), sdrDb)).toEqual({
      read: 'absent',
      planAdopted: false,
      resumed: [],
    });
  });
});
