import type { CapFigures } from '@/lib/dashboard/view';
import type { Translate } from '@/lib/i18n/translate';

// The number that matters most: what I may still send today, and which limit binds.

const timeOf = (at: string, language: string) =>
  new Date(at).toLocaleString(language, { weekday: 'short', hour: '2-digit', minute: '2-digit' });

export function CapSummary({ cap, t, resetsAt, language }: { cap: CapFigures; t: Translate; resetsAt?: string; language: string }) {
  const view = cap.view;
  if (!view) return <p className="muted">{t('cap.none')}</p>;
  const rows: { limit: 'mine' | 'team' | 'ses'; remaining: number | null; of: number | null }[] = [];
  if (cap.mine) rows.push({ limit: 'mine', remaining: cap.mine.remaining, of: cap.mine.cap });
  if (cap.team) rows.push({ limit: 'team', remaining: cap.team.remaining, of: cap.team.cap });
  if (cap.ses) rows.push({ limit: 'ses', remaining: cap.ses.remaining, of: cap.ses.max24HourSend < 0 ? null : cap.ses.max24HourSend });
  return (
    <section className="cap">
      <p className="cap-main">
        <strong data-rampart="cap-remaining" data-limit={view.limit}>
          {view.remaining}
        </strong>{' '}
        <span>{t('cap.left-today')}</span> <span className="muted">{t('cap.of', { of: view.of })}</span>
      </p>
      <p className="muted binding">{t(`cap.binding.${view.limit}`)}</p>
      {/* Only my share is counted by the plan's calendar day; the team's and SES's figures
          count SES's rolling 24 hours (docs/rules.md, "Team cap and my cap"). */}
      {view.limit === 'mine' && resetsAt ? (
        <p className="muted small" data-rampart="cap-resets" data-at={resetsAt}>
          {t('cap.resets', { time: timeOf(resetsAt, language) })}
        </p>
      ) : view.limit === 'team' && resetsAt ? (
        <p className="muted small" data-rampart="cap-resets" data-rolling="true" data-at={resetsAt}>
          {t('cap.resets.team', { time: timeOf(resetsAt, language) })}
        </p>
      ) : (
        <p className="muted small" data-rampart="cap-resets" data-rolling="true">
          {t('cap.resets.rolling')}
        </p>
      )}
      <table className="limits">
        <tbody>
          {rows.map((row) => (
            <tr key={row.limit} className={row.limit === view.limit ? 'binds' : undefined} data-limit={row.limit}>
              <th scope="row">{t(`cap.row.${row.limit}`)}</th>
              <td>
                {row.remaining === null || row.of === null
                  ? t('cap.row.unlimited')
                  : t('cap.row.value', { remaining: row.remaining, cap: row.of })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
