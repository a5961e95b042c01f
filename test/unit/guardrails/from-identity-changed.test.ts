import { describe, expect, it } from 'vitest';
import * as rule from '../../../lib/guardrails/rules/from-identity-changed';
import type { Address } from '../../../lib/draft';
import type { PinnedIdentity } from '../../../lib/guardrails/context';
import { context, draft } from './context-builder';

const pinned: PinnedIdentity = { name: 'Demo SDR', address: 'sdr@outbound.example.com' };

describe('from-identity-changed', () => {
  it('warns by default', () => {
    expect([rule.id, rule.defaultSeverity]).toEqual(['from-identity-changed', 'warn']);
  });

  it.each<{ case: string; from: Address | null; pin: PinnedIdentity | null; codes: string[] }>([
    { case: 'same name and address', from: { email: 'sdr@outbound.example.com', name: 'Demo SDR' }, pin: pinned, codes: [] },
    { case: 'address in another case', from: { email: 'SDR@Outbound.Example.com', name: 'Demo SDR' }, pin: pinned, codes: [] },
    { case: 'name with stray spaces', from: { email: 'sdr@outbound.example.com', name: ' Demo SDR ' }, pin: pinned, codes: [] },
    { case: 'no name read from the compose window', from: { email: 'sdr@outbound.example.com' }, pin: pinned, codes: [] },
    { case: 'From not read: the configured identity is used', from: null, pin: pinned, codes: [] },
    { case: 'nothing pinned yet', from: { email: 'new@outbound.example.com', name: 'New' }, pin: null, codes: [] },
    { case: 'another address', from: { email: 'alias@outbound.example.com', name: 'Demo SDR' }, pin: pinned, codes: ['from-address-changed'] },
    { case: 'another name', from: { email: 'sdr@outbound.example.com', name: 'Demo S.' }, pin: pinned, codes: ['from-name-changed'] },
    {
      case: 'both changed',
      from: { email: 'ceo@outbound.example.com', name: 'The CEO' },
      pin: pinned,
      codes: ['from-address-changed', 'from-name-changed'],
    },
  ])('$case → $codes', ({ from, pin, codes }) => {
    const findings = rule.check(context({ draft: draft({ from }), pinnedIdentity: pin }));
    expect(findings.map((f) => f.code)).toEqual(codes);
    expect(findings.every((f) => f.severity === 'warn')).toBe(true);
  });

  it('names both identities in the sentence', () => {
    const [finding] = rule.check(
      context({ draft: draft({ from: { email: 'alias@outbound.example.com', name: 'Demo SDR' } }), pinnedIdentity: pinned }),
    );
    expect(finding!.message).toContain('alias@outbound.example.com');
    expect(finding!.message).toContain('sdr@outbound.example.com');
  });

  it('compares the configured identity when the compose window shows no From', () => {
    const findings = rule.check(
      context({
        draft: draft({ from: null }),
        settings: { fromName: 'Demo SDR', fromAddress: 'moved@outbound.example.com', avoidFromDomains: [] },
        pinnedIdentity: pinned,
      }),
    );
    expect(findings.map((f) => f.code)).toEqual(['from-address-changed']);
  });
});
