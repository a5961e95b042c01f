import type { RampartDb, SuppressionRow } from '../../lib/store/db';
import { eachCachedSuppression } from '../../lib/store/suppression-cache';

/** Everything the suppression cache holds, in address order (as the export reads it). */
export async function everyCachedSuppression(database: RampartDb): Promise<SuppressionRow[]> {
  const rows: SuppressionRow[] = [];
  await eachCachedSuppression(database, (row) => rows.push(row));
  return rows.sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
}
