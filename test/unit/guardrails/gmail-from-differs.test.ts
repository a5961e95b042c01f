import { describe, expect, it } from 'vitest';
import * as rule from '@/lib/guardrails/rules/gmail-from-differs';
import { contextOf as context, draftOf as draft } from '../../support/builders';

describe('gmail-from-differs', () => {
  it('warns by default', () => {
    expect([rule.id, rule.defaultSeverity]).toEqual(['gmail-from-differs', 'warn']);
  });

  it.each([
    { case: 'Gmail leaves From empty (no aliases)', from: null, codes: [] },
    { case: 'the SES identity itself', from: { email: 'sdr@outbound.example.com', name: 'Demo SDR' }, codes: [] },
    { case: 'the SES identity in other case', from: { email: 'SDR@Outbound.Example.com', name: '' }, codes: [] },
    { case: 'another address', from: { email: 'sdr.personal@gmail.com', name: 'Demo' }, codes: ['gmail-from-differs'] },
  ])('$case → $codes', ({ from, codes }) => {
    const findings = rule.check(context({ draft: draft({ from }) }));
    expect(findings.map((f) => f.code)).toEqual(codes);
    for (const f of findings) {
      expect(f.message).toBe(
        'Gmail’s From is sdr.personal@gmail.com, but Send via SES sends from sdr@outbound.example.com, the identity set up in Rampart’s options.',
      );
      expect(f.sentence).toEqual({
        key: 'compose.finding.gmail-from',
        params: { gmail: 'sdr.personal@gmail.com', ses: 'sdr@outbound.example.com' },
      });
    }
  });
});
