import { describe, expect, it } from 'vitest';
import * as rule from '@/lib/guardrails/rules/account-under-review';
import type { AccountSnapshot } from '@/lib/guardrails/context';
import { snapshotOf as account, contextOf as context } from '../../support/builders';

describe('account-under-review', () => {
  it('warns by default', () => {
    expect([rule.id, rule.defaultSeverity]).toEqual(['account-under-review', 'warn']);
  });

  it.each<{ case: string; snapshot: AccountSnapshot | null; codes: string[] }>([
    { case: 'healthy', snapshot: account(), codes: [] },
    { case: 'no snapshot', snapshot: null, codes: [] },
    { case: 'shut down (another rule blocks)', snapshot: account({ enforcementStatus: 'SHUTDOWN' }), codes: [] },
    { case: 'probation', snapshot: account({ enforcementStatus: 'PROBATION' }), codes: ['account-probation'] },
    {
      case: 'probation while paused',
      snapshot: account({ enforcementStatus: 'PROBATION', sendingEnabled: false }),
      codes: ['account-probation'],
    },
  ])('$case → $codes', ({ snapshot, codes }) => {
    const findings = rule.check(context({ account: snapshot }));
    expect(findings.map((f) => f.code)).toEqual(codes);
    expect(findings.every((f) => f.severity === 'warn')).toBe(true);
  });
});
