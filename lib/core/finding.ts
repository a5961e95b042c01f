import * as z from 'zod/mini';
import { addressSchema } from './draft';

// A verdict is a list of findings; each has a stable code, a severity and a sentence.

export const severitySchema = z.enum(['block', 'warn', 'info']);
export type Severity = z.infer<typeof severitySchema>;

export const findingSchema = z.object({
  /** Stable code, e.g. `suppressed-recipient`; tests and the UI key on it. */
  code: z.string(),
  severity: severitySchema,
  /** One plain sentence for the user. */
  message: z.string(),
  /** The recipient the finding is about, when it is about one. */
  recipient: z.optional(z.string()),
});
export type Finding = z.infer<typeof findingSchema>;

/**
 * A recipient's standing in the verdict: `warn` for a warning about that address alone
 * (a follow-up too soon), the others for an address that blocks the draft.
 */
export const recipientStatusSchema = z.enum(['ok', 'warn', 'suppressed', 'unverified', 'invalid']);
export type RecipientStatus = z.infer<typeof recipientStatusSchema>;

export const capSchema = z.object({
  remaining: z.number(),
  /** The binding limit's own cap for the day (e.g. 225). */
  of: z.number(),
  /** Which limit binds: mine, the team's, or SES's quota. */
  limit: z.enum(['mine', 'team', 'ses']),
  /** Ramp day number, when a plan exists. */
  rampDay: z.optional(z.number()),
  sentence: z.string(),
});
export type CapView = z.infer<typeof capSchema>;

export const verdictSchema = z.object({
  verdict: z.enum(['ok', 'warn', 'block']),
  findings: z.array(findingSchema),
  recipients: z.array(z.object({ email: z.string(), status: recipientStatusSchema, reason: z.optional(z.string()) })),
  cap: z.nullable(capSchema),
  /** The From SES will send as: always the identity configured in Rampart, whatever Gmail's From says. */
  from: z.optional(addressSchema),
});
export type Verdict = z.infer<typeof verdictSchema>;

export function overall(findings: readonly Finding[]): Verdict['verdict'] {
  if (findings.some((f) => f.severity === 'block')) return 'block';
  if (findings.some((f) => f.severity === 'warn')) return 'warn';
  return 'ok';
}
