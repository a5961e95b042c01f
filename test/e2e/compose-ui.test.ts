import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeGmail, type GmailFixture } from '../fixtures/gmail/serve';
import { askFromPage, launchRampart, type Rampart } from './harness';

// The compose UI of the built emulator profile on the Gmail fixture pages: mounted
// beside Send in every kind of compose, its hooks present, keys kept from Gmail, idle
// when nothing changes. One browser for the file: Chromium is heavy on this machine.

let rampart: Rampart;
const SUPPRESSED = 'bounced@prospect.example';
beforeAll(async () => {
  rampart = await launchRampart();
  // A hard bounce puts an address on SES's suppression list; "Sync now" brings it home.
  await rampart.awsControl('/_local/events', { type: 'Bounce', bounceType: 'Permanent', recipient: SUPPRESSED });
  const popup = await rampart.openExtensionPage('popup.html');
  const synced = await askFromPage<{ ok: boolean }>(popup, 'sync', {});
  expect(synced.ok).toBe(true);
  await popup.close();
});
afterAll(async () => {
  await rampart?.close();
});

async function openGmail(fixture: GmailFixture): Promise<Page> {
  const page = await rampart.context.newPage();
  await rampart.context.unroute('https://mail.google.com/**');
  await page.goto(await routeGmail(rampart.context, fixture));
  return page;
}

const htmlNumber = async (page: Page, attribute: string) => Number((await page.getAttribute('html', attribute)) ?? 0);
const panelOf = (page: Page, composeIndex: number) => page.locator(`[data-fixture-compose="${composeIndex}"] rampart-compose`);

describe('compose UI in Gmail', () => {
  it('mounts beside Send in a pop-out, an inline reply and a full-screen compose, with a hook per recipient', async () => {
    const page = await openGmail('several');
    await page.evaluate(() =>
      window.fixture.openCompose('fullscreen', { to: [['sam@prospect.example', 'Sam Buyer']], cc: [['lee@prospect.example']] }),
    );
    for (const index of [0, 1, 2, 3]) await expect.poll(() => panelOf(page, index).count()).toBe(1);

    // Each panel sits in the Send cell of its own compose, right after Send's group.
    const placement = await page.evaluate(() =>
      [...document.querySelectorAll('rampart-compose')].map((host) => {
        const wrapper = host.parentElement!;
        const compose = wrapper.closest('[data-fixture-compose]')!;
        return {
          compose: compose.getAttribute('data-fixture-compose'),
          besideSend: wrapper.previousElementSibling?.querySelector('.T-I-atl:not([aria-haspopup])') !== null,
          shadowOpen: host.shadowRoot !== null,
        };
      }),
    );
    expect(placement.sort((a, b) => Number(a.compose) - Number(b.compose))).toEqual(
      ['0', '1', '2', '3'].map((compose) => ({ compose, besideSend: true, shadowOpen: true })),
    );

    await expect
      .poll(() =>
        panelOf(page, 3)
          .locator('[data-rampart="recipient"]')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-email'))),
      )
      .toEqual(['sam@prospect.example', 'lee@prospect.example']);
    await expect.poll(() => panelOf(page, 2).locator('[data-rampart="recipient"]').getAttribute('data-email')).toBe('pat@prospect.example');
    for (const index of [0, 1, 2, 3]) {
      await expect.poll(() => panelOf(page, index).locator('[data-rampart="send"]').count()).toBe(1);
      expect(await panelOf(page, index).locator('[data-rampart="verdict"]').count()).toBe(1);
    }

    // A recipient added in Gmail appears in the panel; one removed disappears.
    await page.evaluate(() => window.fixture.addRecipient(0, 'bcc', 'new@prospect.example', 'New'));
    await expect.poll(() => panelOf(page, 0).locator('[data-rampart="recipient"][data-email="new@prospect.example"]').count()).toBe(1);
    await page.evaluate(() => window.fixture.removeRecipient(0, 'to', 'one@prospect.example'));
    await expect.poll(() => panelOf(page, 0).locator('[data-rampart="recipient"][data-email="one@prospect.example"]').count()).toBe(0);
    await page.close();
  });

  it('styles the panel with the content script’s stylesheet, inside its own shadow root', async () => {
    const page = await openGmail('popout');
    const send = panelOf(page, 0).locator('[data-rampart="send"]');
    await expect.poll(() => send.count()).toBe(1);
    // Rules of compose-panel.css apply inside the shadow root; Gmail's page gets none of them.
    expect(await send.evaluate((button) => getComputedStyle(button).borderTopLeftRadius)).toBe('16px');
    expect(await send.evaluate((button) => getComputedStyle(button.closest('.rampart')!).maxWidth)).toBe('440px');
    const pageStyles = await page.evaluate(() => ({
      extensionSheets: [...document.styleSheets].filter((sheet) => sheet.href?.startsWith('chrome-extension:')).length,
      rampartRules: [...document.querySelectorAll('style')].filter((style) => style.textContent?.includes('.rampart')).length,
    }));
    expect(pageStyles).toEqual({ extensionSheets: 0, rampartRules: 0 });
    await page.close();
  });

  it('speaks the language chosen in options, its sentences fetched from the extension', async () => {
    const popup = await rampart.openExtensionPage('popup.html');
    await popup.evaluate(() => chrome.storage.local.set({ 'rampart.language': 'es' }));
    try {
      const page = await openGmail('inbox');
      await page.evaluate(() => window.fixture.openCompose('popout', { omit: ['recipients'], subject: 'x' }));
      const panel = panelOf(page, 0);
      await expect.poll(() => panel.locator('[data-rampart="send"]').innerText()).toBe('Enviar con SES');
      await expect
        .poll(() => panel.locator('[data-rampart="unreadable"]').innerText())
        .toContain('Rampart no puede leer los destinatarios de este borrador');
      await page.close();
    } finally {
      await popup.evaluate(() => chrome.storage.local.remove('rampart.language'));
      await popup.close();
    }
  });

  it('unmounts what it mounted as composes open and close', async () => {
    const page = await openGmail('inbox');
    for (let round = 0; round < 3; round++) {
      await page.evaluate(() => {
        for (const kind of ['popout', 'inline', 'fullscreen'] as const) window.fixture.openCompose(kind, { to: [['x@y.example']] });
      });
      await expect.poll(() => page.locator('rampart-compose').count()).toBe(3);
      await page.evaluate(() => {
        for (const element of document.querySelectorAll('[data-fixture-compose]')) {
          window.fixture.closeCompose(Number(element.getAttribute('data-fixture-compose')));
        }
      });
      await expect.poll(() => htmlNumber(page, 'data-rampart-unmounts')).toBe(3 * (round + 1));
    }
    expect(await htmlNumber(page, 'data-rampart-mounts')).toBe(9);
    expect(await page.locator('rampart-compose').count()).toBe(0);
    await page.close();
  });

  it('puts the panel back beside Send when Gmail re-renders the toolbar', async () => {
    const page = await openGmail('popout');
    await expect.poll(() => panelOf(page, 0).locator('[data-rampart="send"]').count()).toBe(1);
    await page.evaluate(() => window.fixture.rerenderToolbar(0));
    await expect.poll(() => panelOf(page, 0).locator('[data-rampart="send"]').count()).toBe(1);
    expect(await page.locator('[data-fixture-compose="0"] [data-rampart-host]').count()).toBe(1);
    expect(
      await page
        .locator('[data-fixture-compose="0"] [data-rampart-host]')
        .evaluate((host) => host.previousElementSibling?.classList.contains('btA')),
    ).toBe(true);
    // Still one compose as far as Rampart is concerned.
    expect(await htmlNumber(page, 'data-rampart-mounts')).toBe(1);
    await page.close();
  });

  it('says so and keeps Send via SES off when it cannot read the recipients', async () => {
    const page = await openGmail('inbox');
    await page.evaluate(() => window.fixture.openCompose('popout', { omit: ['recipients'], subject: 'x' }));
    const panel = panelOf(page, 0);
    await expect
      .poll(() => panel.locator('[data-rampart="unreadable"]').innerText())
      .toContain('Rampart can’t read the recipients of this draft');
    expect(await panel.locator('[data-rampart="send"]').isDisabled()).toBe(true);
    await page.close();
  });

  it('keeps keys typed in the panel from Gmail’s listeners', async () => {
    const page = await openGmail('popout');
    const panel = panelOf(page, 0);
    await expect.poll(() => panel.locator('button.toggle').count()).toBe(1);
    // Gmail's listeners do see keys typed in Gmail's own body.
    await page.locator('[data-fixture-compose="0"] [g_editable=true]').click();
    await page.keyboard.type('ok');
    const seenBefore = await htmlNumber(page, 'data-gmail-keys');
    expect(seenBefore).toBeGreaterThanOrEqual(2);
    const inputsBefore = await htmlNumber(page, 'data-gmail-inputs');

    await panel.locator('button.toggle').focus();
    await page.keyboard.type('cx#');
    await page.keyboard.press('Control+Enter');
    expect(await htmlNumber(page, 'data-gmail-keys')).toBe(seenBefore);
    expect(await htmlNumber(page, 'data-gmail-inputs')).toBe(inputsBefore);
    // Ctrl+Enter in the panel is not Gmail's send shortcut.
    expect(await htmlNumber(page, 'data-gmail-sent')).toBe(0);
    await page.close();
  });

  it('runs no callbacks while an open compose stays unchanged for 5 seconds', async () => {
    const page = await openGmail('popout');
    const panel = panelOf(page, 0);
    // Settled: the first check has been answered (a verdict or a sentence saying why not).
    await expect
      .poll(async () => (await panel.locator('[data-rampart="verdict"][data-verdict], [data-rampart="check-error"]').count()) > 0, {
        timeout: 20_000,
      })
      .toBe(true);
    await page.waitForTimeout(500);
    const before = await htmlNumber(page, 'data-rampart-callbacks');
    expect(before).toBeGreaterThan(0);
    await page.waitForTimeout(5_000);
    expect(await htmlNumber(page, 'data-rampart-callbacks')).toBe(before);
    // And a change does wake it: the counter is live.
    await page.evaluate(() => window.fixture.addRecipient(0, 'to', 'woke@prospect.example'));
    await expect.poll(() => htmlNumber(page, 'data-rampart-callbacks')).toBeGreaterThan(before);
    await page.close();
  });

  it('holds Gmail’s own Send while a recipient is suppressed, and says why on that recipient', async () => {
    const page = await openGmail('inbox');
    await page.evaluate(
      (email) => window.fixture.openCompose('popout', { subject: 'Checking in', to: [[email, 'Bounced'], ['fine@prospect.example']] }),
      SUPPRESSED,
    );
    const panel = panelOf(page, 0);
    const chip = panel.locator(`[data-rampart="recipient"][data-email="${SUPPRESSED}"]`);
    await expect.poll(() => chip.getAttribute('data-status'), { timeout: 20_000 }).toBe('suppressed');
    expect(await chip.locator('.block-warning').innerText()).not.toBe('');
    await expect.poll(() => panel.locator('[data-rampart="verdict"]').getAttribute('data-verdict')).toBe('block');
    expect(await panel.locator('[data-rampart="send"]').isDisabled()).toBe(true);

    const gmailSend = page.locator('[data-fixture-compose="0"] .T-I-atl:not([aria-haspopup])');
    await gmailSend.click();
    await page.locator('[data-fixture-compose="0"] [g_editable=true]').click();
    await page.keyboard.press('Control+Enter');
    await gmailSend.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Space');
    expect(await htmlNumber(page, 'data-gmail-sent')).toBe(0);
    await expect.poll(() => panel.locator('[data-rampart="held"]').count()).toBe(1);

    // Without the suppressed address the draft is Gmail's to send again.
    await page.evaluate((email) => window.fixture.removeRecipient(0, 'to', email), SUPPRESSED);
    await expect.poll(() => panel.locator('[data-rampart="verdict"]').getAttribute('data-verdict'), { timeout: 20_000 }).not.toBe('block');
    await gmailSend.click();
    expect(await page.evaluate(() => window.gmailSent)).toEqual([{ compose: 0, trigger: 'click' }]);
    await page.close();
  });

  it('holds Gmail’s own Send for a suppressed recipient added a moment ago, before its check has answered', async () => {
    const page = await openGmail('inbox');
    await page.evaluate(() => window.fixture.openCompose('popout', { subject: 'Checking in', to: [['fine@prospect.example']] }));
    const panel = panelOf(page, 0);
    await expect.poll(() => panel.locator('[data-rampart="verdict"]').getAttribute('data-verdict'), { timeout: 20_000 }).toBe('ok');

    // The chip and Gmail's Send in one go: well inside the check's debounce.
    const gmailSend = page.locator('[data-fixture-compose="0"] .T-I-atl:not([aria-haspopup])');
    await page.evaluate((email) => window.fixture.addRecipient(0, 'to', email), SUPPRESSED);
    await gmailSend.click();
    expect(await htmlNumber(page, 'data-gmail-sent')).toBe(0);
    await expect.poll(() => panel.locator('[data-rampart="verdict"]').getAttribute('data-verdict'), { timeout: 20_000 }).toBe('block');
    await gmailSend.click();
    expect(await htmlNumber(page, 'data-gmail-sent')).toBe(0);
    await expect.poll(() => panel.locator('[data-rampart="held"]').count()).toBe(1);
    await page.close();
  });

  it('sends through SES, shows the MessageId, then discards the draft with Gmail’s trash control', async () => {
    const page = await openGmail('inbox');
    await page.evaluate(() =>
      window.fixture.openCompose('inline', {
        subject: 'Re: Quick question',
        bodyHtml: '<p>Here is the one-pager.</p>',
        to: [['success@simulator.amazonses.com', 'Sim']],
      }),
    );
    const panel = panelOf(page, 0);
    await expect.poll(() => panel.locator('[data-rampart="verdict"]').getAttribute('data-verdict'), { timeout: 20_000 }).toMatch(/ok|warn/);
    if ((await panel.locator('[data-rampart="verdict"]').getAttribute('data-verdict')) === 'warn') {
      await panel.locator('[data-rampart="confirm"]').check();
    }
    await panel.locator('[data-rampart="send"]').click();
    const result = panel.locator('[data-rampart="result"]');
    await expect.poll(() => result.getAttribute('data-outcome'), { timeout: 20_000 }).toBe('sent');
    const messageId = await result.getAttribute('data-message-id');
    expect(messageId).toBeTruthy();
    expect(await result.innerText()).toContain(messageId!);

    const delivered = await rampart.awsControl<Array<{ messageId: string; to: string[]; subject: string }>>('/_local/messages');
    expect(delivered.map((m) => [m.messageId, m.subject])).toEqual([[messageId, 'Re: Quick question']]);
    // Gmail's own Send was never triggered; the draft went to Gmail's trash.
    await expect.poll(() => htmlNumber(page, 'data-gmail-discarded'), { timeout: 10_000 }).toBe(1);
    expect(await htmlNumber(page, 'data-gmail-sent')).toBe(0);
    await page.close();
  });

  it('leaves the draft marked “Sent via SES” where Gmail’s trash control cannot be found', async () => {
    const page = await openGmail('inbox');
    await page.evaluate(() =>
      window.fixture.openCompose('popout', {
        subject: 'No trash here',
        bodyHtml: '<p>Hi</p>',
        to: [['success@simulator.amazonses.com']],
        omit: ['trash'],
      }),
    );
    const panel = panelOf(page, 0);
    await expect.poll(() => panel.locator('[data-rampart="verdict"]').getAttribute('data-verdict'), { timeout: 20_000 }).toMatch(/ok|warn/);
    if ((await panel.locator('[data-rampart="verdict"]').getAttribute('data-verdict')) === 'warn') {
      await panel.locator('[data-rampart="confirm"]').check();
    }
    await panel.locator('[data-rampart="send"]').click();
    await expect
      .poll(() => panel.locator('[data-rampart="result"]').innerText(), { timeout: 20_000 })
      .toContain('close this draft yourself');
    expect(await panel.locator('[data-rampart="result"]').getAttribute('data-outcome')).toBe('sent');
    expect(await page.evaluate(() => window.fixture.openCount())).toBe(1);
    expect(await page.locator('[data-fixture-compose="0"]').getAttribute('data-rampart-sent')).toBeTruthy();
    // And Gmail's Send stays held: the message already went out once.
    await page.locator('[data-fixture-compose="0"] .T-I-atl:not([aria-haspopup])').click();
    expect(await htmlNumber(page, 'data-gmail-sent')).toBe(0);
    expect(await panel.locator('[data-rampart="send"]').isDisabled()).toBe(true);
    await page.close();
  });
});
