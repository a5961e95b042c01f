import { useEffect, useState } from 'react';
import type { Translate } from '@/lib/i18n/translate';
import { ask } from '@/lib/protocol/ask';
import { daysBetween } from '@/lib/core/calendar';
import { dateOfDay, stepCap, target, type RampPlan } from '@/lib/ramp/plan';

// Help for the request AWS reads before granting production access or more quota
// (docs/rules.md, "The five-minute check"): plain answers on who receives the mail, where the
// addresses come from, opting out, the ramp, bounces and complaints. The ramp and the
// suppression answers are drafted from the plan; the first two only the lead can write.

export function ProductionAccess({ t }: { t: Translate }) {
  const [plan, setPlan] = useState<RampPlan | null>(null);
  const [who, setWho] = useState('');
  const [where, setWhere] = useState('');
  useEffect(() => {
    void ask('rampPlan', {}).then(
      (reply) => setPlan(reply.plan),
      () => setPlan(null),
    );
  }, []);

  const last = plan?.steps[plan.steps.length - 1];
  const rampAnswer =
    plan && last
      ? t('access.ramp-answer', {
          first: stepCap(plan, 0),
          target: target(plan),
          days: daysBetween(plan.startDate, dateOfDay(plan, last.fromDay)) + 1,
        })
      : '';
  const answers: { label: Parameters<Translate>[0]; value: string; edit?: (v: string) => void }[] = [
    { label: 'access.who', value: who, edit: setWho },
    { label: 'access.where', value: where, edit: setWhere },
    { label: 'access.optout', value: t('access.optout-answer') },
    { label: 'access.ramp', value: rampAnswer },
    { label: 'access.bounces', value: t('access.bounces-answer') },
  ];
  return (
    <section data-rampart="production-access">
      <h2>{t('access.title')}</h2>
      <p className="hint">{t('access.intro')}</p>
      {answers.map((a) => (
        <label key={a.label} className="field">
          <span className="label">{t(a.label)}</span>
          <textarea rows={3} value={a.value} readOnly={!a.edit} onChange={a.edit ? (e) => a.edit!(e.target.value) : undefined} />
        </label>
      ))}
      <p className="hint">{t('access.refused')}</p>
    </section>
  );
}
