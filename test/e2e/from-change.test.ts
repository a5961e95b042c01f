import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Draft } from '@/lib/core/draft';
import type { SendResult } from '@/lib/protocol/messages';
import { routeGmail, type FixtureComposeOptions } from '../fixtures/gmail/serve';
import { askFromPage, launchRampart, type Rampart } from './harness';

// A changed From identity, end to end: the built emulator profile in Chromium, the Gmail
// fixture and the local AWS emulator. The first send pins the From configured in options;
// a later edit of that From makes the compose panel ask for confirmation, the background
// refuses the unconfirmed send, and the confirmed one goes out and is written to the
// change log the popup shows.

interface DeliveredMessage {
  messageId: string;
  from: string;
  subject: string;
}
interface SendAttempt {
  outcome: string;
  from: string;
}
interface ChangeLogEntry {
  kind: string;
  message: string;
}

const DEFAULT_NAME = 'Demo SDR';
const ADDRESS = 'sdr@outbound.example.com';
const NEW_NAME = 'Someone Else';

// The machine is small and shared: Chromium may take a while to mount and check.
const SLOW = { timeout: 60_000 };

const panelOf = (page: Page, composeIndex: number) => page.locator(`[data-fixture-compose="${composeIndex}"] rampart-compose`);

let rampart: Rampart;
let extensionPage: Page;
beforeAll(async () => {
  rampart = await launchRampart();
  extensionPage = await rampart.openExtensionPage('popup.html');
  // A synced account, so the only warning left to see is the identity's.
  const synced = await askFromPage<{ ok: boolean }>(extensionPage, 'sync', {});
  expect(synced.ok).toBe(true);
});
afterAll(async () => {
  await rampart?.close();
});

async function openGmail(): Promise<Page> {
  const page = await rampart.context.newPage();
  await rampart.context.unroute('https://mail.google.com/**');
  await page.goto(await routeGmail(rampart.context, 'inbox'));
  return page;
}

/** Opens a pop-out compose with an id of its own, as Gmail gives each compose. */
async function openCompose(page: Page, options: FixtureComposeOptions): Promise<number> {
  return page.evaluate(
    ([o, id]) => {
      const index = window.fixture.openCompose('popout', o);
      // Before Rampart's observer runs (it is called after this script).
      window.fixture.composeElement(index).querySelector<HTMLInputElement>('input[name=composeid]')!.value = id;
      return index;
    },
    [options, `fixture-${crypto.randomUUID()}`] as const,
  );
}

/** The panel's settled verdict for the compose. */
async function settledVerdict(page: Page, composeIndex: number): Promise<string | null> {
  const verdict = panelOf(page, composeIndex).locator('[data-rampart="verdict"][data-verdict]');
  await expect.poll(() => verdict.count(), SLOW).toBe(1);
  await expect.poll(() => verdict.getAttribute('data-verdict'), SLOW).toMatch(/^(ok|warn|block)$/);
  return verdict.getAttribute('data-verdict');
}

/** A new draft to Kim in Gmail: the panel must warn with `rule`; its sentence. */
async function warningOnANewDraft(rule: string): Promise<string> {
  const page = await openGmail();
  const index = await openCompose(page, { to: [['kim@prospect.example', 'Kim']], subject: 'Hello', bodyHtml: '<p>Hi Kim</p>' });
  expect(await settledVerdict(page, index)).toBe('warn');
  const finding = panelOf(page, index).locator(`[data-rampart="finding"][data-rule="${rule}"]`);
  expect(await finding.getAttribute('data-severity')).toBe('warn');
  const sentence = await finding.evaluate((li) => li.textContent ?? '');
  await page.close();
  return sentence;
}

async function sendOutcome(page: Page, composeIndex: number): Promise<{ outcome: string | null; messageId: string | null }> {
  const result = panelOf(page, composeIndex).locator('[data-rampart="result"]');
  await expect.poll(() => result.getAttribute('data-outcome'), SLOW).toMatch(/^(sent|blocked|unknown|failed)$/);
  return { outcome: await result.getAttribute('data-outcome'), messageId: await result.getAttribute('data-message-id') };
}

/** The bare address and display name of a mailbox as SES received it (`"Name" <a@b>`). */
function mailboxOf(mailbox: string): { name: string; address: string } {
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(mailbox);
  return match ? { name: match[1]!.trim(), address: match[2]!.trim().toLowerCase() } : { name: '', address: mailbox.trim().toLowerCase() };
}

/** A draft as the inbox adapter would build it, for posting straight to the background. */
function draftOf(patch: Partial<Draft>): Draft {
  return {
    composeId: `direct-${crypto.randomUUID()}`,
    kind: 'popout',
    from: { email: ADDRESS, name: NEW_NAME },
    to: [{ email: 'pat@prospect.example', name: 'Pat Lead' }],
    cc: [],
    bcc: [],
    subject: 'A direct draft under the new name',
    html: '<p>Hello there</p>',
    text: 'Hello there',
    hasAttachments: false,
    isReply: false,
    unreadable: [],
    ...patch,
  };
}

describe('a changed From identity', () => {
  it('asks for confirmation before sending under it, and logs the change once confirmed', async () => {
    await rampart.awsControl('/_local/reset', {});

    // The first send, as the default identity, pins it: nothing to confirm.
    const page = await openGmail();
    const first = await openCompose(page, {
      to: [['sam@prospect.example', 'Sam Buyer']],
      subject: 'First note',
      bodyHtml: '<p>Hello Sam</p>',
    });
    expect(await settledVerdict(page, first)).toBe('ok');
    expect(await panelOf(page, first).locator('[data-rule="from-name-changed"], [data-rule="from-address-changed"]').count()).toBe(0);
    await expect.poll(() => panelOf(page, first).locator('[data-rampart="send"]').isEnabled(), SLOW).toBe(true);
    await panelOf(page, first).locator('[data-rampart="send"]').click();
    expect((await sendOutcome(page, first)).outcome).toBe('sent');
    const delivered = await rampart.awsControl<DeliveredMessage[]>('/_local/messages');
    expect(delivered.map((m) => mailboxOf(m.from))).toEqual([{ name: DEFAULT_NAME, address: ADDRESS }]);
    await page.close();

    // Someone edits the From name in options.
    await rampart.setSettings({ fromName: NEW_NAME });

    // Sent straight to the background without confirming (to someone not yet written to, so
    // the identity is the only thing to confirm), it is refused before SES.
    const refused = await askFromPage<SendResult>(extensionPage, 'send', {
      draft: draftOf({}),
      confirmed: false,
      requestId: crypto.randomUUID(),
    });
    expect(refused.outcome).toBe('blocked');
    expect(refused.messageId).toBeUndefined();
    expect(refused.findings.filter((f) => f.severity !== 'info').map((f) => f.code)).toEqual(['from-name-changed']);
    expect((await rampart.awsControl<SendAttempt[]>('/_local/requests')).map((a) => a.outcome)).toEqual(['accepted']);

    // In Gmail the panel warns, and Send via SES waits for the confirmation.
    const again = await openGmail();
    const second = await openCompose(again, {
      to: [['lee@prospect.example', 'Lee Ops']],
      subject: 'Second note',
      bodyHtml: '<p>Hello Lee</p>',
    });
    const panel = panelOf(again, second);
    expect(await settledVerdict(again, second)).toBe('warn');
    const finding = panel.locator('[data-rampart="finding"][data-rule="from-name-changed"]');
    expect(await finding.getAttribute('data-severity')).toBe('warn');
    expect(await finding.evaluate((li) => li.textContent ?? '')).toContain(`“${NEW_NAME}”`);
    expect(await panel.locator('[data-rampart="send"]').isDisabled()).toBe(true);
    if ((await panel.locator('button.toggle').getAttribute('aria-expanded')) !== 'true') await panel.locator('button.toggle').click();
    await panel.locator('[data-rampart="confirm"]').check();
    await expect.poll(() => panel.locator('[data-rampart="send"]').isEnabled(), SLOW).toBe(true);
    await panel.locator('[data-rampart="send"]').click();
    const sent = await sendOutcome(again, second);
    expect(sent.outcome).toBe('sent');

    // SES got it under the new name, after exactly one more attempt.
    const afterChange = await rampart.awsControl<DeliveredMessage[]>('/_local/messages');
    expect(afterChange).toHaveLength(2);
    const latest = afterChange.find((m) => m.messageId === sent.messageId);
    expect(latest?.subject).toBe('Second note');
    expect(mailboxOf(latest!.from)).toEqual({ name: NEW_NAME, address: ADDRESS });
    expect((await rampart.awsControl<SendAttempt[]>('/_local/requests')).map((a) => a.outcome)).toEqual(['accepted', 'accepted']);
    await again.close();

    // The popup's change log names both identities.
    const view = await askFromPage<{ changeLog: ChangeLogEntry[] }>(extensionPage, 'dashboard', {});
    const identityChanges = view.changeLog.filter((entry) => entry.kind === 'identity');
    expect(identityChanges).toHaveLength(1);
    expect(identityChanges[0]!.message).toContain(`“${DEFAULT_NAME}” <${ADDRESS}>`);
    expect(identityChanges[0]!.message).toContain(`“${NEW_NAME}” <${ADDRESS}>`);
  }, 240_000);

  it('warns when From is at a transactional domain the lead listed in options', async () => {
    const options = await rampart.openExtensionPage('options.html');
    const form = options.locator('[data-rampart="settings-form"]');
    const field = form.locator('input[name=avoidFromDomains]');
    await expect.poll(() => field.count(), SLOW).toBe(1);
    // Not a domain list: refused in the form, nothing saved.
    await field.fill('example.net, not a domain');
    await form.locator('button[type=submit]').click();
    await expect.poll(() => form.locator('[data-rampart-error="avoidFromDomains"]').count(), SLOW).toBe(1);
    await field.fill('example.net, Outbound.example.com');
    await form.locator('button[type=submit]').click();
    await expect.poll(() => form.locator('[data-rampart-error="avoidFromDomains"]').count(), SLOW).toBe(0);
    await expect.poll(() => form.locator('[role=status]').count(), SLOW).toBe(1);
    await options.close();

    const finding = await warningOnANewDraft('from-transactional-domain');
    expect(finding).toContain('You are sending from outbound.example.com, the company’s own domain');
    await rampart.setSettings({ avoidFromDomains: undefined });
  }, 240_000);

  it('warns when replies would go to another inbox than the Gmail account writing the draft', async () => {
    // The fixture's page is signed in to sdr@outbound.example.com, the From SES sends as.
    const page = await openGmail();
    const quiet = await openCompose(page, { to: [['kim@prospect.example', 'Kim']], subject: 'Hello', bodyHtml: '<p>Hi Kim</p>' });
    await settledVerdict(page, quiet);
    expect(await panelOf(page, quiet).locator('[data-rampart="finding"][data-rule="replies-elsewhere"]').count()).toBe(0);
    await page.close();

    await rampart.setSettings({ replyTo: 'team@example.com' });
    const finding = await warningOnANewDraft('replies-elsewhere');
    expect(finding).toContain('Replies go to team@example.com, not to this Gmail inbox (sdr@outbound.example.com)');
    await rampart.setSettings({ replyTo: undefined });
  }, 240_000);
});
