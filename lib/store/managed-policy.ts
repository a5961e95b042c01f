// What an administrator set through the browser's policy (`storage.managed`, declared by
// public/managed_schema.json): the team's AWS set-up, the From identity and the ramp
// plan, pushed to every SDR's browser. Managed values win over what the SDR stored and
// are shown locked in options.

/** The settings an administrator may set (the rest of public/managed_schema.json is the ramp plan). */
export const MANAGED_SETTING_KEYS = [
  'region',
  'identityPoolId',
  'userPoolId',
  'userPoolClientId',
  'hostedUiDomain',
  'googleSignIn',
  'teamSettingsBucket',
  'teamSettingsRegion',
  'configurationSet',
  'fromName',
  'fromAddress',
  'senderTag',
  'replyTo',
  'avoidFromDomains',
  'contactList',
  'contactTopic',
  'endpointOverride',
  'guardGmailSend',
  'dohResolver',
] as const;
export type ManagedSettingKey = (typeof MANAGED_SETTING_KEYS)[number];

export interface ManagedPolicy {
  /** Only the keys the administrator set. */
  settings: Partial<Record<ManagedSettingKey, unknown>>;
  /** The plan's fields as set by policy (validated where the plan is stored). */
  rampPlan?: Record<string, unknown>;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The policy, or an empty one where the browser has none (Firefox without a managed
 * storage manifest throws; Chrome answers `{}`).
 */
export async function readManagedPolicy(): Promise<ManagedPolicy> {
  let raw: Record<string, unknown>;
  try {
    raw = (await browser.storage.managed.get()) as Record<string, unknown>;
  } catch {
    return { settings: {} };
  }
  const settings: ManagedPolicy['settings'] = {};
  for (const key of MANAGED_SETTING_KEYS) if (raw[key] !== undefined) settings[key] = raw[key];
  return { settings, ...(isObject(raw.rampPlan) ? { rampPlan: raw.rampPlan } : {}) };
}
