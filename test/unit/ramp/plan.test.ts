import { describe, expect, it } from 'vitest';
import {
  dayNumber,
  defaultPlan,
  myShare,
  parsePlan,
  plannedCap,
  quotaCheck,
  quotaNeeded,
  rampPlanSchema,
  schedule,
  target,
  type RampPlan,
} from '@/lib/ramp/plan';
import { addDays, daysBetween, isCalendarDay, localDay } from '@/lib/core/calendar';

function plan(overrides: Partial<RampPlan> = {}): RampPlan {
  return rampPlanSchema.parse({ ...defaultPlan('2026-11-01', 'UTC'), ...overrides });
}

describe('target and quota needed', () => {
  it.each([
    // docs/rules.md's worked examples.
    { mailboxes: 6, prospects: 40, emails: 3, buffer: 25, target: 720, quota: 900 },
    { mailboxes: 3, prospects: 25, emails: 4, buffer: 25, target: 300, quota: 375 },
    // The buffer's bounds.
    { mailboxes: 6, prospects: 40, emails: 3, buffer: 20, target: 720, quota: 864 },
    { mailboxes: 6, prospects: 40, emails: 3, buffer: 30, target: 720, quota: 936 },
    // 7 × 1.25 = 8.75: a quota is rounded up, never down.
    { mailboxes: 1, prospects: 7, emails: 1, buffer: 25, target: 7, quota: 9 },
    // The emulator profile's plan.
    { mailboxes: 1, prospects: 100, emails: 3, buffer: 25, target: 300, quota: 375 },
  ])('$mailboxes × $prospects × $emails, buffer $buffer% → $target a day, quota $quota', (c) => {
    const p = plan({
      mailboxes: c.mailboxes,
      prospectsPerMailboxPerDay: c.prospects,
      emailsPerProspect: c.emails,
      bufferPercent: c.buffer,
    });
    expect(target(p)).toBe(c.target);
    expect(quotaNeeded(p)).toBe(c.quota);
  });
});

describe('planned cap per day', () => {
  const threeByTwentyFiveByFour = plan({ mailboxes: 3, prospectsPerMailboxPerDay: 25, emailsPerProspect: 4 });
  it.each([
    { day: 0, cap: 0 },
    { day: -3, cap: 0 },
    { day: 1, cap: 60 },
    { day: 2, cap: 60 },
    { day: 3, cap: 135 },
    { day: 4, cap: 135 },
    { day: 5, cap: 225 },
    { day: 6, cap: 225 },
    { day: 7, cap: 225 },
    { day: 8, cap: 300 },
    { day: 40, cap: 300 },
  ])('3 × 25 × 4, day $day → $cap', ({ day, cap }) => {
    expect(plannedCap(threeByTwentyFiveByFour, day)).toBe(cap);
  });

  it.each([
    { day: 1, cap: 144 },
    { day: 3, cap: 324 },
    { day: 5, cap: 540 },
    { day: 8, cap: 720 },
  ])('6 × 40 × 3, day $day → $cap', ({ day, cap }) => {
    expect(plannedCap(plan({ mailboxes: 6, prospectsPerMailboxPerDay: 40, emailsPerProspect: 3 }), day)).toBe(cap);
  });

  it.each([
    { day: 1, cap: 1 }, // 7 × 20% = 1.4: a cap rounds down
    { day: 3, cap: 3 }, // 3.15
    { day: 5, cap: 5 }, // 5.25
    { day: 8, cap: 7 },
  ])('a target of 7, day $day → $cap', ({ day, cap }) => {
    expect(plannedCap(plan({ mailboxes: 1, prospectsPerMailboxPerDay: 7, emailsPerProspect: 1 }), day)).toBe(cap);
  });

  it.each([
    { day: 1, cap: 30 },
    { day: 3, cap: 30 },
    { day: 4, cap: 150 },
    { day: 9, cap: 150 },
    { day: 10, cap: 300 },
  ])('edited steps (1: 10%, 4: 50%, 10: 100%), day $day → $cap', ({ day, cap }) => {
    const edited = plan({
      steps: [
        { fromDay: 1, percent: 10 },
        { fromDay: 4, percent: 50 },
        { fromDay: 10, percent: 100 },
      ],
    });
    expect(plannedCap(edited, day)).toBe(cap);
  });
});

describe('the schedule for the ramp-progress chart', () => {
  it('lists each plan day with its date and planned cap, from day 1', () => {
    const p = plan({ mailboxes: 3, prospectsPerMailboxPerDay: 25, emailsPerProspect: 4, startDate: '2026-11-30' });
    expect(schedule(p, -1, 9).map((d) => [d.dayNumber, d.date, d.plannedCap])).toEqual([
      [1, '2026-11-30', 60],
      [2, '2026-12-01', 60],
      [3, '2026-12-02', 135],
      [4, '2026-12-03', 135],
      [5, '2026-12-04', 225],
      [6, '2026-12-05', 225],
      [7, '2026-12-06', 225],
      [8, '2026-12-07', 300],
      [9, '2026-12-08', 300],
    ]);
  });
});

describe('day number in the plan’s time zone', () => {
  it.each([
    { zone: 'UTC', now: '2026-11-20T00:00:00Z', day: 1 },
    { zone: 'UTC', now: '2026-11-20T23:30:00Z', day: 1 },
    { zone: 'UTC', now: '2026-11-19T23:59:59Z', day: 0 },
    // 23:30 UTC is already 08:30 the next morning in Tokyo.
    { zone: 'Asia/Tokyo', now: '2026-11-20T23:30:00Z', day: 2 },
    { zone: 'Asia/Tokyo', now: '2026-11-19T14:59:59Z', day: 0 },
    { zone: 'Asia/Tokyo', now: '2026-11-19T15:00:00Z', day: 1 },
    // …and still the evening before in California.
    { zone: 'America/Los_Angeles', now: '2026-11-21T07:30:00Z', day: 1 },
    { zone: 'America/Los_Angeles', now: '2026-11-21T08:00:00Z', day: 2 },
    { zone: 'Asia/Kolkata', now: '2026-11-19T18:29:00Z', day: 0 },
    { zone: 'Asia/Kolkata', now: '2026-11-19T18:30:00Z', day: 1 },
    { zone: 'UTC', now: '2026-11-27T12:00:00Z', day: 8 },
  ])('started 2026-11-20 in $zone, at $now → day $day', ({ zone, now, day }) => {
    expect(dayNumber(plan({ startDate: '2026-11-20', timeZone: zone }), new Date(now))).toBe(day);
  });

  it.each([
    // New York leaves daylight time on 2026-11-01: that day has 25 hours, still one day.
    { now: '2026-11-01T03:59:00Z', day: 1 }, // 23:59 EDT on Oct 31
    { now: '2026-11-01T04:00:00Z', day: 2 }, // 00:00 EDT on Nov 1
    { now: '2026-11-02T04:30:00Z', day: 2 }, // 23:30 EST on Nov 1
    { now: '2026-11-02T05:00:00Z', day: 3 }, // 00:00 EST on Nov 2
  ])('across the end of daylight time in New York, $now → day $day', ({ now, day }) => {
    expect(dayNumber(plan({ startDate: '2026-10-31', timeZone: 'America/New_York' }), new Date(now))).toBe(day);
  });

  it('counts calendar days across months and leap days', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysBetween('2026-11-20', '2027-03-01')).toBe(101);
    expect(localDay(new Date('2026-12-31T15:00:00Z'), 'Asia/Tokyo')).toBe('2027-01-01');
    expect(isCalendarDay('2026-02-29')).toBe(false);
    expect(isCalendarDay('2028-02-29')).toBe(true);
  });
});

describe('my share of the team cap', () => {
  it.each<{ case: string; mailboxes: number; shares: Record<string, number> | undefined; teamCap: number; sender: string; share: number }>([
    { case: 'equal split', mailboxes: 3, shares: undefined, teamCap: 300, sender: 'a@x.example', share: 100 },
    { case: 'equal split, rounded down', mailboxes: 3, shares: undefined, teamCap: 301, sender: 'a@x.example', share: 100 },
    { case: 'one mailbox takes all', mailboxes: 1, shares: undefined, teamCap: 225, sender: 'a@x.example', share: 225 },
    { case: 'two mailboxes on 225', mailboxes: 2, shares: undefined, teamCap: 225, sender: 'a@x.example', share: 112 },
    { case: 'paused team', mailboxes: 3, shares: undefined, teamCap: 0, sender: 'a@x.example', share: 0 },
    {
      case: 'set by hand',
      mailboxes: 3,
      shares: { 'a@x.example': 50, 'b@x.example': 30 },
      teamCap: 225,
      sender: 'a@x.example',
      share: 112,
    },
    {
      case: 'set by hand, other',
      mailboxes: 3,
      shares: { 'a@x.example': 50, 'b@x.example': 30 },
      teamCap: 225,
      sender: 'b@x.example',
      share: 67,
    },
    // The one mailbox left out gets what the others leave: 20% of 225.
    {
      case: 'left out of the shares',
      mailboxes: 3,
      shares: { 'a@x.example': 50, 'b@x.example': 30 },
      teamCap: 225,
      sender: 'c@x.example',
      share: 45,
    },
    { case: 'sender written differently', mailboxes: 3, shares: { 'a@x.example': 50 }, teamCap: 200, sender: ' A@X.example ', share: 100 },
    {
      case: 'every mailbox listed, stranger',
      mailboxes: 2,
      shares: { 'a@x.example': 60, 'b@x.example': 40 },
      teamCap: 200,
      sender: 'c@x.example',
      share: 0,
    },
  ])('$case → $share', ({ mailboxes, shares, teamCap, sender, share }) => {
    expect(myShare(plan({ mailboxes, ...(shares ? { shares } : {}) }), teamCap, sender)).toBe(share);
  });
});

describe('quota check against Max24HourSend', () => {
  // 720 a day from 2026-12-01; caps 144, 324, 540, 720 on days 1, 3, 5, 8; quota needed 900.
  const sixSdrs = plan({ mailboxes: 6, prospectsPerMailboxPerDay: 40, emailsPerProspect: 3, startDate: '2026-12-01' });

  it('says so when the quota covers the plan with its buffer', () => {
    const check = quotaCheck(sixSdrs, 900, new Date('2026-11-01T00:00:00Z'));
    expect(check).toMatchObject({ target: 720, quotaNeeded: 900, increaseNeeded: false, timing: 'enough' });
    expect(check.reachesOn).toBeUndefined();
    expect(check.sentence).toContain('900');
  });

  it.each([
    { now: '2026-11-01T12:00:00Z', timing: 'ask-later' },
    { now: '2026-11-10T12:00:00Z', timing: 'ask-now' },
    { now: '2026-11-24T12:00:00Z', timing: 'ask-now' },
    { now: '2026-11-25T12:00:00Z', timing: 'overdue' },
  ])('with a quota of 800: the buffer runs out on day 8, asked on $now → $timing', ({ now, timing }) => {
    const check = quotaCheck(sixSdrs, 800, new Date(now));
    expect(check.increaseNeeded).toBe(true);
    // Day 5: 540 × 1.25 = 675 fits in 800; day 8: 720 × 1.25 = 900 does not.
    expect(check.reachesOn).toEqual({ dayNumber: 8, date: '2026-12-08', plannedCap: 720 });
    expect(check.capExceedsOn).toBeUndefined();
    expect([check.askFrom, check.askBy]).toEqual(['2026-11-10', '2026-11-24']);
    expect(check.timing).toBe(timing);
  });

  it('with a quota of 500: the buffer runs out and the cap itself is refused on day 5', () => {
    const check = quotaCheck(sixSdrs, 500, new Date('2026-11-01T00:00:00Z'));
    expect(check.reachesOn).toEqual({ dayNumber: 5, date: '2026-12-05', plannedCap: 540 });
    expect(check.capExceedsOn).toEqual({ dayNumber: 5, date: '2026-12-05', plannedCap: 540 });
    expect([check.askFrom, check.askBy]).toEqual(['2026-11-07', '2026-11-21']);
  });

  it('the emulator profile’s plan against its 300 a day: the buffer is short from day 8', () => {
    const p = defaultPlan('2026-11-28', 'UTC');
    const check = quotaCheck(p, 300, new Date('2026-11-28T09:00:00Z'));
    expect(check).toMatchObject({ quotaNeeded: 375, increaseNeeded: true, timing: 'overdue' });
    expect(check.reachesOn?.dayNumber).toBe(8);
    expect(check.capExceedsOn).toBeUndefined();
  });
});

describe('the plan schema', () => {
  it('accepts the default plan, and the default is the emulator profile’s', () => {
    const p = defaultPlan(new Date('2026-11-20T23:30:00Z'), 'Asia/Tokyo');
    expect(rampPlanSchema.safeParse(p).success).toBe(true);
    expect(p).toMatchObject({ schemaVersion: 1, mailboxes: 1, bufferPercent: 25, startDate: '2026-11-21', timeZone: 'Asia/Tokyo' });
    expect(target(p)).toBe(300);
    expect(p.steps).toEqual([
      { fromDay: 1, percent: 20 },
      { fromDay: 3, percent: 45 },
      { fromDay: 5, percent: 75 },
      { fromDay: 8, percent: 100 },
    ]);
  });

  it.each([
    { case: 'buffer under 20%', change: { bufferPercent: 10 }, path: 'bufferPercent' },
    { case: 'buffer over 30%', change: { bufferPercent: 35 }, path: 'bufferPercent' },
    { case: 'no mailbox', change: { mailboxes: 0 }, path: 'mailboxes' },
    { case: 'a date that does not exist', change: { startDate: '2026-02-30' }, path: 'startDate' },
    { case: 'a time zone that does not exist', change: { timeZone: 'Mars/Olympus' }, path: 'timeZone' },
    { case: 'steps not from day 1', change: { steps: [{ fromDay: 2, percent: 100 }] }, path: 'steps' },
    {
      case: 'steps out of order',
      change: {
        steps: [
          { fromDay: 1, percent: 20 },
          { fromDay: 5, percent: 50 },
          { fromDay: 3, percent: 100 },
        ],
      },
      path: 'steps',
    },
    {
      case: 'a step down',
      change: {
        steps: [
          { fromDay: 1, percent: 50 },
          { fromDay: 3, percent: 20 },
        ],
      },
      path: 'steps',
    },
    { case: 'shares over 100%', change: { mailboxes: 2, shares: { a: 70, b: 40 } }, path: 'shares' },
    { case: 'another schema version', change: { schemaVersion: 2 }, path: 'schemaVersion' },
  ])('refuses $case, with a sentence', ({ change, path }) => {
    const result = parsePlan({ ...defaultPlan('2026-11-01', 'UTC'), ...change });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid-plan');
    expect(result.error.message).toContain(path);
  });
});
