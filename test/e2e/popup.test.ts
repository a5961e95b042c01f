import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Draft } from '@/lib/core/draft';
import type { SendResult } from '@/lib/protocol/messages';
import type { Verdict } from '@/lib/core/finding';
import type { RampPlanView } from '@/lib/account/plan-view';
import { addDays, localDay } from '@/lib/core/calendar';
import { askFromPage, launchRampart, test, type Rampart } from './harness';
import { allowSends, sendFrom } from './sends';

// The toolbar popup against the local AWS emulator: the emulator profile's default plan
// (300 a day for 1 mailbox, day 1 = 20% = 60), a real send through the background, a
// complaint injected as SES would publish it, and "sync now".

const SHOTS = 'test-results';
// Generous: the machine running these may be busy with other Chromiums.
const WAIT = 60_000;

function draftTo(emails: string[]): Draft {
  return {
    composeId: `popup-test-${Date.now()}`,
    kind: 'popout',
    from: null,
    to: emails.map((email) => ({ email })),
    cc: [],
    bcc: [],
    subject: 'Following up on our call',
    html: '<p>Hi</p>',
    text: 'Hi',
    hasAttachments: false,
    isReply: false,
    unreadable: [],
  };
}

const hook = (popup: Page, name: string) => popup.locator(`[data-rampart="${name}"]`);
const text = async (popup: Page, name: string) => (await hook(popup, name).first().innerText()).trim();

/** The toolbar icon's badge, as the browser shows it. */
async function badge(rampart: Rampart): Promise<string> {
  const worker = await rampart.worker();
  return worker.evaluate(() => chrome.action.getBadgeText({}));
}

/** Click "sync now" and wait for the sync to finish and the popup to repaint. */
async function syncNow(popup: Page): Promise<void> {
  await hook(popup, 'sync').click();
  await expect.poll(() => hook(popup, 'sync-status').getAttribute('data-state'), { timeout: WAIT }).toMatch(/ok|failed/);
}

test(
  'day 1 of the default plan, a send of three, then a complaint freezes the ramp and cuts the cap',
  { timeout: 400_000 },
  async ({ rampart }) => {
    const popup = await rampart.openExtensionPage('popup.html');
    await expect.poll(() => text(popup, 'ramp-day'), { timeout: WAIT }).toBe('1');
    await expect.poll(() => text(popup, 'cap-remaining'), { timeout: WAIT }).toBe('60');
    // The popup syncs on opening; wait for it before sending.
    await expect.poll(() => hook(popup, 'sync-status').getAttribute('data-state'), { timeout: WAIT }).toBe('ok');
    for (const rate of ['delivery', 'hard-bounce', 'soft-bounce', 'complaint', 'unsubscribe']) {
      expect(await hook(popup, `health-${rate}`).getAttribute('data-status')).toMatch(/^(ok|warn|alert|unknown)$/);
    }
    // The same number on the toolbar icon, without opening anything.
    await expect.poll(() => badge(rampart), { timeout: WAIT }).toBe('60');
    // Nothing sent yet: no rate can be known, and none reads as 0%.
    expect(await hook(popup, 'health-complaint').getAttribute('data-status')).toBe('unknown');
    await mkdir(SHOTS, { recursive: true });
    await popup.screenshot({ path: `${SHOTS}/popup-en.png`, fullPage: true });

    // Three one-recipient sends, as an SDR writes them: SES's VDM leaves messages to
    // several recipients out of its metrics, so health could not see a send of three at once.
    const recipients = ['ana@prospect.example', 'ben@prospect.example', 'cy@prospect.example'];
    const sends: SendResult[] = [];
    for (const recipient of recipients) {
      const sent = await askFromPage<SendResult>(popup, 'send', {
        draft: { ...draftTo([recipient]), composeId: `popup-${recipients.indexOf(recipient)}` },
        confirmed: true,
        requestId: `popup-${recipients.indexOf(recipient)}-${Date.now()}`,
      });
      expect(sent.outcome, JSON.stringify(sent)).toBe('sent');
      sends.push(sent);
    }
    const delivered = await rampart.awsControl<Array<{ messageId: string; to: string[] }>>('/_local/messages');
    expect(delivered.map((m) => m.messageId)).toEqual(expect.arrayContaining(sends.map((s) => s.messageId)));
    // Each send moves the badge, with no popup asked.
    await expect.poll(() => badge(rampart), { timeout: WAIT }).toBe('57');

    await popup.reload();
    await expect.poll(() => text(popup, 'cap-remaining'), { timeout: WAIT }).toBe('57');
    await expect.poll(() => hook(popup, 'sync-status').getAttribute('data-state'), { timeout: WAIT }).toBe('ok');
    expect(await text(popup, 'cap-remaining')).toBe('57');
    expect(await hook(popup, 'health-complaint').getAttribute('data-status')).toBe('ok');

    await rampart.awsControl('/_local/events', { type: 'Complaint', recipient: recipients[1], messageId: sends[1]!.messageId });
    await syncNow(popup);

    // One complaint in three deliveries: far past the 0.08% alert.
    await expect.poll(() => hook(popup, 'health-complaint').getAttribute('data-status'), { timeout: WAIT }).toBe('alert');
    expect(await hook(popup, 'ramp-status').getAttribute('data-status')).toBe('frozen');
    // Today's team cap cut by 30%: 60 → 42, of which 3 are sent.
    expect(await text(popup, 'cap-remaining')).toBe('39');
    await expect.poll(() => badge(rampart), { timeout: WAIT }).toBe('39');
    const log = await text(popup, 'change-log');
    expect(log).toMatch(/Complaint rate 33\.33% over the last 7 days \(1 of 3 deliveries\)/);
    expect(log).toMatch(/cut by 30% after the complaint alert: 60 → 42/);
    await expect.poll(() => hook(popup, 'alerts').locator('[data-code="frozen"]').count(), { timeout: WAIT }).toBe(1);

    // Opening the popup again applies nothing twice: one freeze in the log.
    await popup.reload();
    await expect.poll(() => text(popup, 'cap-remaining'), { timeout: WAIT }).toBe('39');
    // The cap paints first; the change log comes with the dashboard, read again after the
    // popup's own sync: count once that has run.
    await expect.poll(() => hook(popup, 'sync-status').getAttribute('data-state'), { timeout: WAIT }).toBe('ok');
    const freezes = await hook(popup, 'change-log').locator('[data-action="freeze"]').count();
    expect(freezes).toBe(1);
    await popup.screenshot({ path: `${SHOTS}/popup-en-after-complaint.png`, fullPage: true });
  },
);

test('under a Spanish browser the popup speaks Spanish', { timeout: 300_000 }, async () => {
  const rampart = await launchRampart({ locale: 'es-ES' });
  try {
    const popup = await rampart.openExtensionPage('popup.html');
    await expect.poll(() => text(popup, 'cap-remaining'), { timeout: WAIT }).toBe('60');
    expect(await text(popup, 'sync')).toMatch(/Sincronizar ahora|Sincronizando…/);
    await expect.poll(() => popup.locator('body').innerText(), { timeout: WAIT }).toContain('quedan hoy');
    expect(await popup.locator('body').innerText()).toContain('Salud, últimos 7 días');
    expect(await popup.evaluate(() => document.documentElement.lang)).toBe('es');
    await expect.poll(() => hook(popup, 'sync-status').getAttribute('data-state'), { timeout: WAIT }).toBe('ok');
    await mkdir(SHOTS, { recursive: true });
    await popup.screenshot({ path: `${SHOTS}/popup-es.png`, fullPage: true });
  } finally {
    await rampart.close();
  }
});

test('the lead names a monitoring owner in the ramp planner; the plan change is logged', { timeout: 300_000 }, async ({ rampart }) => {
  const options = await rampart.openExtensionPage('options.html');
  const field = (name: string) => options.locator(`[data-rampart="ramp-planner"] [data-field="${name}"]`);
  await expect.poll(() => field('mailboxes').inputValue(), { timeout: WAIT }).toBe('1');
  expect(await field('prospectsPerMailboxPerDay').inputValue()).toBe('100');
  await field('monitoringOwner').fill('Dana');
  await field('by').fill('Lead');
  await field('emailsPerProspect').fill('2');
  // 1 × 100 × 2 = 200 a day fits SES's 300 with its 25% buffer.
  await expect.poll(() => options.locator('[data-rampart="quota-check"]').innerText(), { timeout: WAIT }).toMatch(/covers the plan/);
  await options.locator('[data-rampart="ramp-planner"] button[type="submit"]').click();
  await expect
    .poll(() => options.locator('[data-rampart="ramp-planner"] [role="status"]').innerText(), { timeout: WAIT })
    .toBe('Plan saved.');

  // Health's sources as "sync now" reads them (VDM is on in the emulator).
  await askFromPage(options, 'sync', {});
  const view = await askFromPage<{
    changeLog: { kind: string; message: string }[];
    checklist: { code: string; status: string }[];
    ramp: { teamCap: number };
  }>(options, 'dashboard', {});
  expect(view.changeLog[0]?.message).toMatch(/^Ramp plan changed by Lead: 1 mailbox × 100 prospects × 2 emails = 200 a day/);
  expect(view.ramp.teamCap).toBe(40);
  expect(view.checklist.find((c) => c.code === 'monitoring')?.status).toBe('ok');
  expect(view.checklist.find((c) => c.code === 'plan-fits-quota')?.status).toBe('ok');
});

test('“sync now” also drains the feedback queue: a complaint waiting there blocks its address at once, not at the next alarm', async ({
  rampart,
}) => {
  const popup = await rampart.openExtensionPage('popup.html');
  // The popup syncs on opening; the feedback alarm's first round is a minute after install.
  await expect.poll(() => hook(popup, 'sync-status').getAttribute('data-state'), { timeout: WAIT }).toBe('ok');
  // No feedback poll but the one "sync now" runs: the minute's alarm would read the event first.
  await (await rampart.worker()).evaluate(() => chrome.alarms.clear('rampart.feedback'));
  // SES's own account-level list is off, so the sync's read of it cannot teach Rampart the
  // address: only the event on the queue can.
  await rampart.awsControl('/_local/account', { SuppressionAttributes: { SuppressedReasons: [] } });
  // A complaint about an address, published to this SDR's queue as SES does.
  await rampart.awsControl('/_local/events', {
    type: 'Complaint',
    recipient: 'waiting@prospect.example',
    sender: 'sdr@outbound.example.com',
  });
  const before = await askFromPage<Verdict>(popup, 'check', { draft: draftTo(['waiting@prospect.example']) });
  expect(before.recipients[0]?.status).toBe('ok');

  await syncNow(popup);
  expect(await hook(popup, 'sync-status').getAttribute('data-state')).toBe('ok');
  // As soon as "sync now" has answered: nothing else read the queue in between.
  const after = await askFromPage<Verdict>(popup, 'check', { draft: draftTo(['waiting@prospect.example']) });
  expect(after.recipients[0]?.status).toBe('suppressed');
  expect(after.verdict).toBe('block');
});

test('recent sends, newest first: a sent one with its MessageId, a lost answer as unknown with what Rampart knows and what to do', async ({
  rampart,
}) => {
  const options = await rampart.openExtensionPage('options.html');
  await allowSends(rampart, options, 20);
  // SES publishes no Send event here, so nothing settles the lost answer behind the test's back.
  await rampart.awsControl('/_local/configuration-set', {
    name: 'rampart',
    events: ['Delivery', 'Bounce', 'Complaint', 'Reject', 'DeliveryDelay', 'RenderingFailure'],
  });
  const sent = await sendFrom(options, 'recent-sent', 'recent-sent');
  expect(sent.outcome).toBe('sent');
  await rampart.awsControl('/_local/faults', { count: 1, error: 'hold' });
  const lost = sendFrom(options, 'recent-lost', 'recent-lost');
  await expect.poll(async () => (await rampart.awsControl<unknown[]>('/_local/requests')).length, { timeout: WAIT }).toBe(2);
  await rampart.stopWorker();
  await rampart.awsControl('/_local/faults/release', {});
  expect((await lost).lost).toBeDefined();

  const popup = await rampart.openExtensionPage('popup.html');
  const rows = hook(popup, 'outbox-row');
  await expect.poll(() => rows.count(), { timeout: WAIT }).toBe(2);
  expect(await rows.nth(0).getAttribute('data-state')).toBe('unknown');
  const unknown = await rows.nth(0).innerText();
  expect(unknown).toMatch(/Rampart has waited/);
  expect(unknown).toMatch(/Do not send it again/);
  expect(await rows.nth(1).getAttribute('data-state')).toBe('sent');
  expect(await rows.nth(1).getAttribute('data-message-id')).toBe(sent.messageId);
  expect(await rows.nth(1).innerText()).toMatch(/Following up recent-sent/);
});

test('the cap says when it resets: my share at the plan’s midnight in its zone; the team’s and SES’s counts roll over 24 hours', async ({
  rampart,
}) => {
  const popup = await rampart.openExtensionPage('popup.html');
  const { plan } = await askFromPage<RampPlanView>(popup, 'rampPlan', {});
  // A zone far from this machine's, and a share set by hand so that mine (30 of the team's 60) binds.
  const zone = 'Pacific/Auckland';
  await askFromPage(popup, 'saveRampPlan', {
    plan: { ...plan!, timeZone: zone, shares: { 'sdr@outbound.example.com': 50 } },
    by: 'Lead',
  });
  await popup.reload();
  const resets = hook(popup, 'cap-resets');
  await expect.poll(() => hook(popup, 'cap-remaining').getAttribute('data-limit'), { timeout: WAIT }).toBe('mine');
  await expect.poll(() => resets.getAttribute('data-at'), { timeout: WAIT }).toMatch(/^\d{4}-/);
  const at = new Date((await resets.getAttribute('data-at'))!);
  const today = localDay(new Date(), zone);
  expect(at.getTime()).toBeGreaterThan(Date.now());
  expect(localDay(at, zone)).toBe(addDays(today, 1));
  expect(localDay(new Date(at.getTime() - 60_000), zone)).toBe(today);
  expect(await resets.getAttribute('data-rolling')).toBeNull();
  expect(await resets.innerText()).toMatch(/Your share resets at the plan’s midnight/);

  // Without the share, and 10 sent on SES's count, the team's cap binds (50 left, mine 60):
  // SES's rolling 24 hours, and when the plan's next day starts.
  await askFromPage(popup, 'saveRampPlan', { plan: { ...plan!, timeZone: zone }, by: 'Lead' });
  await rampart.awsControl('/_local/account', { SendQuota: { SentLast24Hours: 10 } });
  expect((await askFromPage<{ ok: boolean }>(popup, 'sync', {})).ok).toBe(true);
  await popup.reload();
  await expect.poll(() => hook(popup, 'cap-remaining').getAttribute('data-limit'), { timeout: WAIT }).toBe('team');
  await expect.poll(() => resets.getAttribute('data-rolling'), { timeout: WAIT }).toBe('true');
  expect(await resets.innerText()).toMatch(/The team’s count is SES’s last 24 hours/);

  // SES's quota below the plan's cap: no single reset time.
  await rampart.awsControl('/_local/account', { SendQuota: { Max24HourSend: 40, SentLast24Hours: 10 } });
  expect((await askFromPage<{ ok: boolean }>(popup, 'sync', {})).ok).toBe(true);
  await popup.reload();
  await expect.poll(() => hook(popup, 'cap-remaining').getAttribute('data-limit'), { timeout: WAIT }).toBe('ses');
  expect(await resets.innerText()).toMatch(/last 24 hours: no single reset time/);
  expect(await resets.getAttribute('data-at')).toBeNull();
});

test('the lead writes a list source into the change log from the popup; it is shown as by hand', async ({ rampart }) => {
  const popup = await rampart.openExtensionPage('popup.html');
  await hook(popup, 'change-note-kind').selectOption('list-source');
  await hook(popup, 'change-note-text').fill('  New list: webinar attendees, 400 addresses ');
  await hook(popup, 'change-note-add').click();
  await expect.poll(() => text(popup, 'change-note-status'), { timeout: WAIT }).toBe('Added to the change log.');
  const line = hook(popup, 'change-log').locator('li[data-manual="true"]');
  await expect.poll(() => line.count(), { timeout: WAIT }).toBe(1);
  expect(await line.getAttribute('data-kind')).toBe('list-source');
  expect((await line.innerText()).replace(/\s+/g, ' ')).toMatch(/List source \(by hand\) New list: webinar attendees, 400 addresses$/);
  // The field is emptied for the next note, and an empty note cannot be sent.
  expect(await hook(popup, 'change-note-text').inputValue()).toBe('');
  expect(await hook(popup, 'change-note-add').isDisabled()).toBe(true);
});
