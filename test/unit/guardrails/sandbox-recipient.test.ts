import { describe, expect, it } from 'vitest';
import * as rule from '@/lib/guardrails/rules/sandbox-recipient';
import { snapshotOf as account, address, contextOf as context, ruleDraftOf as draft } from '../../support/builders';

describe('sandbox-recipient', () => {
  it('blocks by default', () => {
    expect(rule.id).toBe('sandbox-recipient');
    expect(rule.defaultSeverity).toBe('block');
  });

  it.each([
    { case: 'verified address', to: 'lead@team.example', flagged: false },
    { case: 'verified address, other case', to: 'Lead@Team.Example', flagged: false },
    { case: 'address at a verified domain', to: 'anyone@outbound.example.com', flagged: false },
    { case: 'mailbox simulator', to: 'success@simulator.amazonses.com', flagged: false },
    { case: 'mailbox simulator bounce', to: 'bounce@simulator.amazonses.com', flagged: false },
    { case: 'unverified address', to: 'ana@prospect.example', flagged: true },
    { case: 'subdomain of a verified domain is not verified', to: 'ana@mail.outbound.example.com', flagged: true },
    { case: 'parent of a verified domain is not verified', to: 'ana@example.com', flagged: true },
    { case: 'another address at a verified address’s domain', to: 'other@team.example', flagged: true },
  ])('sandbox: $case → flagged $flagged', ({ to, flagged }) => {
    const findings = rule.check(
      context({
        account: account({ productionAccessEnabled: false }),
        verifiedIdentities: ['outbound.example.com', 'lead@team.example'],
        draft: draft({ to: [address(to)] }),
      }),
    );
    expect(findings).toEqual(
      flagged ? [expect.objectContaining({ code: 'sandbox-unverified-recipient', severity: 'block', recipient: to })] : [],
    );
  });

  it.each([
    { case: 'production access granted', snapshot: account({ productionAccessEnabled: true }) },
    { case: 'no account snapshot yet (another rule says so)', snapshot: null },
  ])('silent when $case', ({ snapshot }) => {
    const findings = rule.check(
      context({ account: snapshot, verifiedIdentities: [], draft: draft({ to: [address('ana@prospect.example')] }) }),
    );
    expect(findings).toEqual([]);
  });

  it('flags each unverified recipient across To, Cc and Bcc once', () => {
    const findings = rule.check(
      context({
        account: account({ productionAccessEnabled: false }),
        verifiedIdentities: ['outbound.example.com'],
        draft: draft({
          to: [address('ana@prospect.example'), address('me@outbound.example.com')],
          cc: [address('bo@prospect.example')],
          bcc: [address('ANA@prospect.example')],
        }),
      }),
    );
    expect(findings.map((f) => f.recipient)).toEqual(['ana@prospect.example', 'bo@prospect.example']);
    expect(findings[0]!.message).toMatch(/sandbox/);
  });
});
