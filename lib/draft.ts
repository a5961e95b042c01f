import * as z from 'zod/mini';

// What the inbox adapter reads from a compose window. Shared by the content script
// (which builds it), the guardrails (which judge it) and the outbox (which sends it).

export const addressSchema = z.object({
  email: z.string(),
  name: z.optional(z.string()),
});
export type Address = z.infer<typeof addressSchema>;

export const draftSchema = z.object({
  /** Stable id of the compose window for its lifetime (Gmail's composeid, or one we made). */
  composeId: z.string(),
  kind: z.enum(['popout', 'inline', 'fullscreen']),
  /** Gmail's From field; null when it has none or leaves it empty (the account's own address). */
  from: z.nullable(addressSchema),
  to: z.array(addressSchema),
  cc: z.array(addressSchema),
  bcc: z.array(addressSchema),
  subject: z.string(),
  html: z.string(),
  text: z.string(),
  hasAttachments: z.boolean(),
  isReply: z.boolean(),
  /** SES MessageId of the earlier message this replies to, when Rampart sent it. */
  inReplyToSesMessageId: z.optional(z.string()),
  /** Targets the adapter could not read ("recipients", "body", ...): the draft is not sendable. */
  unreadable: z.array(z.string()),
});
export type Draft = z.infer<typeof draftSchema>;

export function allRecipients(draft: Pick<Draft, 'to' | 'cc' | 'bcc'>): Address[] {
  return [...draft.to, ...draft.cc, ...draft.bcc];
}
