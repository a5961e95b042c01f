import type { Finding, Severity } from '@/lib/core/finding';
import { emailKey } from '@/lib/core/email';
import { sendingFrom, type GuardrailContext } from '@/lib/guardrails/context';
import { findingSentence } from '@/lib/guardrails/sentence';

// Recipients and mailbox providers know a sender by its From: a silent change of address
// or name (an edit in options, a shared profile) looks like a new, unknown sender and
// resets the reputation built on the old one. The SDR confirms the change and the
// background writes it to the change log.

export const id = 'from-identity-changed';
export const title = 'From differs from the pinned identity';
export const defaultSeverity: Severity = 'warn';

export function check(ctx: GuardrailContext): Finding[] {
  const pinned = ctx.pinnedIdentity;
  if (!pinned) return [];
  const from = sendingFrom(ctx);
  const findings: Finding[] = [];
  if (emailKey(from.email) !== emailKey(pinned.address)) {
    findings.push({
      code: 'from-address-changed',
      severity: defaultSeverity,
      ...findingSentence('compose.finding.from-address-changed', { email: from.email, pinned: pinned.address }),
    });
  }
  const name = (from.name ?? '').trim();
  if (name !== pinned.name.trim()) {
    findings.push({
      code: 'from-name-changed',
      severity: defaultSeverity,
      ...(name
        ? findingSentence('compose.finding.from-name-changed', { name, pinned: pinned.name.trim() })
        : findingSentence('compose.finding.from-name-removed', { pinned: pinned.name.trim() })),
    });
  }
  return findings;
}
