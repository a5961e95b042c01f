import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLocalAws, type LocalAws } from '../../dev/local-aws/server';
import type { Draft } from '@/lib/core/draft';
import type { Verdict } from '@/lib/core/finding';
import type { PollFeedbackReply, SuppressReply, UndoSuppressReply } from '@/lib/suppression/messages';
import { routeGmail } from '../fixtures/gmail/serve';
import { askFromPage, launchRampart, type Rampart } from './harness';
import { sesSuppressionReason, sesUnsubscribedAll } from '../support/ses-truth';
import { signedInCredentials } from '../support/aws-control';

// Shared truth with SES, end to end: two SDRs' browser profiles, one SES account (one
// emulator). What one learns — a complaint from its feedback queue, a manual suppression,
// a STOP reply, a CSV import — reaches SES, and the other is blocked after "sync now".

const SDR_A = 'sdr@outbound.example.com';
const SDR_B = 'sdr2@outbound.example.com';

let aws: LocalAws;
let a: Rampart;
let b: Rampart;
let pageA: Page;
let pageB: Page;
let ses: SESv2Client;

beforeAll(async () => {
  aws = await startLocalAws({ port: 0 });
  a = await launchRampart({ aws });
  // The second SDR has a queue of their own: events for A's sends never reach B.
  b = await launchRampart({ aws, settings: { fromAddress: SDR_B, fromName: 'Second SDR' } });
  pageA = await a.openExtensionPage('popup.html');
  pageB = await b.openExtensionPage('popup.html');
  ses = new SESv2Client({ region: 'us-east-1', endpoint: aws.url, credentials: signedInCredentials(aws.url) });
});

afterAll(async () => {
  ses?.destroy();
  await a?.close();
  await b?.close();
  await aws?.close();
});

beforeEach(async () => {
  // SES's own account-level suppression is off: what reaches its list, Rampart put there.
  await a.awsControl('/_local/account', { SuppressionAttributes: { SuppressedReasons: [] } });
});

function draftTo(email: string): Draft {
  return {
    composeId: 'shared-truth',
    kind: 'popout',
    from: { email: SDR_B, name: 'Second SDR' },
    to: [{ email }],
    cc: [],
    bcc: [],
    subject: 'Following up',
    html: '',
    text: 'Hello again.',
    hasAttachments: false,
    isReply: false,
    unreadable: [],
  };
}

async function statusInB(email: string): Promise<string | undefined> {
  const verdict = await askFromPage<Verdict>(pageB, 'check', { draft: draftTo(email) });
  return verdict.recipients.find((r) => r.email === email)?.status;
}

async function syncB(): Promise<void> {
  const outcome = await askFromPage<{ ok: boolean; error?: unknown }>(pageB, 'sync', {});
  expect(outcome, JSON.stringify(outcome)).toMatchObject({ ok: true });
}

const sesReason = (email: string) => sesSuppressionReason(ses, email);
const unsubscribedAll = (email: string) => sesUnsubscribedAll(ses, email);

describe('shared truth between two SDRs', () => {
  it('a complaint A learns from its feedback queue blocks the address in B after B syncs', async () => {
    const email = 'angry@prospect.example';
    await syncB();
    expect(await statusInB(email)).toBe('ok');

    await askFromPage<PollFeedbackReply>(pageA, 'pollFeedback', {}); // A's queue exists from its first poll
    await a.awsControl('/_local/events', { type: 'Complaint', recipient: email, sender: SDR_A });
    const polled = await askFromPage<PollFeedbackReply>(pageA, 'pollFeedback', {});
    expect(polled).toMatchObject({ applied: 1, suppressed: [email] });
    expect(await sesReason(email)).toBe('COMPLAINT');

    // B knows nothing until it syncs.
    expect(await statusInB(email)).toBe('ok');
    await syncB();
    expect(await statusInB(email)).toBe('suppressed');
    expect((await askFromPage<Verdict>(pageB, 'check', { draft: draftTo(email) })).verdict).toBe('block');
  });

  it('a manual suppression in A blocks the address in B after B syncs', async () => {
    const email = 'manual@prospect.example';
    const reply = await askFromPage<SuppressReply>(pageA, 'suppress', { email, reason: 'MANUAL' });
    expect(reply).toMatchObject({ suppressed: true, shared: true });
    await syncB();
    expect(await statusInB(email)).toBe('suppressed');
  });

  it('a STOP reply in a Gmail thread leads to suppression and a contact-list unsubscribe; undo reverses both', async () => {
    const email = 'pat@prospect.example';
    const gmail = await a.context.newPage();
    await gmail.goto(await routeGmail(gmail, 'thread-stop'));
    // Only the prospect who asked to stop gets a banner (not the SDR, not "stop by").
    const banner = gmail.locator('[data-rampart="stop-reply"]:not([hidden])');
    await expect.poll(() => banner.getAttribute('data-state'), { timeout: 15_000 }).toBe('offered');
    expect(await banner.count()).toBe(1);
    expect(await banner.getAttribute('data-email')).toBe(email);

    await banner.locator('[data-rampart="stop-reply-suppress"]').click();
    await expect.poll(() => banner.getAttribute('data-state'), { timeout: 10_000 }).toBe('suppressed');
    expect(await sesReason(email)).toBe('COMPLAINT');
    expect(await unsubscribedAll(email)).toBe(true);
    await syncB();
    expect(await statusInB(email)).toBe('suppressed');

    await banner.locator('[data-rampart="stop-reply-undo"]').click();
    await expect.poll(() => banner.getAttribute('data-state'), { timeout: 10_000 }).toBe('undone');
    expect(await sesReason(email)).toBeNull();
    expect(await unsubscribedAll(email)).toBe(false);
    // A second undo is refused, not applied twice.
    expect(await askFromPage<UndoSuppressReply>(pageA, 'undoSuppress', { email })).toMatchObject({ undone: false });
    await gmail.close();
  });

  it('a CSV with bad rows imports the good ones, lists the bad ones, and shares the good ones', async () => {
    const options = await a.openExtensionPage('options.html');
    const csv = [
      'address,reason,date',
      'csv-one@prospect.example,bounce,2026-01-05',
      'csv-two@prospect.example,unsubscribe,2026-01-06',
      'not-an-address,bounce,2026-01-01',
      'csv-three@prospect.example,angry,2026-01-01',
    ].join('\n');
    await options.locator('[data-rampart="csv-import"] textarea').fill(csv);
    await options.locator('[data-rampart="csv-import"] button').click();
    const result = options.locator('[data-rampart="csv-result"]');
    await expect.poll(() => result.getAttribute('data-imported'), { timeout: 10_000 }).toBe('2');
    expect(await result.getAttribute('data-refused')).toBe('2');
    const refused = options.locator('[data-rampart="csv-refused"]');
    expect(await refused.evaluateAll((items) => items.map((li) => [li.getAttribute('data-line'), li.getAttribute('data-code')]))).toEqual([
      ['4', 'csv-address'],
      ['5', 'csv-reason'],
    ]);
    expect(await sesReason('csv-one@prospect.example')).toBe('BOUNCE');
    expect(await sesReason('csv-two@prospect.example')).toBe('COMPLAINT');
    expect(await unsubscribedAll('csv-two@prospect.example')).toBe(true);
    expect(await sesReason('csv-three@prospect.example')).toBeNull();
    await syncB();
    expect(await statusInB('csv-one@prospect.example')).toBe('suppressed');
    await options.close();
  });
});
