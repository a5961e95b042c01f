import { overall, type Finding, type RecipientStatus, type Severity, type Verdict } from '@/lib/core/finding';
import { emailKey } from '@/lib/core/email';
import { distinctRecipients, type GuardrailContext } from './context';
import type { GuardrailRule } from './rule';
import type { SeverityOverrides } from './overrides';
import { remainingToday } from './cap';
import { rules as defaultRules } from './rules';

export type { SeverityOverrides } from './overrides';

const severityOrder: Record<Severity, number> = { block: 0, warn: 1, info: 2 };

// When one recipient has findings from several rules, the status says the worst:
// an address that cannot be sent to at all, then one SES would refuse for suppression,
// then one the sandbox would refuse, then a domain with no mail server (a certain bounce),
// then a warning about that address alone, then a domain not checked (only a note).
const statusOrder: Record<Exclude<RecipientStatus, 'ok'>, number> = {
  invalid: 0,
  suppressed: 1,
  unverified: 2,
  undeliverable: 3,
  warn: 4,
  unchecked: 5,
};

/**
 * The verdict on a draft: every rule's findings (worst first), each recipient's status and
 * today's cap. The background calls it at check time and again at send time.
 */
export function verdict(ctx: GuardrailContext, overrides: SeverityOverrides = {}, rules: readonly GuardrailRule[] = defaultRules): Verdict {
  const findings: Finding[] = [];
  const statuses = new Map<string, { status: Exclude<RecipientStatus, 'ok'>; reason: string }>();

  for (const rule of rules) {
    const override = rule.overridable === false ? undefined : overrides[rule.id];
    if (override === 'off') continue;
    const outcome = runRule(rule, ctx);
    for (const found of outcome.findings) {
      // The override replaces the rule's own severity; a rule's lesser notes (an `info`
      // beside its warnings) keep theirs, and a failed rule's block stands.
      const overridden = override && !outcome.failed && found.severity === rule.defaultSeverity;
      const finding = overridden ? { ...found, severity: override } : found;
      findings.push(finding);
      // A finding about one address is said on that address's chip too: a warning with
      // nothing to read beside the confirmation it asks for would be a blind tick.
      const status = rule.recipientStatus ?? (finding.severity === 'info' ? undefined : 'warn');
      if (finding.recipient && status) {
        const key = emailKey(finding.recipient);
        const held = statuses.get(key);
        if (!held || statusOrder[status] < statusOrder[held.status]) {
          statuses.set(key, { status, reason: finding.message });
        }
      }
    }
  }

  // Array.prototype.sort is stable: within a severity, rules keep their listed order.
  findings.sort((a, b) => severityOrder[a.severity] - severityOrder[b.severity]);

  const recipients: Verdict['recipients'] = distinctRecipients(ctx.draft).map(({ email }) => {
    const held = statuses.get(emailKey(email));
    return held ? { email, status: held.status, reason: held.reason } : { email, status: 'ok' };
  });

  return {
    verdict: overall(findings),
    findings,
    recipients,
    cap: ctx.cap ? remainingToday(ctx.cap) : null,
  };
}

// A rule that throws is a bug, but the send it was guarding must not go out unchecked.
function runRule(rule: GuardrailRule, ctx: GuardrailContext): { findings: Finding[]; failed: boolean } {
  try {
    return { findings: rule.check(ctx), failed: false };
  } catch (error) {
    const findings: Finding[] = [
      {
        code: 'rule-failed',
        severity: 'block',
        message: `Rampart could not run its “${rule.id}” check (${error instanceof Error ? error.message : String(error)}), so it will not send this draft.`,
      },
    ];
    return { findings, failed: true };
  }
}
