import { useState, type FormEvent } from 'react';
import type { ChangeLogLine } from '@/lib/dashboard/view';
import type { MessageKey } from '@/lib/i18n/en';
import { en } from '@/lib/i18n/en';
import type { Translate } from '@/lib/i18n/translate';
import { ask } from '@/lib/protocol/ask';
import { changeNoteKinds, MAX_NOTE_LENGTH, type ChangeNoteKind } from '@/lib/account/change-note-kinds';

// The latest change-log lines: what changed and why, with the figure that triggered it.
// The entry's sentence is stored as written when it happened (in English); its kind is
// labelled in the reader's language. The lead adds what the figures cannot know (a list
// source, a subject set, a new domain) as a note of their own.

function label(line: ChangeLogLine, t: Translate): string {
  const key = (line.action ? `log.action.${line.action}` : `log.kind.${line.kind}`) as MessageKey;
  return key in en ? t(key) : line.kind;
}

function ChangeNoteForm({ t, onAdded }: { t: Translate; onAdded: () => void }) {
  const [kind, setKind] = useState<ChangeNoteKind>('list-source');
  const [text, setText] = useState('');
  const [status, setStatus] = useState<{ ok: boolean; sentence: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      await ask('addChangeNote', { kind, text });
      setText('');
      setStatus({ ok: true, sentence: t('log.add.added') });
      onAdded();
    } catch (error) {
      setStatus({ ok: false, sentence: t('log.add.failed', { message: error instanceof Error ? error.message : String(error) }) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="note-form" data-rampart="change-note" onSubmit={(event) => void submit(event)}>
      <h3>{t('log.add.title')}</h3>
      <label>
        {t('log.add.kind')}{' '}
        <select data-rampart="change-note-kind" value={kind} onChange={(event) => setKind(event.target.value as ChangeNoteKind)}>
          {changeNoteKinds.map((k) => (
            <option key={k} value={k}>
              {t(`log.kind.${k}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('log.add.text')}{' '}
        <input
          data-rampart="change-note-text"
          value={text}
          maxLength={MAX_NOTE_LENGTH}
          placeholder={t('log.add.placeholder')}
          onChange={(event) => setText(event.target.value)}
        />
      </label>
      <button type="submit" data-rampart="change-note-add" disabled={busy || text.trim() === ''}>
        {t('log.add.submit')}
      </button>
      {status && (
        <p className={status.ok ? 'muted small' : 'error small'} role="status" data-rampart="change-note-status">
          {status.sentence}
        </p>
      )}
    </form>
  );
}

export function ChangeLogList({
  lines,
  t,
  language,
  onNoteAdded,
}: {
  lines: readonly ChangeLogLine[];
  t: Translate;
  language: string;
  /** Read the log again after the lead's note is written. */
  onNoteAdded: () => void;
}) {
  return (
    <section>
      <h2>{t('log.title')}</h2>
      {lines.length === 0 ? (
        <p className="muted">{t('log.none')}</p>
      ) : (
        <ol className="log" data-rampart="change-log">
          {lines.map((line, i) => (
            <li key={i} data-kind={line.kind} data-action={line.action} data-manual={line.manual ? 'true' : undefined}>
              <time dateTime={line.at}>{new Date(line.at).toLocaleString(language, { dateStyle: 'short', timeStyle: 'short' })}</time>{' '}
              <strong>{label(line, t)}</strong>
              {line.manual && <span className="muted"> ({t('log.manual')})</span>} {line.message}
            </li>
          ))}
        </ol>
      )}
      <ChangeNoteForm t={t} onAdded={onNoteAdded} />
    </section>
  );
}
