import type { Runway, RunwayFigures } from '@/lib/ramp/runway';
import type { Language, Translate } from '@/lib/i18n/translate';

// The reputation runway (lib/ramp/runway.ts): how many more hard bounces and complaints,
// among the sends today's plan still allows, reach Rampart's alert level and AWS's review
// level. Whole numbers on the hook's attributes; a count that cannot be known is left off
// and said in words.

function percent(value: number, language: string): string {
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(value)}%`;
}

export function RunwayPanel({ runway, t, language }: { runway: Runway; t: Translate; language: Language }) {
  const { hardBounces, complaints } = runway;
  return (
    <section>
      <h2>{t('runway.title')}</h2>
      <ul
        className="runway"
        data-rampart="runway"
        data-planned={runway.plannedSends}
        {...(hardBounces ? { 'data-hard-bounces': hardBounces.review, 'data-hard-bounces-alert': hardBounces.alert } : {})}
        {...(complaints ? { 'data-complaints': complaints.review, 'data-complaints-alert': complaints.alert } : {})}
      >
        <Line figures={hardBounces} kind="hard-bounces" t={t} language={language} />
        <Line figures={complaints} kind="complaints" t={t} language={language} />
      </ul>
      <p className="muted small">{t('runway.basis', { planned: runway.plannedSends })}</p>
    </section>
  );
}

function Line({
  figures,
  kind,
  t,
  language,
}: {
  figures: RunwayFigures | null;
  kind: 'hard-bounces' | 'complaints';
  t: Translate;
  language: Language;
}) {
  if (!figures) return <li data-kind={kind}>{t(`runway.${kind}.unknown`)}</li>;
  return (
    <li data-kind={kind}>
      {t(`runway.${kind}`, {
        alert: figures.alert,
        alertPercent: percent(figures.alertPercent, language),
        review: figures.review,
        reviewPercent: percent(figures.reviewPercent, language),
      })}
    </li>
  );
}
