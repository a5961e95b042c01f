import { db, type RampartDb } from '../db';
import type { PinnedIdentity } from '../guardrails/context';

// The pinned From identity: the name and address of the first send. Mailbox providers
// know a sender by its From, so a later change is warned about, confirmed by the SDR,
// and written to the change log (DESIGN.md: no silent change of the From identity). The
// send path pins it in the transaction that records the send (lib/outbox/guard.ts).

export const PINNED_IDENTITY_KEY = 'pinnedIdentity';

export async function readPinnedIdentity(database: RampartDb = db()): Promise<PinnedIdentity | null> {
  const value = (await database.kv.get(PINNED_IDENTITY_KEY))?.value as Partial<PinnedIdentity> | undefined;
  return typeof value?.address === 'string' ? { name: value.name ?? '', address: value.address } : null;
}
