import { describe, expect, it } from 'vitest';
import * as rule from '@/lib/guardrails/rules/account-not-sending';
import type { AccountSnapshot } from '@/lib/guardrails/context';
import { snapshotOf as account, contextOf as context } from '../../support/builders';

describe('account-not-sending', () => {
  it('blocks by default', () => {
    expect([rule.id, rule.defaultSeverity]).toEqual(['account-not-sending', 'block']);
  });

  it.each<{ case: string; snapshot: AccountSnapshot | null; codes: string[] }>([
    { case: 'healthy', snapshot: account(), codes: [] },
    { case: 'no snapshot', snapshot: null, codes: [] },
    { case: 'under review, still sending', snapshot: account({ enforcementStatus: 'PROBATION' }), codes: [] },
    { case: 'sending disabled', snapshot: account({ sendingEnabled: false }), codes: ['account-sending-disabled'] },
    { case: 'shut down', snapshot: account({ enforcementStatus: 'SHUTDOWN' }), codes: ['account-shutdown'] },
    {
      case: 'shut down and disabled',
      snapshot: account({ enforcementStatus: 'SHUTDOWN', sendingEnabled: false }),
      codes: ['account-shutdown', 'account-sending-disabled'],
    },
  ])('$case → $codes', ({ snapshot, codes }) => {
    const findings = rule.check(context({ account: snapshot }));
    expect(findings.map((f) => f.code)).toEqual(codes);
    expect(findings.every((f) => f.severity === 'block' && f.recipient === undefined)).toBe(true);
  });
});
