import { useEffect, useState } from 'react';
import { useI18n } from '@/lib/i18n/use-i18n';
import { SES_REGIONS, isSesRegion } from '@/lib/core/regions';
import { loadSettingsWithPolicy, saveSettings, settingsSchema, type Settings } from '@/lib/store/settings';
import { isEmulatorProfile } from '@/lib/core/profile';

// The team's AWS set-up and the SDR's From identity. Every field is validated with the
// same zod schema the background reads with; nothing invalid is stored.

// The settings typed in as text; Gmail's Send guard is the checkbox below, and the
// sign-in and STOP-reply switches belong to their own panels.
type TextField = Extract<
  keyof Settings,
  | 'region'
  | 'identityPoolId'
  | 'configurationSet'
  | 'fromName'
  | 'fromAddress'
  | 'senderTag'
  | 'replyTo'
  | 'avoidFromDomains'
  | 'contactList'
  | 'contactTopic'
  | 'userPoolId'
  | 'userPoolClientId'
  | 'hostedUiDomain'
  | 'teamSettingsBucket'
  | 'teamSettingsRegion'
  | 'endpointOverride'
  | 'dohResolver'
>;

// Labels and hints are `settings.<key>` and `settings.hint.<key>` in lib/i18n.
const fields: { key: TextField; optional?: boolean }[] = [
  { key: 'region' },
  { key: 'identityPoolId' },
  { key: 'configurationSet' },
  { key: 'fromName' },
  { key: 'fromAddress' },
  { key: 'senderTag' },
  { key: 'replyTo', optional: true },
  { key: 'avoidFromDomains', optional: true },
  { key: 'contactList', optional: true },
  { key: 'contactTopic', optional: true },
  { key: 'userPoolId', optional: true },
  { key: 'userPoolClientId', optional: true },
  { key: 'hostedUiDomain', optional: true },
  { key: 'teamSettingsBucket', optional: true },
  { key: 'teamSettingsRegion', optional: true },
  { key: 'dohResolver', optional: true },
  // Only the emulator profile has an endpoint override: production talks to AWS (lib/store/settings.ts).
  ...(isEmulatorProfile ? [{ key: 'endpointOverride' as const, optional: true }] : []),
];

export function SettingsForm() {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Settings | null>(null);
  const [errors, setErrors] = useState<Partial<Record<keyof Settings, string>>>({});
  const [saved, setSaved] = useState(false);
  // Keys the administrator's policy sets (lib/store/managed-policy.ts): shown, not editable.
  const [locked, setLocked] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => {
    void loadSettingsWithPolicy().then(({ settings, locked: keys }) => {
      setDraft(settings);
      setLocked(new Set(keys));
    });
  }, []);

  if (!draft) return <p>{t('settings.loading')}</p>;

  function update(key: TextField, value: string) {
    setSaved(false);
    setDraft((d) => (d ? { ...d, [key]: value === '' && fields.find((f) => f.key === key)?.optional ? undefined : value } : d));
  }

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    if (!draft) return;
    const parsed = settingsSchema.safeParse(draft);
    if (!parsed.success) {
      const next: Partial<Record<keyof Settings, string>> = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path[0] as keyof Settings;
        // zod's own description of the problem, which stays in English.
        next[key] ??= t('settings.invalid', { problem: issue.message.replace(/^Invalid string: /, '') });
      }
      setErrors(next);
      setSaved(false);
      return;
    }
    // The sign-in page gets the password and its token endpoint the tokens: in production
    // it is the administrator's, set by their policy with its user pool (lib/store/settings.ts).
    if (!isEmulatorProfile && parsed.data.hostedUiDomain && !locked.has('hostedUiDomain')) {
      setErrors({
        hostedUiDomain: t('settings.invalid', {
          problem:
            'no hosted-UI domain here: it comes only from your administrator’s policy, together with the user pool it belongs to (leave it empty)',
        }),
      });
      setSaved(false);
      return;
    }
    setErrors({});
    await saveSettings(parsed.data);
    setSaved(true);
  }

  return (
    <form onSubmit={onSubmit} data-rampart="settings-form" noValidate>
      {fields.map((f) => (
        <label key={f.key} className="field">
          <span className="label">{t(`settings.${f.key}`)}</span>
          {f.key === 'region' ? (
            // Only the regions where SES v2 is offered: the build holds host permissions for no other.
            <select
              name="region"
              value={draft.region}
              onChange={(e) => update('region', e.target.value)}
              aria-invalid={errors.region ? true : undefined}
              disabled={locked.has('region')}
            >
              {!isSesRegion(draft.region) && <option value={draft.region}>{draft.region}</option>}
              {SES_REGIONS.map((region) => (
                <option key={region} value={region}>
                  {region}
                </option>
              ))}
            </select>
          ) : (
            <input
              name={f.key}
              value={(draft[f.key] as string | undefined) ?? ''}
              onChange={(e) => update(f.key, e.target.value)}
              aria-invalid={errors[f.key] ? true : undefined}
              disabled={locked.has(f.key)}
            />
          )}
          {locked.has(f.key) ? (
            <span className="hint" data-rampart="locked" data-key={f.key}>
              {t('settings.locked')}
            </span>
          ) : (
            <span className={errors[f.key] ? 'error' : 'hint'} data-rampart-error={errors[f.key] ? f.key : undefined}>
              {errors[f.key] ?? t(`settings.hint.${f.key}`)}
            </span>
          )}
        </label>
      ))}
      <label className="check">
        <input
          type="checkbox"
          name="guardGmailSend"
          checked={draft.guardGmailSend}
          disabled={locked.has('guardGmailSend')}
          onChange={(e) => setDraft({ ...draft, guardGmailSend: e.target.checked })}
        />
        {t('settings.guardGmailSend')}
      </label>
      <button type="submit">{t('settings.save')}</button>
      {saved && <span role="status">{t('settings.saved')}</span>}
    </form>
  );
}
