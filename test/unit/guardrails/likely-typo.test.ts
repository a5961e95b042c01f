import { describe, expect, it } from 'vitest';
import * as rule from '@/lib/guardrails/rules/likely-typo';
import { address, contextOf as context, ruleDraftOf as draft } from '../../support/builders';

describe('likely-typo', () => {
  it('warns by default', () => {
    expect([rule.id, rule.defaultSeverity, rule.recipientStatus]).toEqual(['likely-typo', 'warn', 'warn']);
  });

  it.each([
    { email: 'ana@gmial.com', suggestion: 'ana@gmail.com' },
    { email: 'ana@hotmial.com', suggestion: 'ana@hotmail.com' },
    { email: 'ana@gmail.con', suggestion: 'ana@gmail.com' },
    { email: 'ana@yaho.com', suggestion: 'ana@yahoo.com' },
    { email: 'ana@gmail.com', suggestion: undefined },
    { email: 'ana@prospect.example', suggestion: undefined },
    // A company's own domain on a rare top-level domain is not "corrected".
    { email: 'ana@prospects.test', suggestion: undefined },
    { email: 'ana@bigcorp.con', suggestion: undefined },
    // Real domains the library would "correct" without being told.
    { email: 'ana@mac.com', suggestion: undefined },
    { email: 'ana@me.com', suggestion: undefined },
  ])('$email → $suggestion', ({ email, suggestion }) => {
    const findings = rule.check(context({ draft: draft({ to: [address(email)] }) }));
    expect(findings.map((f) => f.message)).toEqual(suggestion ? [`${email} looks like a typo: did you mean ${suggestion}?`] : []);
    if (suggestion) expect(findings[0]?.sentence).toEqual({ key: 'compose.finding.typo', params: expect.objectContaining({ suggestion }) });
  });
});
