import type { DashboardView } from '@/lib/dashboard/view';
import type { Language, Translate } from '@/lib/i18n/translate';
import { AlertList } from './AlertList';
import { ChangeLogList } from './ChangeLogList';
import { FiveMinuteCheck } from './FiveMinuteCheck';
import { HealthTable } from './HealthTable';
import { RunwayPanel } from './RunwayPanel';
import { RecentSends } from './RecentSends';

// Below the cap and the ramp: alerts, recent sends, health, the five-minute check and the change log.
// Loaded apart from the popup's first paint (Popup.tsx), which does not show them.

export default function PopupDetails({
  view,
  t,
  language,
  onChanged,
}: {
  view: DashboardView;
  t: Translate;
  language: Language;
  /** Read the dashboard again (after the lead's note). */
  onChanged: () => void;
}) {
  return (
    <>
      <AlertList alerts={view.alerts} t={t} language={language} />
      {view.feedback.unreadable > 0 && (
        <p
          className="warning small"
          role="status"
          data-rampart="feedback-status"
          data-unreadable={view.feedback.unreadable}
          title={view.feedback.unreadableReason}
        >
          {t('popup.feedback-unreadable', { count: view.feedback.unreadable })}
        </p>
      )}
      <RecentSends readAt={view.now} t={t} language={language} />
      <HealthTable health={view.health} t={t} language={language} />
      <RunwayPanel runway={view.runway} t={t} language={language} />
      <FiveMinuteCheck lines={view.checklist} t={t} />
      <ChangeLogList lines={view.changeLog} t={t} language={language} onNoteAdded={onChanged} />
    </>
  );
}
