import type { Finding, RecipientStatus, Severity } from '@/lib/core/finding';
import type { GuardrailContext } from './context';

// The shape every rule file has (docs/conventions.md): its id, its default severity and a pure
// check. A rule file is imported as a module namespace and listed in rules/index.ts.

export interface GuardrailRule {
  /** Stable id: the key of severity overrides. */
  readonly id: string;
  /** What the rule guards against, as the options page lists it. */
  readonly title: string;
  readonly defaultSeverity: Severity;
  /** What a finding of this rule about a recipient makes of that recipient's status. */
  readonly recipientStatus?: Exclude<RecipientStatus, 'ok'>;
  /**
   * False for rules whose findings cannot be lowered: a message that cannot be sent or
   * would carry injected headers is not a matter of policy.
   */
  readonly overridable?: boolean;
  check(ctx: GuardrailContext): Finding[];
}
