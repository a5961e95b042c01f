import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLocalAws, type LocalAws } from '../../dev/local-aws/server';
import type { Draft } from '@/lib/core/draft';
import type { SendResult } from '@/lib/protocol/messages';
import type { RampPlanView, ResumeRampReply, SaveRampPlanReply } from '@/lib/account/plan-view';
import type { PollFeedbackReply } from '@/lib/suppression/messages';
import { defaultPlan } from '@/lib/ramp/plan';
import { askFromPage, launchRampart, type Rampart } from './harness';

// A lead's resume reaches every browser: two members' browser profiles on one emulator
// (one SES account, one team settings object). A hard-bounce spike pauses both; the lead
// resumes in theirs, which writes the team's settings object; the SDR's browser is
// paused until its sync reads it, and not after. The SDR's own write is refused by AWS.

const LEAD = 'sdr@outbound.example.com';
const SDR = 'sdr2@outbound.example.com';
const WAIT = { timeout: 60_000, interval: 1_000 };

let aws: LocalAws;
let lead: Rampart;
let sdr: Rampart;
let leadPage: Page;
let sdrPage: Page;

function draftTo(from: string, email: string, subject: string): Draft {
  return {
    composeId: `team-settings-${subject}`,
    kind: 'popout',
    from: { email: from, name: '' },
    to: [{ email }],
    cc: [],
    bcc: [],
    subject,
    html: '<p>Hello</p>',
    text: 'Hello',
    hasAttachments: false,
    isReply: false,
    unreadable: [],
  };
}

async function sync(page: Page): Promise<void> {
  const outcome = await askFromPage<{ ok: boolean; error?: unknown }>(page, 'sync', {});
  expect(outcome, JSON.stringify(outcome)).toMatchObject({ ok: true });
}

/**
 * Sends and their permanent bounces from the sender's own queue until the ramp pauses: a
 * 100% hard-bounce spike, and four bounces are 4% of the 100-send minimum sample.
 */
async function spike(rampart: Rampart, page: Page, from: string, recipient: string): Promise<void> {
  for (let i = 1; i <= 4; i++) {
    // Bounces already on record count too: stop once they have paused the ramp.
    await askFromPage<PollFeedbackReply>(page, 'pollFeedback', {});
    if ((await askFromPage<RampPlanView>(page, 'rampPlan', {})).status === 'paused') break;
    const to = recipient.replace('@', `-${i}@`);
    const sent = await askFromPage<SendResult>(page, 'send', {
      draft: draftTo(from, to, to),
      confirmed: true,
      requestId: `team-settings-${to.replace(/[^A-Za-z0-9]/g, '-')}`,
    });
    expect(sent.outcome, JSON.stringify(sent)).toBe('sent');
    await rampart.awsControl('/_local/events', { type: 'Bounce', bounceType: 'Permanent', recipient: to, messageId: sent.messageId });
  }
  await expect
    .poll(async () => {
      await askFromPage<PollFeedbackReply>(page, 'pollFeedback', {});
      return (await askFromPage<RampPlanView>(page, 'rampPlan', {})).status;
    }, WAIT)
    .toBe('paused');
}

beforeAll(async () => {
  aws = await startLocalAws({ port: 0 });
  // Health from each browser's own ledger and feedback events.
  await fetch(`${aws.url}/_local/account`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ VdmEnabled: false }),
  });
  lead = await launchRampart({ aws });
  leadPage = await lead.openExtensionPage('popup.html');
  await sync(leadPage); // signs the lead in (the emulator's start user leads the team)
  await lead.awsControl('/_local/user-pool', { signedInEmail: SDR });
  sdr = await launchRampart({ aws, settings: { fromAddress: SDR, fromName: 'Second SDR' } });
  sdrPage = await sdr.openExtensionPage('popup.html');
  await sync(sdrPage);
});

afterAll(async () => {
  await lead?.close();
  await sdr?.close();
  await aws?.close();
});

it('one hard bounce in the first sends is an alert in health, not a pause of the team', { timeout: 120_000 }, async () => {
  const to = 'early-bounce@prospect.example';
  const sent = await askFromPage<SendResult>(leadPage, 'send', {
    draft: draftTo(LEAD, to, to),
    confirmed: true,
    requestId: 'team-settings-early-bounce',
  });
  expect(sent.outcome, JSON.stringify(sent)).toBe('sent');
  await lead.awsControl('/_local/events', { type: 'Bounce', bounceType: 'Permanent', recipient: to, messageId: sent.messageId });
  const hardBounce = async () => {
    await askFromPage<PollFeedbackReply>(leadPage, 'pollFeedback', {});
    const view = await askFromPage<{ health: { rates: { name: string; status: string; numerator: number | null }[] } }>(
      leadPage,
      'dashboard',
      {},
    );
    return view.health.rates.find((r) => r.name === 'hardBounce');
  };
  await expect.poll(async () => (await hardBounce())?.numerator, WAIT).toBe(1);
  // 1 of 1 sent: 100%, an alert in health…
  expect((await hardBounce())?.status).toBe('alert');
  // …but a tiny sample: the team keeps sending.
  expect((await askFromPage<RampPlanView>(leadPage, 'rampPlan', {})).status).not.toBe('paused');
});

it('the lead resumes a pause in their browser; the SDR’s browser, after its sync, is no longer paused', { timeout: 300_000 }, async () => {
  await spike(lead, leadPage, LEAD, 'gone-1@prospect.example');
  await spike(sdr, sdrPage, SDR, 'gone-2@prospect.example');
  const check = () =>
    askFromPage<{ verdict: string; findings: { code: string }[] }>(sdrPage, 'check', {
      draft: draftTo(SDR, 'next@prospect.example', 'next'),
    });
  expect((await check()).findings.map((f) => f.code)).toContain('daily-cap-reached');

  const resumed = await askFromPage<ResumeRampReply>(leadPage, 'resumeRamp', { what: 'pause', by: 'Lee Lead' });
  expect(resumed).toEqual({ resumed: true });

  // Nothing reaches the SDR's browser before it syncs.
  expect((await askFromPage<RampPlanView>(sdrPage, 'rampPlan', {})).status).toBe('paused');
  await sync(sdrPage);
  const view = await askFromPage<RampPlanView>(sdrPage, 'rampPlan', {});
  expect(view.status).not.toBe('paused');
  expect(view.resumable.pause).toBe(false);
  expect((await check()).findings.map((f) => f.code)).not.toContain('daily-cap-reached');

  // A resume applies once: another sync changes nothing.
  await sync(sdrPage);
  expect((await askFromPage<RampPlanView>(sdrPage, 'rampPlan', {})).status).not.toBe('paused');
});

it('an SDR’s plan is saved in their browser only: AWS refuses their write, and they read why', { timeout: 120_000 }, async () => {
  const saved = await askFromPage<SaveRampPlanReply>(sdrPage, 'saveRampPlan', {
    plan: { ...defaultPlan(new Date()), mailboxes: 7 },
    by: 'Second SDR',
  });
  expect(saved).toMatchObject({ ok: true, unshared: { code: 'team-settings-not-lead' } });
  expect(saved.unshared?.message).toMatch(/^Only a lead may change the team’s settings: AWS refused/);
  // The lead's browser, at its sync, keeps its own plan.
  await sync(leadPage);
  expect((await askFromPage<RampPlanView>(leadPage, 'rampPlan', {})).plan?.mailboxes).not.toBe(7);
});
