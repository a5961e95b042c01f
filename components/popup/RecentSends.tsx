import { useEffect, useState } from 'react';
import { ask } from '@/lib/protocol/ask';
import type { OutboxRowView } from '@/lib/send/result';
import type { Language, Translate } from '@/lib/i18n/translate';

// The SDR's last sends, newest first, with their state: where "check the outbox" leads.
// An `unknown` one says how long Rampart has waited and what it knows (the background's
// sentence), and what to do meanwhile. Read again whenever the dashboard is (`readAt`).

export const RECENT_SENDS = 10;

export function RecentSends({ readAt, t, language }: { readAt: string; t: Translate; language: Language }) {
  const [rows, setRows] = useState<OutboxRowView[] | null>(null);
  useEffect(() => {
    let current = true;
    ask('outbox', { limit: RECENT_SENDS }).then(
      (recent) => current && setRows(recent),
      () => current && setRows([]),
    );
    return () => {
      current = false;
    };
  }, [readAt]);
  if (!rows) return null;
  return (
    <section className="recent" data-rampart="recent-sends">
      <h2>{t('popup.recent.title')}</h2>
      {rows.length === 0 ? (
        <p className="muted small">{t('popup.recent.none')}</p>
      ) : (
        <ul>
          {rows.map((row) => (
            <li key={row.id} data-rampart="outbox-row" data-state={row.state} data-message-id={row.messageId}>
              <span className={`send-state state-${row.state}`}>{t(`popup.recent.state.${row.state}`)}</span>{' '}
              <span className="subject">{row.subject || t('popup.recent.no-subject')}</span>{' '}
              <span className="muted small">
                {row.recipients.join(', ')} · {new Date(row.createdAt).toLocaleString(language, { dateStyle: 'short', timeStyle: 'short' })}
              </span>
              {row.error && row.state !== 'sent' && <p className="small why">{row.error.message}</p>}
              {row.state === 'unknown' && <p className="small advice">{t('popup.recent.unknown-advice')}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
