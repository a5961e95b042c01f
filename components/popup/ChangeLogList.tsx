import type { ChangeLogLine } from '@/lib/dashboard/view';
import type { MessageKey } from '@/lib/i18n/en';
import { en } from '@/lib/i18n/en';
import type { Translate } from '@/lib/i18n/translate';

// The latest change-log lines: what changed and why, with the figure that triggered it.
// The entry's sentence is stored as written when it happened (in English); its kind is
// labelled in the reader's language.

function label(line: ChangeLogLine, t: Translate): string {
  const key = (line.action ? `log.action.${line.action}` : `log.kind.${line.kind}`) as MessageKey;
  return key in en ? t(key) : line.kind;
}

export function ChangeLogList({ lines, t, language }: { lines: readonly ChangeLogLine[]; t: Translate; language: string }) {
  return (
    <section>
      <h2>{t('log.title')}</h2>
      {lines.length === 0 ? (
        <p className="muted">{t('log.none')}</p>
      ) : (
        <ol className="log" data-rampart="change-log">
          {lines.map((line, i) => (
            <li key={i} data-kind={line.kind} data-action={line.action}>
              <time dateTime={line.at}>{new Date(line.at).toLocaleString(language, { dateStyle: 'short', timeStyle: 'short' })}</time>{' '}
              <strong>{label(line, t)}</strong> {line.message}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
