import { describe, expect, it } from 'vitest';
import * as rule from '@/lib/guardrails/rules/disposable-domain';
import { address, contextOf as context, ruleDraftOf as draft } from '../../support/builders';

describe('disposable-domain', () => {
  it('warns by default', () => {
    expect([rule.id, rule.defaultSeverity, rule.recipientStatus]).toEqual(['disposable-domain', 'warn', 'warn']);
  });

  it.each([
    { disposable: true, warns: true },
    { disposable: false, warns: false },
    // The list could not be read: nothing said either way.
    { disposable: null, warns: false },
  ])('listed: $disposable → warns: $warns', ({ disposable, warns }) => {
    const findings = rule.check(
      context({
        draft: draft({ to: [address('x@mailinator.com')] }),
        recipientDomains: new Map([['mailinator.com', { mail: 'found', disposable }]]),
      }),
    );
    expect(findings.map((f) => f.message)).toEqual(
      warns ? ['x@mailinator.com is at mailinator.com, a disposable-address service: such inboxes expire and bounce.'] : [],
    );
  });
});
