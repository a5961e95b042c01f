import type { Finding, Severity } from '@/lib/core/finding';
import { sendingFrom, type GuardrailContext } from '@/lib/guardrails/context';
import { domainOf } from '@/lib/core/address';
import { findingSentence } from '@/lib/guardrails/sentence';

// Gmail and Yahoo require bulk senders to authenticate with SPF and DKIM and to publish
// DMARC; unauthenticated mail from a young domain goes to spam or is refused. SES signs
// with DKIM once the domain's DKIM is SUCCESS; SPF aligns only with a custom MAIL FROM.

export const id = 'from-domain-auth';
export const title = 'From domain not authenticated (DKIM, SPF, DMARC)';
export const defaultSeverity: Severity = 'warn';

export function check(ctx: GuardrailContext): Finding[] {
  const domain = domainOf(sendingFrom(ctx).email) || 'the From domain';
  const status = ctx.fromIdentityStatus;
  if (!status) {
    return [
      {
        code: 'from-auth-unknown',
        severity: 'info',
        message: `Rampart has not checked DKIM, SPF and DMARC for ${domain} yet.`,
      },
    ];
  }
  const findings: Finding[] = [];
  if (status.dkimStatus !== 'SUCCESS') {
    findings.push({
      code: 'from-dkim-not-verified',
      severity: defaultSeverity,
      message: `DKIM for ${domain} is ${status.dkimStatus.toLowerCase().replaceAll('_', ' ')}, not verified: messages go out unsigned and are likely to land in spam.`,
    });
  }
  if (!status.mailFromSet) {
    findings.push({
      code: 'from-mail-from-missing',
      severity: defaultSeverity,
      message: `${domain} has no custom MAIL FROM domain, so SPF does not align with the From and DMARC rests on DKIM alone.`,
    });
  }
  if (status.dmarcFound === false) {
    findings.push({
      code: 'from-dmarc-missing',
      severity: defaultSeverity,
      ...findingSentence('compose.finding.dmarc-missing', { domain }),
    });
  } else if (status.dmarcFound === null) {
    findings.push({ code: 'from-dmarc-unknown', severity: 'info', ...findingSentence('compose.finding.dmarc-unknown', { domain }) });
  }
  return findings;
}
