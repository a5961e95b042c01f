import { useEffect, useState, type FormEvent } from 'react';
import { useI18n } from '@/lib/i18n/use-i18n';
import type { Translate } from '@/lib/i18n/translate';
import { ask } from '@/lib/protocol/ask';
import type { UserError } from '@/lib/protocol/messages';
import { loadSettings, saveSettings } from '@/lib/store/settings';
import type { ImportReply, SuppressReply } from '@/lib/suppression/messages';
import { CSV_MAX_BYTES } from '@/lib/suppression/csv';

// Options page: suppress an address by hand (with undo), import a suppression list from
// CSV (each refused row listed with its reason), export the cache, and choose whether a
// STOP reply is suppressed at once or offered. Sentences from the background (refused
// rows, errors) are shown as written.

const errorOf = (error: unknown): UserError => ({
  code: (error as { code?: string }).code ?? 'unknown',
  message: error instanceof Error ? error.message : String(error),
});

function ManualSuppress({ t }: { t: Translate }) {
  const [email, setEmail] = useState('');
  const [done, setDone] = useState<SuppressReply | null>(null);
  const [error, setError] = useState<UserError | null>(null);
  const [undone, setUndone] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setUndone(false);
    try {
      const reply = await ask('suppress', { email, reason: 'MANUAL' });
      if (!reply.suppressed && reply.error) setError(reply.error);
      else setDone(reply);
    } catch (thrown) {
      setError(errorOf(thrown));
    }
  };
  const undo = async () => {
    if (!done) return;
    try {
      const reply = await ask('undoSuppress', { email: done.email });
      if (reply.undone) {
        setUndone(true);
        setDone(null);
      } else if (reply.error) setError(reply.error);
    } catch (thrown) {
      setError(errorOf(thrown));
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} data-rampart="manual-suppress">
      <label className="field">
        <span className="label">{t('suppress.manual.label')}</span>
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} placeholder="name@company.com" />
        <span className="hint">{t('suppress.manual.hint')}</span>
      </label>
      <button type="submit">{t('suppress.manual.submit')}</button>
      {done && (
        <p role="status" data-rampart="manual-suppress-result">
          {done.already
            ? t('suppress.manual.already', { email: done.email, reason: done.already.toLowerCase() })
            : t('suppress.manual.done', { email: done.email })}
          {done.error ? ` ${done.error.message}` : ''}{' '}
          {!done.already && (
            <button type="button" onClick={() => void undo()} data-rampart="manual-suppress-undo">
              {t('suppress.manual.undo')}
            </button>
          )}
        </p>
      )}
      {undone && <p role="status">{t('suppress.manual.undone')}</p>}
      {error && <p className="error">{error.message}</p>}
    </form>
  );
}

function CsvImport({ t }: { t: Translate }) {
  const [text, setText] = useState('');
  const [result, setResult] = useState<ImportReply | null>(null);
  const [error, setError] = useState<UserError | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await ask('importSuppressions', { csv: text }));
    } catch (thrown) {
      setError(errorOf(thrown));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-rampart="csv-import">
      <label className="field">
        <span className="label">{t('suppress.import.label')}</span>
        <input
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (!file) return;
            // Not even read into the page when it is over the import's bound.
            if (file.size > CSV_MAX_BYTES) {
              setError({
                code: 'csv-too-large',
                message: `This file is ${(file.size / 1024 / 1024).toFixed(1)} MB; Rampart imports up to 5 MB at a time. Split the list and import each part.`,
              });
            } else void file.text().then(setText);
          }}
        />
        <textarea
          rows={6}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={'address,reason,date\nname@company.com,unsubscribe,2026-03-01'}
        />
        <span className="hint">{t('suppress.import.hint')}</span>
      </label>
      <button type="button" disabled={busy || text.trim() === ''} onClick={() => void run()}>
        {t('suppress.import.submit')}
      </button>
      {result && (
        <div role="status" data-rampart="csv-result" data-imported={result.imported} data-refused={result.refused.length}>
          <p>
            {t('suppress.import.result', { imported: result.imported, already: result.already, refused: result.refused.length })}
            {result.error ? ` ${result.error.message}` : ''}
          </p>
          {result.refused.length > 0 && (
            <ul className="refused">
              {result.refused.map((row) => (
                <li key={row.line} data-rampart="csv-refused" data-line={row.line} data-code={row.code}>
                  {row.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {error && <p className="error">{error.message}</p>}
    </div>
  );
}

function CsvExport({ t }: { t: Translate }) {
  const [link, setLink] = useState<{ url: string; rows: number } | null>(null);
  const [error, setError] = useState<UserError | null>(null);
  useEffect(
    () => () => {
      if (link) URL.revokeObjectURL(link.url);
    },
    [link],
  );

  const run = async () => {
    try {
      const { csv, rows } = await ask('exportSuppressions', {});
      setLink({ url: URL.createObjectURL(new Blob([csv], { type: 'text/csv' })), rows });
    } catch (thrown) {
      setError(errorOf(thrown));
    }
  };
  return (
    <div data-rampart="csv-export">
      <button type="button" onClick={() => void run()}>
        {t('suppress.export.submit')}
      </button>
      {link && (
        <a href={link.url} download="rampart-suppressions.csv" data-rows={link.rows}>
          {t('suppress.export.download', { rows: link.rows })}
        </a>
      )}
      {error && <p className="error">{error.message}</p>}
    </div>
  );
}

function StopReplySetting({ t }: { t: Translate }) {
  const [on, setOn] = useState<boolean | null>(null);
  useEffect(() => {
    void loadSettings().then((s) => setOn(s.autoSuppressStopReplies === true));
  }, []);
  const change = async (value: boolean) => {
    setOn(value);
    await saveSettings({ ...(await loadSettings()), autoSuppressStopReplies: value });
  };
  return (
    <label className="check">
      <input
        type="checkbox"
        checked={on === true}
        disabled={on === null}
        onChange={(e) => void change(e.target.checked)}
        data-rampart="auto-stop-replies"
      />
      {t('suppress.stop-replies')}
    </label>
  );
}

export function SuppressionTools() {
  const { t } = useI18n();
  return (
    <section>
      <StopReplySetting t={t} />
      <ManualSuppress t={t} />
      <CsvImport t={t} />
      <CsvExport t={t} />
    </section>
  );
}
