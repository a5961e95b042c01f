import { describe, expect, it } from 'vitest';
import * as rule from '@/lib/guardrails/rules/malformed-header';
import type { Address } from '@/lib/core/draft';
import { address, contextOf as context, ruleDraftOf as draft } from '../../support/builders';

describe('malformed-header', () => {
  it('blocks, and cannot be lowered', () => {
    expect([rule.id, rule.defaultSeverity, rule.overridable]).toEqual(['malformed-header', 'block', false]);
  });

  it.each<{ case: string; to: Address; code: string | null }>([
    { case: 'plain address', to: address('ana@prospect.example'), code: null },
    { case: 'plus and dots', to: address('ana.b+rampart@mail.prospect.example'), code: null },
    { case: 'atext punctuation', to: address("o'neil!#$%&*=?^_`{|}~-@prospect.example"), code: null },
    { case: 'punycode domain', to: address('ana@xn--mnchen-3ya.example'), code: null },
    { case: 'a name with a comma and quotes', to: address('ana@prospect.example', 'Ana "AJ" Jones, PhD'), code: null },
    { case: 'CRLF in the address', to: address('ana@prospect.example\r\nBcc: spy@evil.example'), code: 'header-injection' },
    { case: 'bare LF in the address', to: address('ana@prospect.example\nX: y'), code: 'header-injection' },
    { case: 'NUL in the address', to: address('ana@prospect.example\0'), code: 'header-injection' },
    { case: 'CR in the display name', to: address('ana@prospect.example', 'Ana\rBcc: spy@evil.example'), code: 'header-injection' },
    { case: 'vertical tab in the display name', to: address('ana@prospect.example', 'Ana\x0bJones'), code: 'invalid-display-name' },
    { case: 'no @', to: address('ana.prospect.example'), code: 'invalid-address' },
    { case: 'two @', to: address('ana@b@prospect.example'), code: 'invalid-address' },
    { case: 'empty local part', to: address('@prospect.example'), code: 'invalid-address' },
    { case: 'empty domain', to: address('ana@'), code: 'invalid-address' },
    { case: 'domain without a dot', to: address('ana@localhost'), code: 'invalid-address' },
    { case: 'leading dot', to: address('.ana@prospect.example'), code: 'invalid-address' },
    { case: 'double dot', to: address('ana..b@prospect.example'), code: 'invalid-address' },
    { case: 'trailing dot in local part', to: address('ana.@prospect.example'), code: 'invalid-address' },
    { case: 'space inside', to: address('ana b@prospect.example'), code: 'invalid-address' },
    { case: 'quoted local part', to: address('"ana b"@prospect.example'), code: 'invalid-address' },
    { case: 'angle brackets', to: address('<ana@prospect.example>'), code: 'invalid-address' },
    { case: 'display form pasted as the address', to: address('Ana <ana@prospect.example>'), code: 'invalid-address' },
    { case: 'IP literal', to: address('ana@[192.0.2.1]'), code: 'invalid-address' },
    { case: 'numeric top-level domain', to: address('ana@192.0.2.1'), code: 'invalid-address' },
    { case: 'label starting with a hyphen', to: address('ana@-prospect.example'), code: 'invalid-address' },
    { case: 'label ending with a hyphen', to: address('ana@prospect-.example'), code: 'invalid-address' },
    { case: 'empty label', to: address('ana@prospect..example'), code: 'invalid-address' },
    { case: 'underscore in domain', to: address('ana@pro_spect.example'), code: 'invalid-address' },
    { case: 'label of 64 characters', to: address(`ana@${'a'.repeat(64)}.example`), code: 'invalid-address' },
    { case: 'local part of 65 characters', to: address(`${'a'.repeat(65)}@prospect.example`), code: 'invalid-address' },
    { case: 'local part of 64 characters', to: address(`${'a'.repeat(64)}@prospect.example`), code: null },
    { case: 'non-ASCII local part (no SMTPUTF8 in SES)', to: address('jürgen@prospect.example'), code: 'invalid-address' },
    { case: 'non-ASCII domain not in Punycode', to: address('ana@münchen.example'), code: 'invalid-address' },
    { case: 'empty address', to: address(''), code: 'invalid-address' },
  ])('recipient: $case → $code', ({ to, code }) => {
    const findings = rule.check(context({ draft: draft({ to: [to] }) }));
    if (code === null) {
      expect(findings).toEqual([]);
      return;
    }
    expect(findings).toEqual([expect.objectContaining({ code, severity: 'block', recipient: to.email })]);
    // The sentence stays one printable line even when the value does not.
    expect(findings[0]!.message).not.toMatch(/[\r\n\0]/);
  });

  it('says what is wrong with the address', () => {
    const [finding] = rule.check(context({ draft: draft({ to: [address('ana@münchen.example')] }) }));
    expect(finding!.message).toContain('Punycode');
  });

  it.each([
    { case: 'a plain subject', subject: 'Re: pipeline – next steps ✓', codes: [] },
    { case: 'an empty subject', subject: '', codes: [] },
    { case: 'CRLF in the subject', subject: 'Hello\r\nBcc: spy@evil.example', codes: ['header-injection'] },
    { case: 'LF in the subject', subject: 'Hello\nthere', codes: ['header-injection'] },
    { case: 'NUL in the subject', subject: 'Hello\0', codes: ['header-injection'] },
    { case: 'a control character in the subject', subject: 'Hello\x1b[31m', codes: ['invalid-subject'] },
  ])('subject: $case → $codes', ({ subject, codes }) => {
    const findings = rule.check(context({ draft: draft({ subject }) }));
    expect(findings.map((f) => f.code)).toEqual(codes);
    expect(findings.every((f) => f.recipient === undefined)).toBe(true);
  });

  it.each<{ case: string; fromName: string; fromAddress: string; codes: string[] }>([
    { case: 'the configured From', fromName: 'Demo SDR', fromAddress: 'sdr@outbound.example.com', codes: [] },
    { case: 'no From name', fromName: '', fromAddress: 'sdr@outbound.example.com', codes: [] },
    {
      case: 'CRLF in the From name',
      fromName: 'Demo\r\nBcc: x@y.example',
      fromAddress: 'sdr@outbound.example.com',
      codes: ['header-injection'],
    },
    {
      case: 'LF in the From address',
      fromName: 'Demo SDR',
      fromAddress: 'sdr@outbound.example.com\nBcc: x@y.example',
      codes: ['header-injection'],
    },
    {
      case: 'a control character in the From name',
      fromName: 'Demo\x07SDR',
      fromAddress: 'sdr@outbound.example.com',
      codes: ['invalid-display-name'],
    },
    { case: 'a malformed From address', fromName: 'Demo SDR', fromAddress: 'sdr@outbound', codes: ['invalid-from-address'] },
    { case: 'spelled out', fromName: 'Demo SDR', fromAddress: 'sdr at outbound.example.com', codes: ['invalid-from-address'] },
    { case: 'not set up yet', fromName: '', fromAddress: '', codes: ['from-not-configured'] },
  ])('From: $case → $codes', ({ fromName, fromAddress, codes }) => {
    const findings = rule.check(context({ settings: { fromName, fromAddress, avoidFromDomains: [] } }));
    expect(findings.map((f) => f.code)).toEqual(codes);
    expect(findings.every((f) => f.recipient === undefined)).toBe(true);
  });

  it('reports each bad recipient once, across To, Cc and Bcc', () => {
    const findings = rule.check(
      context({
        draft: draft({
          to: [address('ana@prospect.example'), address('bad@')],
          cc: [address('also bad@prospect.example')],
          bcc: [address('BAD@')],
        }),
      }),
    );
    expect(findings.map((f) => f.recipient)).toEqual(['bad@', 'also bad@prospect.example']);
  });
});
