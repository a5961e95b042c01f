import { db, type RampartDb } from '@/lib/store/db';
import { eachCachedSuppression } from '@/lib/store/suppression-cache';
import { CSV_HEADER, csvLine, parseSuppressionCsv } from './csv';
import { decideSuppression, decisionTables } from './decide';
import type { RefusedRow } from './messages';

// CSV in and out of the suppression cache. Imported rows become decisions like any other
// (local at once, shared with SES by lib/suppression/share.ts); the export lists every
// address the cache holds with its true reason.

/** Rows decided per transaction: one commit per row would make a long list crawl. */
const CHUNK = 500;

export interface ImportResult {
  imported: number;
  already: number;
  refused: RefusedRow[];
}

export async function importSuppressionCsv(text: string, now: Date, database: RampartDb = db()): Promise<ImportResult> {
  const { rows, refused } = parseSuppressionCsv(text, now);
  let imported = 0;
  let already = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    await database.transaction('rw', decisionTables(database), async () => {
      for (const row of rows.slice(i, i + CHUNK)) {
        const result = await decideSuppression(
          {
            email: row.email,
            reason: row.reason,
            cause: 'csv',
            unsubscribe: row.reason === 'UNSUBSCRIBE',
            because: `imported from CSV (line ${row.line})`,
            since: row.since,
            quiet: true,
          },
          now,
          database,
        );
        if (result.decided) imported++;
        else already++;
      }
    });
  }
  if (imported > 0 || refused.length > 0) {
    await database.changeLog.add({
      at: now.toISOString(),
      kind: 'suppression',
      message: `Imported ${imported} suppressed addresses from CSV (${already} already suppressed, ${refused.length} rows refused)`,
      data: { imported, already, refused: refused.length },
    });
  }
  return { imported, already, refused };
}

/** The whole cache as CSV, in address order. */
export async function exportSuppressionCsv(database: RampartDb = db()): Promise<{ csv: string; rows: number }> {
  const rows: { email: string; line: string }[] = [];
  await eachCachedSuppression(database, (row) => rows.push({ email: row.email, line: csvLine(row) }));
  rows.sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
  return { csv: `${[CSV_HEADER, ...rows.map((row) => row.line)].join('\n')}\n`, rows: rows.length };
}
