import { describe, expect, it } from 'vitest';
import * as rule from '@/lib/guardrails/rules/account-snapshot-age';
import { snapshotOf as account, contextOf as context, contextNow as now } from '../../support/builders';

const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();

describe('account-snapshot-age', () => {
  it('warns by default', () => {
    expect(rule.id).toBe('account-snapshot-age');
    expect(rule.defaultSeverity).toBe('warn');
  });

  it.each([
    { case: 'read 5 minutes ago', syncedAt: ago(5), expected: null },
    { case: 'read 29 minutes ago', syncedAt: ago(29), expected: null },
    { case: 'read 30 minutes ago', syncedAt: ago(30), expected: { severity: 'info', says: '30 minutes ago' } },
    { case: 'read 5 hours ago', syncedAt: ago(5 * 60), expected: { severity: 'info', says: '5 hours ago' } },
    { case: 'read a day ago', syncedAt: ago(24 * 60), expected: { severity: 'warn', says: '24 hours ago' } },
    { case: 'read 3 days ago', syncedAt: ago(3 * 24 * 60 + 7), expected: { severity: 'warn', says: '3 days ago' } },
    { case: 'read in the future (clock skew)', syncedAt: ago(-10), expected: null },
  ] as const)('$case', ({ syncedAt, expected }) => {
    const findings = rule.check(context({ account: account({ syncedAt }) }));
    if (expected === null) {
      expect(findings).toEqual([]);
    } else {
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({ code: 'account-stale', severity: expected.severity });
      expect(findings[0]!.message).toContain(expected.says);
    }
  });

  it.each([
    { case: 'never read', snapshot: null },
    { case: 'unreadable time', snapshot: account({ syncedAt: 'yesterday' }) },
  ])('warns when the account is unknown: $case', ({ snapshot }) => {
    const findings = rule.check(context({ account: snapshot }));
    expect(findings).toEqual([expect.objectContaining({ code: 'account-unknown', severity: 'warn' })]);
  });

  it('follows the configured thresholds', () => {
    const thresholds = { ...context().thresholds, accountStaleInfoMinutes: 2, accountStaleWarnMinutes: 4 };
    expect(rule.check(context({ thresholds, account: account({ syncedAt: ago(3) }) }))[0]?.severity).toBe('info');
    expect(rule.check(context({ thresholds, account: account({ syncedAt: ago(5) }) }))[0]?.severity).toBe('warn');
  });
});
