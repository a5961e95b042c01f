import * as z from 'zod/mini';
import { addDays, isCalendarDay, localDay, type CalendarDay } from '@/lib/core/calendar';
import {
  defaultThresholds,
  health as healthOf,
  healthReport,
  HEALTH_WINDOW_DAYS,
  isWarnOrWorse,
  type DailyCounts,
  type HealthStatus,
  type HealthThresholds,
} from './health';
import { dayNumber, stepCap, stepIndexOn, type RampPlan } from './plan';

// The ramp as it actually runs (docs/rules.md, "Ramp plan" and "Automatic actions"): the plan
// says where the ramp should be; health decides whether it may get there.
//
// The ramp's position is a *ramp day*: the day of the plan's schedule the team is on.
// On a calendar day the ramp day moves on by one, except that a move into the next step
// is taken only while health is ok and nothing freezes or holds the ramp — a step held
// back stays where it is, and every step keeps its full number of days once taken. While
// sending is paused the ramp day does not move at all. Days before today are settled
// into the stored state; today is worked out afresh on every call, so the cap follows a
// freeze that lifts at 10:00 without waiting for tomorrow.
//
// Everything here is pure: the caller passes `now` and the daily counts, stores the
// returned state and writes the returned change-log entries.

export const RAMP_STATE_SCHEMA_VERSION = 1;

const calendarDay = z.string().check(z.refine(isCalendarDay, 'a date written YYYY-MM-DD'));
const instant = z.iso.datetime();
const count = z.int().check(z.gte(0));

export const rampActionSchema = z.enum(['freeze', 'freeze-lifted', 'cut', 'cut-lifted', 'pause', 'hold', 'step-held', 'resume']);
export type RampAction = z.infer<typeof rampActionSchema>;

export type Resumable = 'pause' | 'hold' | 'freeze';

/** A change-log entry (db.ts `ChangeLogRow` without its id) for the caller to write. */
export const rampLogEntrySchema = z.object({
  at: instant,
  kind: z.literal('ramp-action'),
  message: z.string(),
  /** The action and the figure that triggered it. */
  data: z.looseObject({ action: rampActionSchema }),
});
export type RampLogEntry = z.infer<typeof rampLogEntrySchema>;

/** Evidence already acted on: counts up to and including `day` as they stood then. */
const evidenceSchema = z.object({ day: calendarDay, sends: count, events: count });
type Evidence = z.infer<typeof evidenceSchema>;

export const rampStateSchema = z.object({
  schemaVersion: z.literal(RAMP_STATE_SCHEMA_VERSION),
  /** The plan start this position belongs to; a new start date starts the ramp again. */
  startDate: calendarDay,
  /** The ramp day reached at the end of `day`, the last settled day before today. */
  settled: z.nullable(z.object({ day: calendarDay, rampDay: z.int().check(z.gte(1)) })),
  /** Ramp growth frozen after a complaint alert, for 48 h of clock. */
  freeze: z.nullable(z.object({ since: instant, until: instant })),
  /** The team cap cut after a complaint alert: `day` is the last day it held (carried while the alert lasts). */
  cut: z.nullable(z.object({ day: calendarDay, percent: z.number() })),
  /** All sending paused after a hard-bounce spike, until the lead resumes. */
  paused: z.nullable(z.object({ since: instant })),
  /** The ramp held at its step after days of soft bounces, until the lead resumes. */
  held: z.nullable(z.object({ since: instant })),
  /** Complaints already answered with a freeze (`events` = that day's complaints). */
  complaintsActedOn: z.nullable(evidenceSchema),
  /** Sends and hard bounces the lead has seen and resumed past (`events` = hard bounces). */
  hardBouncesResumedPast: z.nullable(evidenceSchema),
  /** Soft-bounce days before and on this day no longer count towards a hold. */
  softBouncesResumedOn: z.nullable(calendarDay),
  /** The step last held back by health, so that it is logged once. */
  heldBack: z.nullable(z.object({ rampDay: z.int(), day: calendarDay })),
  /** The latest actions, newest last (the change log keeps them all). */
  log: z.array(rampLogEntrySchema),
});
export type RampState = z.infer<typeof rampStateSchema>;

/** How many actions the state keeps for the popup; the change log has the rest. */
export const RAMP_LOG_KEPT = 50;

export interface RampOptions {
  /** Complaint alert: today's team cap is cut by this much, 30–50% (docs/rules.md). */
  cutPercent: number;
  /** Complaint alert: ramp growth freezes for this long. */
  freezeHours: number;
  /** Hard-bounce spike: this rate, in percent, over the last `spikeSends` sends pauses sending. */
  spikePercent: number;
  spikeSends: number;
  /** Soft-bounce `warn` or worse on this many consecutive days holds the ramp. */
  softBounceDays: number;
  thresholds: HealthThresholds;
  /**
   * Whether a step waits while health is unknown. Off by default: unknown mostly means
   * nothing was sent, which is no reason to stay small; the caps still bound the volume.
   */
  holdOnUnknown: boolean;
}

export const defaultRampOptions: RampOptions = {
  cutPercent: 30,
  freezeHours: 48,
  spikePercent: 4,
  spikeSends: 100,
  softBounceDays: 3,
  thresholds: defaultThresholds,
  holdOnUnknown: false,
};

export type RampStatus = 'not-started' | 'on-plan' | 'behind-plan' | 'frozen' | 'held' | 'paused';

/** A reason today's cap is below the plan's, in the lead's words. */
export interface RampLimit {
  code: 'not-started' | 'paused' | 'frozen' | 'held' | 'cut' | 'health';
  sentence: string;
}

export interface RampToday {
  day: CalendarDay;
  /** Calendar day of the plan (1 on the start date). */
  dayNumber: number;
  /** The schedule day the ramp is on (behind `dayNumber` when steps were held back). */
  rampDay: number;
  stepIndex: number;
  /** What the plan alone would allow today. */
  plannedCap: number;
  /** The cap of the step the ramp is on. */
  stepCap: number;
  /** Today's team cap: the step's, cut after a complaint alert, 0 while paused. */
  teamCap: number;
  status: RampStatus;
  limits: RampLimit[];
  freezeUntil?: string;
}

export interface RampEvaluation {
  state: RampState;
  today: RampToday;
  /** New change-log entries, for the caller to write. */
  actions: RampLogEntry[];
}

export interface RampInput {
  now: Date;
  /** Daily counts (any source, see health.ts), at least the last 7 days. */
  counts: readonly DailyCounts[];
  options?: Partial<RampOptions>;
}

export function initialRampState(plan: RampPlan): RampState {
  return {
    schemaVersion: RAMP_STATE_SCHEMA_VERSION,
    startDate: plan.startDate,
    settled: null,
    freeze: null,
    cut: null,
    paused: null,
    held: null,
    complaintsActedOn: null,
    hardBouncesResumedPast: null,
    softBouncesResumedOn: null,
    heldBack: null,
    log: [],
  };
}

/** The stored state if it is valid and belongs to this plan's start, else a fresh one. */
export function loadRampState(plan: RampPlan, stored: unknown): RampState {
  const parsed = rampStateSchema.safeParse(stored);
  if (!parsed.success) return initialRampState(plan);
  if (parsed.data.startDate !== plan.startDate) {
    // A new start date is a new ramp; what the lead paused or held stays so.
    return { ...parsed.data, startDate: plan.startDate, settled: null, heldBack: null };
  }
  return parsed.data;
}

function percentText(p: number): string {
  return `${Number(p.toFixed(2))}%`;
}

/** Complaints, or hard bounces with their sends, counted after the evidence acted on. */
function countsSince(counts: readonly DailyCounts[], since: Evidence | null, events: 'complaints' | 'permanentBounces'): DailyCounts[] {
  if (!since) return [...counts];
  return counts
    .filter((d) => d.day >= since.day)
    .map((d) =>
      d.day === since.day
        ? {
            ...d,
            sends: Math.max(0, (d.sends ?? 0) - since.sends),
            [events]: Math.max(0, (d[events] ?? 0) - since.events),
          }
        : d,
    );
}

function evidenceOn(counts: readonly DailyCounts[], day: CalendarDay, events: 'complaints' | 'permanentBounces'): Evidence {
  const row = counts.find((d) => d.day === day);
  return { day, sends: row?.sends ?? 0, events: row?.[events] ?? 0 };
}

/**
 * The ramp today and the automatic actions due now. Idempotent: called again with the
 * same input it returns the same figures and no new actions.
 */
export function evaluateRamp(plan: RampPlan, stored: RampState | undefined, input: RampInput): RampEvaluation {
  const given: RampOptions = { ...defaultRampOptions, ...input.options };
  // docs/rules.md bounds the cut to 30–50%: less does not relieve the complaint, more starves the team.
  const options: RampOptions = { ...given, cutPercent: Math.min(50, Math.max(30, given.cutPercent)) };
  const { now, counts } = input;
  const nowIso = now.toISOString();
  const tz = plan.timeZone;
  const today = localDay(now, tz);
  const todayNumber = dayNumber(plan, now);
  let state: RampState = stored ? loadRampState(plan, stored) : initialRampState(plan);
  const actions: RampLogEntry[] = [];
  const act = (action: RampAction, message: string, figure: Record<string, unknown> = {}): RampLogEntry => {
    const entry: RampLogEntry = { at: nowIso, kind: 'ramp-action', message, data: { action, ...figure } };
    actions.push(entry);
    return entry;
  };

  // Health as known before day `d`: the 7 days ending the day before (a whole day's worth).
  const healthBefore = (d: CalendarDay): HealthStatus =>
    healthReport(counts, addDays(d, -HEALTH_WINDOW_DAYS), addDays(d, -1), options.thresholds).status;
  const healthStops = (status: HealthStatus) => isWarnOrWorse(status) || (options.holdOnUnknown && status === 'unknown');

  // What stops the ramp stepping up on day `d`, given the flags as they stand.
  // A flag set during a day leaves that day's step alone (it was taken at midnight) and
  // stops the days after it.
  const since = (flag: { since: string } | null, d: CalendarDay) => flag !== null && localDay(new Date(flag.since), tz) < d;
  const frozenOn = (d: CalendarDay): boolean => {
    const freeze = state.freeze;
    if (!freeze || localDay(new Date(freeze.since), tz) >= d) return false;
    // A settled day counts as frozen only if the freeze outlasted it; today, by the clock.
    return d === today ? now < new Date(freeze.until) : d < localDay(new Date(freeze.until), tz);
  };

  /** The ramp day at the end of day `d`, from the ramp day the day before. */
  const nextRampDay = (rampDay: number, d: CalendarDay): number => {
    if (since(state.paused, d)) return rampDay;
    if (stepIndexOn(plan, rampDay + 1) === stepIndexOn(plan, rampDay)) return rampDay + 1;
    if (since(state.held, d) || frozenOn(d)) return rampDay;
    const status = healthBefore(d);
    if (!healthStops(status)) return rampDay + 1;
    if (state.heldBack?.rampDay !== rampDay) {
      state = { ...state, heldBack: { rampDay, day: d } };
      act(
        'step-held',
        `Ramp step held back on ${d}: health over the 7 days before is ${status}, so the ramp stays on day ${rampDay}'s cap of ${stepCap(plan, stepIndexOn(plan, rampDay))}.`,
        { day: d, rampDay, health: status },
      );
    }
    return rampDay;
  };

  // 1. Settle the days before today with the flags that were in force on them.
  // A clock set back before the settled day (tests, a corrected clock) settles afresh.
  if (state.settled && state.settled.day >= today) state = { ...state, settled: null };
  if (todayNumber > 1) {
    let position = state.settled ?? { day: plan.startDate, rampDay: 1 };
    for (let d = addDays(position.day, 1); d < today; d = addDays(d, 1)) {
      position = { day: d, rampDay: nextRampDay(position.rampDay, d) };
    }
    state = { ...state, settled: position };
  }

  // Today's health over the last 7 days: what the cut waits on and the actions act on.
  const week = healthOf(counts, today, options.thresholds).lastSevenDays;

  // 2. A freeze lifts after its hours of clock; a cut lasts until health recovers: it is
  // carried into a new day while the complaint rate over the last 7 days is still at its
  // alert level (or cannot be known), and lifts, logged, once it is under it.
  if (state.freeze && now >= new Date(state.freeze.until)) {
    act('freeze-lifted', `Ramp growth freeze lifted after ${options.freezeHours} h (it ran from ${state.freeze.since}).`, {
      since: state.freeze.since,
      until: state.freeze.until,
    });
    state = { ...state, freeze: null };
  }
  if (state.cut && state.cut.day < today) {
    const complaintNow = week.rates.complaint;
    // Not known is not recovered — unless there is no complaint left in the window at all.
    const stillAlert =
      complaintNow.status === 'alert' ||
      ((complaintNow.status === 'unknown' || complaintNow.percent === null) && complaintNow.numerator !== 0);
    if (stillAlert) {
      state = { ...state, cut: { day: today, percent: state.cut.percent } };
    } else {
      act(
        'cut-lifted',
        complaintNow.percent === null
          ? `Team cap cut lifted: no complaint is left in the last 7 days.`
          : `Team cap cut lifted: the complaint rate over the last 7 days is ${percentText(complaintNow.percent)} (${complaintNow.numerator} of ${complaintNow.denominator} deliveries), under the ${percentText(complaintNow.threshold.alert)} alert.`,
        { complaintPercent: complaintNow.percent, cutPercent: state.cut.percent, since: state.cut.day },
      );
      state = { ...state, cut: null };
    }
  }

  // 3. Automatic actions on today's evidence.
  let cutEntry: RampLogEntry | undefined;
  const complaint = week.rates.complaint;
  const newComplaints = healthReport(countsSince(counts, state.complaintsActedOn, 'complaints'), week.from, week.to, options.thresholds)
    .counts.complaints;
  if (complaint.status === 'alert' && (newComplaints ?? 0) > 0) {
    const until = new Date(now.getTime() + options.freezeHours * 3_600_000).toISOString();
    const cutPercent = Math.max(options.cutPercent, state.cut?.day === today ? state.cut.percent : 0);
    const figure = {
      complaintPercent: complaint.percent,
      complaints: complaint.numerator,
      deliveries: complaint.denominator,
      alertPercent: complaint.threshold.alert,
    };
    act(
      'freeze',
      `Complaint rate ${percentText(complaint.percent ?? 0)} over the last 7 days (${complaint.numerator} of ${complaint.denominator} deliveries) reached the ${percentText(complaint.threshold.alert)} alert: ramp growth frozen until ${until}.`,
      { ...figure, until },
    );
    cutEntry = act('cut', '', { ...figure, cutPercent });
    state = {
      ...state,
      freeze: { since: nowIso, until },
      cut: { day: today, percent: cutPercent },
      complaintsActedOn: evidenceOn(counts, today, 'complaints'),
    };
  }

  if (!state.paused) {
    const spike = spikeWindow(countsSince(counts, state.hardBouncesResumedPast, 'permanentBounces'), today, options.spikeSends);
    // A minimum sample: with fewer sends than the window behind it, the rate is taken over
    // the window's size, as if the sends still to come were clean. One bounce in the first
    // 24 sends is 4% of a tiny sample — an alert in health, not a reason to stop the team;
    // it takes as many hard bounces as 4% of 100 (four) to pause.
    const sample = Math.max(spike.sends, options.spikeSends);
    if (spike.sends > 0 && spike.permanentBounces * 100 >= options.spikePercent * sample) {
      const percent = (spike.permanentBounces / spike.sends) * 100;
      const minimum =
        spike.sends < options.spikeSends
          ? ` (${spike.sends} sends counted, fewer than the ${options.spikeSends}-send minimum sample: ${spike.permanentBounces} hard bounces are ${percentText((spike.permanentBounces / options.spikeSends) * 100)} of ${options.spikeSends})`
          : '';
      act(
        'pause',
        `Hard-bounce rate ${percentText(percent)} over the last ${spike.sends} sends (${spike.permanentBounces} bounced) reached ${percentText(options.spikePercent)}${minimum}: all sending paused until the lead resumes.`,
        { hardBouncePercent: percent, permanentBounces: spike.permanentBounces, sends: spike.sends, sample, from: spike.from },
      );
      state = { ...state, paused: { since: nowIso } };
    }
  }

  if (!state.held) {
    const run = softBounceRun(counts, today, options, state.softBouncesResumedOn);
    if (run) {
      act(
        'hold',
        `Soft-bounce rate at ${run.map((d) => `${percentText(d.percent)} (${d.status})`).join(', ')} on ${run.length} days running (${run[0]!.day} to ${run[run.length - 1]!.day}): the ramp holds at its current step until the lead resumes.`,
        { days: run },
      );
      state = { ...state, held: { since: nowIso } };
    }
  }

  // 4. Today.
  const rampDay = todayNumber < 1 ? 0 : state.settled ? nextRampDay(state.settled.rampDay, today) : 1;
  const figures = todayOf(plan, state, today, todayNumber, rampDay, healthBefore(today));
  if (cutEntry && state.cut) {
    cutEntry.message = `Today's team cap cut by ${percentText(state.cut.percent)} after the complaint alert: ${figures.stepCap} → ${figures.teamCap}.`;
    cutEntry.data = { ...cutEntry.data, stepCap: figures.stepCap, teamCap: figures.teamCap };
  }
  state = { ...state, log: [...state.log, ...actions].slice(-RAMP_LOG_KEPT) };
  return { state, today: figures, actions };
}

/** Today's figures, from the ramp day the ramp is on. */
function todayOf(
  plan: RampPlan,
  state: RampState,
  today: CalendarDay,
  todayNumber: number,
  rampDay: number,
  healthStatus: HealthStatus,
): RampToday {
  // Expired freezes are cleared before this point: a freeze in the state is in force.
  const frozen = state.freeze !== null;
  const planned = stepCap(plan, stepIndexOn(plan, todayNumber));
  if (todayNumber < 1) {
    return {
      day: today,
      dayNumber: todayNumber,
      rampDay: 0,
      stepIndex: -1,
      plannedCap: 0,
      stepCap: 0,
      teamCap: 0,
      status: 'not-started',
      limits: [{ code: 'not-started', sentence: `The ramp starts on ${plan.startDate}.` }],
    };
  }
  const stepIndex = stepIndexOn(plan, rampDay);
  const capOfStep = stepCap(plan, stepIndex);
  const limits: RampLimit[] = [];
  let teamCap = capOfStep;
  if (state.paused) {
    teamCap = 0;
    limits.push({ code: 'paused', sentence: 'All sending is paused after a hard-bounce spike; the lead resumes it.' });
  }
  if (state.freeze) {
    limits.push({ code: 'frozen', sentence: `Ramp growth is frozen until ${state.freeze.until} after a complaint alert.` });
  }
  if (state.held) {
    limits.push({ code: 'held', sentence: 'The ramp holds at its current step after days of soft bounces; the lead resumes it.' });
  }
  if (state.cut?.day === today && !state.paused) {
    teamCap = Math.floor((capOfStep * (100 - state.cut.percent)) / 100);
    limits.push({ code: 'cut', sentence: `Today's cap is cut by ${percentText(state.cut.percent)} after a complaint alert.` });
  }
  if (rampDay < todayNumber && isWarnOrWorse(healthStatus) && capOfStep < planned) {
    limits.push({ code: 'health', sentence: `Health is ${healthStatus}: the next step waits until it is ok again.` });
  }
  const status: RampStatus = state.paused
    ? 'paused'
    : frozen
      ? 'frozen'
      : state.held
        ? 'held'
        : capOfStep < planned
          ? 'behind-plan'
          : 'on-plan';
  return {
    day: today,
    dayNumber: todayNumber,
    rampDay,
    stepIndex,
    plannedCap: planned,
    stepCap: capOfStep,
    teamCap,
    status,
    limits,
    ...(state.freeze ? { freezeUntil: state.freeze.until } : {}),
  };
}

/**
 * The last `size` sends or so, newest day first: whole days are added until there are
 * at least `size` sends (daily counts cannot split a day), or the counts run out.
 */
export function spikeWindow(
  counts: readonly DailyCounts[],
  today: CalendarDay,
  size: number,
): { sends: number; permanentBounces: number; from?: CalendarDay } {
  const days = counts
    .filter((d) => d.day <= today && d.sends !== undefined && d.permanentBounces !== undefined)
    .sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : 0));
  let sends = 0;
  let permanentBounces = 0;
  let from: CalendarDay | undefined;
  for (const d of days) {
    if (sends >= size) break;
    sends += d.sends!;
    permanentBounces += d.permanentBounces!;
    from = d.day;
  }
  return { sends, permanentBounces, ...(from ? { from } : {}) };
}

/**
 * The latest run of `softBounceDays` consecutive days, within the last 7, whose own
 * soft-bounce status is warn or worse — days on or before a resume do not count.
 */
function softBounceRun(
  counts: readonly DailyCounts[],
  today: CalendarDay,
  options: RampOptions,
  resumedOn: CalendarDay | null,
): { day: CalendarDay; percent: number; status: HealthStatus }[] | undefined {
  const perDay = healthOf(counts, today, options.thresholds).perDay;
  let run: { day: CalendarDay; percent: number; status: HealthStatus }[] = [];
  let found: typeof run | undefined;
  for (const report of perDay) {
    const rate = report.rates.softBounce;
    if (isWarnOrWorse(rate.status) && (resumedOn === null || report.from > resumedOn)) {
      run.push({ day: report.from, percent: rate.percent ?? 0, status: rate.status });
      if (run.length >= options.softBounceDays) found = run.slice(-options.softBounceDays);
    } else {
      run = [];
    }
  }
  return found;
}

/**
 * The lead lifts a pause, a hold or a freeze by hand (logged). What triggered it counts
 * as seen: the same evidence does not trigger it again, new evidence does.
 */
export function resumeRamp(
  plan: RampPlan,
  stored: RampState | undefined,
  what: Resumable,
  by: string,
  input: RampInput,
): RampEvaluation & { resumed: boolean } {
  // Settle the days before today under the flag first: they were paused, held or frozen.
  const before = evaluateRamp(plan, stored, input);
  const today = localDay(input.now, plan.timeZone);
  let state = before.state;
  const active = what === 'pause' ? state.paused : what === 'hold' ? state.held : state.freeze;
  if (!active) return { ...before, resumed: false };

  const who = by.trim() === '' ? 'the lead' : by.trim();
  if (what === 'pause') {
    state = { ...state, paused: null, hardBouncesResumedPast: evidenceOn(input.counts, today, 'permanentBounces') };
  } else if (what === 'hold') {
    state = { ...state, held: null, softBouncesResumedOn: today };
  } else {
    state = { ...state, freeze: null, cut: state.cut?.day === today ? null : state.cut };
  }
  const label = { pause: 'Sending resumed', hold: 'Ramp hold lifted', freeze: 'Ramp growth freeze lifted' }[what];
  const entry: RampLogEntry = {
    at: input.now.toISOString(),
    kind: 'ramp-action',
    message: `${label} by hand by ${who}.`,
    data: { action: 'resume', what, by: who, since: active.since },
  };
  state = { ...state, log: [...state.log, entry].slice(-RAMP_LOG_KEPT) };
  const after = evaluateRamp(plan, state, input);
  return { state: after.state, today: after.today, actions: [...before.actions, entry, ...after.actions], resumed: true };
}
