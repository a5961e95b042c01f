import { describe, expect, it } from 'vitest';
import { draftRecipientCount, remainingToday } from '@/lib/guardrails/cap';
import type { CapInputs } from '@/lib/guardrails/context';
import { address, ruleDraftOf as draft } from '../../support/builders';

// docs/rules.md, "Team cap and my cap": remaining = min(my share − my sent today, team cap −
// SentLast24Hours, Max24HourSend − SentLast24Hours), in recipients.

describe('remainingToday', () => {
  it.each<{ case: string; inputs: CapInputs; remaining: number; of: number; limit: string; sentence: string }>([
    {
      // 3 SDRs × 25 × 4 = 300/day, days 5–7 at 75% → team cap 225; one mailbox, 83 sent.
      case: 'docs/rules.md’s example: 142 of 225 on ramp day 5',
      inputs: { mine: { cap: 225, sent: 83 }, team: { cap: 225 }, ses: { max24HourSend: 300, sentLast24Hours: 83 }, rampDay: 5 },
      remaining: 142,
      of: 225,
      limit: 'mine',
      sentence: '142 of 225 left today — ramp day 5',
    },
    {
      // Same team cap shared by 3 mailboxes: 225 ÷ 3 = 75 each.
      case: 'my share of a three-mailbox team',
      inputs: { mine: { cap: 75, sent: 20 }, team: { cap: 225 }, ses: { max24HourSend: 300, sentLast24Hours: 90 }, rampDay: 5 },
      remaining: 55,
      of: 75,
      limit: 'mine',
      sentence: '55 of 75 left today — ramp day 5',
    },
    {
      case: 'the team’s cap binds when colleagues sent most of it',
      inputs: { mine: { cap: 75, sent: 10 }, team: { cap: 225 }, ses: { max24HourSend: 300, sentLast24Hours: 200 }, rampDay: 6 },
      remaining: 25,
      of: 225,
      limit: 'team',
      sentence: '25 of 225 left today on the team’s cap — ramp day 6',
    },
    {
      // Day 8 at 100% = 300, but SES's rolling 24 h still holds yesterday's sends.
      case: 'SES’s quota binds when SentLast24Hours is near Max24HourSend',
      inputs: { mine: { cap: 300, sent: 40 }, team: { cap: 300 }, ses: { max24HourSend: 280, sentLast24Hours: 270 }, rampDay: 8 },
      remaining: 10,
      of: 280,
      limit: 'ses',
      sentence: '10 of 280 left today on SES’s 24-hour quota',
    },
    {
      case: 'sandbox quota of 200 with no plan',
      inputs: { ses: { max24HourSend: 200, sentLast24Hours: 199 } },
      remaining: 1,
      of: 200,
      limit: 'ses',
      sentence: '1 of 200 left today on SES’s 24-hour quota',
    },
    {
      case: 'over the cap reads as none left, never negative',
      inputs: { mine: { cap: 60, sent: 64 }, team: { cap: 60 }, ses: { max24HourSend: 300, sentLast24Hours: 64 }, rampDay: 2 },
      remaining: 0,
      of: 60,
      limit: 'mine',
      sentence: '0 of 60 left today — ramp day 2',
    },
    {
      case: 'a tie names the nearer limit (mine)',
      inputs: { mine: { cap: 60, sent: 50 }, team: { cap: 60 }, ses: { max24HourSend: 60, sentLast24Hours: 50 } },
      remaining: 10,
      of: 60,
      limit: 'mine',
      sentence: '10 of 60 left today',
    },
    {
      case: 'an unlimited SES quota (-1) leaves the plan to bind',
      inputs: { mine: { cap: 900, sent: 100 }, team: { cap: 900 }, ses: { max24HourSend: -1, sentLast24Hours: 850 }, rampDay: 9 },
      remaining: 50,
      of: 900,
      limit: 'team',
      sentence: '50 of 900 left today on the team’s cap — ramp day 9',
    },
  ])('$case', ({ inputs, remaining, of, limit, sentence }) => {
    const view = remainingToday(inputs);
    expect(view).toMatchObject({ remaining, of, limit, sentence });
    expect(view?.rampDay).toBe(inputs.rampDay);
  });

  it('is null when nothing limits the day (no plan, unlimited SES quota)', () => {
    expect(remainingToday({ ses: { max24HourSend: -1, sentLast24Hours: 10 } })).toBeNull();
  });
});

describe('draftRecipientCount', () => {
  it.each([
    { to: 1, cc: 0, bcc: 0, count: 1 },
    { to: 2, cc: 1, bcc: 3, count: 6 },
    { to: 0, cc: 0, bcc: 0, count: 0 },
  ])('To $to + Cc $cc + Bcc $bcc = $count', ({ to, cc, bcc, count }) => {
    const some = (n: number, tag: string) => Array.from({ length: n }, (_, i) => address(`${tag}${i}@prospect.example`));
    expect(draftRecipientCount(draft({ to: some(to, 'to'), cc: some(cc, 'cc'), bcc: some(bcc, 'bcc') }))).toBe(count);
  });
});
