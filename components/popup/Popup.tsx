import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { ask } from '@/lib/protocol/ask';
import type { CapTodayView, DashboardView } from '@/lib/dashboard/view';
import { useI18n } from '@/lib/i18n/use-i18n';
import type { Replies } from '@/lib/protocol/messages';
import { CapSummary } from './CapSummary';

// The toolbar popup. It paints today's cap and the ramp first (the `capToday` message,
// asked before this component even loaded: entrypoints/popup), then the rest of what
// the background has in IndexedDB, then syncs with SES and paints again: opening it
// never waits on the network, and the number it is opened for waits on nothing else.

// What the first paint does not show is loaded apart.
const RampChart = lazy(() => import('./RampChart').then((m) => ({ default: m.RampChart })));
const PopupDetails = lazy(() => import('./PopupDetails'));

type SyncState = { state: 'idle' } | { state: 'syncing' } | { state: 'done'; reply: Replies['sync'] };

/** What the popup's entry has asked for already (entrypoints/popup/main.tsx). */
export interface PopupReads {
  capToday: Promise<CapTodayView>;
  /** Today's cap, when it arrived before React loaded. */
  arrived?: CapTodayView | undefined;
  /** The first dashboard, asked once the cap has arrived. */
  dashboard: Promise<DashboardView>;
}

export function Popup({ capToday, arrived, dashboard }: PopupReads) {
  const { t, language } = useI18n();
  // Already painted before React loaded (first-paint.ts): drawn again in the first commit,
  // which replaces that paint, so the number never leaves the screen.
  const [headline, setHeadline] = useState<CapTodayView | null>(arrived ?? null);
  const [view, setView] = useState<DashboardView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sync, setSync] = useState<SyncState>({ state: 'idle' });

  const show = useCallback(async (read: Promise<DashboardView>) => {
    try {
      setView(await read);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);
  const read = useCallback(() => show(ask('dashboard', {})), [show]);

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
    void capToday
      // Painted in the task its answer arrives in, not at React's next turn.
      .then(
        (first) => flushSync(() => setHeadline(first)),
        (e: unknown) => setError((e as Error).message),
      )
      .then(() => show(dashboard))
      .then(syncNow);
  }, [capToday, dashboard, show, syncNow]);

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('popup.title');
  }, [language, t]);

  // The dashboard, once read, is the newer picture (it is read after the cap and again
  // after each sync), and it carries the same cap figures.
  const shown: CapTodayView | null = view ?? headline;
  const syncedAt = shown?.account?.syncedAt;
  return (
    <main className="popup">
      <header>
        <h1>{t('popup.title')}</h1>
        <button type="button" data-rampart="sync" disabled={sync.state === 'syncing'} onClick={() => void syncNow()}>
          {sync.state === 'syncing' ? t('popup.syncing') : t('popup.sync')}
        </button>
      </header>
      <p
        className="muted small"
        data-rampart="sync-status"
        data-state={sync.state === 'done' ? (sync.reply.ok ? 'ok' : 'failed') : sync.state}
      >
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
      {!shown ? (
        !error && <p className="muted">{t('popup.loading')}</p>
      ) : (
        <>
          {shown.sandbox && (
            <div className="banner" role="alert" data-rampart="sandbox">
              <strong>{t('sandbox.title')}</strong> {t('sandbox.body')}
            </div>
          )}
          <CapSummary cap={shown.cap} t={t} language={language} {...(shown.resetsAt ? { resetsAt: shown.resetsAt } : {})} />
          <section className="ramp">
            <h2>{t('ramp.title')}</h2>
            {shown.ramp ? (
              <>
                <p>
                  {t('ramp.day')} <strong data-rampart="ramp-day">{shown.ramp.rampDay}</strong>{' '}
                  <span className={`ramp-status status-${shown.ramp.status}`} data-rampart="ramp-status" data-status={shown.ramp.status}>
                    {t(`ramp.status.${shown.ramp.status}`)}
                  </span>
                  {shown.ramp.rampDay !== shown.ramp.dayNumber && (
                    <span className="muted"> · {t('ramp.calendar-day', { day: shown.ramp.dayNumber })}</span>
                  )}
                </p>
                <p className="muted small">
                  {t('ramp.caps', { teamCap: shown.ramp.teamCap, plannedCap: shown.ramp.plannedCap, target: shown.ramp.target })}
                </p>
                {view && (
                  <Suspense fallback={null}>
                    <RampChart days={view.chart} t={t} />
                  </Suspense>
                )}
              </>
            ) : (
              <p className="muted">{t('ramp.none')}</p>
            )}
          </section>
          {view && (
            <Suspense fallback={null}>
              <PopupDetails view={view} t={t} language={language} onChanged={() => void read()} />
            </Suspense>
          )}
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
