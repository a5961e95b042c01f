import { useEffect, useState, type FormEvent } from 'react';
import { ask, type UserError } from '@/lib/messages';
import { loadSettings, saveSettings } from '@/lib/settings';
import type { ImportReply, SuppressReply } from '@/lib/suppress/protocol';

// Options page: suppress an address by hand (with undo), import a suppression list from
// CSV (each refused row listed with its reason), export the cache, and choose whether a
// STOP reply is suppressed at once or offered.

const errorOf = (error: unknown): UserError => ({
  code: (error as { code?: string }).code ?? 'unknown',
  message: error instanceof Error ? error.message : String(error),
});

function ManualSuppress() {
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
        <span className="label">Suppress an address</span>
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} placeholder="name@company.com" />
        <span className="hint">Nobody on the team can send to it after their next sync.</span>
      </label>
      <button type="submit">Suppress</button>
      {done && (
        <p role="status" data-rampart="manual-suppress-result">
          {done.already ? `${done.email} was already suppressed (${done.already.toLowerCase()}).` : `${done.email} is suppressed.`}
          {done.error ? ` ${done.error.message}` : ''}{' '}
          {!done.already && (
            <button type="button" onClick={() => void undo()} data-rampart="manual-suppress-undo">
              Undo
            </button>
          )}
        </p>
      )}
      {undone && <p role="status">Suppression lifted.</p>}
      {error && <p className="error">{error.message}</p>}
    </form>
  );
}

function CsvImport() {
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
        <span className="label">Import suppressions (CSV)</span>
        <input type="file" accept=".csv,text/csv" onChange={(e) => void e.target.files?.[0]?.text().then(setText)} />
        <textarea rows={6} value={text} onChange={(e) => setText(e.target.value)} placeholder={'address,reason,date\nname@company.com,unsubscribe,2026-03-01'} />
        <span className="hint">Reason: bounce, complaint, unsubscribe or manual. Date: YYYY-MM-DD (empty: today).</span>
      </label>
      <button type="button" disabled={busy || text.trim() === ''} onClick={() => void run()}>
        Import
      </button>
      {result && (
        <div role="status" data-rampart="csv-result" data-imported={result.imported} data-refused={result.refused.length}>
          <p>
            {result.imported} imported, {result.already} already suppressed, {result.refused.length} refused.
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

function CsvExport() {
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
        Export suppressions (CSV)
      </button>
      {link && (
        <a href={link.url} download="rampart-suppressions.csv" data-rows={link.rows}>
          Download {link.rows} addresses
        </a>
      )}
      {error && <p className="error">{error.message}</p>}
    </div>
  );
}

function StopReplySetting() {
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
      <input type="checkbox" checked={on === true} disabled={on === null} onChange={(e) => void change(e.target.checked)} data-rampart="auto-stop-replies" />
      Suppress a prospect who replies STOP as soon as I open the thread (otherwise Rampart asks)
    </label>
  );
}

export function SuppressionTools() {
  return (
    <section>
      <StopReplySetting />
      <ManualSuppress />
      <CsvImport />
      <CsvExport />
    </section>
  );
}
