import type { ManagedPolicy, ManagedSettingKey } from './managed-policy';

// Managed values laid over the SDR's settings, one key at a time: a value the settings
// schema refuses is left out (and reported) rather than throwing the whole set-up back
// to defaults.

export interface Overlaid<S> {
  settings: S;
  /** The keys the policy set and that were applied: shown locked in options. */
  locked: ManagedSettingKey[];
  /** The keys the policy set with a value the settings schema refuses. */
  refused: ManagedSettingKey[];
}

export function overlayManaged<S extends object>(
  base: S,
  policy: ManagedPolicy,
  isValidValue: (key: ManagedSettingKey, value: unknown) => boolean,
): Overlaid<S> {
  const settings = { ...base } as Record<string, unknown>;
  const locked: ManagedSettingKey[] = [];
  const refused: ManagedSettingKey[] = [];
  for (const [key, value] of Object.entries(policy.settings) as [ManagedSettingKey, unknown][]) {
    if (isValidValue(key, value)) {
      settings[key] = value;
      locked.push(key);
    } else {
      refused.push(key);
    }
  }
  return { settings: settings as S, locked, refused };
}
