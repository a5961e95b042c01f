import * as z from 'zod/mini';
import { emailKey } from '@/lib/core/email';
import { addDays, daysBetween, isCalendarDay, isTimeZone, localDay, runtimeTimeZone, type CalendarDay } from '@/lib/core/calendar';

// The ramp plan the lead enters (docs/rules.md, "Ramp plan"): the team's steady-state volume,
// the buffer SES's quota must keep above it, and the steps that climb to it from the
// start date. Percentages are whole numbers so that caps are exact integer arithmetic
// (300 × 45 / 100 is 135; 300 × 0.45 is 135.00000000000003).

export const RAMP_PLAN_SCHEMA_VERSION = 1;

export const rampStepSchema = z.object({
  /** The plan day this step starts on; day 1 is the start date. */
  fromDay: z.int().check(z.gte(1)),
  /** The step's cap as a share of the target, in percent. */
  percent: z.int().check(z.gte(1), z.lte(100)),
});
export type RampStep = z.infer<typeof rampStepSchema>;

/** docs/rules.md's default steps: days 1–2 20%, 3–4 45%, 5–7 75%, from day 8 100%. */
export const defaultSteps: readonly RampStep[] = [
  { fromDay: 1, percent: 20 },
  { fromDay: 3, percent: 45 },
  { fromDay: 5, percent: 75 },
  { fromDay: 8, percent: 100 },
];

export const DEFAULT_BUFFER_PERCENT = 25;

export const rampPlanSchema = z
  .object({
    schemaVersion: z.literal(RAMP_PLAN_SCHEMA_VERSION),
    mailboxes: z.int().check(z.gte(1)),
    prospectsPerMailboxPerDay: z.int().check(z.gte(1)),
    /** Emails per prospect, follow-ups included. */
    emailsPerProspect: z.int().check(z.gte(1)),
    /** Headroom SES's quota keeps above the target: 20–30% (docs/rules.md). */
    bufferPercent: z.int().check(z.gte(20), z.lte(30)),
    steps: z.array(rampStepSchema).check(
      z.minLength(1),
      z.refine((steps) => steps[0]?.fromDay === 1, 'The first step starts on day 1.'),
      z.refine(
        (steps) => steps.every((s, i) => i === 0 || s.fromDay > steps[i - 1]!.fromDay),
        'Each step starts on a later day than the one before.',
      ),
      // A step is growth: the state machine holds a step back on bad health, which only
      // means something if every step is at least the one before it.
      z.refine(
        (steps) => steps.every((s, i) => i === 0 || s.percent >= steps[i - 1]!.percent),
        'A step is never smaller than the one before.',
      ),
    ),
    startDate: z.string().check(z.refine(isCalendarDay, 'A start date written YYYY-MM-DD.')),
    /** IANA zone whose calendar days are ramp days. */
    timeZone: z.string().check(z.refine(isTimeZone, 'A time zone such as Europe/Paris.')),
    /** Shares set by hand: sender tag → percent of the team cap. Unset: an equal split. */
    shares: z.optional(
      z
        .record(z.string(), z.number().check(z.gte(0), z.lte(100)))
        .check(
          z.refine(
            (shares) => Object.values(shares).reduce((sum, p) => sum + p, 0) <= 100 + 1e-9,
            'The shares set by hand add up to at most 100%.',
          ),
        ),
    ),
  })
  .check(
    z.refine((plan) => plan.shares === undefined || Object.keys(plan.shares).length <= plan.mailboxes, 'No more shares than mailboxes.'),
  );
export type RampPlan = z.infer<typeof rampPlanSchema>;

/** A plan that does not validate, as the lead should read it. */
export interface PlanError {
  code: 'invalid-plan';
  message: string;
}

export function parsePlan(value: unknown): { ok: true; plan: RampPlan } | { ok: false; error: PlanError } {
  const parsed = rampPlanSchema.safeParse(value);
  if (parsed.success) return { ok: true, plan: parsed.data };
  const first = parsed.error.issues[0];
  const where = first && first.path.length > 0 ? ` (${first.path.join('.')})` : '';
  return {
    ok: false,
    error: { code: 'invalid-plan', message: `The ramp plan is not valid${where}: ${first?.message ?? 'unknown problem'}` },
  };
}

/**
 * The emulator profile's plan (docs/test-surface.md): 300 a day for 1 mailbox, starting today.
 * `today` is a calendar day, or an instant read in `timeZone`.
 */
export function defaultPlan(today: CalendarDay | Date, timeZone: string = runtimeTimeZone()): RampPlan {
  return {
    schemaVersion: RAMP_PLAN_SCHEMA_VERSION,
    mailboxes: 1,
    prospectsPerMailboxPerDay: 100,
    emailsPerProspect: 3,
    bufferPercent: DEFAULT_BUFFER_PERCENT,
    steps: defaultSteps.map((s) => ({ ...s })),
    startDate: typeof today === 'string' ? today : localDay(today, timeZone),
    timeZone,
  };
}

/** The steady-state volume: mailboxes × new prospects per mailbox per day × emails per prospect. */
export function target(plan: RampPlan): number {
  return plan.mailboxes * plan.prospectsPerMailboxPerDay * plan.emailsPerProspect;
}

/** The sending quota the plan needs: the target × (1 + buffer), rounded up. */
export function quotaNeeded(plan: RampPlan): number {
  return Math.ceil((target(plan) * (100 + plan.bufferPercent)) / 100);
}

/** The plan day `now` falls on, in the plan's zone: 1 on the start date, 0 or less before it. */
export function dayNumber(plan: RampPlan, now: Date): number {
  return daysBetween(plan.startDate, localDay(now, plan.timeZone)) + 1;
}

/** The calendar date of plan day `day`. */
export function dateOfDay(plan: RampPlan, day: number): CalendarDay {
  return addDays(plan.startDate, day - 1);
}

/** Index of the step in force on plan day `day` (−1 before the start). */
export function stepIndexOn(plan: RampPlan, day: number): number {
  let index = -1;
  plan.steps.forEach((step, i) => {
    if (step.fromDay <= day) index = i;
  });
  return index;
}

/** The cap of step `index`: its share of the target, rounded down (a cap never rounds up). */
export function stepCap(plan: RampPlan, index: number): number {
  const step = plan.steps[index];
  if (!step) return 0;
  return Math.floor((target(plan) * step.percent) / 100);
}

/** The team's planned cap on plan day `day`; nothing is planned before day 1. */
export function plannedCap(plan: RampPlan, day: number): number {
  return stepCap(plan, stepIndexOn(plan, day));
}

/** The planned cap of each plan day from `fromDay` to `toDay`, for the ramp-progress chart. */
export function schedule(plan: RampPlan, fromDay: number, toDay: number): PlanDay[] {
  const days: PlanDay[] = [];
  for (let day = Math.max(1, fromDay); day <= toDay; day++) {
    days.push({ dayNumber: day, date: dateOfDay(plan, day), plannedCap: plannedCap(plan, day) });
  }
  return days;
}

/**
 * One SDR's share of the team cap (docs/rules.md, "Team cap and my cap"): the team cap ÷
 * mailboxes, rounded down; with shares set by hand, the sender's share, and a sender
 * the lead left out splits what the listed shares leave among the remaining mailboxes.
 */
export function myShare(plan: RampPlan, teamCap: number, sender: string): number {
  if (teamCap <= 0) return 0;
  const shares = plan.shares;
  if (!shares || Object.keys(shares).length === 0) return Math.floor(teamCap / plan.mailboxes);
  const key = emailKey(sender);
  const listed = Object.entries(shares).map(([s, percent]) => [emailKey(s), percent] as const);
  const own = listed.find(([s]) => s === key);
  if (own) return Math.floor((teamCap * own[1]) / 100);
  const unlisted = plan.mailboxes - listed.length;
  if (unlisted <= 0) return 0;
  const leftPercent = Math.max(0, 100 - listed.reduce((sum, [, p]) => sum + p, 0));
  return Math.floor((teamCap * leftPercent) / 100 / unlisted);
}

/** A plan day with its date and the figure that matters on it. */
export interface PlanDay {
  dayNumber: number;
  date: CalendarDay;
  plannedCap: number;
}

export type QuotaTiming = 'enough' | 'ask-later' | 'ask-now' | 'overdue';

export interface QuotaCheck {
  target: number;
  quotaNeeded: number;
  /** The plan's buffer above its target, in percent. */
  bufferPercent: number;
  max24HourSend: number;
  /** The steady state with its buffer needs more than SES's Max24HourSend. */
  increaseNeeded: boolean;
  /** First plan day whose planned cap plus the buffer exceeds Max24HourSend. */
  reachesOn?: PlanDay;
  /** First plan day whose planned cap alone exceeds Max24HourSend: SES would refuse sends. */
  capExceedsOn?: PlanDay;
  /** Window for asking AWS: 4 to 2 weeks before `reachesOn` (docs/rules.md). */
  askFrom?: CalendarDay;
  askBy?: CalendarDay;
  timing: QuotaTiming;
  sentence: string;
}

/** Weeks before the plan needs more quota that AWS should be asked (docs/rules.md: 2–4). */
export const ASK_EARLIEST_DAYS = 28;
export const ASK_LATEST_DAYS = 14;

/**
 * Does SES's quota fit the plan, and when to ask for more. The date that matters is the
 * first day the planned cap, with its buffer, passes Max24HourSend: from then the
 * rolling 24 hours have no headroom (follow-ups pile up; bounces count as sends), which
 * is on or before the day the bare cap itself would be refused.
 */
export function quotaCheck(plan: RampPlan, max24HourSend: number, now: Date): QuotaCheck {
  const base = { target: target(plan), quotaNeeded: quotaNeeded(plan), max24HourSend, bufferPercent: plan.bufferPercent };
  const today = localDay(now, plan.timeZone);
  const withBuffer = (cap: number) => Math.ceil((cap * (100 + plan.bufferPercent)) / 100);
  const planDay = (step: RampStep): PlanDay => ({
    dayNumber: step.fromDay,
    date: dateOfDay(plan, step.fromDay),
    plannedCap: plannedCap(plan, step.fromDay),
  });
  // Caps only change on a step's first day, so only those days need looking at.
  const reaching = plan.steps.find((s) => withBuffer(plannedCap(plan, s.fromDay)) > max24HourSend);
  const exceeding = plan.steps.find((s) => plannedCap(plan, s.fromDay) > max24HourSend);

  if (!reaching) {
    return {
      ...base,
      increaseNeeded: false,
      timing: 'enough',
      sentence: `SES's quota of ${max24HourSend} a day covers the plan: ${base.target} a day plus a ${plan.bufferPercent}% buffer is ${base.quotaNeeded}.`,
    };
  }
  const reachesOn = planDay(reaching);
  const askFrom = addDays(reachesOn.date, -ASK_EARLIEST_DAYS);
  const askBy = addDays(reachesOn.date, -ASK_LATEST_DAYS);
  const timing: QuotaTiming = today < askFrom ? 'ask-later' : today <= askBy ? 'ask-now' : 'overdue';
  const need = `The plan needs ${base.quotaNeeded} a day (${base.target} plus a ${plan.bufferPercent}% buffer) and SES allows ${max24HourSend}; from ${reachesOn.date} (ramp day ${reachesOn.dayNumber}) there is no headroom left.`;
  const when =
    timing === 'ask-later'
      ? ` Ask AWS for more between ${askFrom} and ${askBy}.`
      : timing === 'ask-now'
        ? ` Ask AWS for more now (by ${askBy}).`
        : ` Ask AWS for more now: the two weeks' notice before ${reachesOn.date} has passed.`;
  return {
    ...base,
    increaseNeeded: true,
    reachesOn,
    ...(exceeding ? { capExceedsOn: planDay(exceeding) } : {}),
    askFrom,
    askBy,
    timing,
    sentence: need + when,
  };
}
