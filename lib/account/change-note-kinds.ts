// What a lead's change-log note may be about, and how long it may be: read by the popup's
// form without the schema (lib/account/change-notes.ts), so the page loads no zod.

export const changeNoteKinds = ['list-source', 'subject-set', 'new-domain', 'note'] as const;
export type ChangeNoteKind = (typeof changeNoteKinds)[number];

export const MAX_NOTE_LENGTH = 500;
