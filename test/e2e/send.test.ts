import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Draft } from '@/lib/core/draft';
import type { OutboxRowView, SendResult } from '@/lib/protocol/messages';
import { routeGmail, type FixtureComposeKind, type FixtureComposeOptions, type GmailFixture } from '../fixtures/gmail/serve';
import { askFromPage, launchRampart, type Rampart } from './harness';

// Sending through SES from Gmail's compose windows, end to end: the built emulator
// profile in Chromium, the Gmail fixture pages and the local AWS emulator. What SES
// received is read back from the emulator (`/_local/messages`, `/_local/requests`), what
// Rampart recorded from the background (`outbox`) and the worker's own IndexedDB.

interface DeliveredMessage {
  messageId: string;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  text: string | null;
  html: string | null;
}
interface SendAttempt {
  outcome: string;
  from: string;
  recipients: string[];
  messageId?: string;
}

const panelOf = (page: Page, composeIndex: number) => page.locator(`[data-fixture-compose="${composeIndex}"] rampart-compose`);
const htmlNumber = async (page: Page, attribute: string) => Number((await page.getAttribute('html', attribute)) ?? 0);
/** The bare address of a mailbox as SES received it (`Name <a@b>` or `a@b`). */
const addressOf = (mailbox: string) => (/<([^>]+)>\s*$/.exec(mailbox)?.[1] ?? mailbox).trim().toLowerCase();

async function openGmail(rampart: Rampart, fixture: GmailFixture): Promise<Page> {
  const page = await rampart.context.newPage();
  await rampart.context.unroute('https://mail.google.com/**');
  await page.goto(await routeGmail(rampart.context, fixture));
  return page;
}

/**
 * Opens a compose with an id of its own, as Gmail gives each compose: the fixture numbers
 * them from 0 on every page, and Rampart rightly shows a compose id's earlier sends.
 */
async function openCompose(page: Page, kind: FixtureComposeKind, options: FixtureComposeOptions): Promise<number> {
  return page.evaluate(
    ([k, o, id]) => {
      const index = window.fixture.openCompose(k, o);
      // Before Rampart's observer runs (it is called after this script).
      window.fixture.composeElement(index).querySelector<HTMLInputElement>('input[name=composeid]')!.value = id;
      return index;
    },
    [kind, options, `fixture-${crypto.randomUUID()}`] as const,
  );
}

// The machine is small and shared: Chromium may take a while to mount and check.
const SLOW = { timeout: 60_000 };

/** Waits for a verdict that lets the draft go and confirms a `warn`. */
async function readyToSend(page: Page, composeIndex: number): Promise<void> {
  const panel = panelOf(page, composeIndex);
  const verdict = panel.locator('[data-rampart="verdict"][data-verdict]');
  await expect.poll(() => verdict.count(), SLOW).toBe(1);
  await expect.poll(() => verdict.getAttribute('data-verdict'), SLOW).toMatch(/^(ok|warn)$/);
  if ((await verdict.getAttribute('data-verdict')) === 'warn') await panel.locator('[data-rampart="confirm"]').check();
  await expect.poll(() => panel.locator('[data-rampart="send"]').isEnabled(), SLOW).toBe(true);
}

async function clickSendViaSes(page: Page, composeIndex: number): Promise<void> {
  await readyToSend(page, composeIndex);
  await panelOf(page, composeIndex).locator('[data-rampart="send"]').click();
}

/** The ledger row of a MessageId, read with raw IndexedDB inside the service worker. */
async function ledgerRow(
  rampart: Rampart,
  messageId: string,
): Promise<{ messageId: string; outboxId: string; recipients: string[]; subject: string } | undefined> {
  const worker = await rampart.worker();
  return worker.evaluate(
    (id) =>
      new Promise<never>((resolve, reject) => {
        const open = indexedDB.open('rampart');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('ledger').objectStore('ledger').get(id);
          get.onsuccess = () => {
            open.result.close();
            resolve(get.result);
          };
          get.onerror = () => reject(get.error);
        };
      }),
    messageId,
  );
}

/** A draft as the inbox adapter would build it, for posting straight to the background. */
function draftOf(patch: Partial<Draft>): Draft {
  return {
    composeId: `direct-${crypto.randomUUID()}`,
    kind: 'popout',
    from: { email: 'sdr@outbound.example.com', name: 'Demo SDR' },
    to: [{ email: 'sam@prospect.example', name: 'Sam Buyer' }],
    cc: [],
    bcc: [],
    subject: 'A direct draft',
    html: '<p>Hello there</p>',
    text: 'Hello there',
    hasAttachments: false,
    isReply: false,
    unreadable: [],
    ...patch,
  };
}

describe('Send via SES from each kind of compose window', () => {
  let rampart: Rampart;
  beforeAll(async () => {
    rampart = await launchRampart();
  });
  afterAll(async () => {
    await rampart?.close();
  });

  const kinds: FixtureComposeKind[] = ['popout', 'inline', 'fullscreen'];
  for (const kind of kinds) {
    it(`delivers the draft of a ${kind} compose exactly once, records it and closes the window`, async () => {
      await rampart.awsControl('/_local/reset', {});
      const page = await openGmail(rampart, 'inbox');
      const subject = `Outbound note from a ${kind} compose`;
      const bodyText = `Body of the ${kind} draft: the one-pager is attached below.`;
      const index = await openCompose(page, kind, {
        subject,
        bodyHtml: `<p>${bodyText}</p>`,
        to: [['sam@prospect.example', 'Sam Buyer']],
        cc: [['lee@prospect.example', 'Lee Ops']],
        bcc: [['manager@outbound.example.com']],
      });
      const discardedBefore = await htmlNumber(page, 'data-gmail-discarded');

      await clickSendViaSes(page, index);
      const result = panelOf(page, index).locator('[data-rampart="result"]');
      await expect.poll(() => result.getAttribute('data-outcome'), SLOW).toBe('sent');
      const messageId = await result.getAttribute('data-message-id');
      expect(messageId).toBeTruthy();
      expect(await result.innerText()).toContain(messageId!);

      // SES got exactly one message, and it is the draft.
      const delivered = await rampart.awsControl<DeliveredMessage[]>('/_local/messages');
      expect(delivered).toHaveLength(1);
      const [message] = delivered;
      expect(message!.messageId).toBe(messageId);
      expect(addressOf(message!.from)).toBe('sdr@outbound.example.com');
      expect(message!.to.map(addressOf)).toEqual(['sam@prospect.example']);
      expect(message!.cc.map(addressOf)).toEqual(['lee@prospect.example']);
      expect(message!.bcc.map(addressOf)).toEqual(['manager@outbound.example.com']);
      expect(message!.subject).toBe(subject);
      expect(message!.text).toContain(bodyText);
      expect(message!.html).toContain(bodyText);
      const attempts = await rampart.awsControl<SendAttempt[]>('/_local/requests');
      expect(attempts.map((a) => a.outcome)).toEqual(['accepted']);

      // The outbox and the ledger both have it under SES's MessageId.
      const extensionPage = await rampart.openExtensionPage('popup.html');
      const rows = await askFromPage<OutboxRowView[]>(extensionPage, 'outbox', {});
      const row = rows.find((r) => r.messageId === messageId);
      expect(row?.state).toBe('sent');
      expect(row?.subject).toBe(subject);
      await extensionPage.close();
      const ledger = await ledgerRow(rampart, messageId!);
      expect(ledger?.outboxId).toBe(row!.id);
      expect(ledger?.recipients.sort()).toEqual(['lee@prospect.example', 'manager@outbound.example.com', 'sam@prospect.example']);

      // The compose window goes, through Gmail's own discard; Gmail's Send was never used.
      await expect.poll(() => htmlNumber(page, 'data-gmail-discarded'), SLOW).toBe(discardedBefore + 1);
      expect(await page.locator(`[data-fixture-compose="${index}"]`).count()).toBe(0);
      expect(await htmlNumber(page, 'data-gmail-sent')).toBe(0);
      await page.close();
    });
  }
});

describe('Send via SES from a compose whose Gmail From is empty', () => {
  let rampart: Rampart;
  beforeAll(async () => {
    rampart = await launchRampart();
  });
  afterAll(async () => {
    await rampart?.close();
  });

  it('sends from the configured identity, shown in the panel, as real Gmail leaves From empty without aliases', async () => {
    await rampart.awsControl('/_local/reset', {});
    const page = await openGmail(rampart, 'inbox');
    const subject = 'Sent from an account without aliases';
    const index = await openCompose(page, 'popout', { from: '', subject, bodyHtml: '<p>Hello</p>', to: [['own@prospect.example']] });
    expect(await page.locator(`[data-fixture-compose="${index}"] input[name=from]`).inputValue()).toBe('');

    const from = panelOf(page, index).locator('[data-rampart="from"]');
    await expect.poll(() => from.getAttribute('data-email'), SLOW).toBe('sdr@outbound.example.com');
    expect(await panelOf(page, index).locator('[data-rampart="unreadable"]').count()).toBe(0);
    await clickSendViaSes(page, index);
    const result = panelOf(page, index).locator('[data-rampart="result"]');
    await expect.poll(() => result.getAttribute('data-outcome'), SLOW).toBe('sent');
    const delivered = await rampart.awsControl<DeliveredMessage[]>('/_local/messages');
    expect(delivered.map((m) => [addressOf(m.from), m.subject])).toEqual([['sdr@outbound.example.com', subject]]);
    await page.close();
  });

  it('says so when Gmail’s From is another address, and still sends from the configured identity once confirmed', async () => {
    await rampart.awsControl('/_local/reset', {});
    const page = await openGmail(rampart, 'inbox');
    const subject = 'Sent with a personal From chosen in Gmail';
    const index = await openCompose(page, 'popout', {
      from: 'Demo SDR <sdr.personal@gmail.example>',
      subject,
      bodyHtml: '<p>Hello</p>',
      to: [['alias@prospect.example']],
    });
    const panel = panelOf(page, index);
    const finding = panel.locator('[data-rampart="finding"][data-rule="gmail-from-differs"]');
    await expect.poll(() => finding.count(), SLOW).toBe(1);
    expect(await finding.innerText()).toBe(
      'Gmail’s From is sdr.personal@gmail.example, but Send via SES sends from sdr@outbound.example.com, the identity set up in Rampart’s options.',
    );
    expect(await panel.locator('[data-rampart="verdict"]').getAttribute('data-verdict')).toBe('warn');
    expect(await panel.locator('[data-rampart="from"]').getAttribute('data-email')).toBe('sdr@outbound.example.com');
    // The warning asks for the box to be ticked: Send via SES stays off until it is.
    expect(await panel.locator('[data-rampart="send"]').isEnabled()).toBe(false);
    await clickSendViaSes(page, index);
    const result = panel.locator('[data-rampart="result"]');
    await expect.poll(() => result.getAttribute('data-outcome'), SLOW).toBe('sent');
    const delivered = await rampart.awsControl<DeliveredMessage[]>('/_local/messages');
    expect(delivered.map((m) => [addressOf(m.from), m.subject])).toEqual([['sdr@outbound.example.com', subject]]);
    await page.close();
  });
});

describe('Send via SES when SES’s answer is lost, throttled or a refusal', () => {
  let rampart: Rampart;
  beforeAll(async () => {
    rampart = await launchRampart();
  });
  afterAll(async () => {
    await rampart?.close();
  });
  beforeEach(async () => {
    await rampart.awsControl('/_local/reset', {});
  });

  async function outboxRow(subject: string): Promise<OutboxRowView | undefined> {
    const extensionPage = await rampart.openExtensionPage('popup.html');
    try {
      return (await askFromPage<OutboxRowView[]>(extensionPage, 'outbox', {})).find((row) => row.subject === subject);
    } finally {
      await extensionPage.close();
    }
  }

  it('reports a send whose answer was lost with the worker as unknown, and never sends it again', async () => {
    const subject = 'Answer lost with the worker';
    // No Send event comes for it either (the configuration set publishes none here): nothing
    // can settle it, so it must stay unknown. The event that settles it is the kill-point
    // sweep's case.
    await rampart.awsControl('/_local/configuration-set', {
      name: 'rampart',
      events: ['Delivery', 'Bounce', 'Complaint', 'Reject', 'DeliveryDelay', 'RenderingFailure', 'Subscription'],
    });
    await rampart.awsControl('/_local/faults', { count: 1, error: 'hold' });
    const page = await openGmail(rampart, 'inbox');
    const index = await openCompose(page, 'popout', { subject, bodyHtml: '<p>Held by SES</p>', to: [['held@prospect.example']] });
    await clickSendViaSes(page, index);

    // SES has the request and holds its answer; the worker dies before it comes back.
    await expect.poll(async () => (await rampart.awsControl<SendAttempt[]>('/_local/requests')).length, SLOW).toBe(1);
    await rampart.stopWorker();
    const released = await rampart.awsControl<{ released: number }>('/_local/faults/release', {});
    expect(released.released).toBe(1);

    // The next worker finds the row mid-send: unknown, with a sentence, not re-sent.
    const row = await outboxRow(subject);
    expect(row?.state).toBe('unknown');
    expect(row?.error?.message).toMatch(/cannot tell yet whether SES accepted it/);
    const result = panelOf(page, index).locator('[data-rampart="result"]');
    await expect.poll(() => result.getAttribute('data-outcome'), SLOW).toBe('unknown');
    // The row's own sentence with the compose window's, or (the row not settled yet) the
    // compose window's alone: either way, uncertain and not resent.
    expect(await result.innerText()).toMatch(
      /may or may not have been sent|can’t tell whether this message went out, and will not resend it/,
    );

    await page.waitForTimeout(4_000);
    await rampart.stopWorker();
    expect((await outboxRow(subject))?.state).toBe('unknown');
    const attempts = await rampart.awsControl<SendAttempt[]>('/_local/requests');
    expect(attempts).toHaveLength(1);
    expect(attempts[0]!.recipients).toEqual(['held@prospect.example']);
    await page.close();
  });

  it('rides out two “Maximum sending rate exceeded.” answers: delivered once, after exactly three attempts', async () => {
    const subject = 'Sent after two throttles';
    await rampart.awsControl('/_local/faults', { count: 2, error: 'TooManyRequestsException' });
    const page = await openGmail(rampart, 'inbox');
    const index = await openCompose(page, 'inline', { subject, bodyHtml: '<p>Third time lucky</p>', to: [['rate@prospect.example']] });
    await clickSendViaSes(page, index);

    const result = panelOf(page, index).locator('[data-rampart="result"]');
    await expect.poll(() => result.getAttribute('data-outcome'), SLOW).toBe('sent');
    const attempts = await rampart.awsControl<SendAttempt[]>('/_local/requests');
    expect(attempts.map((a) => a.outcome)).toEqual(['TooManyRequestsException', 'TooManyRequestsException', 'accepted']);
    const delivered = await rampart.awsControl<DeliveredMessage[]>('/_local/messages');
    expect(delivered.map((m) => [m.messageId, m.subject])).toEqual([[await result.getAttribute('data-message-id'), subject]]);
    expect((await outboxRow(subject))?.state).toBe('sent');
    await page.close();
  });

  it('stops at SES’s “Daily message quota exceeded.” after one attempt: blocked, with a sentence', async () => {
    const subject = 'Over the daily quota';
    const page = await openGmail(rampart, 'inbox');
    const index = await openCompose(page, 'fullscreen', { subject, bodyHtml: '<p>Too late today</p>', to: [['quota@prospect.example']] });
    await readyToSend(page, index);
    // SES's day fills up after Rampart last looked: only SES can refuse it now.
    await rampart.awsControl('/_local/account', { SendQuota: { SentLast24Hours: 300 } });
    await panelOf(page, index).locator('[data-rampart="send"]').click();

    const result = panelOf(page, index).locator('[data-rampart="result"]');
    await expect.poll(() => result.getAttribute('data-outcome'), SLOW).toBe('blocked');
    const attempts = await rampart.awsControl<SendAttempt[]>('/_local/requests');
    expect(attempts.map((a) => a.outcome)).toEqual(['TooManyRequestsException']);
    expect(await rampart.awsControl<DeliveredMessage[]>('/_local/messages')).toEqual([]);
    const row = await outboxRow(subject);
    expect(row?.state).toBe('blocked');
    expect(row?.error?.code).toBe('daily-quota-exceeded');
    expect(await result.innerText()).toContain('daily sending quota');
    await page.close();
  });
});

describe('Send via SES refuses what SES must not be asked to send', () => {
  let rampart: Rampart;
  let extensionPage: Page;
  beforeAll(async () => {
    rampart = await launchRampart();
    extensionPage = await rampart.openExtensionPage('popup.html');
  });
  afterAll(async () => {
    await rampart?.close();
  });
  beforeEach(async () => {
    await rampart.awsControl('/_local/reset', {});
  });

  async function postDraft(draft: Draft): Promise<SendResult> {
    return askFromPage<SendResult>(extensionPage, 'send', { draft, confirmed: true, requestId: crypto.randomUUID() });
  }

  async function expectRefused(result: SendResult, code: string, sentence: RegExp): Promise<void> {
    expect(result.outcome).toBe('blocked');
    expect(result.messageId).toBeUndefined();
    expect(result.findings.filter((f) => f.severity === 'block').map((f) => f.code)).toContain(code);
    expect(result.error?.message).toMatch(sentence);
    expect(await rampart.awsControl<SendAttempt[]>('/_local/requests')).toEqual([]);
  }

  it('refuses a draft without recipients', async () => {
    await expectRefused(await postDraft(draftOf({ to: [] })), 'no-recipients', /Add at least one recipient/);
  });

  it('refuses a malformed address', async () => {
    await expectRefused(await postDraft(draftOf({ to: [{ email: 'sam@@prospect' }] })), 'invalid-address', /not a valid email address/);
  });

  it('refuses CR or LF in the subject or in a display name', async () => {
    await expectRefused(await postDraft(draftOf({ subject: 'Hello\r\nBcc: hidden@elsewhere.example' })), 'header-injection', /line break/);
    await expectRefused(
      await postDraft(draftOf({ to: [{ email: 'sam@prospect.example', name: 'Sam\nBcc: hidden@elsewhere.example' }] })),
      'header-injection',
      /line break/,
    );
  });

  it('refuses a message over SES’s size limit', async () => {
    // Built in the page: 41 MB of body is no cargo for the test's own connection to it.
    const result = await extensionPage.evaluate(
      async (draft) => {
        const text = 'x'.repeat(41 * 1024 * 1024);
        return chrome.runtime.sendMessage({
          type: 'send',
          payload: { draft: { ...draft, text, html: '' }, confirmed: true, requestId: crypto.randomUUID() },
        });
      },
      draftOf({ subject: 'A very long letter' }),
    );
    expect(result.ok).toBe(true);
    await expectRefused(result.value as SendResult, 'too-large', /SES sends at most 40\.0 MB/);
  });

  it('keeps Send via SES off in Gmail for a compose without recipients or with an address Gmail could not resolve', async () => {
    const page = await openGmail(rampart, 'inbox');
    const empty = await openCompose(page, 'popout', { subject: 'Nobody yet', bodyHtml: '<p>Hi</p>' });
    await expect.poll(() => panelOf(page, empty).locator('[data-rampart="verdict"]').getAttribute('data-verdict'), SLOW).toBe('block');
    expect(await panelOf(page, empty).locator('[data-rampart="send"]').isDisabled()).toBe(true);
    expect(await panelOf(page, empty).evaluate((host) => host.shadowRoot?.textContent ?? '')).toMatch(/Add at least one recipient/);

    const unresolved = await openCompose(page, 'inline', { subject: 'Half typed', bodyHtml: '<p>Hi</p>', to: [['sam@prospect.example']] });
    await page.evaluate((index) => window.fixture.addUnresolvedChip(index, 'cc', 'Lee from Ops'), unresolved);
    // Rampart will not guess who the chip is: the recipients are unreadable, and it says so.
    await expect.poll(() => panelOf(page, unresolved).locator('[data-rampart="verdict"]').getAttribute('data-verdict'), SLOW).toBe('block');
    expect(await panelOf(page, unresolved).locator('[data-rampart="unreadable"] [data-target="recipients"]').innerText()).toMatch(
      /can’t read the recipients/,
    );
    expect(await panelOf(page, unresolved).locator('[data-rampart="send"]').isDisabled()).toBe(true);
    await panelOf(page, unresolved).locator('[data-rampart="send"]').click({ force: true });
    await page.close();
    expect(await rampart.awsControl<SendAttempt[]>('/_local/requests')).toEqual([]);
  });

  it('refuses a draft with attachments rather than dropping them', async () => {
    await expectRefused(await postDraft(draftOf({ hasAttachments: true })), 'attachments', /attachments/);

    // And in Gmail: the panel says why and Send via SES stays off.
    const page = await openGmail(rampart, 'inbox');
    const index = await openCompose(page, 'popout', {
      subject: 'With a deck',
      bodyHtml: '<p>See attached</p>',
      to: [['sam@prospect.example']],
      attachment: 'deck.pdf',
    });
    const panel = panelOf(page, index);
    await expect.poll(() => panel.locator('[data-rampart="verdict"]').getAttribute('data-verdict'), SLOW).toBe('block');
    expect(await panel.locator('[data-rampart="send"]').isDisabled()).toBe(true);
    expect(await panel.evaluate((host) => host.shadowRoot?.textContent ?? '')).toMatch(/can’t send attachments/);
    await page.close();
    expect(await rampart.awsControl<SendAttempt[]>('/_local/requests')).toEqual([]);
  });
});
