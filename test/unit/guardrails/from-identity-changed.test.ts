import { describe, expect, it } from 'vitest';
import * as rule from '@/lib/guardrails/rules/from-identity-changed';
import type { PinnedIdentity } from '@/lib/guardrails/context';
import { address, contextOf as context, ruleDraftOf as draft } from '../../support/builders';

const pinned: PinnedIdentity = { name: 'Demo SDR', address: 'sdr@outbound.example.com' };
const identity = (fromName: string, fromAddress: string) => ({ fromName, fromAddress, avoidFromDomains: [] });

describe('from-identity-changed', () => {
  it('warns by default', () => {
    expect([rule.id, rule.defaultSeverity]).toEqual(['from-identity-changed', 'warn']);
  });

  it.each<{ case: string; name: string; email: string; pin: PinnedIdentity | null; codes: string[] }>([
    { case: 'same name and address', name: 'Demo SDR', email: 'sdr@outbound.example.com', pin: pinned, codes: [] },
    { case: 'address in another case', name: 'Demo SDR', email: 'SDR@Outbound.Example.com', pin: pinned, codes: [] },
    { case: 'name with stray spaces', name: ' Demo SDR ', email: 'sdr@outbound.example.com', pin: pinned, codes: [] },
    { case: 'nothing pinned yet', name: 'New', email: 'new@outbound.example.com', pin: null, codes: [] },
    { case: 'another address', name: 'Demo SDR', email: 'alias@outbound.example.com', pin: pinned, codes: ['from-address-changed'] },
    { case: 'another name', name: 'Demo S.', email: 'sdr@outbound.example.com', pin: pinned, codes: ['from-name-changed'] },
    { case: 'the name removed', name: '', email: 'sdr@outbound.example.com', pin: pinned, codes: ['from-name-changed'] },
    {
      case: 'both changed',
      name: 'The CEO',
      email: 'ceo@outbound.example.com',
      pin: pinned,
      codes: ['from-address-changed', 'from-name-changed'],
    },
  ])('$case → $codes', ({ name, email, pin, codes }) => {
    const findings = rule.check(context({ settings: identity(name, email), pinnedIdentity: pin }));
    expect(findings.map((f) => f.code)).toEqual(codes);
    expect(findings.every((f) => f.severity === 'warn')).toBe(true);
  });

  it('names both identities in the sentence', () => {
    const [finding] = rule.check(context({ settings: identity('Demo SDR', 'alias@outbound.example.com'), pinnedIdentity: pinned }));
    expect(finding!.message).toContain('alias@outbound.example.com');
    expect(finding!.message).toContain('sdr@outbound.example.com');
  });

  it('judges the identity SES sends from, not the Gmail account shown in the compose window', () => {
    const ctx = context({ draft: draft({ from: address('joe@gmail.example', 'Joe') }), pinnedIdentity: pinned });
    expect(rule.check(ctx)).toEqual([]);
  });
});
