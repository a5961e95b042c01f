import { useCallback, useEffect, useState } from 'react';
import type { DashboardView } from '../../lib/dashboard/view';
import { useI18n } from '../../lib/i18n/use-i18n';
import { ask, type Replies } from '../../lib/messages';
import { AlertList } from './AlertList';
import { CapSummary } from './CapSummary';
import { ChangeLogList } from './ChangeLogList';
import { FiveMinuteCheck } from './FiveMinuteCheck';
import { HealthTable } from './HealthTable';
import { RampChart } from './RampChart';

// The toolbar popup. It paints at once from what the background has in IndexedDB, then
// syncs with SES and paints again: opening it never waits on the network.

type SyncState = { state: 'idle' } | { state: 'syncing' } | { state: 'done'; reply: Replies['sync'] };

export function Popup() {
  const { t, language } = useI18n();
  const [view, setView] = useState<DashboardView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sync, setSync] = useState<SyncState>({ state: 'idle' });

  const read = useCallback(async () => {
    try {
      setView(await ask('dashboard', {}));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);

  const syncNow = useCallback(async () => {
    setSync({ state: 'syncing' });
    let reply: Replies['sync'];
    try {
      reply = await ask('sync', {});
    } catch (e) {
      reply = { ok: false, at: new Date().toISOString(), error: { code: 'sync-failed', message: (e as Error).message } };
    }
    await read();
    setSync({ state: 'done', reply });
  }, [read]);

  useEffect(() => {
    void read().then(syncNow);
  }, [read, syncNow]);

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('popup.title');
  }, [language, t]);

  const syncedAt = view?.account?.syncedAt;
  return (
    <main className="popup">
      <header>
        <h1>{t('popup.title')}</h1>
        <button type="button" data-rampart="sync" disabled={sync.state === 'syncing'} onClick={() => void syncNow()}>
          {sync.state === 'syncing' ? t('popup.syncing') : t('popup.sync')}
        </button>
      </header>
      <p className="muted small" data-rampart="sync-status" data-state={sync.state === 'done' ? (sync.reply.ok ? 'ok' : 'failed') : sync.state}>
        {sync.state === 'done' && !sync.reply.ok && sync.reply.error
          ? t('popup.sync-failed', { message: sync.reply.error.message })
          : syncedAt
            ? t('popup.synced', { time: new Date(syncedAt).toLocaleTimeString(language, { timeStyle: 'short' }) })
            : t('popup.never-synced')}
      </p>
      {error && (
        <p className="error" role="alert">
          {t('popup.error', { message: error })}
        </p>
      )}
      {!view ? (
        !error && <p className="muted">{t('popup.loading')}</p>
      ) : (
        <>
          {view.sandbox && (
            <div className="banner" role="alert" data-rampart="sandbox">
              <strong>{t('sandbox.title')}</strong> {t('sandbox.body')}
            </div>
          )}
          <CapSummary cap={view.cap} t={t} />
          <section className="ramp">
            <h2>{t('ramp.title')}</h2>
            {view.ramp ? (
              <>
                <p>
                  {t('ramp.day')} <strong data-rampart="ramp-day">{view.ramp.rampDay}</strong>{' '}
                  <span className={`ramp-status status-${view.ramp.status}`} data-rampart="ramp-status" data-status={view.ramp.status}>
                    {t(`ramp.status.${view.ramp.status}`)}
                  </span>
                  {view.ramp.rampDay !== view.ramp.dayNumber && (
                    <span className="muted"> · {t('ramp.calendar-day', { day: view.ramp.dayNumber })}</span>
                  )}
                </p>
                <p className="muted small">
                  {t('ramp.caps', { teamCap: view.ramp.teamCap, plannedCap: view.ramp.plannedCap, target: view.ramp.target })}
                </p>
                <RampChart days={view.chart} t={t} />
              </>
            ) : (
              <p className="muted">{t('ramp.none')}</p>
            )}
          </section>
          <AlertList alerts={view.alerts} t={t} language={language} />
          <HealthTable health={view.health} t={t} language={language} />
          <FiveMinuteCheck lines={view.checklist} t={t} />
          <ChangeLogList lines={view.changeLog} t={t} language={language} />
        </>
      )}
      <footer>
        <a href="/options.html" target="_blank" rel="noreferrer">
          {t('popup.open-options')}
        </a>
      </footer>
    </main>
  );
}
