import { db, type RampartDb } from '../db';
import type { Address } from '../draft';
import type { PinnedIdentity } from '../guardrails/context';

// The pinned From identity: the name and address of the first send. Mailbox providers
// know a sender by its From, so a later change is warned about, confirmed by the SDR,
// and written to the change log (DESIGN.md: no silent change of the From identity).

export const PINNED_IDENTITY_KEY = 'pinnedIdentity';

export async function readPinnedIdentity(database: RampartDb = db()): Promise<PinnedIdentity | null> {
  const value = (await database.kv.get(PINNED_IDENTITY_KEY))?.value as Partial<PinnedIdentity> | undefined;
  return typeof value?.address === 'string' ? { name: value.name ?? '', address: value.address } : null;
}

const same = (a: PinnedIdentity, b: PinnedIdentity) =>
  a.address.trim().toLowerCase() === b.address.trim().toLowerCase() && a.name.trim() === b.name.trim();

/**
 * Pin the From a send goes out with: the first send pins it; a send the SDR confirmed
 * from another From moves the pin and logs the change. Returns the change, if any.
 */
export async function pinIdentity(
  from: Address,
  at: Date,
  database: RampartDb = db(),
): Promise<{ from: PinnedIdentity | null; to: PinnedIdentity } | null> {
  const next: PinnedIdentity = { name: from.name?.trim() ?? '', address: from.email.trim().toLowerCase() };
  return database.transaction('rw', database.kv, database.changeLog, async () => {
    const previous = await readPinnedIdentity(database);
    if (previous && same(previous, next)) return null;
    await database.kv.put({ key: PINNED_IDENTITY_KEY, value: next, updatedAt: at.toISOString() });
    const shown = (p: PinnedIdentity) => (p.name ? `${p.name} <${p.address}>` : p.address);
    await database.changeLog.add({
      at: at.toISOString(),
      kind: 'identity',
      message: previous
        ? `From identity changed from ${shown(previous)} to ${shown(next)} (confirmed at send).`
        : `From identity pinned to ${shown(next)} at the first send.`,
      data: { from: previous, to: next },
    });
    return { from: previous, to: next };
  });
}
