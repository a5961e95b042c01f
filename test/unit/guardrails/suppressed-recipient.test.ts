import { describe, expect, it } from 'vitest';
import * as rule from '@/lib/guardrails/rules/suppressed-recipient';
import type { SuppressionEntry } from '@/lib/guardrails/context';
import { address, contextOf as context, ruleDraftOf as draft } from '../../support/builders';

const since = '2026-11-03T12:00:00Z';
const list = (entries: Record<string, SuppressionEntry>) => new Map(Object.entries(entries));

describe('suppressed-recipient', () => {
  it('blocks by default', () => {
    expect(rule.id).toBe('suppressed-recipient');
    expect(rule.defaultSeverity).toBe('block');
  });

  it.each([
    { reason: 'BOUNCE', says: /bounced/ },
    { reason: 'COMPLAINT', says: /complained/ },
    { reason: 'UNSUBSCRIBE', says: /unsubscribed/ },
    { reason: 'MANUAL', says: /manually/ },
  ] as const)('names the reason ($reason) and since when', ({ reason, says }) => {
    const findings = rule.check(
      context({
        draft: draft({ to: [address('ana@prospect.example')] }),
        suppression: list({ 'ana@prospect.example': { reason, since } }),
      }),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'suppressed-recipient', severity: 'block', recipient: 'ana@prospect.example' });
    expect(findings[0]!.message).toMatch(says);
    expect(findings[0]!.message).toContain('3 Nov 2026');
  });

  it.each<{ case: string; to: string[]; suppressed: Record<string, SuppressionEntry>; flagged: string[] }>([
    {
      case: 'no one suppressed',
      to: ['ana@prospect.example', 'bo@prospect.example'],
      suppressed: {},
      flagged: [],
    },
    {
      case: 'one of two in To',
      to: ['ana@prospect.example', 'bo@prospect.example'],
      suppressed: { 'bo@prospect.example': { reason: 'BOUNCE', since } },
      flagged: ['bo@prospect.example'],
    },
    {
      case: 'matched whatever the case written',
      to: ['Ana@Prospect.Example'],
      suppressed: { 'ana@prospect.example': { reason: 'COMPLAINT', since } },
      flagged: ['Ana@Prospect.Example'],
    },
    {
      case: 'one finding per address even when written twice',
      to: ['ana@prospect.example', 'ANA@prospect.example'],
      suppressed: { 'ana@prospect.example': { reason: 'UNSUBSCRIBE', since } },
      flagged: ['ana@prospect.example'],
    },
  ])('$case', ({ to, suppressed, flagged }) => {
    const findings = rule.check(context({ draft: draft({ to: to.map((e) => address(e)) }), suppression: list(suppressed) }));
    expect(findings.map((f) => f.recipient)).toEqual(flagged);
  });

  it('looks at Cc and Bcc as well as To', () => {
    const findings = rule.check(
      context({
        draft: draft({ to: [], cc: [address('cc@prospect.example')], bcc: [address('bcc@prospect.example')] }),
        suppression: list({
          'cc@prospect.example': { reason: 'BOUNCE', since },
          'bcc@prospect.example': { reason: 'MANUAL', since },
        }),
      }),
    );
    expect(findings.map((f) => f.recipient)).toEqual(['cc@prospect.example', 'bcc@prospect.example']);
  });

  it('still blocks, with its reason, when the suppression time cannot be read', () => {
    const findings = rule.check(context({ suppression: list({ 'ana@prospect.example': { reason: 'BOUNCE', since: '' } }) }));
    expect(findings).toEqual([expect.objectContaining({ code: 'suppressed-recipient', recipient: 'ana@prospect.example' })]);
    expect(findings[0]!.message).toMatch(/unknown date because mail to it bounced/);
  });

  it('writes the date in the plan’s time zone', () => {
    const findings = rule.check(
      context({
        timeZone: 'America/Los_Angeles',
        suppression: list({ 'ana@prospect.example': { reason: 'BOUNCE', since: '2026-11-03T03:00:00Z' } }),
      }),
    );
    expect(findings[0]!.message).toContain('2 Nov 2026');
  });
});
