import type { DailyCounts } from '@/lib/core/calendar';
import { awsLevels, defaultThresholds, type HealthThresholds } from './health';

// The reputation runway (docs/rules.md, "Reputation runway"): how many more hard bounces,
// and how many more complaints, among the sends left in today's plan would take the
// account's rate to Rampart's alert level and to AWS's review level.
//
// AWS computes its rates over a representative volume of recent sending, not a fixed
// window. Rampart stands for it with the volume health already counts (the last 7 days,
// today included) plus the sends today's plan still allows: the rate the day would end
// on if the plan is sent in full. Counted as health counts them: hard bounces ÷ sends,
// complaints ÷ deliveries. Pure: the caller passes the counts and the sends left.

export type RunwayCounts = Pick<DailyCounts, 'sends' | 'deliveries' | 'permanentBounces' | 'complaints'>;

export interface RunwayInputs {
  /** Counts summed over the health window (the popup's last 7 days); a count left out is unknown. */
  counts: RunwayCounts;
  /** Sends today's plan still allows, account-wide (the team's cap or SES's quota, whichever is left lower). */
  plannedSends: number;
  /**
   * What SES counts as sent by the whole account in the last 24 hours (`SentLast24Hours`):
   * a floor under the window's sends, which miss another member's sends (the ledger is
   * this browser's) and VDM's lag. Those sends weigh in the volume; their bounces and
   * complaints are not known yet.
   */
  accountSends?: number;
  thresholds?: HealthThresholds;
}

/** Additional events, among the planned sends, at which the rate reaches each level. */
export interface RunwayFigures {
  /** Reaches Rampart's alert level (health's `alert`). */
  alert: number;
  /** Reaches AWS's review level. */
  review: number;
  /** The rate's denominator once the plan is sent (sends, or deliveries for complaints). */
  volume: number;
  /** Already counted in the window. */
  counted: number;
  /** The levels, in percent: Rampart's alert and AWS's review. */
  alertPercent: number;
  reviewPercent: number;
}

export interface Runway {
  /** Sends left in today's plan, the volume the figures are computed over. */
  plannedSends: number;
  /** Null when the window's hard bounces are unknown (sends without a bounce count). */
  hardBounces: RunwayFigures | null;
  /** Null when the window's complaints or deliveries are unknown. */
  complaints: RunwayFigures | null;
}

// In parts per million, on integers, as health compares (lib/ramp/health.ts): 0.08% of
// 10,000 is exactly 8, not 7.999….
function ppm(percent: number): number {
  return Math.round(percent * 10_000);
}

/**
 * The fewest further events that take `counted` over `volume` to `percent`: the smallest
 * x ≥ 0 with (counted + x) ÷ volume ≥ percent. A volume of 0 (nothing sent, nothing
 * planned) is taken as 1: the first send that bounces would be 100%.
 */
export function eventsToReach(counted: number, volume: number, percent: number): number {
  const denominator = Math.max(volume, 1);
  const needed = Math.ceil((ppm(percent) * denominator) / 1_000_000);
  return Math.max(0, needed - counted);
}

function figures(counted: number, volume: number, alert: number, review: number): RunwayFigures {
  return {
    alert: eventsToReach(counted, volume, alert),
    review: eventsToReach(counted, volume, review),
    volume,
    counted,
    alertPercent: alert,
    reviewPercent: review,
  };
}

export function runway({ counts, plannedSends, accountSends = 0, thresholds = defaultThresholds }: RunwayInputs): Runway {
  const planned = Math.max(0, Math.floor(plannedSends));
  const seen = counts.sends ?? 0;
  /** Sends SES counted that the window does not show. */
  const unseen = Math.max(0, Math.floor(accountSends) - seen);
  // Nothing sent in the window: nothing bounced or complained either, whatever a source reports.
  const nothingSent = seen === 0;
  const bounced = nothingSent ? 0 : counts.permanentBounces;
  const complained = nothingSent ? 0 : counts.complaints;
  const delivered = nothingSent ? 0 : counts.deliveries;

  const hardBounces =
    bounced === undefined
      ? null
      : figures(bounced, seen + unseen + planned, thresholds.hardBounce.alert, awsLevels.hardBounce?.review ?? thresholds.hardBounce.alert);

  // The planned (and unseen) sends are expected to be delivered as the window's were (all
  // of them when nothing was sent yet): fewer deliveries make each complaint weigh more.
  const expectedDeliveries = (n: number) => (nothingSent || delivered === undefined ? n : Math.floor((n * delivered) / seen));
  const complaints =
    complained === undefined || delivered === undefined
      ? null
      : figures(
          complained,
          delivered + expectedDeliveries(unseen + planned),
          thresholds.complaint.alert,
          awsLevels.complaint?.review ?? thresholds.complaint.alert,
        );

  return { plannedSends: planned, hardBounces, complaints };
}

/**
 * The runway is short for a draft when its recipients alone, all bouncing, would take the
 * hard-bounce rate to Rampart's alert level. Complaints are not weighed per draft: with a
 * young account's volume a single complaint reaches 0.08%, which would mark every draft.
 */
export function shortForDraft(r: Runway, recipients: number): boolean {
  return r.hardBounces !== null && recipients > 0 && recipients >= r.hardBounces.alert;
}
