import { describe, expect, it } from 'vitest';
import * as rule from '@/lib/guardrails/rules/duplicate-follow-up';
import { address, contextOf as context, ruleDraftOf as draft, contextNow as now } from '../../support/builders';

const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();

describe('duplicate-follow-up', () => {
  it('warns by default', () => {
    expect([rule.id, rule.defaultSeverity]).toEqual(['duplicate-follow-up', 'warn']);
  });

  it.each([
    { case: 'never sent to', last: undefined, flagged: false },
    { case: 'sent 10 minutes ago', last: hoursAgo(1 / 6), flagged: true, says: '10 minutes ago' },
    { case: 'sent 2 days ago', last: hoursAgo(48), flagged: true, says: '2 days ago (26 Nov 2026)' },
    { case: 'sent just under 3 days ago', last: hoursAgo(71.9), flagged: true, says: '2 days ago (25 Nov 2026)' },
    { case: 'sent exactly 3 days ago', last: hoursAgo(72), flagged: false },
    { case: 'sent a week ago', last: hoursAgo(7 * 24), flagged: false },
    { case: 'unreadable time', last: 'not a date', flagged: false },
  ])('$case → flagged $flagged', ({ last, flagged, says }) => {
    const recentSends = new Map(last === undefined ? [] : [['ana@prospect.example', last]]);
    const findings = rule.check(context({ recentSends }));
    if (!flagged) {
      expect(findings).toEqual([]);
      return;
    }
    expect(findings).toEqual([
      expect.objectContaining({ code: 'duplicate-follow-up', severity: 'warn', recipient: 'ana@prospect.example' }),
    ]);
    expect(findings[0]!.message).toContain(says);
  });

  it('follows the configured window', () => {
    const recentSends = new Map([['ana@prospect.example', hoursAgo(5 * 24)]]);
    const thresholds = { ...context().thresholds, duplicateFollowUpDays: 7 };
    expect(rule.check(context({ recentSends }))).toEqual([]);
    expect(rule.check(context({ recentSends, thresholds })).map((f) => f.code)).toEqual(['duplicate-follow-up']);
  });

  it('flags only the recipients sent to recently, matched by lower-cased address', () => {
    const findings = rule.check(
      context({
        draft: draft({ to: [address('Ana@Prospect.example')], cc: [address('bo@prospect.example')] }),
        recentSends: new Map([
          ['ana@prospect.example', hoursAgo(30)],
          ['bo@prospect.example', hoursAgo(24 * 10)],
        ]),
      }),
    );
    expect(findings.map((f) => f.recipient)).toEqual(['Ana@Prospect.example']);
  });

  it.each([
    { case: 'a new message', isReply: false, inReplyTo: undefined, flagged: true },
    { case: 'a bump of a message Rampart sent', isReply: true, inReplyTo: 'ses-message-1', flagged: true },
    { case: 'an answer to the prospect’s own message', isReply: true, inReplyTo: undefined, flagged: false },
  ])('$case → flagged $flagged', ({ isReply, inReplyTo, flagged }) => {
    const d = draft({ isReply });
    if (inReplyTo) d.inReplyToSesMessageId = inReplyTo;
    const findings = rule.check(context({ draft: d, recentSends: new Map([['ana@prospect.example', hoursAgo(20)]]) }));
    expect(findings.length).toBe(flagged ? 1 : 0);
  });
});
