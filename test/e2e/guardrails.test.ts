import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Draft } from '@/lib/core/draft';
import type { OutboxRowView, SendResult } from '@/lib/protocol/messages';
import { routeGmail } from '../fixtures/gmail/serve';
import { askFromPage, test, type Rampart } from './harness';

// The guardrails end to end: the built emulator profile in Chromium, its account picture
// synced from the local AWS emulator, the verdict shown in Gmail's compose and enforced
// again by the background, whoever asks it to send.

interface SendAttempt {
  at: string;
  outcome: string;
  from: string;
  recipients: string[];
}

const requests = (rampart: Rampart) => rampart.awsControl<SendAttempt[]>('/_local/requests');

/** "Sync now", as the popup's button asks it. */
async function syncNow(rampart: Rampart): Promise<Page> {
  const page = await rampart.openExtensionPage('popup.html');
  const reply = await askFromPage<{ ok: boolean; error?: { message: string } }>(page, 'sync', {});
  expect(reply.error?.message).toBeUndefined();
  expect(reply.ok).toBe(true);
  return page;
}

async function openGmail(rampart: Rampart): Promise<Page> {
  const page = await rampart.context.newPage();
  await page.goto(await routeGmail(page, 'inbox'));
  return page;
}

/** Open a pop-out compose to `to` in a Gmail tab; returns its panel. */
async function compose(page: Page, to: string[], subject = 'Following up') {
  const index = await page.evaluate(
    ([recipients, s]) =>
      window.fixture.openCompose('popout', { to: recipients.map((email) => [email]), subject: s, bodyHtml: '<p>Hi there</p>' }),
    [to, subject] as const,
  );
  return page.locator(`[data-fixture-compose="${index}"] rampart-compose`);
}

function draftTo(email: string): Draft {
  return {
    composeId: `direct-${email}`,
    kind: 'popout',
    from: null,
    to: [{ email }],
    cc: [],
    bcc: [],
    subject: 'Straight to the background',
    html: '<p>Hi</p>',
    text: 'Hi',
    hasAttachments: false,
    isReply: false,
    unreadable: [],
  };
}

/** A `send` posted to the background directly, skipping the compose UI's own check. */
async function sendDirectly(page: Page, email: string): Promise<SendResult> {
  return askFromPage<SendResult>(page, 'send', {
    draft: draftTo(email),
    confirmed: true,
    requestId: `direct-${email.replace(/[^A-Za-z0-9_-]/g, '-')}-${Date.now()}`,
  });
}

test('an address SES suppressed is blocked in compose and in the background, and never reaches SES', async ({ rampart }) => {
  const suppressed = 'bounced.prospect@prospect.example';
  // A hard bounce: SES puts the address on the account's suppression list.
  await rampart.awsControl('/_local/events', { type: 'Bounce', bounceType: 'Permanent', recipient: suppressed });
  const popup = await syncNow(rampart);

  const gmail = await openGmail(rampart);
  const panel = await compose(gmail, ['Bounced.Prospect@prospect.example', 'fine@prospect.example']);
  // However Gmail's chip writes the address's case.
  const chip = (email: string) => panel.locator(`[data-rampart="recipient"][data-email="${email}" i]`);
  await expect.poll(() => chip('Bounced.Prospect@prospect.example').getAttribute('data-status'), { timeout: 20_000 }).toBe('suppressed');
  expect(await chip('fine@prospect.example').getAttribute('data-status')).toBe('ok');
  await expect.poll(() => panel.locator('[data-rampart="verdict"]').getAttribute('data-verdict')).toBe('block');
  expect(await panel.locator('[data-rampart="send"]').isDisabled()).toBe(true);

  const result = await sendDirectly(popup, suppressed);
  expect(result.outcome).toBe('blocked');
  expect(result.findings.map((f) => f.code)).toContain('suppressed-recipient');
  expect(await requests(rampart)).toEqual([]);
});

test('a recipient on a domain with no mail server is blocked with its reason before any send', async ({ rampart }) => {
  // The emulator's resolver: no MX and no address for this domain (dev/local-aws/README.md, "DNS over HTTPS").
  await rampart.awsControl('/_local/dns', { domain: 'nomail.example', mx: [], a: [] });
  const popup = await syncNow(rampart);

  const gmail = await openGmail(rampart);
  const panel = await compose(gmail, ['ana@nomail.example', 'ben@prospect.example']);
  const chip = (email: string) => panel.locator(`[data-rampart="recipient"][data-email="${email}"]`);
  await expect.poll(() => chip('ana@nomail.example').getAttribute('data-status'), { timeout: 20_000 }).toBe('undeliverable');
  expect(await chip('ana@nomail.example').innerText()).toContain(
    'nomail.example has no mail server (no MX, A or AAAA record). Sending would be a certain hard bounce.',
  );
  expect(await chip('ben@prospect.example').getAttribute('data-status')).toBe('ok');
  await expect.poll(() => panel.locator('[data-rampart="verdict"]').getAttribute('data-verdict')).toBe('block');
  expect(await panel.locator('[data-rampart="send"]').isDisabled()).toBe(true);

  // The background holds the send too, whoever asks.
  const refused = await sendDirectly(popup, 'ana@nomail.example');
  expect(refused.outcome).toBe('blocked');
  expect(refused.findings.map((f) => f.code)).toContain('undeliverable-domain');
  expect(await requests(rampart)).toEqual([]);
});

test('in the sandbox an unverified recipient is blocked and a verified one goes through', async ({ rampart }) => {
  await rampart.awsControl('/_local/account', { ProductionAccessEnabled: false });
  await rampart.awsControl('/_local/identities', { identity: 'verified@prospect.example', verificationStatus: 'SUCCESS' });
  const popup = await syncNow(rampart);

  const gmail = await openGmail(rampart);
  const blocked = await compose(gmail, ['stranger@prospect.example']);
  await expect
    .poll(() => blocked.locator('[data-rampart="recipient"]').getAttribute('data-status'), { timeout: 20_000 })
    .toBe('unverified');
  await expect.poll(() => blocked.locator('[data-rampart="verdict"]').getAttribute('data-verdict')).toBe('block');
  const refused = await sendDirectly(popup, 'stranger@prospect.example');
  expect(refused.outcome).toBe('blocked');
  expect(refused.findings.map((f) => f.code)).toContain('sandbox-unverified-recipient');
  expect(await requests(rampart)).toEqual([]);

  const allowed = await compose(gmail, ['verified@prospect.example']);
  await expect.poll(() => allowed.locator('[data-rampart="recipient"]').getAttribute('data-status'), { timeout: 20_000 }).toBe('ok');
  await expect.poll(() => allowed.locator('[data-rampart="verdict"]').getAttribute('data-verdict')).toBe('ok');
  await allowed.locator('[data-rampart="send"]').click();
  await expect
    .poll(async () => (await requests(rampart)).map((r) => [r.outcome, r.recipients]), { timeout: 20_000 })
    .toEqual([['accepted', ['verified@prospect.example']]]);
});

/** Gmail's own Send in the compose that holds `panel`, pressed as the SDR presses it. */
async function gmailSendOf(page: Page, panel: ReturnType<Page['locator']>) {
  const index = await panel.evaluate((host) => host.closest('[data-fixture-compose]')!.getAttribute('data-fixture-compose'));
  return page.locator(`[data-fixture-compose="${index}"] .T-I-atl:not([aria-haspopup])`);
}

test('SES’s limits block Send via SES but leave Gmail’s own Send free, saying so quietly', async ({ rampart }) => {
  // The sandbox: a colleague's unverified address is SES's refusal, not a bad address.
  await rampart.awsControl('/_local/account', { ProductionAccessEnabled: false });
  await syncNow(rampart);
  const gmail = await openGmail(rampart);
  const lunch = await compose(gmail, ['colleague@team.example'], 'Lunch?');
  await expect.poll(() => lunch.locator('[data-rampart="verdict"]').getAttribute('data-verdict'), { timeout: 20_000 }).toBe('block');
  expect(await lunch.locator('[data-rampart="send"]').isDisabled()).toBe(true);
  expect(await lunch.locator('[data-rampart="gmail-free"]').innerText()).toMatch(/Gmail’s own Send is free/);
  await (await gmailSendOf(gmail, lunch)).click();
  await expect.poll(() => gmail.evaluate(() => window.gmailSent.length)).toBe(1);
  expect(await lunch.locator('[data-rampart="held"]').count()).toBe(0);

  // A used-up cap: SES's and the plan's limit, Gmail's Send untouched.
  await rampart.awsControl('/_local/account', { ProductionAccessEnabled: true, SendQuota: { Max24HourSend: 40, SentLast24Hours: 40 } });
  await syncNow(rampart);
  const capped = await compose(gmail, ['someone@prospect.example'], 'Checking in');
  await expect.poll(() => capped.locator('[data-rampart="cap"]').getAttribute('data-remaining'), { timeout: 20_000 }).toBe('0');
  await expect.poll(() => capped.locator('[data-rampart="verdict"]').getAttribute('data-verdict')).toBe('block');
  await (await gmailSendOf(gmail, capped)).click();
  await expect.poll(() => gmail.evaluate(() => window.gmailSent.length)).toBe(2);
  expect(await requests(rampart)).toEqual([]);
});

test('a warning about one recipient is on its chip and among the findings, beside the confirmation it asks for', async ({ rampart }) => {
  const popup = await syncNow(rampart);
  const first = await sendDirectly(popup, 'pat@prospect.example');
  expect(first.outcome).toBe('sent');

  const gmail = await openGmail(rampart);
  const panel = await compose(gmail, ['pat@prospect.example', 'lee@prospect.example'], 'One more thing');
  const chip = panel.locator('[data-rampart="recipient"][data-email="pat@prospect.example"]');
  await expect.poll(() => chip.getAttribute('data-status'), { timeout: 20_000 }).toBe('warn');
  expect(await chip.innerText()).toMatch(/You sent to pat@prospect.example .* ago/);
  expect(await panel.locator('[data-rampart="recipient"][data-email="lee@prospect.example"]').getAttribute('data-status')).toBe('ok');
  const finding = panel.locator('[data-rampart="finding"][data-rule="duplicate-follow-up"]');
  expect(await finding.getAttribute('data-severity')).toBe('warn');
  expect(await finding.innerText()).toMatch(/You sent to pat@prospect.example/);
  await expect.poll(() => panel.locator('[data-rampart="verdict"]').getAttribute('data-verdict')).toBe('warn');
  expect(await panel.locator('[data-rampart="confirm"]').count()).toBe(1);
});

test('SES’s 24-hour quota used up blocks the draft and the send', async ({ rampart }) => {
  // Below the plan's day-1 cap of 60, so SES's quota is the limit that binds.
  await rampart.awsControl('/_local/account', { SendQuota: { Max24HourSend: 40, SentLast24Hours: 40 } });
  const popup = await syncNow(rampart);

  const gmail = await openGmail(rampart);
  const panel = await compose(gmail, ['someone@prospect.example']);
  await expect.poll(() => panel.locator('[data-rampart="verdict"]').getAttribute('data-verdict'), { timeout: 20_000 }).toBe('block');
  const cap = panel.locator('[data-rampart="cap"]');
  expect(await cap.getAttribute('data-remaining')).toBe('0');
  expect(await cap.getAttribute('title')).toMatch(/SES/);

  const refused = await sendDirectly(popup, 'someone@prospect.example');
  expect(refused.outcome).toBe('blocked');
  expect(refused.findings.map((f) => f.code)).toContain('daily-cap-reached');
  expect(await requests(rampart)).toEqual([]);
});

test('with twelve left on the plan’s cap, three tabs sending ten drafts each at once send exactly twelve', async ({ rampart }) => {
  // The emulator profile's plan: 300 a day for one mailbox from today, so day 1's cap is
  // 60; 48 already counted by SES leaves the team's cap twelve.
  await rampart.awsControl('/_local/account', { SendQuota: { SentLast24Hours: 48 } });
  const popup = await syncNow(rampart);

  const tabs = await Promise.all([0, 1, 2].map(() => openGmail(rampart)));
  for (const [t, tab] of tabs.entries()) {
    for (let i = 0; i < 10; i++) await compose(tab, [`prospect-${t}-${i}@prospect.example`], `Hello ${t}-${i}`);
  }
  for (const tab of tabs) {
    await expect
      .poll(() => tab.locator('rampart-compose [data-rampart="verdict"][data-verdict="ok"]').count(), { timeout: 60_000 })
      .toBe(10);
    await expect.poll(() => tab.locator('rampart-compose [data-rampart="cap"]').first().getAttribute('data-remaining')).toBe('12');
  }

  // Every Send via SES pressed as fast as real input goes, the three tabs in parallel: a
  // script's click() is not the SDR's and sends nothing, and the stacked pop-outs lie
  // partly outside the viewport, so the keyboard presses each (a trusted click).
  await Promise.all(
    tabs.map(async (tab) => {
      // By the fixture's compose number: a compose that sent closes, and the rest move up.
      for (let i = 0; i < 10; i++) await tab.locator(`[data-fixture-compose="${i}"] rampart-compose [data-rampart="send"]`).press('Enter');
    }),
  );

  const states = async () => {
    const rows = await askFromPage<OutboxRowView[]>(popup, 'outbox', {});
    return { sent: rows.filter((r) => r.state === 'sent').length, blocked: rows.filter((r) => r.state === 'blocked').length };
  };
  await expect.poll(states, { timeout: 60_000, interval: 500 }).toEqual({ sent: 12, blocked: 18 });
  const attempts = await requests(rampart);
  expect(attempts).toHaveLength(12);
  expect(attempts.every((a) => a.outcome === 'accepted')).toBe(true);

  // The refused eighteen say so where the SDR is.
  let blockedInTabs = 0;
  for (const tab of tabs) blockedInTabs += await tab.locator('rampart-compose [data-rampart="result"][data-outcome="blocked"]').count();
  expect(blockedInTabs).toBe(18);
});
