// With no ramp plan and SES reporting an unlimited quota (Max24HourSend -1) nothing would
// cap the day: the cap fails closed, as it does when nothing is known (docs/rules.md).
import { describe, expect, it } from 'vitest';
import * as rule from '@/lib/guardrails/rules/daily-cap';
import type { CapInputs } from '@/lib/guardrails/context';
import { address, contextOf as context, ruleDraftOf as draft } from '../../support/builders';

const recipients = (n: number) => Array.from({ length: n }, (_, i) => address(`p${i}@prospect.example`));

describe('daily-cap with no plan and an unlimited SES quota', () => {
  it.each<{ case: string; cap: CapInputs; count: number; code: string | null }>([
    {
      case: 'unlimited quota, no plan, one recipient',
      cap: { ses: { max24HourSend: -1, sentLast24Hours: 0 } },
      count: 1,
      code: 'daily-cap-no-plan',
    },
    {
      case: 'unlimited quota, no plan, after many sends',
      cap: { ses: { max24HourSend: -1, sentLast24Hours: 5000 } },
      count: 3,
      code: 'daily-cap-no-plan',
    },
    {
      case: 'unlimited quota, no plan, no recipient yet (no-recipients says so)',
      cap: { ses: { max24HourSend: -1, sentLast24Hours: 0 } },
      count: 0,
      code: null,
    },
    {
      case: 'unlimited quota with a plan: the plan binds',
      cap: { mine: { cap: 60, sent: 0 }, team: { cap: 60 }, ses: { max24HourSend: -1, sentLast24Hours: 0 }, rampDay: 1 },
      count: 1,
      code: null,
    },
    {
      case: 'unlimited quota with a plan used up: the plan’s block',
      cap: { mine: { cap: 60, sent: 60 }, team: { cap: 60 }, ses: { max24HourSend: -1, sentLast24Hours: 60 }, rampDay: 1 },
      count: 1,
      code: 'daily-cap-reached',
    },
    {
      case: 'a finite quota and no plan: SES’s quota binds',
      cap: { ses: { max24HourSend: 200, sentLast24Hours: 0 } },
      count: 1,
      code: null,
    },
  ])('$case → $code', ({ cap, count, code }) => {
    const findings = rule.check(context({ cap, draft: draft({ to: recipients(count) }) }));
    expect(findings.map((f) => f.code)).toEqual(code ? [code] : []);
    if (code === 'daily-cap-no-plan') {
      expect(findings[0]).toMatchObject({ severity: 'block' });
      expect(findings[0]!.message).toMatch(/unlimited daily quota.*ramp plan/);
    }
  });
});
