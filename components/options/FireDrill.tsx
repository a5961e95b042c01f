import { useEffect, useState } from 'react';
import { useI18n } from '@/lib/i18n/use-i18n';
import type { MessageKey } from '@/lib/i18n/en';
import { ask } from '@/lib/protocol/ask';
import type { DrillView, UserError } from '@/lib/protocol/messages';

// The lead's fire drill (lib/feedback/drill.ts): a button, then each step ticked or failed
// with what to fix. The background keeps the drill's record, so the page only reads it
// again every second while the drill runs (a reload picks the same drill up).

const POLL_MS = 1_000;

export function FireDrill() {
  const { t } = useI18n();
  const [view, setView] = useState<DrillView | null>(null);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<UserError | null>(null);

  const running = view?.state === 'running';
  useEffect(() => {
    let stopped = false;
    const read = () =>
      ask('drillStatus', {}).then(
        (latest) => !stopped && setView(latest),
        () => undefined,
      );
    void read();
    if (!running) return () => void (stopped = true);
    const timer = setInterval(() => void read(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [running]);

  const start = async () => {
    setStarting(true);
    setError(null);
    try {
      setView(await ask('startDrill', {}));
    } catch (thrown) {
      setError({
        code: (thrown as { code?: string }).code ?? 'unknown',
        message: thrown instanceof Error ? thrown.message : String(thrown),
      });
    } finally {
      setStarting(false);
    }
  };

  return (
    <section data-rampart="fire-drill" data-state={starting ? 'starting' : (view?.state ?? 'none')}>
      <h2>{t('drill.title')}</h2>
      <p className="hint">{t('drill.intro')}</p>
      <button type="button" data-rampart="drill-start" disabled={starting || running} onClick={() => void start()}>
        {starting ? t('drill.starting') : t('drill.start')}
      </button>
      {error && (
        <p role="alert" className="error">
          {error.message}
        </p>
      )}
      {!view && !starting && <p className="hint">{t('drill.none')}</p>}
      {view && (
        <>
          <p role="status" data-rampart="drill-result">
            {t(`drill.state.${view.state}`)}
          </p>
          <ol className="drill-steps">
            {view.steps.map((step) => (
              <li key={step.name} data-rampart="drill-step" data-step={step.name} data-state={step.state} className={`drill-${step.state}`}>
                <strong>
                  {step.state === 'passed' ? '✓' : step.state === 'failed' ? '✗' : '…'} {t(`drill.step.${step.name}`)}
                </strong>{' '}
                <span className="drill-mark">({t(`drill.mark.${step.state}`)})</span>
                <br />
                <span data-rampart="drill-detail">{t(`drill.detail.${step.detail.key}` as MessageKey, step.detail.params)}</span>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
