import type { RampartDb } from '@/lib/store/db';
import { capUsage, type CapUsage } from './reservations';
import { remainingToday } from '@/lib/guardrails/cap';
import type { AccountSnapshot, CapInputs } from '@/lib/guardrails/context';
import { localDay } from '@/lib/core/calendar';
import { myShare, type RampPlan } from '@/lib/ramp/plan';
import type { CurrentRamp } from '@/lib/account/ramp';
import type { CapView } from '@/lib/core/finding';

/** Today's cap with each limit's own remainder: what the popup and the send path both read. */
export interface CapFigures {
  /** The smallest of the limits below, and which one it is (lib/guardrails/cap.ts). */
  view: CapView | null;
  mine?: { cap: number; sent: number; remaining: number };
  team?: { cap: number; remaining: number };
  ses?: { max24HourSend: number; sentLast24Hours: number; remaining: number | null };
}

// Today's cap as the popup shows it: the same inputs and the same computation
// (lib/guardrails/cap.ts) as the compose verdict, with each limit's own remainder beside
// the one that binds. What counts against the cap is read as the reservation does it:
// my ledger rows of today plus live reservations, and for the account-wide limits the
// recipients sent since the account snapshot, which its SentLast24Hours cannot know yet.

export interface CapSources {
  ramp: CurrentRamp | undefined;
  account: AccountSnapshot | null;
  senderTag: string;
  now: Date;
  database: RampartDb;
  /** The day the ledger counts on when there is no plan (the browser's zone); default UTC's. */
  day?: string;
}

export async function capInputs({ ramp, account, senderTag, now, database, day: fallbackDay }: CapSources): Promise<CapInputs | null> {
  if (!ramp && !account) return null;
  const usage = await capUsage(capDay(ramp?.plan, now, fallbackDay), account?.syncedAt, { now, database });
  return capInputsOf({ ramp, account, senderTag }, usage);
}

/**
 * The day the cap counts: the plan's calendar day (the ramp's today), else `fallbackDay`,
 * else UTC's. Known from the plan alone, so usage can be read while the ramp is evaluated.
 */
export function capDay(plan: Pick<RampPlan, 'timeZone'> | undefined, now: Date, fallbackDay?: string): string {
  return plan ? localDay(now, plan.timeZone) : (fallbackDay ?? now.toISOString().slice(0, 10));
}

/** The cap's inputs from the ramp, the snapshot and what already counts against them. */
export function capInputsOf(
  { ramp, account, senderTag }: Pick<CapSources, 'ramp' | 'account' | 'senderTag'>,
  usage: CapUsage,
): CapInputs | null {
  if (!ramp && !account) return null;
  const inputs: CapInputs = {
    ses: account
      ? { max24HourSend: account.max24HourSend, sentLast24Hours: account.sentLast24Hours + usage.sinceSnapshot }
      : // Before the first GetAccount SES's quota is not known: it does not bind.
        { max24HourSend: -1, sentLast24Hours: usage.sinceSnapshot },
  };
  if (ramp && ramp.today.dayNumber >= 1) {
    const teamCap = ramp.today.teamCap;
    inputs.team = { cap: teamCap };
    inputs.mine = { cap: myShare(ramp.plan, teamCap, senderTag), sent: usage.today };
    inputs.rampDay = ramp.today.rampDay;
  } else if (ramp) {
    // Before day 1 nothing is planned, so nothing may be sent.
    inputs.team = { cap: 0 };
  }
  return inputs;
}

export function capFigures(inputs: CapInputs | null): CapFigures {
  if (!inputs) return { view: null };
  const figures: CapFigures = { view: remainingToday(inputs) };
  if (inputs.mine) figures.mine = { ...inputs.mine, remaining: Math.max(0, inputs.mine.cap - inputs.mine.sent) };
  if (inputs.team) figures.team = { cap: inputs.team.cap, remaining: Math.max(0, inputs.team.cap - inputs.ses.sentLast24Hours) };
  figures.ses = {
    ...inputs.ses,
    // SES's figures are doubles: what is left is counted in whole recipients, as remainingToday does.
    remaining: inputs.ses.max24HourSend < 0 ? null : Math.max(0, Math.floor(inputs.ses.max24HourSend - inputs.ses.sentLast24Hours)),
  };
  return figures;
}
