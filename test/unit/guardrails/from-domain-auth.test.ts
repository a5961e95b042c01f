import { describe, expect, it } from 'vitest';
import * as rule from '@/lib/guardrails/rules/from-domain-auth';
import type { FromIdentityStatus } from '@/lib/guardrails/context';
import { contextOf as context } from '../../support/builders';

const healthy: FromIdentityStatus = {
  identity: 'outbound.example.com',
  verifiedForSending: true,
  dkimStatus: 'SUCCESS',
  mailFromSet: true,
  dmarcFound: true,
};

describe('from-domain-auth', () => {
  it('warns by default', () => {
    expect([rule.id, rule.defaultSeverity]).toEqual(['from-domain-auth', 'warn']);
  });

  it.each<{ case: string; status: FromIdentityStatus | null; found: [string, string][] }>([
    { case: 'DKIM, MAIL FROM and DMARC in place', status: healthy, found: [] },
    { case: 'DKIM pending', status: { ...healthy, dkimStatus: 'PENDING' }, found: [['from-dkim-not-verified', 'warn']] },
    { case: 'DKIM failed', status: { ...healthy, dkimStatus: 'FAILED' }, found: [['from-dkim-not-verified', 'warn']] },
    { case: 'DKIM not started', status: { ...healthy, dkimStatus: 'NOT_STARTED' }, found: [['from-dkim-not-verified', 'warn']] },
    { case: 'no MAIL FROM domain', status: { ...healthy, mailFromSet: false }, found: [['from-mail-from-missing', 'warn']] },
    { case: 'no DMARC record', status: { ...healthy, dmarcFound: false }, found: [['from-dmarc-missing', 'warn']] },
    { case: 'DMARC not looked up', status: { ...healthy, dmarcFound: null }, found: [['from-dmarc-unknown', 'info']] },
    {
      case: 'nothing set up',
      status: { ...healthy, dkimStatus: 'TEMPORARY_FAILURE', mailFromSet: false, dmarcFound: false },
      found: [
        ['from-dkim-not-verified', 'warn'],
        ['from-mail-from-missing', 'warn'],
        ['from-dmarc-missing', 'warn'],
      ],
    },
    { case: 'identity not looked up yet', status: null, found: [['from-auth-unknown', 'info']] },
  ])('$case', ({ status, found }) => {
    const findings = rule.check(context({ fromIdentityStatus: status }));
    expect(findings.map((f) => [f.code, f.severity])).toEqual(found);
    for (const f of findings) expect(f.message).toContain('outbound.example.com');
  });

  it('says the DKIM status in words', () => {
    const [finding] = rule.check(context({ fromIdentityStatus: { ...healthy, dkimStatus: 'TEMPORARY_FAILURE' } }));
    expect(finding!.message).toContain('temporary failure');
  });
});
