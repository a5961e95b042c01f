import type { RampPlan, QuotaCheck } from '../ramp/plan';
import type { RampStatus } from '../ramp/state';

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
