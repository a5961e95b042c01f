import type { DashboardAlert } from '@/lib/dashboard/view';
import type { MessageKey } from '@/lib/i18n/en';
import type { Translate } from '@/lib/i18n/translate';

// Active alerts and the automatic actions in force, worst first.

function wording(alert: DashboardAlert, t: Translate, language: string): string {
  const params = alert.params ?? {};
  switch (alert.code) {
    case 'rate-warn':
    case 'rate-alert':
      return t('alert.rate', { ...params, rate: t(`health.rate.${String(params.rate)}` as MessageKey) });
    case 'frozen':
      return t('alert.frozen', { until: params.until ? new Date(String(params.until)).toLocaleString(language) : '—' });
    case 'sync-failed':
      return t('alert.sync-failed', { message: alert.sentence });
    case 'feedback-failed':
      return t('alert.feedback-failed', { message: alert.sentence });
    default:
      return t(`alert.${alert.code}`);
  }
}

export function AlertList({ alerts, t, language }: { alerts: readonly DashboardAlert[]; t: Translate; language: string }) {
  return (
    <section>
      <h2>{t('alerts.title')}</h2>
      {alerts.length === 0 ? (
        <p className="muted">{t('alerts.none')}</p>
      ) : (
        <ul className="alerts" data-rampart="alerts">
          {alerts.map((alert, i) => (
            <li key={i} className={`severity-${alert.severity}`} data-code={alert.code}>
              {wording(alert, t, language)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
