import type { Finding, Severity } from '@/lib/core/finding';
import { emailKey } from '@/lib/core/email';
import type { GuardrailContext } from '@/lib/guardrails/context';
import { findingSentence } from '@/lib/guardrails/sentence';

// Rampart reads a prospect's STOP in the Gmail inbox the SDR writes from (docs/rules.md,
// Suppression). A reply goes to the Reply-To set in options, or else to the From SES sends
// as — often an address on the outbound domain, whose mail does not reach this inbox.
// Then a STOP would never be seen: say where replies will go, and how to bring them here.

export const id = 'replies-elsewhere';
export const title = 'Replies go to another inbox';
export const defaultSeverity: Severity = 'warn';

export function check(ctx: GuardrailContext): Finding[] {
  const inbox = ctx.draft.inbox;
  // The account could not be read from Gmail's page: nothing to compare.
  if (!inbox) return [];
  const replies = ctx.settings.replyTo || ctx.settings.fromAddress;
  if (!replies || emailKey(replies) === emailKey(inbox)) return [];
  return [
    {
      code: 'replies-elsewhere',
      severity: defaultSeverity,
      ...findingSentence('compose.finding.replies-elsewhere', { replies, inbox }),
    },
  ];
}
