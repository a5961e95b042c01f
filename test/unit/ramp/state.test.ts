import { describe, expect, it } from 'vitest';
import { addDays } from '@/lib/core/calendar';
import type { DailyCounts } from '@/lib/ramp/health';
import { defaultPlan, rampPlanSchema, type RampPlan } from '@/lib/ramp/plan';
import {
  evaluateRamp,
  initialRampState,
  loadRampState,
  rampStateSchema,
  resumeRamp,
  type RampEvaluation,
  type RampOptions,
  type RampState,
} from '@/lib/ramp/state';

// 3 SDRs × 25 × 4 = 300 a day from 2026-11-01 (UTC): caps 60, 135, 225, 300 on days 1, 3, 5, 8.
const plan: RampPlan = rampPlanSchema.parse({
  ...defaultPlan('2026-11-01', 'UTC'),
  mailboxes: 3,
  prospectsPerMailboxPerDay: 25,
  emailsPerProspect: 4,
});
const day = (n: number) => addDays(plan.startDate, n - 1);
const at = (n: number, time = '12:00:00') => new Date(`${day(n)}T${time}Z`);

function clean(d: string, sends = 100): DailyCounts {
  return { day: d, sends, deliveries: sends, permanentBounces: 0, transientBounces: 0, complaints: 0, unsubscribes: 0 };
}
/** Clean days 1..through (plan days), with some days replaced. */
function history(through: number, replace: Record<number, Partial<DailyCounts>> = {}): DailyCounts[] {
  const days: DailyCounts[] = [];
  for (let n = 1; n <= through; n++) days.push({ ...clean(day(n)), ...replace[n] });
  return days;
}

/** Evaluate on each given plan day in turn, carrying the state, as the background would. */
function dayByDay(
  days: number[],
  counts: (n: number) => DailyCounts[],
  options?: Partial<RampOptions>,
  start?: RampState,
): RampEvaluation[] {
  let state = start;
  return days.map((n) => {
    const result = evaluateRamp(plan, state, { now: at(n), counts: counts(n), ...(options ? { options } : {}) });
    state = result.state;
    return result;
  });
}
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('a healthy ramp follows the plan', () => {
  const expected = [60, 60, 135, 135, 225, 225, 225, 300, 300, 300];

  it('day by day: 60, 60, 135, 135, 225, 225, 225, 300…', () => {
    const results = dayByDay(range(1, 10), (n) => history(n - 1));
    expect(results.map((r) => r.today.teamCap)).toEqual(expected);
    expect(results.map((r) => r.today.rampDay)).toEqual(range(1, 10));
    expect(results.every((r) => r.today.status === 'on-plan' && r.actions.length === 0)).toBe(true);
  });

  it.each(range(1, 10))('from no stored state, on day %i', (n) => {
    const { today } = evaluateRamp(plan, undefined, { now: at(n), counts: history(n - 1) });
    expect(today).toMatchObject({ dayNumber: n, rampDay: n, plannedCap: expected[n - 1], teamCap: expected[n - 1] });
  });

  it('is nothing before the start date', () => {
    const { today } = evaluateRamp(plan, undefined, { now: at(0), counts: [] });
    expect(today).toMatchObject({ dayNumber: 0, teamCap: 0, status: 'not-started' });
    expect(today.limits[0]?.sentence).toContain('2026-11-01');
  });

  it('counts days in the plan’s time zone: 23:30 UTC on day 2 is day 3 in Tokyo', () => {
    const tokyo = { ...plan, timeZone: 'Asia/Tokyo' };
    const now = new Date('2026-11-02T23:30:00Z');
    const { today } = evaluateRamp(tokyo, undefined, { now, counts: history(2) });
    expect(today).toMatchObject({ day: '2026-11-03', dayNumber: 3, teamCap: 135 });
    const inUtc = evaluateRamp(plan, undefined, { now, counts: history(1) });
    expect(inUtc.today).toMatchObject({ day: '2026-11-02', dayNumber: 2, teamCap: 60 });
  });

  it('grows while health is unknown (nothing sent), unless told to wait', () => {
    expect(evaluateRamp(plan, undefined, { now: at(5), counts: [] }).today.teamCap).toBe(225);
    const waiting = evaluateRamp(plan, undefined, { now: at(5), counts: [], options: { holdOnUnknown: true } });
    expect(waiting.today).toMatchObject({ rampDay: 2, teamCap: 60, status: 'behind-plan' });
  });

  it('answers the same input the same way, with no new action', () => {
    const counts = history(5, { 5: { complaints: 1 } });
    const first = evaluateRamp(plan, undefined, { now: at(5), counts });
    const again = evaluateRamp(plan, first.state, { now: at(5, '12:05:00'), counts });
    expect(first.actions.length).toBeGreaterThan(0);
    expect(again.actions).toEqual([]);
    expect(again.today).toEqual(first.today);
  });
});

describe('each step only while health is ok', () => {
  // Day 2: 25 soft bounces in 100 sends. In the 7-day window until day 9, where it is
  // still 25 in 700 (3.6%: warn) — one bad day stops growth for the week it is seen in.
  const counts = (n: number) => history(n - 1, { 2: { transientBounces: 25, deliveries: 75 } });

  it('holds the step back where it is, then takes every step in full', () => {
    const results = dayByDay(range(1, 13), counts);
    expect(results.map((r) => r.today.teamCap)).toEqual([60, 60, 60, 60, 60, 60, 60, 60, 60, 135, 135, 225, 225]);
    expect(results.map((r) => r.today.rampDay)).toEqual([1, 2, 2, 2, 2, 2, 2, 2, 2, 3, 4, 5, 6]);
    expect(results[2]!.today.status).toBe('behind-plan');
    expect(results[2]!.today.limits.map((l) => l.code)).toContain('health');
    // Logged once, on the day the step was first held back, with the figure.
    const held = results.flatMap((r) => r.actions);
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({ kind: 'ramp-action', data: { action: 'step-held', day: day(3), rampDay: 2, health: 'alert' } });
  });

  it('gives the same ramp day when the days are settled all at once', () => {
    const { today } = evaluateRamp(plan, undefined, { now: at(12), counts: counts(12) });
    expect(today).toMatchObject({ rampDay: 5, teamCap: 225, plannedCap: 300 });
  });
});

describe('complaint alert: freeze growth for 48 h and cut today’s cap', () => {
  // Days 1–4: 400 clean deliveries; day 5 at 10:00, one complaint in 50: 1 in 450 = 0.22%.
  const counts = history(5, { 5: { sends: 50, deliveries: 50, complaints: 1 } });
  const trigger = evaluateRamp(plan, undefined, { now: at(5, '10:00:00'), counts });

  it('freezes until 48 h later and cuts today’s cap by 30%', () => {
    expect(trigger.actions.map((a) => a.data.action)).toEqual(['freeze', 'cut']);
    const [freeze, cut] = trigger.actions;
    expect(freeze).toMatchObject({
      at: '2026-11-05T10:00:00.000Z',
      kind: 'ramp-action',
      data: { complaints: 1, deliveries: 450, until: '2026-11-07T10:00:00.000Z' },
    });
    expect(freeze!.data.complaintPercent).toBeCloseTo(100 / 450, 6);
    expect(cut).toMatchObject({ data: { cutPercent: 30, stepCap: 225, teamCap: 157 } });
    expect(cut!.message).toContain('225 → 157');
    expect(trigger.today).toMatchObject({
      rampDay: 5,
      stepCap: 225,
      teamCap: 157,
      status: 'frozen',
      freezeUntil: '2026-11-07T10:00:00.000Z',
    });
    expect(trigger.today.limits.map((l) => l.code)).toEqual(['frozen', 'cut']);
    expect(trigger.state.log.map((e) => e.data.action)).toEqual(['freeze', 'cut']);
  });

  it.each([
    { cutPercent: 30, teamCap: 157 },
    { cutPercent: 40, teamCap: 135 },
    { cutPercent: 50, teamCap: 112 },
    // Outside docs/rules.md's 30–50%: held to the nearest bound.
    { cutPercent: 10, teamCap: 157 },
    { cutPercent: 80, teamCap: 112 },
  ])('cuts by $cutPercent% when configured → $teamCap', ({ cutPercent, teamCap }) => {
    const { today } = evaluateRamp(plan, undefined, { now: at(5, '10:00:00'), counts, options: { cutPercent } });
    expect(today.teamCap).toBe(teamCap);
  });

  it('keeps the cut into the next day while the complaint rate is still at its alert level', () => {
    const next = evaluateRamp(plan, trigger.state, {
      now: at(6, '09:00:00'),
      counts: history(6, { 5: { sends: 50, deliveries: 50, complaints: 1 } }),
    });
    // 1 complaint in 550 deliveries: 0.18%, still an alert; 225 cut by 30%.
    expect(next.today).toMatchObject({ rampDay: 6, teamCap: 157, status: 'frozen' });
    expect(next.today.limits.map((l) => l.code)).toEqual(['frozen', 'cut']);
    expect(next.actions).toEqual([]);
  });

  it('lifts the cut, logged, once the complaint rate over 7 days is under its alert level', () => {
    // Day 6: 1,200 more clean deliveries bring 1 complaint to 1 in 1,750 (0.057%): a warn.
    const recovered = history(6, { 5: { sends: 50, deliveries: 50, complaints: 1 }, 6: { sends: 1300, deliveries: 1300 } });
    const next = evaluateRamp(plan, trigger.state, { now: at(6, '18:00:00'), counts: recovered });
    expect(next.actions.map((a) => a.data.action)).toEqual(['cut-lifted']);
    expect(next.actions[0]!.message).toMatch(
      /^Team cap cut lifted: the complaint rate over the last 7 days is 0\.0\d+% \(1 of \d+ deliveries\), under the 0\.08% alert\.$/,
    );
    expect(next.today.teamCap).toBe(225);
    expect(next.state.cut).toBeNull();
  });

  it('lifts the cut when the complaint has left the 7-day window and nothing was delivered since', () => {
    // Days 6–13 known and empty: the team stopped sending.
    const quiet = [{ ...clean(day(5), 50), complaints: 1 }, ...[6, 7, 8, 9, 10, 11, 12, 13].map((d) => clean(day(d), 0))];
    const next = evaluateRamp(plan, trigger.state, { now: at(13, '09:00:00'), counts: quiet });
    expect(next.actions.map((a) => a.data.action)).toContain('cut-lifted');
    expect(next.actions.find((a) => a.data.action === 'cut-lifted')!.message).toBe(
      'Team cap cut lifted: no complaint is left in the last 7 days.',
    );
    expect(next.state.cut).toBeNull();
  });

  it('acts again on a new complaint, without cutting twice', () => {
    const more = history(5, { 5: { sends: 80, deliveries: 80, complaints: 2 } });
    const again = evaluateRamp(plan, trigger.state, { now: at(5, '15:00:00'), counts: more });
    expect(again.actions.map((a) => a.data.action)).toEqual(['freeze', 'cut']);
    expect(again.today).toMatchObject({ teamCap: 157, freezeUntil: '2026-11-07T15:00:00.000Z' });
  });

  it('alerts on one complaint in the first dozen sends (low volume)', () => {
    const first = evaluateRamp(plan, undefined, { now: at(1, '15:00:00'), counts: [{ ...clean(day(1), 12), complaints: 1 }] });
    expect(first.actions.map((a) => a.data.action)).toEqual(['freeze', 'cut']);
    expect(first.today.teamCap).toBe(42); // 60 cut by 30%
  });

  it('does nothing at a warn', () => {
    // 1 complaint in 1,500 deliveries: 0.067%.
    const warn = history(5, { 1: { sends: 1100, deliveries: 1100 }, 5: { complaints: 1 } });
    const result = evaluateRamp(plan, undefined, { now: at(5), counts: warn });
    expect(result.actions.map((a) => a.data.action)).not.toContain('freeze');
    expect(result.today.teamCap).toBe(225);
  });
});

describe('a freeze holds for 48 h of clock, then lifts', () => {
  // Frozen on day 6 at 10:00 until day 8 at 10:00; day 8 is when the 300 step is due.
  const frozen: RampState = {
    ...initialRampState(plan),
    settled: { day: day(6), rampDay: 6 },
    freeze: { since: '2026-11-06T10:00:00.000Z', until: '2026-11-08T10:00:00.000Z' },
  };

  it.each([
    { now: '2026-11-07T12:00:00Z', rampDay: 7, teamCap: 225, status: 'frozen', lifted: false },
    { now: '2026-11-08T09:59:59Z', rampDay: 7, teamCap: 225, status: 'frozen', lifted: false },
    { now: '2026-11-08T10:00:00Z', rampDay: 8, teamCap: 300, status: 'on-plan', lifted: true },
    { now: '2026-11-08T18:00:00Z', rampDay: 8, teamCap: 300, status: 'on-plan', lifted: true },
  ])('at $now: ramp day $rampDay, cap $teamCap, $status', ({ now, rampDay, teamCap, status, lifted }) => {
    const result = evaluateRamp(plan, frozen, { now: new Date(now), counts: history(7) });
    expect(result.today).toMatchObject({ rampDay, teamCap, status });
    expect(result.state.freeze === null).toBe(lifted);
    expect(result.actions.map((a) => a.data.action)).toEqual(lifted ? ['freeze-lifted'] : []);
  });

  it('a day the freeze lifted during counts as grown when settled later', () => {
    const beforeLift = evaluateRamp(plan, frozen, { now: new Date('2026-11-08T09:00:00Z'), counts: history(7) });
    const nextDay = evaluateRamp(plan, beforeLift.state, { now: at(9, '08:00:00'), counts: history(8) });
    expect(nextDay.today).toMatchObject({ rampDay: 9, teamCap: 300 });
    expect(nextDay.actions.map((a) => a.data.action)).toEqual(['freeze-lifted']);
  });

  it('from the complaint to the lift, the same complaint does not freeze again', () => {
    const counts = history(7, { 7: { sends: 50, deliveries: 50, complaints: 1 } });
    const trigger = evaluateRamp(plan, undefined, { now: at(7, '10:00:00'), counts });
    expect(trigger.today.freezeUntil).toBe('2026-11-09T10:00:00.000Z');
    const later = evaluateRamp(plan, trigger.state, { now: new Date('2026-11-09T09:59:00Z'), counts });
    expect(later.today.status).toBe('frozen');
    const lifted = evaluateRamp(plan, later.state, { now: new Date('2026-11-09T10:00:00Z'), counts });
    // The complaint is still in the 7-day window: the step now waits on health, logged.
    expect(lifted.actions.map((a) => a.data.action)).toEqual(['freeze-lifted', 'step-held']);
    expect(lifted.state.freeze).toBeNull();
    expect(lifted.today.status).not.toBe('frozen');
    // …and the cut holds while the complaint keeps the rate at its alert level.
    expect(lifted.today.limits.map((l) => l.code)).toEqual(['cut', 'health']);
  });

  it('the lead can lift it early, logged', () => {
    const { today, actions } = resumeRamp(plan, frozen, 'freeze', 'Lee (lead)', {
      now: new Date('2026-11-08T09:00:00Z'),
      counts: history(7),
    });
    expect(actions).toEqual([
      {
        at: '2026-11-08T09:00:00.000Z',
        kind: 'ramp-action',
        message: 'Ramp growth freeze lifted by hand by Lee (lead).',
        data: { action: 'resume', what: 'freeze', by: 'Lee (lead)', since: '2026-11-06T10:00:00.000Z' },
      },
    ]);
    expect(today).toMatchObject({ rampDay: 8, teamCap: 300 });
  });
});

describe('hard-bounce spike: ≥ 4% over the last 100 sends pauses all sending', () => {
  it.each([
    {
      case: '4 in 100 today',
      counts: [{ ...clean(day(4)), permanentBounces: 4 }],
      paused: true,
      figure: { sends: 100, permanentBounces: 4 },
    },
    { case: '3 in 100 today', counts: [{ ...clean(day(4)), permanentBounces: 3 }], paused: false },
    {
      case: '4 in 110 over two days',
      counts: [
        { ...clean(day(3), 60), permanentBounces: 1 },
        { ...clean(day(4), 50), permanentBounces: 3 },
      ],
      paused: false,
    },
    {
      case: '5 in 110 over two days',
      counts: [
        { ...clean(day(3), 60), permanentBounces: 1 },
        { ...clean(day(4), 50), permanentBounces: 4 },
      ],
      paused: true,
      figure: { sends: 110, permanentBounces: 5 },
    },
    {
      case: 'the spike is recent: old days beyond 100 sends do not dilute it',
      counts: [clean(day(2), 1000), { ...clean(day(3), 100), permanentBounces: 5 }, clean(day(4), 0)],
      paused: true,
      figure: { sends: 100, permanentBounces: 5 },
    },
    // A minimum sample: under 100 sends the rate is taken over 100, so one early bounce
    // (5% of 20) is an alert in health but no pause; four are.
    { case: 'one in the first 20 sends (low volume)', counts: [{ ...clean(day(4), 20), permanentBounces: 1 }], paused: false },
    { case: 'three in the first 20 sends', counts: [{ ...clean(day(4), 20), permanentBounces: 3 }], paused: false },
    {
      case: 'four in the first 20 sends',
      counts: [{ ...clean(day(4), 20), permanentBounces: 4 }],
      paused: true,
      figure: { sends: 20, permanentBounces: 4, sample: 100 },
    },
    { case: 'no bounce source', counts: [{ day: day(4), sends: 100, deliveries: 90 }], paused: false },
  ])('$case → paused: $paused', ({ counts, paused, figure }) => {
    const result = evaluateRamp(plan, undefined, { now: at(4), counts });
    expect(result.actions.some((a) => a.data.action === 'pause')).toBe(paused);
    expect(result.today.teamCap === 0).toBe(paused);
    if (paused) {
      expect(result.today.status).toBe('paused');
      expect(result.actions.find((a) => a.data.action === 'pause')?.data).toMatchObject(figure!);
    }
  });

  it('stays paused, without the ramp moving, until the lead resumes; new bounces pause again', () => {
    // Day 1: 100 clean sends; day 2: 6 hard bounces in 50, 6 in the last 150 sends (4%).
    const spike = [clean(day(1)), { ...clean(day(2), 50), permanentBounces: 6 }];
    const paused = evaluateRamp(plan, undefined, { now: at(2), counts: spike });
    expect(paused.today).toMatchObject({ rampDay: 2, teamCap: 0, status: 'paused' });
    expect(paused.actions[0]!.message).toBe(
      'Hard-bounce rate 4% over the last 150 sends (6 bounced) reached 4%: all sending paused until the lead resumes.',
    );

    const later = evaluateRamp(plan, paused.state, { now: at(6), counts: spike });
    expect(later.today).toMatchObject({ rampDay: 2, teamCap: 0, status: 'paused' });
    expect(later.actions).toEqual([]);

    // Day 10: the days since (3–9, quiet) leave the spike out of the health window.
    const resumed = resumeRamp(plan, later.state, 'pause', 'lead@outbound.example.com', { now: at(10), counts: spike });
    expect(resumed.resumed).toBe(true);
    expect(resumed.actions.map((a) => a.data.action)).toEqual(['resume']);
    expect(resumed.actions[0]!.message).toBe('Sending resumed by hand by lead@outbound.example.com.');
    // The paused days did not move the ramp: it takes its next step, not day 10's.
    expect(resumed.today).toMatchObject({ rampDay: 3, teamCap: 135, plannedCap: 300, status: 'behind-plan' });
    expect(resumed.state.log.at(-1)?.data.action).toBe('resume');

    const same = evaluateRamp(plan, resumed.state, { now: at(10, '14:00:00'), counts: [...spike, clean(day(10), 10)] });
    expect(same.actions).toEqual([]);
    const fresh = evaluateRamp(plan, resumed.state, {
      now: at(10, '15:00:00'),
      counts: [...spike, { ...clean(day(10), 10), permanentBounces: 4 }],
    });
    expect(fresh.actions.map((a) => a.data.action)).toEqual(['pause']);
    expect(fresh.actions[0]!.data).toMatchObject({ sends: 10, permanentBounces: 4 });
    expect(fresh.actions[0]!.message).toBe(
      'Hard-bounce rate 40% over the last 10 sends (4 bounced) reached 4% (10 sends counted, fewer than the 100-send minimum sample: 4 hard bounces are 4% of 100): all sending paused until the lead resumes.',
    );
  });

  it('resuming what is not paused changes nothing', () => {
    const result = resumeRamp(plan, undefined, 'pause', 'lead', { now: at(3), counts: history(2) });
    expect(result.resumed).toBe(false);
    expect(result.actions).toEqual([]);
  });
});

describe('soft bounces warn or worse on 3 days running hold the ramp', () => {
  const soft = { transientBounces: 3, deliveries: 97 }; // 3%: warn

  it.each<{ case: string; replace: Record<number, Partial<DailyCounts>>; held: boolean }>([
    { case: 'three days running', replace: { 5: soft, 6: soft, 7: soft }, held: true },
    { case: 'three days running, at alert', replace: { 5: { transientBounces: 6 }, 6: soft, 7: { transientBounces: 9 } }, held: true },
    { case: 'two days', replace: { 6: soft, 7: soft }, held: false },
    { case: 'broken by a clean day', replace: { 4: soft, 5: soft, 6: {}, 7: soft }, held: false },
    { case: 'broken by a day with nothing sent', replace: { 4: soft, 5: soft, 6: { sends: 0, deliveries: 0 }, 7: soft }, held: false },
    {
      case: 'just under warn',
      replace: { 5: { transientBounces: 2 }, 6: { transientBounces: 2 }, 7: { transientBounces: 2 } },
      held: false,
    },
  ])('$case → held: $held', ({ replace, held }) => {
    const result = evaluateRamp(plan, undefined, { now: at(7, '20:00:00'), counts: history(7, replace) });
    expect(result.actions.some((a) => a.data.action === 'hold')).toBe(held);
    expect(result.state.held !== null).toBe(held);
  });

  it('holds at the current step after health is ok again, until the lead resumes', () => {
    const counts = (n: number) => history(Math.min(n, 14), { 5: soft, 6: soft, 7: soft });
    const hold = evaluateRamp(plan, undefined, { now: at(7, '20:00:00'), counts: counts(7) });
    expect(hold.actions.find((a) => a.data.action === 'hold')?.data).toMatchObject({
      days: [
        { day: day(5), percent: 3, status: 'warn' },
        { day: day(6), percent: 3, status: 'warn' },
        { day: day(7), percent: 3, status: 'warn' },
      ],
    });
    expect(hold.today).toMatchObject({ rampDay: 7, teamCap: 225, status: 'held' });

    // Day 15: the window (days 8–14) is clean, yet the ramp stays on day 7's step.
    const later = evaluateRamp(plan, hold.state, { now: at(15), counts: counts(15) });
    expect(later.today).toMatchObject({ rampDay: 7, teamCap: 225, plannedCap: 300, status: 'held' });
    expect(later.actions).toEqual([]);

    const resumed = resumeRamp(plan, later.state, 'hold', 'Lee', { now: at(15, '12:30:00'), counts: counts(15) });
    expect(resumed.actions.map((a) => a.message)).toEqual(['Ramp hold lifted by hand by Lee.']);
    expect(resumed.today).toMatchObject({ rampDay: 8, teamCap: 300, status: 'on-plan' });
  });
});

describe('the stored state', () => {
  it('round-trips through JSON and validates', () => {
    const { state } = evaluateRamp(plan, undefined, {
      now: at(5, '10:00:00'),
      counts: history(5, { 5: { sends: 50, deliveries: 50, complaints: 1 } }),
    });
    const stored: unknown = JSON.parse(JSON.stringify(state));
    expect(rampStateSchema.parse(stored)).toEqual(state);
    expect(loadRampState(plan, stored)).toEqual(state);
  });

  it('starts afresh from something unreadable, and a new start date starts the ramp again', () => {
    expect(loadRampState(plan, { schemaVersion: 99 })).toEqual(initialRampState(plan));
    const { state } = evaluateRamp(plan, undefined, { now: at(9), counts: history(8) });
    const moved = { ...plan, startDate: '2026-11-08' };
    expect(loadRampState(moved, state)).toMatchObject({ startDate: '2026-11-08', settled: null });
    expect(evaluateRamp(moved, state, { now: at(9), counts: history(8) }).today).toMatchObject({ dayNumber: 2, teamCap: 60 });
  });
});
