import { describe, expect, it } from 'vitest';
import * as rule from '@/lib/guardrails/rules/daily-cap';
import type { CapInputs } from '@/lib/guardrails/context';
import { address, contextOf as context, ruleDraftOf as draft } from '../../support/builders';

const recipients = (n: number) => Array.from({ length: n }, (_, i) => address(`p${i}@prospect.example`));

describe('daily-cap', () => {
  it('blocks by default', () => {
    expect([rule.id, rule.defaultSeverity]).toEqual(['daily-cap', 'block']);
  });

  it.each<{ case: string; cap: CapInputs; count: number; blocked: boolean; says?: RegExp }>([
    {
      case: 'one recipient, 142 left',
      cap: { mine: { cap: 225, sent: 83 }, team: { cap: 225 }, ses: { max24HourSend: 300, sentLast24Hours: 83 }, rampDay: 5 },
      count: 1,
      blocked: false,
    },
    {
      case: 'exactly the remaining count fits',
      cap: { mine: { cap: 225, sent: 222 }, team: { cap: 225 }, ses: { max24HourSend: 300, sentLast24Hours: 222 }, rampDay: 5 },
      count: 3,
      blocked: false,
    },
    {
      case: 'counted in recipients: 3 recipients, 2 left on my cap',
      cap: { mine: { cap: 225, sent: 223 }, team: { cap: 225 }, ses: { max24HourSend: 300, sentLast24Hours: 223 }, rampDay: 5 },
      count: 3,
      blocked: true,
      says: /3 recipients but only 2 sends are left today, under your cap of 225 today \(ramp day 5\)/,
    },
    {
      case: 'nothing left on the team’s cap',
      cap: { mine: { cap: 75, sent: 3 }, team: { cap: 225 }, ses: { max24HourSend: 300, sentLast24Hours: 225 }, rampDay: 5 },
      count: 1,
      blocked: true,
      says: /No sends are left today: the team’s cap of 225 today \(ramp day 5\) is used up/,
    },
    {
      case: 'before the plan’s day 1 the team’s cap is 0',
      cap: { team: { cap: 0 }, ses: { max24HourSend: 300, sentLast24Hours: 0 } },
      count: 1,
      blocked: true,
      says: /^Nothing can be sent today: the team’s cap today is 0\.$/,
    },
    {
      case: 'SES’s quota binds near Max24HourSend',
      cap: { mine: { cap: 300, sent: 40 }, team: { cap: 300 }, ses: { max24HourSend: 280, sentLast24Hours: 279 }, rampDay: 8 },
      count: 2,
      blocked: true,
      says: /only 1 send is left today, under SES’s 24-hour quota of 280\./,
    },
  ])('$case', ({ cap, count, blocked, says }) => {
    const findings = rule.check(context({ cap, draft: draft({ to: recipients(count) }) }));
    if (!blocked) {
      expect(findings).toEqual([]);
      return;
    }
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'daily-cap-reached', severity: 'block' });
    expect(findings[0]!.message).toMatch(says!);
  });

  it('counts Cc and Bcc against the cap', () => {
    const cap: CapInputs = { ses: { max24HourSend: 200, sentLast24Hours: 198 } };
    const one = rule.check(context({ cap, draft: draft({ to: recipients(1), cc: [], bcc: [] }) }));
    const three = rule.check(
      context({ cap, draft: draft({ to: recipients(1), cc: [address('c@x.example')], bcc: [address('b@x.example')] }) }),
    );
    expect(one).toEqual([]);
    expect(three.map((f) => f.code)).toEqual(['daily-cap-reached']);
  });

  // Without cap figures the cap fails closed: see below.
  it.each([{ case: 'no recipients (another rule blocks)', cap: { ses: { max24HourSend: 1, sentLast24Hours: 1 } }, count: 0 }])(
    'silent with $case',
    ({ cap, count }) => {
      expect(rule.check(context({ cap, draft: draft({ to: recipients(count) }) }))).toEqual([]);
    },
  );
});

describe('daily-cap with nothing to count against', () => {
  it.each([
    { case: 'one recipient', count: 1, blocked: true },
    { case: 'fifty recipients', count: 50, blocked: true },
    { case: 'no recipient yet (no-recipients says so)', count: 0, blocked: false },
  ])('no ramp plan and no account snapshot, $case: blocked = $blocked, with what to do', ({ count, blocked }) => {
    const findings = rule.check(context({ draft: draft({ to: recipients(count) }), cap: null }));
    expect(findings.length > 0).toBe(blocked);
    if (blocked) {
      expect(findings).toEqual([
        {
          code: 'daily-cap-unknown',
          severity: 'block',
          message: expect.stringMatching(/Sync now.*ramp plan/),
          // Said in the reader's language by the compose panel.
          sentence: { key: 'compose.finding.cap-unknown', params: {} },
        },
      ]);
    }
  });
});
