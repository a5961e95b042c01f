import { useEffect, useState } from 'react';
import { loadSettingsWithPolicy, saveSettings, settingsSchema, type Settings } from '@/lib/settings';

// The team's AWS set-up and the SDR's From identity. Every field is validated with the
// same zod schema the background reads with; nothing invalid is stored.

type TextField = Exclude<keyof Settings, 'guardGmailSend'>;

const fields: { key: TextField; label: string; hint: string; optional?: boolean }[] = [
  { key: 'region', label: 'AWS region', hint: 'Where your SES account sends from, e.g. us-east-1.' },
  { key: 'identityPoolId', label: 'Cognito identity pool id', hint: 'From the backend set-up, e.g. us-east-1:…' },
  { key: 'configurationSet', label: 'SES configuration set', hint: 'Publishes bounces, complaints and deliveries.' },
  { key: 'fromName', label: 'From name', hint: 'Pinned at your first send: a change asks for confirmation.' },
  { key: 'fromAddress', label: 'From address', hint: 'A verified identity of the SES account.' },
  { key: 'senderTag', label: 'Sender tag', hint: 'Routes your feedback events to your queue.' },
  { key: 'replyTo', label: 'Reply-To', hint: 'Optional.', optional: true },
  { key: 'contactList', label: 'Contact list', hint: 'For one-click unsubscribe. Optional.', optional: true },
  { key: 'contactTopic', label: 'Contact list topic', hint: 'Optional.', optional: true },
  { key: 'userPoolId', label: 'Cognito user pool id', hint: 'Sign-in, from the backend set-up, e.g. us-east-1_AbCdEf123. Optional.', optional: true },
  { key: 'userPoolClientId', label: 'User pool app client id', hint: 'Sign-in. Optional.', optional: true },
  { key: 'hostedUiDomain', label: 'Hosted-UI domain', hint: 'Sign-in, e.g. team.auth.us-east-1.amazoncognito.com. Optional.', optional: true },
  { key: 'endpointOverride', label: 'Endpoint override', hint: 'A local emulator or proxy. Leave empty for AWS.', optional: true },
];

export function SettingsForm() {
  const [draft, setDraft] = useState<Settings | null>(null);
  const [errors, setErrors] = useState<Partial<Record<keyof Settings, string>>>({});
  const [saved, setSaved] = useState<string | null>(null);
  // Keys the administrator's policy sets (lib/managed): shown, not editable.
  const [locked, setLocked] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => {
    void loadSettingsWithPolicy().then(({ settings, locked: keys }) => {
      setDraft(settings);
      setLocked(new Set(keys));
    });
  }, []);

  if (!draft) return <p>Loading…</p>;

  function update(key: TextField, value: string) {
    setSaved(null);
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
        next[key] ??= `Expected ${issue.message.replace(/^Invalid string: /, '')}.`;
      }
      setErrors(next);
      setSaved(null);
      return;
    }
    setErrors({});
    await saveSettings(parsed.data);
    setSaved('Saved.');
  }

  return (
    <form onSubmit={onSubmit} data-rampart="settings-form" noValidate>
      {fields.map((f) => (
        <label key={f.key} className="field">
          <span className="label">{f.label}</span>
          <input
            name={f.key}
            value={(draft[f.key] as string | undefined) ?? ''}
            onChange={(e) => update(f.key, e.target.value)}
            aria-invalid={errors[f.key] ? true : undefined}
            disabled={locked.has(f.key)}
          />
          {locked.has(f.key) ? (
            <span className="hint" data-rampart="locked" data-key={f.key}>
              Set by your administrator’s policy.
            </span>
          ) : (
            <span className={errors[f.key] ? 'error' : 'hint'} data-rampart-error={errors[f.key] ? f.key : undefined}>
              {errors[f.key] ?? f.hint}
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
        Hold Gmail’s own Send when a guardrail blocks the draft
      </label>
      <button type="submit">Save</button>
      {saved && <span role="status">{saved}</span>}
    </form>
  );
}
