import type { Finding, Severity } from '@/lib/core/finding';
import { distinctRecipients, type GuardrailContext } from '@/lib/guardrails/context';
import { findingSentence } from '@/lib/guardrails/sentence';

// A role address reaches a team, a ticket queue or a list rather than one person: nobody
// there asked for the message, so it draws complaints, and a role mailbox is often closed
// or filtered (a bounce). Common mailbox names of RFC 2142 and the ones sales teams meet;
// a warning, since a small company's info@ may be its founder.

export const id = 'role-address';
export const title = 'Role address';
export const defaultSeverity: Severity = 'warn';
export const recipientStatus = 'warn';

export const ROLE_LOCAL_PARTS: ReadonlySet<string> = new Set([
  // RFC 2142
  'info',
  'marketing',
  'sales',
  'support',
  'abuse',
  'noc',
  'security',
  'postmaster',
  'hostmaster',
  'usenet',
  'news',
  'webmaster',
  'www',
  'uucp',
  'ftp',
  // Shared mailboxes a prospect list picks up
  'admin',
  'administrator',
  'contact',
  'hello',
  'help',
  'office',
  'team',
  'billing',
  'accounts',
  'accounting',
  'finance',
  'hr',
  'jobs',
  'careers',
  'press',
  'media',
  'pr',
  'legal',
  'privacy',
  'compliance',
  'enquiries',
  'inquiries',
  'service',
  'customerservice',
  'feedback',
  'partners',
  'noreply',
  'no-reply',
  'donotreply',
  'do-not-reply',
  'mail',
  'email',
  'all',
  'everyone',
  'staff',
]);

/** The mailbox name without a `+tag`, lower-cased. */
function roleOf(email: string): string | undefined {
  const local = email.slice(0, email.lastIndexOf('@')).toLowerCase().split('+')[0]!;
  return ROLE_LOCAL_PARTS.has(local) ? local : undefined;
}

export function check(ctx: GuardrailContext): Finding[] {
  return distinctRecipients(ctx.draft).flatMap(({ email }) => {
    const role = roleOf(email);
    if (!role) return [];
    return [
      { code: 'role-address', severity: defaultSeverity, recipient: email, ...findingSentence('compose.finding.role', { email, role }) },
    ];
  });
}
