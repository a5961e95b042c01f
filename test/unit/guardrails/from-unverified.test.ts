import { describe, expect, it } from 'vitest';
import * as rule from '@/lib/guardrails/rules/from-unverified';
import type { FromIdentityStatus } from '@/lib/guardrails/context';
import { contextOf as context } from '../../support/builders';

const status = (verifiedForSending: boolean): FromIdentityStatus => ({
  identity: 'outbound.example.com',
  verifiedForSending,
  dkimStatus: verifiedForSending ? 'SUCCESS' : 'PENDING',
  mailFromSet: true,
  dmarcFound: true,
});

describe('from-unverified', () => {
  it('blocks by default', () => {
    expect([rule.id, rule.defaultSeverity]).toEqual(['from-unverified', 'block']);
  });

  it.each([
    { case: 'verified', identity: status(true), codes: [] },
    { case: 'not looked up yet', identity: null, codes: [] },
    { case: 'not verified', identity: status(false), codes: ['from-not-verified'] },
  ])('$case → $codes', ({ identity, codes }) => {
    const findings = rule.check(context({ fromIdentityStatus: identity }));
    expect(findings.map((f) => f.code)).toEqual(codes);
    for (const f of findings) {
      expect(f.severity).toBe('block');
      expect(f.message).toContain('sdr@outbound.example.com');
    }
  });
});
