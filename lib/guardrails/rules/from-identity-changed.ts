import type { Finding, Severity } from '@/lib/core/finding';
import { emailKey } from '@/lib/core/email';
import { sendingFrom, type GuardrailContext } from '@/lib/guardrails/context';

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
      message: `This draft is from ${from.email}, not your pinned address ${pinned.address}; confirm to send from the new address (the change is logged).`,
    });
  }
  const name = (from.name ?? '').trim();
  if (name !== pinned.name.trim()) {
    findings.push({
      code: 'from-name-changed',
      severity: defaultSeverity,
      message: name
        ? `This draft is from “${name}”, not your pinned name “${pinned.name.trim()}”; confirm to send under the new name (the change is logged).`
        : `This draft goes out with no From name, not your pinned name “${pinned.name.trim()}”; confirm to send without it (the change is logged).`,
    });
  }
  return findings;
}
