import { describe, expect, it } from 'vitest';
import * as rule from '@/lib/guardrails/rules/role-address';
import { address, contextOf as context, ruleDraftOf as draft } from '../../support/builders';

describe('role-address', () => {
  it('warns by default', () => {
    expect([rule.id, rule.defaultSeverity, rule.recipientStatus]).toEqual(['role-address', 'warn', 'warn']);
  });

  it.each([
    { email: 'info@acme.example', role: 'info' },
    { email: 'Sales@acme.example', role: 'sales' },
    { email: 'support+eu@acme.example', role: 'support' },
    { email: 'no-reply@acme.example', role: 'no-reply' },
    { email: 'ana@acme.example', role: undefined },
    { email: 'information.desk@acme.example', role: undefined },
    { email: 'salesforce@acme.example', role: undefined },
  ])('$email → $role', ({ email, role }) => {
    const findings = rule.check(context({ draft: draft({ to: [address(email)] }) }));
    expect(findings.map((f) => f.message)).toEqual(
      role ? [`${email} is a role address (${role}@): it reaches a team or a list, not a person, and draws complaints.`] : [],
    );
  });
});
