import { db } from '@/lib/store/db';
import { backgroundClock } from '@/lib/aws/clock';
import type { RampPlanView, ResumeRampReply, ResumeRampRequest, SaveRampPlanReply, SaveRampPlanRequest } from './plan-view';
import { quotaCheck } from '@/lib/ramp/plan';
import { accountSnapshot } from './snapshot';
import { currentRamp, resumeByHand, savePlan } from './ramp';
import { currentTeamSettingsAccess, shareTeamChange } from './team-settings';

// The options page's ramp planner, answered by the background (the only writer of the
// plan, the ramp state and the change log).

export async function handleRampPlan(): Promise<RampPlanView> {
  const now = (await backgroundClock())();
  const [ramp, account] = await Promise.all([currentRamp(now), accountSnapshot(db())]);
  if (!ramp) {
    return {
      plan: null,
      quota: null,
      resumable: { pause: false, hold: false, freeze: false },
      sandbox: account ? !account.productionAccessEnabled : null,
    };
  }
  const { record, state } = ramp;
  return {
    plan: record.plan,
    ...(record.cutPercent !== undefined ? { cutPercent: record.cutPercent } : {}),
    ...(record.monitoringOwner ? { monitoringOwner: record.monitoringOwner } : {}),
    savedBy: record.savedBy,
    savedAt: record.savedAt,
    quota: account && account.max24HourSend >= 0 ? quotaCheck(record.plan, account.max24HourSend, now) : null,
    resumable: { pause: state.paused !== null, hold: state.held !== null, freeze: state.freeze !== null },
    status: ramp.today.status,
    sandbox: account ? !account.productionAccessEnabled : null,
  };
}

export async function handleSaveRampPlan(request: SaveRampPlanRequest): Promise<SaveRampPlanReply> {
  const now = (await backgroundClock())();
  const saved = await savePlan(request.plan, request.by, now, {
    ...(request.cutPercent !== undefined ? { cutPercent: request.cutPercent } : {}),
    ...(request.monitoringOwner !== undefined ? { monitoringOwner: request.monitoringOwner } : {}),
  });
  if (!saved.ok) return { ok: false, error: saved.error };
  // Every member's browser takes the plan at its next sync; only the lead role may write it.
  const team = await currentTeamSettingsAccess();
  const unshared = team && (await shareTeamChange(team, { plan: saved.record }, saved.record.savedBy, now));
  return unshared ? { ok: true, unshared } : { ok: true };
}

export async function handleResumeRamp(request: ResumeRampRequest): Promise<ResumeRampReply> {
  const now = (await backgroundClock())();
  const { resumed } = await resumeByHand(request.what, request.by, now);
  if (!resumed) return { resumed };
  const team = await currentTeamSettingsAccess();
  const by = request.by.trim() === '' ? 'the lead' : request.by.trim();
  const resume = { id: crypto.randomUUID(), what: request.what, by, at: now.toISOString() };
  const unshared = team && (await shareTeamChange(team, { resume }, by, now));
  return unshared ? { resumed, unshared } : { resumed };
}
