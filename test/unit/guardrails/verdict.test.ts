import { describe, expect, it } from 'vitest';
import { verdict, type SeverityOverrides } from '@/lib/guardrails/verdict';
import { defaultSeverities, rules } from '@/lib/guardrails/rules/index';
import { verdictSchema, type RecipientStatus } from '@/lib/core/finding';
import { gmailHolds } from '@/lib/core/gmail-holds';
import { severityOverridesSchema } from '@/lib/guardrails/overrides';
import type { GuardrailRule } from '@/lib/guardrails/rule';
import type { GuardrailContext } from '@/lib/guardrails/context';
import { snapshotOf as account, address, contextOf as context, ruleDraftOf as draft, contextNow as now } from '../../support/builders';

const since = '2026-11-03T12:00:00Z';

describe('the rule list', () => {
  it('has one rule per id, with docs/rules.md’s default severities', () => {
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    expect(defaultSeverities).toEqual({
      'draft-unreadable': 'block',
      'no-recipients': 'block',
      'malformed-header': 'block',
      'too-many-recipients': 'block',
      'suppressed-recipient': 'block',
      'sandbox-recipient': 'block',
      'undeliverable-domain': 'block',
      'likely-typo': 'warn',
      'disposable-domain': 'warn',
      'role-address': 'warn',
      'mail-unchecked': 'info',
      'account-not-sending': 'block',
      'account-under-review': 'warn',
      'account-snapshot-age': 'warn',
      'daily-cap': 'block',
      'reputation-runway': 'warn',
      'from-unverified': 'block',
      'from-identity-changed': 'warn',
      'gmail-from-differs': 'warn',
      'from-transactional-domain': 'warn',
      'from-domain-auth': 'warn',
      'replies-elsewhere': 'warn',
      'duplicate-follow-up': 'warn',
    });
  });

  it('gives every rule a title for the options page', () => {
    for (const rule of rules) expect(rule.title.trim().length, rule.id).toBeGreaterThan(5);
  });
});

describe('verdict', () => {
  it('is ok for a healthy draft, and shows docs/rules.md’s “142 of 225 left today — ramp day 5”', () => {
    const v = verdict(context());
    expect(v.verdict).toBe('ok');
    expect(v.findings).toEqual([]);
    expect(v.recipients).toEqual([{ email: 'ana@prospect.example', status: 'ok' }]);
    expect(v.cap).toEqual({ remaining: 142, of: 225, limit: 'mine', rampDay: 5, sentence: '142 of 225 left today — ramp day 5' });
    // What crosses the message boundary must validate against the protocol's schema.
    expect(verdictSchema.safeParse(v).success).toBe(true);
  });

  it.each<{ case: string; ctx: GuardrailContext; verdict: 'ok' | 'warn' | 'block'; codes: string[] }>([
    { case: 'an info note alone', ctx: context({ fromIdentityStatus: null }), verdict: 'ok', codes: ['from-auth-unknown'] },
    {
      case: 'account under review',
      ctx: context({ account: account({ enforcementStatus: 'PROBATION' }) }),
      verdict: 'warn',
      codes: ['account-probation'],
    },
    {
      case: 'a changed From and a stale snapshot',
      ctx: context({
        settings: { fromName: 'Demo SDR', fromAddress: 'alias@outbound.example.com', avoidFromDomains: ['example.com'] },
        account: account({ syncedAt: new Date(now.getTime() - 2 * 3_600_000).toISOString() }),
      }),
      verdict: 'warn',
      // Gmail's From (the builder's sdr@) is no longer the identity SES sends from.
      codes: ['from-address-changed', 'gmail-from-differs', 'account-stale'],
    },
    {
      case: 'a suppressed recipient among warnings',
      ctx: context({
        account: account({ enforcementStatus: 'PROBATION' }),
        suppression: new Map([['ana@prospect.example', { reason: 'COMPLAINT', since }]]),
      }),
      verdict: 'block',
      codes: ['suppressed-recipient', 'account-probation'],
    },
    {
      case: 'account paused',
      ctx: context({ account: account({ sendingEnabled: false }) }),
      verdict: 'block',
      codes: ['account-sending-disabled'],
    },
  ])('$case → $verdict', ({ ctx, verdict: expected, codes }) => {
    const v = verdict(ctx);
    expect(v.verdict).toBe(expected);
    expect(v.findings.map((f) => f.code)).toEqual(codes);
  });

  it('gives each recipient its status and reason, the worst when several rules speak', () => {
    const v = verdict(
      context({
        account: account({ productionAccessEnabled: false }),
        verifiedIdentities: ['outbound.example.com', 'team.example'],
        suppression: new Map([
          ['bo@team.example', { reason: 'BOUNCE', since }],
          ['cy@prospect.example', { reason: 'UNSUBSCRIBE', since }],
          ['bad@prospect', { reason: 'MANUAL', since }],
        ]),
        draft: draft({
          to: [address('ana@team.example'), address('bo@team.example'), address('cy@prospect.example')],
          cc: [address('dee@prospect.example'), address('bad@prospect')],
          bcc: [address('BO@team.example'), address('success@simulator.amazonses.com')],
        }),
      }),
    );
    expect(v.verdict).toBe('block');
    expect(v.recipients.map((r) => [r.email, r.status])).toEqual([
      ['ana@team.example', 'ok'],
      ['bo@team.example', 'suppressed'],
      // Suppressed and unverified: suppression is the worse.
      ['cy@prospect.example', 'suppressed'],
      ['dee@prospect.example', 'unverified'],
      // Malformed, suppressed and unverified: it cannot be sent to at all.
      ['bad@prospect', 'invalid'],
      ['success@simulator.amazonses.com', 'ok'],
    ]);
    const reasons = Object.fromEntries(v.recipients.map((r) => [r.email, r.reason]));
    expect(reasons['bo@team.example']).toMatch(/bounced/);
    expect(reasons['cy@prospect.example']).toMatch(/unsubscribed/);
    expect(reasons['dee@prospect.example']).toMatch(/sandbox/);
    expect(reasons['bad@prospect']).toMatch(/not a valid email address/);
    expect(reasons['ana@team.example']).toBeUndefined();
  });

  it('says a warning about one address on its chip too, below any status that blocks', () => {
    const sentYesterday = new Date(now.getTime() - 24 * 3600_000).toISOString();
    const v = verdict(
      context({
        recentSends: new Map([
          ['pat@prospect.example', sentYesterday],
          ['bo@prospect.example', sentYesterday],
        ]),
        suppression: new Map([['bo@prospect.example', { reason: 'BOUNCE', since }]]),
        draft: draft({ to: [address('pat@prospect.example'), address('bo@prospect.example'), address('new@prospect.example')] }),
      }),
    );
    expect(v.recipients.map((r) => [r.email, r.status])).toEqual([
      ['pat@prospect.example', 'warn'],
      // Suppressed and sent to yesterday: the suppression is what the chip says.
      ['bo@prospect.example', 'suppressed'],
      ['new@prospect.example', 'ok'],
    ]);
    const pat = v.recipients[0]!;
    expect(pat.reason).toBe(v.findings.find((f) => f.code === 'duplicate-follow-up' && f.recipient === 'pat@prospect.example')?.message);
    expect(pat.reason).toMatch(/You sent to pat@prospect.example/);
  });

  it('holds Gmail’s own Send only for an address bad whichever way the mail goes', () => {
    const holds = (...statuses: string[]) =>
      gmailHolds({ recipients: statuses.map((status, i) => ({ email: `r${i}@x.example`, status: status as RecipientStatus })) });
    expect(holds('ok', 'suppressed')).toBe(true);
    expect(holds('invalid')).toBe(true);
    expect(holds('undeliverable')).toBe(true);
    // The sandbox and a warning are SES's or Rampart's concern, not Gmail's.
    expect(holds('unverified', 'warn', 'ok')).toBe(false);
    expect(holds()).toBe(false);
    expect(gmailHolds(null)).toBe(false);
  });

  it('lists block findings before warnings before notes', () => {
    const v = verdict(
      context({
        fromIdentityStatus: null,
        account: account({ enforcementStatus: 'PROBATION' }),
        draft: draft({ to: [] }),
      }),
    );
    expect(v.findings.map((f) => f.severity)).toEqual(['block', 'warn', 'info']);
    expect(v.findings.map((f) => f.code)).toEqual(['no-recipients', 'account-probation', 'from-auth-unknown']);
  });

  it('blocks when SES’s quota binds, with SentLast24Hours near Max24HourSend', () => {
    const v = verdict(
      context({
        draft: draft({ to: [address('a@prospect.example'), address('b@prospect.example'), address('c@prospect.example')] }),
        cap: {
          mine: { cap: 300, sent: 40 },
          team: { cap: 300 },
          ses: { max24HourSend: 280, sentLast24Hours: 278 },
          rampDay: 8,
        },
      }),
    );
    expect(v.verdict).toBe('block');
    expect(v.cap).toMatchObject({ remaining: 2, of: 280, limit: 'ses' });
    expect(v.findings).toEqual([
      expect.objectContaining({ code: 'daily-cap-reached', message: expect.stringContaining('SES’s 24-hour quota of 280') }),
    ]);
    // The cap blocks the draft, not any one recipient.
    expect(v.recipients.every((r) => r.status === 'ok')).toBe(true);
  });

  it('has no cap view without cap figures', () => {
    expect(verdict(context({ cap: null })).cap).toBeNull();
  });
});

describe('severity overrides', () => {
  const suppressed = context({ suppression: new Map([['ana@prospect.example', { reason: 'MANUAL', since }]]) });

  it.each<{ case: string; overrides: SeverityOverrides; verdict: string; severities: string[]; status: string }>([
    { case: 'none', overrides: {}, verdict: 'block', severities: ['block'], status: 'suppressed' },
    { case: 'lowered to warn', overrides: { 'suppressed-recipient': 'warn' }, verdict: 'warn', severities: ['warn'], status: 'suppressed' },
    { case: 'lowered to info', overrides: { 'suppressed-recipient': 'info' }, verdict: 'ok', severities: ['info'], status: 'suppressed' },
    { case: 'off', overrides: { 'suppressed-recipient': 'off' }, verdict: 'ok', severities: [], status: 'ok' },
    {
      case: 'another rule’s override',
      overrides: { 'duplicate-follow-up': 'off' },
      verdict: 'block',
      severities: ['block'],
      status: 'suppressed',
    },
  ])('suppressed recipient, override $case', ({ overrides, verdict: expected, severities, status }) => {
    const v = verdict(suppressed, overrides);
    expect(v.verdict).toBe(expected);
    expect(v.findings.map((f) => f.severity)).toEqual(severities);
    expect(v.recipients[0]!.status).toBe(status);
  });

  it.each([
    { stored: { 'suppressed-recipient': 'warn', 'duplicate-follow-up': 'off' }, valid: true },
    { stored: {}, valid: true },
    { stored: { 'suppressed-recipient': 'ignore' }, valid: false },
    { stored: { 'daily-cap': 3 }, valid: false },
  ])('stored overrides $stored validate: $valid', ({ stored, valid }) => {
    expect(severityOverridesSchema.safeParse(stored).success).toBe(valid);
  });

  it('raises a warning rule to block', () => {
    const v = verdict(context({ account: account({ enforcementStatus: 'PROBATION' }) }), { 'account-under-review': 'block' });
    expect(v.verdict).toBe('block');
    expect(v.findings).toEqual([expect.objectContaining({ code: 'account-probation', severity: 'block' })]);
  });

  it('leaves a rule’s lesser notes at their own severity', () => {
    const v = verdict(
      context({
        fromIdentityStatus: {
          identity: 'outbound.example.com',
          verifiedForSending: true,
          dkimStatus: 'PENDING',
          mailFromSet: true,
          dmarcFound: null,
        },
      }),
      { 'from-domain-auth': 'block' },
    );
    expect(v.findings.map((f) => [f.code, f.severity])).toEqual([
      ['from-dkim-not-verified', 'block'],
      ['from-dmarc-unknown', 'info'],
    ]);
  });

  it.each([
    { rule: 'malformed-header', ctx: context({ draft: draft({ subject: 'Hi\r\nBcc: spy@evil.example' }) }) },
    { rule: 'no-recipients', ctx: context({ draft: draft({ to: [] }) }) },
    { rule: 'draft-unreadable', ctx: context({ draft: draft({ unreadable: ['recipients'] }) }) },
  ])('cannot lower or silence $rule', ({ rule, ctx }) => {
    for (const override of ['warn', 'off'] as const) {
      const v = verdict(ctx, { [rule]: override });
      expect(v.verdict).toBe('block');
    }
  });
});

describe('a rule that fails', () => {
  const broken: GuardrailRule = {
    id: 'broken',
    title: 'A rule that throws',
    defaultSeverity: 'warn',
    check: () => {
      throw new Error('boom');
    },
  };

  it('blocks the draft rather than letting it through unchecked, whatever its override', () => {
    for (const overrides of [{}, { broken: 'info' as const }]) {
      const v = verdict(context(), overrides, [broken]);
      expect(v.verdict).toBe('block');
      expect(v.findings).toEqual([expect.objectContaining({ code: 'rule-failed', severity: 'block' })]);
      expect(v.findings[0]!.message).toContain('boom');
    }
  });
});
