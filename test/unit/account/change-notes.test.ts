import { describe, expect, it } from 'vitest';
import { RampartDb } from '@/lib/store/db';
import { addChangeNote, changeNoteSchema } from '@/lib/account/change-notes';
import { buildDashboard } from '@/lib/dashboard/build';

let run = 0;

describe('the lead’s notes in the change log', () => {
  it('takes a list source, a subject set, a new domain or a plain note, trimmed', () => {
    for (const kind of ['list-source', 'subject-set', 'new-domain', 'note'] as const) {
      expect(changeNoteSchema.parse({ kind, text: '  webinar attendees  ' })).toEqual({ kind, text: 'webinar attendees' });
    }
  });

  it('refuses an empty note, an unknown kind and a note longer than 500 characters', () => {
    expect(changeNoteSchema.safeParse({ kind: 'note', text: '   ' }).success).toBe(false);
    expect(changeNoteSchema.safeParse({ kind: 'plan', text: 'a new plan' }).success).toBe(false);
    expect(changeNoteSchema.safeParse({ kind: 'note', text: 'x'.repeat(501) }).success).toBe(false);
    expect(changeNoteSchema.safeParse({ kind: 'note', text: 'x'.repeat(500) }).success).toBe(true);
  });

  it('is written beside Rampart’s own lines and read back by the popup, marked as by hand', async () => {
    const database = new RampartDb(`change-notes-${++run}`);
    const at = new Date('2026-12-02T10:00:00.000Z');
    await database.changeLog.add({ at: '2026-12-02T09:00:00.000Z', kind: 'plan', message: 'Plan saved by Lee.' });
    const reply = await addChangeNote(database, at, changeNoteSchema.parse({ kind: 'list-source', text: 'New list: webinar attendees' }));
    expect(reply.at).toBe(at.toISOString());
    const view = await buildDashboard({ now: at, database, configured: true, senderTag: 'sdr', fromAddress: 'sdr@rampart.example' });
    expect(view.changeLog[0]).toEqual({ at: at.toISOString(), kind: 'list-source', message: 'New list: webinar attendees', manual: true });
    expect(view.changeLog[1]).toMatchObject({ kind: 'plan', message: 'Plan saved by Lee.' });
    expect(view.changeLog[1]!.manual).toBeUndefined();
  });
});
