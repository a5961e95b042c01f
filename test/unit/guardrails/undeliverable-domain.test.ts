import { describe, expect, it } from 'vitest';
import * as rule from '@/lib/guardrails/rules/undeliverable-domain';
import type { DomainFacts } from '@/lib/guardrails/context';
import { address, contextOf as context, ruleDraftOf as draft } from '../../support/builders';

const facts = (entries: Record<string, DomainFacts>) => new Map(Object.entries(entries));

describe('undeliverable-domain', () => {
  it('blocks by default, and makes the chip undeliverable', () => {
    expect([rule.id, rule.defaultSeverity, rule.recipientStatus]).toEqual(['undeliverable-domain', 'block', 'undeliverable']);
  });

  it.each<{ case: string; domains: Map<string, DomainFacts> | undefined; says?: string }>([
    { case: 'mail servers found', domains: facts({ 'prospect.example': { mail: 'found', disposable: false } }) },
    { case: 'not checked', domains: facts({ 'prospect.example': { mail: 'unchecked', disposable: null } }) },
    { case: 'the check did not run', domains: undefined },
    {
      case: 'no MX, A or AAAA',
      domains: facts({ 'prospect.example': { mail: 'none', reason: 'no-mail-server', disposable: false } }),
      says: 'ana@prospect.example cannot receive mail: prospect.example has no mail server (no MX, A or AAAA record). Sending would be a certain hard bounce.',
    },
    {
      case: 'no such domain',
      domains: facts({ 'prospect.example': { mail: 'none', reason: 'nxdomain', disposable: false } }),
      says: 'ana@prospect.example cannot receive mail: the domain prospect.example does not exist. Sending would be a certain hard bounce.',
    },
    {
      case: 'a null MX',
      domains: facts({ 'prospect.example': { mail: 'none', reason: 'null-mx', disposable: false } }),
      says: 'ana@prospect.example cannot receive mail: prospect.example says it accepts no mail (null MX). Sending would be a certain hard bounce.',
    },
  ])('$case', ({ domains, says }) => {
    const findings = rule.check(
      context({ draft: draft({ to: [address('Ana@Prospect.example')] }), ...(domains ? { recipientDomains: domains } : {}) }),
    );
    expect(findings.map((f) => f.message.replace('Ana@Prospect.example', 'ana@prospect.example'))).toEqual(says ? [says] : []);
    if (says) expect(findings[0]).toMatchObject({ code: 'undeliverable-domain', severity: 'block', recipient: 'Ana@Prospect.example' });
  });

  it('names each recipient on such a domain once', () => {
    const ctx = context({
      draft: draft({
        to: [address('a@gone.example'), address('b@ok.example')],
        cc: [address('a@gone.example')],
        bcc: [address('c@gone.example')],
      }),
      recipientDomains: facts({
        'gone.example': { mail: 'none', reason: 'nxdomain', disposable: false },
        'ok.example': { mail: 'found', disposable: false },
      }),
    });
    expect(rule.check(ctx).map((f) => f.recipient)).toEqual(['a@gone.example', 'c@gone.example']);
  });
});
