import type { HealthView } from '@/lib/dashboard/view';
import type { RateName, RateReport } from '@/lib/ramp/health';
import type { Translate } from '@/lib/i18n/translate';

// The five rates over the last 7 days, with their counts, Rampart's levels and AWS's
// own review / pause levels beside them. Unknown is shown as unknown, with the reason.

const hooks: Record<RateName, string> = {
  delivery: 'health-delivery',
  hardBounce: 'health-hard-bounce',
  softBounce: 'health-soft-bounce',
  complaint: 'health-complaint',
  unsubscribe: 'health-unsubscribe',
};

function percent(value: number, language: string): string {
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(value)}%`;
}

export function HealthTable({ health, t, language }: { health: HealthView; t: Translate; language: string }) {
  const source =
    health.source === 'vdm'
      ? t('health.source.vdm', { time: health.syncedAt ? new Date(health.syncedAt).toLocaleString(language) : '—' })
      : t('health.source.ledger');
  return (
    <section>
      <h2>{t('health.title')}</h2>
      <table className="health">
        <thead>
          <tr>
            <th>{t('health.col.rate')}</th>
            <th>{t('health.col.value')}</th>
            <th>{t('health.col.counts')}</th>
            <th>{t('health.col.levels')}</th>
            <th>{t('health.col.aws')}</th>
          </tr>
        </thead>
        <tbody>
          {health.rates.map((rate) => (
            <RateRow key={rate.name} rate={rate} t={t} language={language} />
          ))}
        </tbody>
      </table>
      {health.rates.some((r) => r.unknown?.reason === 'no-sends') && <p className="muted small">{t('health.unknown.no-sends')}</p>}
      <p className="muted small" title={health.fallbackReason}>
        {source}
      </p>
    </section>
  );
}

function RateRow({ rate, t, language }: { rate: RateReport; t: Translate; language: string }) {
  const level = (value: number) =>
    rate.threshold.badWhen === 'below' ? t('health.below', { value: percent(value, language) }) : percent(value, language);
  return (
    <tr data-rampart={hooks[rate.name]} data-status={rate.status} className={`status-${rate.status}`}>
      <th scope="row">{t(`health.rate.${rate.name}`)}</th>
      <td title={rate.unknown ? t(`health.unknown.${rate.unknown.reason}`) : undefined}>
        <span className="badge">{t(`health.status.${rate.status}`)}</span> {rate.percent === null ? '—' : percent(rate.percent, language)}
        {/* Nothing sent is said once under the table; a missing source is said on its row. */}
        {rate.unknown?.reason === 'no-source' && <div className="small muted">{t('health.unknown.no-source')}</div>}
      </td>
      <td>
        {rate.numerator ?? '—'} / {rate.denominator ?? '—'}
        {rate.lowVolume && rate.sends !== null && rate.sends > 0 && <div className="small muted">{t('health.low-volume')}</div>}
      </td>
      <td>
        {level(rate.threshold.warn)} / {level(rate.threshold.alert)}
      </td>
      <td>{rate.aws ? `${percent(rate.aws.review, language)} / ${percent(rate.aws.pause, language)}` : '—'}</td>
    </tr>
  );
}
