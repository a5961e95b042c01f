import { useEffect, useState } from 'react';
import type { Translate } from '@/lib/i18n/translate';
import { ask } from '@/lib/protocol/ask';
import type { Replies } from '@/lib/protocol/messages';
import { runtimeTimeZone } from '@/lib/core/calendar';
import {
  dateOfDay,
  defaultPlan,
  parsePlan,
  plannedCap,
  quotaCheck,
  quotaNeeded,
  target,
  type QuotaCheck,
  type RampPlan,
} from '@/lib/ramp/plan';
import type { Resumable } from '@/lib/ramp/state';

// The lead's ramp plan: the steady-state volume, its buffer, the start date and zone,
// the complaint cut and who watches health. Validated here with the same schema the
// background stores it with; the schedule and the quota check follow as it is typed.

type Numeric = 'mailboxes' | 'prospectsPerMailboxPerDay' | 'emailsPerProspect' | 'bufferPercent';

const numericFields: { key: Numeric; label: 'planner.mailboxes' | 'planner.prospects' | 'planner.emails' | 'planner.buffer' }[] = [
  { key: 'mailboxes', label: 'planner.mailboxes' },
  { key: 'prospectsPerMailboxPerDay', label: 'planner.prospects' },
  { key: 'emailsPerProspect', label: 'planner.emails' },
  { key: 'bufferPercent', label: 'planner.buffer' },
];

export function RampPlanner({ t }: { t: Translate }) {
  const [loaded, setLoaded] = useState<Replies['rampPlan'] | null>(null);
  const [plan, setPlan] = useState<RampPlan | null>(null);
  const [cutPercent, setCutPercent] = useState(30);
  const [owner, setOwner] = useState('');
  const [by, setBy] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [maxSend, setMaxSend] = useState<number | null>(null);

  async function load(syncIfUnknown = false) {
    let reply = await ask('rampPlan', {});
    if (syncIfUnknown && reply.quota === null) {
      // SES's quota is read by a sync; on a fresh install none may have run yet.
      await ask('sync', {}).catch(() => undefined);
      reply = await ask('rampPlan', {});
    }
    setLoaded(reply);
    setPlan(reply.plan ?? defaultPlan(new Date(), runtimeTimeZone()));
    setCutPercent(reply.cutPercent ?? 30);
    setOwner(reply.monitoringOwner ?? '');
    setMaxSend(reply.quota?.max24HourSend ?? null);
  }
  useEffect(() => {
    void load(true).catch((e: Error) => setMessage({ ok: false, text: e.message }));
  }, []);

  if (!plan || !loaded) return <p>{t('planner.loading')}</p>;
  const checked = parsePlan(plan);

  async function save(event: React.FormEvent) {
    event.preventDefault();
    if (!checked.ok) return setMessage({ ok: false, text: checked.error.message });
    const reply = await ask('saveRampPlan', { plan, by, cutPercent, monitoringOwner: owner });
    // Saved here but not shared with the team: the background's sentence says why.
    setMessage(
      reply.ok
        ? reply.unshared
          ? { ok: false, text: `${t('planner.saved')} ${reply.unshared.message}` }
          : { ok: true, text: t('planner.saved') }
        : { ok: false, text: reply.error?.message ?? '' },
    );
    if (reply.ok) await load();
  }

  async function resume(what: Resumable) {
    const reply = await ask('resumeRamp', { what, by });
    if (reply.resumed)
      setMessage(
        reply.unshared
          ? { ok: false, text: `${t('planner.resumed')} ${reply.unshared.message}` }
          : { ok: true, text: t('planner.resumed') },
      );
    await load();
  }

  const resumable = (['pause', 'hold', 'freeze'] as const).filter((w) => loaded.resumable[w]);
  return (
    <section data-rampart="ramp-planner">
      <h2>{t('planner.title')}</h2>
      <p className="hint">{t('planner.intro')}</p>
      <form onSubmit={save} noValidate>
        {numericFields.map((f) => (
          <label key={f.key} className="field">
            <span className="label">{t(f.label)}</span>
            <input
              type="number"
              min={f.key === 'bufferPercent' ? 20 : 1}
              max={f.key === 'bufferPercent' ? 30 : undefined}
              value={plan[f.key]}
              data-field={f.key}
              onChange={(e) => setPlan({ ...plan, [f.key]: Number(e.target.value) })}
            />
          </label>
        ))}
        <label className="field">
          <span className="label">{t('planner.start')}</span>
          <input
            type="date"
            value={plan.startDate}
            data-field="startDate"
            onChange={(e) => setPlan({ ...plan, startDate: e.target.value })}
          />
        </label>
        <label className="field">
          <span className="label">{t('planner.time-zone')}</span>
          <input value={plan.timeZone} data-field="timeZone" onChange={(e) => setPlan({ ...plan, timeZone: e.target.value })} />
        </label>
        <label className="field">
          <span className="label">{t('planner.cut')}</span>
          <input
            type="number"
            min={30}
            max={50}
            value={cutPercent}
            data-field="cutPercent"
            onChange={(e) => setCutPercent(Number(e.target.value))}
          />
        </label>
        <label className="field">
          <span className="label">{t('planner.owner')}</span>
          <input value={owner} data-field="monitoringOwner" onChange={(e) => setOwner(e.target.value)} />
        </label>
        <label className="field">
          <span className="label">{t('planner.by')}</span>
          <input value={by} data-field="by" onChange={(e) => setBy(e.target.value)} />
        </label>

        {checked.ok ? (
          <Schedule plan={checked.plan} maxSend={maxSend} t={t} />
        ) : (
          <p className="error" role="alert">
            {checked.error.message}
          </p>
        )}
        <button type="submit" disabled={!checked.ok}>
          {t('planner.save')}
        </button>
        {message && (
          <span role="status" className={message.ok ? undefined : 'error'}>
            {message.text}
          </span>
        )}
      </form>

      <h3>{t('planner.resume.title')}</h3>
      {resumable.length === 0 ? (
        <p className="hint">{t('planner.resume.none')}</p>
      ) : (
        resumable.map((what) => (
          <button key={what} type="button" data-resume={what} onClick={() => void resume(what)}>
            {t(`planner.resume.${what}`)}
          </button>
        ))
      )}
    </section>
  );
}

/** Whether SES's quota fits the plan, and when to ask for more, in the UI's language. */
function quotaSentence(quota: QuotaCheck, t: Translate): string {
  const figures = { max: quota.max24HourSend, target: quota.target, buffer: quota.bufferPercent, needed: quota.quotaNeeded };
  if (!quota.increaseNeeded || !quota.reachesOn) return t('quota.enough', figures);
  const need = t('quota.need', { ...figures, date: quota.reachesOn.date, day: quota.reachesOn.dayNumber });
  const when =
    quota.timing === 'ask-later'
      ? t('quota.ask-later', { from: quota.askFrom ?? '', by: quota.askBy ?? '' })
      : quota.timing === 'ask-now'
        ? t('quota.ask-now', { by: quota.askBy ?? '' })
        : t('quota.overdue', { date: quota.reachesOn.date });
  return `${need} ${when}`;
}

function Schedule({ plan, maxSend, t }: { plan: RampPlan; maxSend: number | null; t: Translate }) {
  const quota = maxSend === null ? null : quotaCheck(plan, maxSend, new Date());
  return (
    <div className="schedule">
      <p>{t('planner.target', { target: target(plan), quota: quotaNeeded(plan) })}</p>
      <ul>
        {plan.steps.map((step) => (
          <li key={step.fromDay}>
            {t('planner.schedule', { day: step.fromDay, date: dateOfDay(plan, step.fromDay), cap: plannedCap(plan, step.fromDay) })}
          </li>
        ))}
      </ul>
      <p className={quota?.increaseNeeded ? 'error' : 'hint'} data-rampart="quota-check">
        {quota ? quotaSentence(quota, t) : t('planner.quota-unknown')}
      </p>
    </div>
  );
}
