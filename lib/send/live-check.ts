import type { Clock } from '@/lib/core/clock';
import type { RampartDb } from '@/lib/store/db';
import type { Draft } from '@/lib/core/draft';
import { onStoredStateChange } from '@/lib/store/changes';
import type { Verdict } from '@/lib/core/finding';
import { localDay } from '@/lib/core/calendar';
import type { Settings } from '@/lib/store/settings';
import { suppressionRowsFor } from '@/lib/store/suppression-filter';
import type { DomainReader } from './domain-check';
import { accountPicture, checkDraft, ledgerRecentSends, type AccountPicture, type RecentSendsReader } from './guard';

// The compose window's check, asked on every change of recipients, From or subject, and
// timed from the chip appearing to the verdict shown (docs/test-surface.md, verdict-latency).
// Between checks the worker holds what does not depend on the draft — the settings, the
// plan's time zone, the account picture (snapshot, identities, pinned From, today's cap)
// — and each recipient's last send. All of it is dropped the moment what it was read
// from may have changed: any write to Rampart's database from any extension context
// (Dexie's `storagemutated`, which crosses contexts), any change to extension storage
// (settings, managed policy, the test clock), or the plan's day turning. What moves with
// the clock alone (a freeze lifting, a stale reservation released) waits at most
// HOLD_MS, and only ever shows a more cautious cap than the truth. The send path uses
// none of this: it reads everything afresh.

export const HOLD_MS = 60_000;

export interface LiveCheckSources {
  database: () => RampartDb;
  loadSettings: () => Promise<Settings>;
  clock: () => Promise<Clock>;
  timeZone: (now: Date, database: RampartDb) => Promise<string>;
  /** Subscribe to a change of extension storage (browser.storage.onChanged). */
  onStorageChanged: (listener: () => void) => void;
  holdMs?: number;
  /** The recipient check (domain-check.ts); none: not run. */
  domains?: DomainReader;
}

/** How long the compose check waits on a domain not yet looked up; later, it says "not checked". */
export const DOMAIN_WAIT_MS = 1_500;

interface Held {
  settings: Settings;
  clock: Clock;
  timeZone: string;
  day: string;
  picture: AccountPicture;
  at: number;
}

export function createLiveCheck(sources: LiveCheckSources): (draft: Draft) => Promise<Verdict> {
  const holdMs = sources.holdMs ?? HOLD_MS;
  let held: Held | undefined;
  let lastSends = new Map<string, string | null>();
  /** Bumped by every change: a read that straddles one is not kept. */
  let generation = 0;
  const forget = () => {
    generation++;
    held = undefined;
    lastSends = new Map();
  };
  onStoredStateChange(sources.onStorageChanged, forget);

  async function picture(): Promise<Held> {
    if (held) {
      const now = held.clock();
      if (now.getTime() - held.at < holdMs && now.getTime() >= held.at && localDay(now, held.timeZone) === held.day) return held;
    }
    const started = generation;
    const database = sources.database();
    const [settings, clock] = await Promise.all([sources.loadSettings(), sources.clock()]);
    const now = clock();
    const timeZone = await sources.timeZone(now, database);
    const fresh: Held = {
      settings,
      clock,
      timeZone,
      day: localDay(now, timeZone),
      picture: await accountPicture(settings, now, timeZone, database),
      at: now.getTime(),
    };
    if (generation === started) held = fresh;
    return fresh;
  }

  // Recipients' last sends: the ledger is read only for addresses not seen since it changed.
  const recentSends: RecentSendsReader = async (database, keys) => {
    const started = generation;
    const known = lastSends;
    const missing = keys.filter((key) => !known.has(key));
    const found = missing.length > 0 ? await ledgerRecentSends(database, missing) : new Map<string, string>();
    if (generation === started) for (const key of missing) known.set(key, found.get(key) ?? null);
    const sends = new Map<string, string>();
    for (const key of keys) {
      const at = found.get(key) ?? known.get(key);
      if (at) sends.set(key, at);
    }
    return sends;
  };

  return async (draft) => {
    const held = await picture();
    // The cache is read through the lookup filter here; the send path reads every row.
    const readers = { suppression: suppressionRowsFor, recentSends };
    const domains = sources.domains ? { read: sources.domains, waitMs: DOMAIN_WAIT_MS } : undefined;
    return checkDraft(draft, held.settings, held.clock(), held.timeZone, sources.database(), {
      readers,
      picture: held.picture,
      ...(domains ? { domains } : {}),
    });
  };
}
