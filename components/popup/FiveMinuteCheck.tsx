import type { CheckLine } from '@/lib/dashboard/view';
import type { Translate } from '@/lib/i18n/translate';

// docs/rules.md's five-minute check: shown until every line is green.

export function FiveMinuteCheck({ lines, t }: { lines: readonly CheckLine[]; t: Translate }) {
  if (lines.every((line) => line.status === 'ok')) return null;
  return (
    <section>
      <h2>{t('check.title')}</h2>
      <ul className="checklist" data-rampart="five-minute-check">
        {lines.map((line) => (
          <li key={line.code} data-status={line.status} className={`check-${line.status}`}>
            <span className="badge">{t(`check.status.${line.status}`)}</span> {t(`check.${line.code}`)}
            {line.status !== 'ok' && <div className="small muted">{t(`check.detail.${line.detail.reason}`, line.detail.params)}</div>}
          </li>
        ))}
      </ul>
    </section>
  );
}
