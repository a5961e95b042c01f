import { describe, expect, it } from 'vitest';
import * as rule from '@/lib/guardrails/rules/too-many-recipients';
import { address, contextOf as context, ruleDraftOf as draft } from '../../support/builders';

const some = (n: number, tag: string) => Array.from({ length: n }, (_, i) => address(`${tag}${i}@prospect.example`));

describe('too-many-recipients', () => {
  it('blocks, and cannot be lowered', () => {
    expect([rule.id, rule.defaultSeverity, rule.overridable]).toEqual(['too-many-recipients', 'block', false]);
  });

  it.each([
    { to: 1, cc: 0, bcc: 0, blocked: false },
    { to: 50, cc: 0, bcc: 0, blocked: false },
    { to: 51, cc: 0, bcc: 0, blocked: true },
    { to: 30, cc: 15, bcc: 5, blocked: false },
    { to: 30, cc: 15, bcc: 6, blocked: true },
  ])('To $to + Cc $cc + Bcc $bcc → blocked $blocked (SES takes 50)', ({ to, cc, bcc, blocked }) => {
    const findings = rule.check(context({ draft: draft({ to: some(to, 't'), cc: some(cc, 'c'), bcc: some(bcc, 'b') }) }));
    expect(findings.map((f) => f.code)).toEqual(blocked ? ['too-many-recipients'] : []);
    if (blocked) expect(findings[0]!.message).toContain(`${to + cc + bcc} recipients`);
  });
});
