import type { Finding, Severity } from '@/lib/core/finding';
import { emailKey } from '@/lib/core/email';
import { distinctRecipients, type GuardrailContext } from '@/lib/guardrails/context';
import { formatAge, formatDay } from '@/lib/guardrails/age';

// Two messages to one prospect within days read as spam and draw complaints; it happens
// through a second tab, a double click or a sequence step taken twice (ledger).

export const id = 'duplicate-follow-up';
export const title = 'Same recipient sent to within a few days';
export const defaultSeverity: Severity = 'warn';

const dayMs = 24 * 60 * 60 * 1000;

export function check(ctx: GuardrailContext): Finding[] {
  // Answering a message the prospect wrote is a conversation, not a follow-up: only a
  // new message, or a reply to one Rampart sent, is a follow-up.
  if (ctx.draft.isReply && !ctx.draft.inReplyToSesMessageId) return [];
  const days = ctx.thresholds.duplicateFollowUpDays;
  const now = ctx.now.getTime();
  return distinctRecipients(ctx.draft).flatMap(({ email }) => {
    const last = ctx.recentSends.get(emailKey(email));
    if (last === undefined) return [];
    const sentAt = Date.parse(last);
    if (Number.isNaN(sentAt) || now - sentAt >= days * dayMs) return [];
    return [
      {
        code: 'duplicate-follow-up',
        severity: defaultSeverity,
        message: `You sent to ${email} ${formatAge(now - sentAt)} ago (${formatDay(last, ctx.timeZone)}); another message within ${days} ${days === 1 ? 'day' : 'days'} is likely a duplicate.`,
        recipient: email,
      },
    ];
  });
}
