import * as z from 'zod/mini';

/** An error a user can meet: a stable code and a sentence (docs/conventions.md). */
export const userErrorSchema = z.object({ code: z.string(), message: z.string() });
export type UserError = z.infer<typeof userErrorSchema>;
