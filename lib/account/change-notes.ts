import * as z from 'zod/mini';
import type { RampartDb } from '@/lib/store/db';
import { changeNoteKinds, MAX_NOTE_LENGTH } from './change-note-kinds';

// The lead's own lines in the change log (docs/rules.md, "The change log"): what the
// figures cannot know — a new list source, a new subject set, a new sending domain — so a
// change in health can be read against what changed that day. Written beside Rampart's
// own entries, marked as written by hand.

export const changeNoteSchema = z.object({
  kind: z.enum(changeNoteKinds),
  text: z.string().check(z.trim(), z.minLength(1, 'a note says something'), z.maxLength(MAX_NOTE_LENGTH)),
});

export type ChangeNote = z.infer<typeof changeNoteSchema>;

export interface ChangeNoteReply {
  at: string;
}

/** Adds the note at the background clock's time; the popup reads it back with the log. */
export async function addChangeNote(database: RampartDb, at: Date, note: ChangeNote): Promise<ChangeNoteReply> {
  const iso = at.toISOString();
  await database.changeLog.add({ at: iso, kind: note.kind, message: note.text, data: { manual: true } });
  return { at: iso };
}
