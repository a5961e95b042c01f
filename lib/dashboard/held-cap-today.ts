import type { Clock } from '@/lib/core/clock';
import type { RampartDb } from '@/lib/store/db';
import { onStoredStateChange } from '@/lib/store/changes';
import { localDay, runtimeTimeZone } from '@/lib/core/calendar';
import type { Settings } from '@/lib/store/settings';
import { capDay } from '@/lib/send/cap-figures';
import { readCapToday } from './cap-today';
import type { CapTodayView } from './view';

// The popup's first paint (`capToday`), held by the worker between popups: the number a
// user opens the popup for is then ready when they do, instead of waiting on a few
// IndexedDB reads made while the popup's own page loads on the same cores.
//
// What is held is always what a fresh read of the same stored state gives. It is dropped
// the moment that state may have changed (lib/store/changes.ts: a write to the database
// from any context, any change to extension storage) and read again soon after, off the
// request path, so the next popup finds it ready. What moves with the clock alone is
// bounded too: the view is never served past the day it was read on (in the plan's zone,
// and in the zone its cap counts in), nor past the moment its freeze lifts — both bring
// an automatic action (a day settled, a freeze lifted) that a fresh read applies and
// logs, so holding past them would skip it. Anything else the clock moves (a stale
// reservation released) only ever makes the held cap more cautious than the truth, and
// lasts at most HOLD_MS, the compose check's own bound (lib/send/live-check.ts).
//
// Reading it ahead may apply the ramp's automatic actions sooner than a popup would;
// evaluating the ramp is idempotent and every reader does it (ramp-store/ramp.ts).

export const HOLD_MS = 60_000;
/** After a change, the read waits this long for the writes that come with it (a sync writes several records). */
export const REFRESH_AFTER_MS = 40;
/**
 * Reads ahead that a change overtook, one after the other, before the worker stops
 * reading ahead until the popup asks again: reading evaluates the ramp, which may write,
 * and a read that always wrote must not keep the worker reading forever.
 */
const MAX_OVERTAKEN_READS_AHEAD = 5;

export interface CapTodayHoldSources {
  database: () => RampartDb;
  loadSettings: () => Promise<Settings>;
  clock: () => Promise<Clock>;
  /** Subscribe to a change of extension storage (browser.storage.onChanged). */
  onStorageChanged: (listener: () => void) => void;
  holdMs?: number;
  refreshAfterMs?: number;
}

interface Held {
  view: CapTodayView;
  clock: Clock;
  at: number;
  /** The moment it must be read again, whatever else happens. */
  until: number;
  /** The days it was read on: the ramp's (its plan's zone) and the one its cap counts. */
  days: string;
}

interface Reading {
  generation: number;
  held: Promise<Held>;
}

/** The `capToday` reply, held between requests; call once, in the background's main. */
export function holdCapToday(sources: CapTodayHoldSources): () => Promise<CapTodayView> {
  const holdMs = sources.holdMs ?? HOLD_MS;
  const refreshAfterMs = sources.refreshAfterMs ?? REFRESH_AFTER_MS;
  let held: Held | undefined;
  let reading: Reading | undefined;
  /** Bumped by every change: a read that straddles one is not kept. */
  let generation = 0;
  /** Reading ahead starts once the popup has asked in this worker's life: until then nobody waits on it. */
  let asked = false;
  let overtaken = 0;
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;

  const daysOf = (view: CapTodayView, now: Date): string => {
    const zone = view.ramp?.timeZone;
    return `${localDay(now, zone ?? runtimeTimeZone())} ${capDay(zone ? { timeZone: zone } : undefined, now)}`;
  };
  const fits = (h: Held, now: Date): boolean => {
    const t = now.getTime();
    return t >= h.at && t < h.until && daysOf(h.view, now) === h.days;
  };

  function read(): Reading {
    const started = generation;
    const database = sources.database();
    const clockRead = sources.clock();
    const result = (async (): Promise<Held> => {
      // Neither is needed to start reading IndexedDB: both are read meanwhile.
      const senderTag = sources.loadSettings().then((settings) => settings.senderTag || settings.fromAddress);
      const now = clockRead.then((clock) => clock());
      const { view } = await readCapToday({ now, database, senderTag });
      const at = Date.parse(view.now);
      const freezeLifts = view.ramp?.freezeUntil ? Date.parse(view.ramp.freezeUntil) : Infinity;
      const fresh: Held = {
        view,
        clock: await clockRead,
        at,
        until: Math.min(at + holdMs, freezeLifts),
        days: daysOf(view, new Date(at)),
      };
      if (generation === started) {
        held = fresh;
        overtaken = 0;
      } else {
        overtaken++;
      }
      return fresh;
    })();
    const current: Reading = { generation: started, held: result };
    reading = current;
    const done = () => {
      if (reading === current) reading = undefined;
    };
    result.then(done, done);
    return current;
  }

  function refresh(): void {
    refreshTimer = undefined;
    if (held || reading?.generation === generation || overtaken >= MAX_OVERTAKEN_READS_AHEAD) return;
    // Nobody waits on it: a failure here is met again, and reported, by the popup's own read.
    read().held.catch(() => {});
  }

  onStoredStateChange(sources.onStorageChanged, () => {
    generation++;
    held = undefined;
    if (!asked) return;
    if (refreshTimer !== undefined) clearTimeout(refreshTimer);
    refreshTimer = setTimeout(refresh, refreshAfterMs);
  });

  return async () => {
    asked = true;
    overtaken = 0;
    if (held && fits(held, held.clock())) return held.view;
    // A read under way since the last change is as fresh as one started now.
    if (reading && reading.generation === generation) {
      const joined = await reading.held.catch(() => undefined);
      if (joined && fits(joined, joined.clock())) return joined.view;
    }
    if (refreshTimer !== undefined) {
      clearTimeout(refreshTimer);
      refreshTimer = undefined;
    }
    return (await read().held).view;
  };
}
