import * as z from 'zod/mini';
import type { Draft } from '@/lib/core/draft';
import { userErrorSchema, type UserError } from '@/lib/core/errors';
import { findingSchema } from '@/lib/core/finding';

// What a send asks for and what it answers, as the outbox takes and gives them (the
// protocol, lib/protocol/messages.ts, carries them between the compose window and here).

export const outcomeSchema = z.enum(['sent', 'blocked', 'failed', 'unknown']);
export type Outcome = z.infer<typeof outcomeSchema>;

export const sendResultSchema = z.object({
  outcome: outcomeSchema,
  outboxId: z.optional(z.string()),
  messageId: z.optional(z.string()),
  findings: z.array(findingSchema),
  error: z.optional(userErrorSchema),
});
export type SendResult = z.infer<typeof sendResultSchema>;

/** A send as the outbox takes it: the draft, the user's confirmation of its warnings, and the click's id. */
export interface SendRequest {
  draft: Draft;
  /** The user confirmed the `warn` findings of this draft. */
  confirmed: boolean;
  /** Chosen by the compose UI once per click: the outbox id, and the `outbox` message tag. */
  requestId: string;
}

export interface OutboxRowView {
  id: string;
  composeId: string;
  state: 'queued' | 'sending' | 'sent' | 'failed' | 'unknown' | 'blocked';
  subject: string;
  recipients: string[];
  messageId?: string;
  error?: UserError;
  createdAt: string;
  updatedAt: string;
}
