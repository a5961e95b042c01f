import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Draft } from '@/lib/core/draft';
import type { Verdict } from '@/lib/core/finding';
import type { RampPlanView } from '@/lib/account/plan-view';
import { addDays } from '@/lib/core/calendar';
import { draftOf } from '../support/builders';
import { askFromPage, test } from './harness';

// The reputation runway in the popup, against the emulator: docs/rules.md's worked
// examples. Day 1 of the emulator profile's plan (300 a day, 20% = 60 planned, nothing
// sent): 3 hard bounces reach Rampart's 4% alert and 3 AWS's 5% review, 1 complaint
// either. Day 8 (the plan's start moved a week back: 300 planned): 12 and 15 hard
// bounces, 1 complaint. The compose check warns a draft that could use it up alone.

const WAIT = 60_000;

const runwayOf = async (popup: Page) => {
  const hook = popup.locator('[data-rampart="runway"]');
  await hook.waitFor({ timeout: WAIT });
  const attribute = async (name: string) => Number(await hook.getAttribute(name));
  return {
    hardBounces: await attribute('data-hard-bounces'),
    hardBouncesAlert: await attribute('data-hard-bounces-alert'),
    complaints: await attribute('data-complaints'),
    complaintsAlert: await attribute('data-complaints-alert'),
  };
};

function draftTo(count: number): Draft {
  return draftOf({
    composeId: `runway-${count}`,
    to: Array.from({ length: count }, (_, i) => ({ email: `p${i}@prospect.example` })),
    subject: 'Following up',
  });
}

const runwayFinding = (verdict: Verdict) => verdict.findings.find((f) => f.code === 'reputation-runway-short');

test(
  'the runway shows the worked examples, before any send, and a draft that could use it up is warned',
  { timeout: 300_000 },
  async ({ rampart }) => {
    const popup = await rampart.openExtensionPage('popup.html');
    await expect.poll(() => popup.locator('[data-rampart="cap-remaining"]').innerText(), { timeout: WAIT }).toBe('60');
    await expect
      .poll(() => runwayOf(popup), { timeout: WAIT })
      .toEqual({ hardBounces: 3, hardBouncesAlert: 3, complaints: 1, complaintsAlert: 1 });
    expect(await popup.locator('[data-rampart="runway"]').innerText()).toMatch(
      /Hard bounces to Rampart’s alert level \(4%\): 3 more; to AWS’s review level \(5%\): 3 more\./,
    );

    // Two recipients may both bounce without reaching 4% of 60; three may not.
    expect(runwayFinding(await askFromPage<Verdict>(popup, 'check', { draft: draftTo(2) }))).toBeUndefined();
    const three = await askFromPage<Verdict>(popup, 'check', { draft: draftTo(3) });
    expect(three.verdict).toBe('warn');
    expect(runwayFinding(three)).toMatchObject({
      severity: 'warn',
      message: expect.stringMatching(/alert level today: 3 .*recipients of this draft: 3\./),
    });

    // Day 8 of the same plan: its start a week back.
    const { plan } = await askFromPage<RampPlanView>(popup, 'rampPlan', {});
    expect(plan).not.toBeNull();
    await askFromPage(popup, 'saveRampPlan', { plan: { ...plan!, startDate: addDays(plan!.startDate, -7) }, by: 'Lead' });
    await popup.reload();
    await expect.poll(() => popup.locator('[data-rampart="ramp-day"]').innerText(), { timeout: WAIT }).toBe('8');
    await expect
      .poll(() => runwayOf(popup), { timeout: WAIT })
      .toEqual({ hardBounces: 15, hardBouncesAlert: 12, complaints: 1, complaintsAlert: 1 });

    expect(runwayFinding(await askFromPage<Verdict>(popup, 'check', { draft: draftTo(11) }))).toBeUndefined();
    expect(runwayFinding(await askFromPage<Verdict>(popup, 'check', { draft: draftTo(12) }))?.message).toMatch(
      /alert level today: 12 \(to AWS’s 5% review level: 15\); recipients of this draft: 12\./,
    );
  },
);
