import * as z from 'zod/mini';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { db, type RampartDb } from '@/lib/store/db';
import { readRecord, writeRecord, type TeamSettingsRecord } from '@/lib/store/records';
import { loadSettings, type Settings } from '@/lib/store/settings';
import { awsClients } from '@/lib/aws/client';
import type { UserError } from '@/lib/core/errors';
import { describeError } from '@/lib/aws/errors';
import { readTeamSettings, writeTeamSettings, type Fetch, type TeamSettingsLocation } from '@/lib/aws/team-settings';
import { planRecordOf, readPlanRecord, type PlanRecord } from './ramp-records';
import { adoptSharedPlan, PRECONFIGURED_PLAN_AUTHOR, resumeFromTeam } from './ramp';
import { MANAGED_PLAN_AUTHOR } from './managed-ramp-plan';

// The team's settings object (docs/architecture.md, "The team's settings"): what a lead
// decides for everyone — the ramp plan and the resumes of a pause, a hold or a freeze —
// written by the lead's browser and read by every member's at each sync. It holds:
//   { format: 1, revision, writtenAt, writtenBy, plan: <plan record> | null,
//     resumes: [{ id, what, by, at }] (newest last, the last RESUMES_KEPT) }
// Merge rules, in each browser:
// - the plan: the shared record replaces the stored one when it was saved later
//   (`savedAt`), or when the stored one is the emulator profile's preconfigured plan; a
//   plan the administrator's policy set is not replaced (the policy wins, as in options);
// - a resume applies once (its id is remembered), and only to a flag raised at or
//   before it: a pause raised after the lead's resume is new evidence;
// - a lead's write is read-modify-write: the object as S3 has it now, the change laid
//   on it, the revision one higher. S3 keeps every version (the bucket is versioned).

export const TEAM_SETTINGS_FORMAT = 1;
/** Enough for weeks of resumes; older ones have been read by every active browser. */
export const RESUMES_KEPT = 50;
/** Applied resume ids remembered: more than the object keeps. */
const APPLIED_KEPT = 200;
const TEAM_SETTINGS_RECORD = 'team:settings';

const resumeSchema = z.object({
  id: z.string().check(z.minLength(1)),
  what: z.enum(['pause', 'hold', 'freeze']),
  by: z.string(),
  at: z.iso.datetime(),
});
export type TeamResume = z.infer<typeof resumeSchema>;

const teamSettingsSchema = z.object({
  format: z.literal(TEAM_SETTINGS_FORMAT),
  revision: z.int().check(z.gte(0)),
  writtenAt: z.string(),
  writtenBy: z.string(),
  /** A plan record (lib/account/ramp-records.ts), validated on its own. */
  plan: z.nullable(z.unknown()),
  resumes: z.array(resumeSchema),
});
export type TeamSettings = z.infer<typeof teamSettingsSchema>;

export function parseTeamSettings(body: string): TeamSettings | undefined {
  try {
    const parsed = teamSettingsSchema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export const emptyTeamSettings = (): TeamSettings => ({
  format: TEAM_SETTINGS_FORMAT,
  revision: 0,
  writtenAt: new Date(0).toISOString(),
  writtenBy: '',
  plan: null,
  resumes: [],
});

/** What a browser takes from the object: the plan to store (if any) and the resumes to apply. */
export interface TeamMerge {
  plan?: PlanRecord;
  resumes: TeamResume[];
}

/** The merge rules above, as a function of what is stored here and what the object says. */
export function mergeTeamSettings(local: { plan: PlanRecord | undefined; applied: readonly string[] }, shared: TeamSettings): TeamMerge {
  const merge: TeamMerge = { resumes: shared.resumes.filter((r) => !local.applied.includes(r.id)) };
  const plan = planRecordOf(shared.plan);
  if (plan && local.plan?.savedBy !== MANAGED_PLAN_AUTHOR) {
    const newer =
      !local.plan || local.plan.savedBy === PRECONFIGURED_PLAN_AUTHOR || Date.parse(plan.savedAt) > Date.parse(local.plan.savedAt);
    if (newer && JSON.stringify(plan) !== JSON.stringify(local.plan)) merge.plan = plan;
  }
  return merge;
}

/** A lead's change laid on the object as read: the newer plan, the resume added, the revision up. */
export function withChange(shared: TeamSettings, change: { plan?: PlanRecord; resume?: TeamResume }, by: string, now: Date): TeamSettings {
  const current = planRecordOf(shared.plan);
  const plan =
    change.plan && (!current || Date.parse(change.plan.savedAt) >= Date.parse(current.savedAt)) ? change.plan : (current ?? null);
  const resumes = change.resume ? [...shared.resumes.filter((r) => r.id !== change.resume!.id), change.resume] : shared.resumes;
  return {
    format: TEAM_SETTINGS_FORMAT,
    revision: shared.revision + 1,
    writtenAt: now.toISOString(),
    writtenBy: by,
    plan,
    resumes: resumes.slice(-RESUMES_KEPT),
  };
}

/** Where the object is and who reads it: from the settings and the AWS clients' target. */
export interface TeamSettingsAccess {
  location: TeamSettingsLocation;
  credentials: AwsCredentialIdentityProvider;
  fetch?: Fetch;
}

/** The object's location from the settings; none without a bucket. */
export function teamSettingsLocation(settings: Settings, endpoint: string | undefined): TeamSettingsLocation | undefined {
  if (!settings.teamSettingsBucket) return undefined;
  return {
    bucket: settings.teamSettingsBucket,
    region: settings.teamSettingsRegion ?? settings.region,
    ...(endpoint ? { endpoint } : {}),
  };
}

async function readState(database: RampartDb): Promise<TeamSettingsRecord | undefined> {
  return readRecord(TEAM_SETTINGS_RECORD, database);
}

async function remember(state: TeamSettingsRecord, now: Date, database: RampartDb): Promise<void> {
  await writeRecord(TEAM_SETTINGS_RECORD, { ...state, appliedResumes: state.appliedResumes.slice(-APPLIED_KEPT) }, now, database);
}

export interface TeamSyncOutcome {
  /** `unchanged`: S3 answered 304; `absent`: no lead has written it yet. */
  read: 'read' | 'unchanged' | 'absent' | 'unreadable';
  planAdopted: boolean;
  resumed: TeamResume['what'][];
  error?: UserError;
}

/** Apply what the object says to this browser's plan and ramp state (the merge rules above). */
export async function applyTeamSettings(
  shared: TeamSettings,
  etag: string | null,
  now: Date,
  database: RampartDb = db(),
): Promise<TeamSyncOutcome> {
  const state = await readState(database);
  const applied = state?.appliedResumes ?? [];
  const merge = mergeTeamSettings({ plan: await readPlanRecord(database), applied }, shared);
  if (merge.plan) await adoptSharedPlan(merge.plan, now, database);
  const resumed: TeamResume['what'][] = [];
  for (const resume of merge.resumes) {
    if (await resumeFromTeam(resume, now, database)) resumed.push(resume.what);
  }
  await remember(
    { etag, revision: shared.revision, appliedResumes: [...applied, ...merge.resumes.map((r) => r.id)], readAt: now.toISOString() },
    now,
    database,
  );
  return { read: 'read', planAdopted: merge.plan !== undefined, resumed };
}

/** Read the object (If-None-Match the last ETag) and apply it. Never throws: a failure is the outcome's sentence. */
export async function syncTeamSettings(access: TeamSettingsAccess, now: Date, database: RampartDb = db()): Promise<TeamSyncOutcome> {
  try {
    const state = await readState(database);
    const read = await readTeamSettings(access.location, access.credentials, state?.etag ?? undefined, access.fetch);
    if (read.status !== 'read') return { read: read.status, planAdopted: false, resumed: [] };
    const shared = parseTeamSettings(read.body);
    if (!shared) {
      return {
        read: 'unreadable',
        planAdopted: false,
        resumed: [],
        error: {
          code: 'team-settings-invalid',
          message: 'The team’s settings in S3 are not in a form Rampart reads: ask your lead to save the ramp plan again.',
        },
      };
    }
    return await applyTeamSettings(shared, read.etag, now, database);
  } catch (error) {
    return { read: 'unreadable', planAdopted: false, resumed: [], error: describeError(error) };
  }
}

/**
 * A lead's plan or resume, shared: the object read fresh, the change laid on it, written
 * back. Undefined when shared; else the sentence (an SDR's write is refused by AWS).
 * The change is already stored in this browser, and a resume made here is marked applied.
 */
export async function shareTeamChange(
  access: TeamSettingsAccess,
  change: { plan?: PlanRecord; resume?: TeamResume },
  by: string,
  now: Date,
  database: RampartDb = db(),
): Promise<UserError | undefined> {
  if (change.resume) {
    const state = await readState(database);
    await remember(
      {
        etag: state?.etag ?? null,
        revision: state?.revision ?? 0,
        appliedResumes: [...(state?.appliedResumes ?? []), change.resume.id],
        readAt: state?.readAt ?? now.toISOString(),
      },
      now,
      database,
    );
  }
  try {
    const read = await readTeamSettings(access.location, access.credentials, undefined, access.fetch);
    const current = read.status === 'read' ? parseTeamSettings(read.body) : undefined;
    const next = withChange(current ?? emptyTeamSettings(), change, by, now);
    await writeTeamSettings(access.location, access.credentials, JSON.stringify(next), access.fetch);
    return undefined;
  } catch (error) {
    return describeError(error);
  }
}

/** The object as the stored settings and the AWS clients point at it; none without a bucket. */
export async function currentTeamSettingsAccess(): Promise<TeamSettingsAccess | undefined> {
  const settings = await loadSettings();
  const clients = awsClients(settings);
  const location = teamSettingsLocation(settings, clients.target.endpoint);
  return location && { location, credentials: clients.credentials };
}
