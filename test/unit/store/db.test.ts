import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { RampartDb } from '@/lib/store/db';

// A cache written by an earlier version must open under the current schema with every
// row it held: the suppression cache is SES's list, and a lost row is an address that
// can be mailed again until the next full sync.

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

/** The database as version 3 declared it. */
function version3(name: string): Dexie {
  const old = new Dexie(name);
  old.version(1).stores({
    outbox: 'id, composeId, state, createdAt',
    ledger: 'messageId, outboxId, sentAt, day, *recipients',
    suppression: 'email, since',
    reservations: 'id, day, createdAt',
    changeLog: '++id, at, kind',
    kv: 'key',
    appliedEvents: 'id, at',
  });
  old.version(2).stores({ suppression: 'email, since, syncRun' });
  old.version(3).stores({
    softBounces: 'id, email, at',
    feedbackDays: 'day',
    suppressionDecisions: 'email, pending, at',
  });
  return old;
}

describe('database upgrade', () => {
  it('opens a version 3 suppression cache without its `since` index, keeping every row and the run index, with an empty table of pages', async () => {
    const name = `db-upgrade-${Date.now()}`;
    names.push(name);
    const old = version3(name);
    await old.table('suppression').bulkPut([
      { email: 'seen@prospect.example', reason: 'BOUNCE', since: '2026-01-01T00:00:00.000Z', source: 'ses', syncRun: 2 },
      { email: 'older@prospect.example', reason: 'COMPLAINT', since: '2026-01-02T00:00:00.000Z', source: 'ses', syncRun: 1 },
      { email: 'mine@prospect.example', reason: 'UNSUBSCRIBE', since: '2026-01-03T00:00:00.000Z', source: 'local' },
    ]);
    old.close();

    const database = new RampartDb(name);
    try {
      await database.open();
      expect(database.verno).toBe(5);
      expect(database.suppression.schema.indexes.map((index) => index.name)).toEqual(['syncRun']);
      // Full syncs write pages from version 5 on: found by address, dropped by run.
      expect(database.suppressionPages.schema.indexes.map((index) => [index.name, index.multi])).toEqual([
        ['run', false],
        ['emails', true],
      ]);
      expect(await database.suppressionPages.count()).toBe(0);
      expect(await database.suppression.count()).toBe(3);
      expect(await database.suppression.get('mine@prospect.example')).toMatchObject({ source: 'local', reason: 'UNSUBSCRIBE' });
      // What a full sync's removal reads: the rows an earlier run saw, local rows outside it.
      expect(await database.suppression.where('syncRun').below(2).primaryKeys()).toEqual(['older@prospect.example']);
    } finally {
      database.close();
    }
  });
});
