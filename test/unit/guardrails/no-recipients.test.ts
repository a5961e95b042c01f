import { describe, expect, it } from 'vitest';
import * as rule from '@/lib/guardrails/rules/no-recipients';
import { address, contextOf as context, ruleDraftOf as draft } from '../../support/builders';

describe('no-recipients', () => {
  it('blocks, and cannot be lowered', () => {
    expect([rule.id, rule.defaultSeverity, rule.overridable]).toEqual(['no-recipients', 'block', false]);
  });

  it.each([
    { case: 'nobody', to: [], cc: [], bcc: [], codes: ['no-recipients'] },
    { case: 'one in To', to: [address('a@prospect.example')], cc: [], bcc: [], codes: [] },
    { case: 'Cc only', to: [], cc: [address('a@prospect.example')], bcc: [], codes: [] },
    { case: 'Bcc only', to: [], cc: [], bcc: [address('a@prospect.example')], codes: [] },
  ])('$case → $codes', ({ to, cc, bcc, codes }) => {
    const findings = rule.check(context({ draft: draft({ to, cc, bcc }) }));
    expect(findings.map((f) => [f.code, f.severity])).toEqual(codes.map((c) => [c, 'block']));
  });
});
