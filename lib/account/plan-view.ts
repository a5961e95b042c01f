import type { UserError } from '@/lib/core/errors';
import type { RampPlan, QuotaCheck } from '@/lib/ramp/plan';
import type { RampStatus } from '@/lib/ramp/state';

/** The ramp plan as the options page edits it, with what SES's quota says about it. */
export interface RampPlanView {
  plan: RampPlan | null;
  cutPercent?: number;
  monitoringOwner?: string;
  savedBy?: string;
  savedAt?: string;
  /** Null before the first GetAccount. */
  quota: QuotaCheck | null;
  /** What the lead may resume by hand now. */
  resumable: { pause: boolean; hold: boolean; freeze: boolean };
  status?: RampStatus;
  sandbox: boolean | null;
}

/** The lead saves a plan (checked against lib/ramp/plan.ts in the background). */
export interface SaveRampPlanRequest {
  plan: unknown;
  by: string;
  cutPercent?: number;
  monitoringOwner?: string;
}
export interface SaveRampPlanReply {
  ok: boolean;
  error?: UserError;
  /** Saved here but not shared through the team's settings (an SDR's write is refused): why. */
  unshared?: UserError;
}

/** The lead lifts a pause, a hold or a freeze by hand (logged). */
export interface ResumeRampRequest {
  what: 'pause' | 'hold' | 'freeze';
  by: string;
}
export interface ResumeRampReply {
  resumed: boolean;
  /** Resumed here but not shared through the team's settings: why. */
  unshared?: UserError;
}
