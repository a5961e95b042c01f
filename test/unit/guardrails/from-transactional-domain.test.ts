import { describe, expect, it } from 'vitest';
import * as rule from '@/lib/guardrails/rules/from-transactional-domain';
import { contextOf as context, ruleDraftOf as draft } from '../../support/builders';

describe('from-transactional-domain', () => {
  it('warns by default', () => {
    expect([rule.id, rule.defaultSeverity]).toEqual(['from-transactional-domain', 'warn']);
  });

  it.each([
    { case: 'the outbound subdomain', from: 'sdr@outbound.example.com', avoid: ['example.com'], flagged: false },
    { case: 'a separate outbound domain', from: 'sdr@getexample.io', avoid: ['example.com', 'mail.example.com'], flagged: false },
    { case: 'nothing to avoid configured', from: 'sdr@example.com', avoid: [], flagged: false },
    { case: 'the corporate domain', from: 'sdr@example.com', avoid: ['example.com'], flagged: true },
    { case: 'the transactional domain', from: 'sdr@mail.example.com', avoid: ['example.com', 'mail.example.com'], flagged: true },
    { case: 'written in another case', from: 'SDR@Example.COM', avoid: ['example.com'], flagged: true },
    { case: 'configured in another case', from: 'sdr@example.com', avoid: ['Example.com'], flagged: true },
  ])('$case → flagged $flagged', ({ from, avoid, flagged }) => {
    const findings = rule.check(
      context({
        draft: draft({ from: { email: from } }),
        settings: { fromName: 'Demo SDR', fromAddress: from, avoidFromDomains: avoid },
      }),
    );
    expect(findings.map((f) => [f.code, f.severity])).toEqual(flagged ? [['from-transactional-domain', 'warn']] : []);
    if (flagged) expect(findings[0]!.message).toContain(from.split('@')[1]!.toLowerCase());
  });
});
