import { describe, expect, it } from 'vitest';
import * as rule from '@/lib/guardrails/rules/replies-elsewhere';
import { contextOf as context, ruleDraftOf as draft } from '../../support/builders';

describe('replies-elsewhere', () => {
  it('warns by default', () => {
    expect([rule.id, rule.defaultSeverity]).toEqual(['replies-elsewhere', 'warn']);
  });

  const settings = (replyTo?: string) => ({
    fromName: 'Demo SDR',
    fromAddress: 'sdr@outbound.example.com',
    avoidFromDomains: [],
    ...(replyTo ? { replyTo } : {}),
  });

  it.each([
    { case: 'replies to the From, which is this inbox', inbox: 'sdr@outbound.example.com', replyTo: undefined, flagged: false },
    { case: 'written in another case', inbox: 'SDR@Outbound.example.com', replyTo: undefined, flagged: false },
    { case: 'Reply-To brings replies to this inbox', inbox: 'dana@example.com', replyTo: 'Dana@example.com', flagged: false },
    { case: 'the inbox could not be read', inbox: undefined, replyTo: 'team@example.com', flagged: false },
    { case: 'replies to the outbound From, written in another inbox', inbox: 'dana@example.com', replyTo: undefined, flagged: true },
    { case: 'Reply-To names another inbox', inbox: 'sdr@outbound.example.com', replyTo: 'team@example.com', flagged: true },
  ])('$case → flagged $flagged', ({ inbox, replyTo, flagged }) => {
    const findings = rule.check(context({ draft: draft(inbox ? { inbox } : {}), settings: settings(replyTo) }));
    expect(findings.map((f) => [f.code, f.severity])).toEqual(flagged ? [['replies-elsewhere', 'warn']] : []);
    if (flagged) {
      expect(findings[0]!.message).toBe(
        `Replies go to ${replyTo ?? 'sdr@outbound.example.com'}, not to this Gmail inbox (${inbox}), so Rampart would not see a prospect’s STOP. Set Reply-To in Rampart’s options to ${inbox}.`,
      );
    }
  });
});
