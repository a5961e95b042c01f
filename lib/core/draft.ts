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
  // Only what SES's MessageIds are made of: it becomes `<id@host>` in In-Reply-To and
  // References, and a CR, LF or `>` from the page would write headers of its own.
  inReplyToSesMessageId: z.optional(z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/, 'an SES message id'))),
  /** Targets the adapter could not read ("recipients", "body", ...): the draft is not sendable. */
  unreadable: z.array(z.string()),
  /**
   * The Gmail account this draft is written in (read from the page's title), when it could
   * be read: where replies must arrive for Rampart to see a STOP. Only ever compared, never
   * sent to.
   */
  inbox: z.optional(z.string().check(z.maxLength(320))),
});
export type Draft = z.infer<typeof draftSchema>;

export function allRecipients(draft: Pick<Draft, 'to' | 'cc' | 'bcc'>): Address[] {
  return [...draft.to, ...draft.cc, ...draft.bcc];
}
