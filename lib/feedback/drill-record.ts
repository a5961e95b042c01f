import type { RampartDb } from '@/lib/store/db';
import { readRecord, writeRecord, type DrillRecord } from '@/lib/store/records';
import { countedAs, suppressesAtOnce } from './effects';
import type { FeedbackEvent } from './event';

// The fire drill's record (DrillRecord): its sends and the events that came back for
// them. An event of an older drill is acknowledged and dropped; it changes nothing.

export const DRILL_KEY = 'drill:last';

/** Change the drill `id`'s record as `change` makes it from the one stored now (one transaction). */
export async function updateDrill(id: string, change: (run: DrillRecord) => void, at: Date, database: RampartDb): Promise<void> {
  await database.transaction('rw', database.kv, async () => {
    const run = await readRecord(DRILL_KEY, database);
    if (!run || run.id !== id) return;
    change(run);
    await writeRecord(DRILL_KEY, run, at, database);
  });
}

/** Note a drill's event on its record, with what the same event would do for real. */
export async function noteDrillEvent(event: FeedbackEvent, now: Date, database: RampartDb): Promise<void> {
  const counts = countedAs(event);
  const suppresses = suppressesAtOnce(event);
  await updateDrill(
    event.drillId!,
    (run) => {
      for (const address of event.recipients.length > 0 ? event.recipients : ['']) {
        run.events.push({
          id: event.id,
          kind: event.kind,
          address,
          at: event.at,
          ...(event.bounceType ? { bounceType: event.bounceType } : {}),
          ...(event.bounceSubType ? { bounceSubType: event.bounceSubType } : {}),
          ...(counts ? { counts } : {}),
          ...(suppresses ? { suppresses } : {}),
        });
      }
    },
    now,
    database,
  );
}
