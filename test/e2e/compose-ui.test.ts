import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeGmail, type GmailFixture } from '../fixtures/gmail/serve';
import { launchRampart, type Rampart } from './harness';

// The compose UI of the built emulator profile on the Gmail fixture pages: mounted
// beside Send in every kind of compose, its hooks present, keys kept from Gmail, idle
// when nothing changes. One browser for the file: Chromium is heavy on this machine.

let rampart: Rampart;
beforeAll(async () => {
  rampart = await launchRampart();
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
    await page.evaluate(() => window.fixture.openCompose('fullscreen', { to: [['sam@prospect.example', 'Sam Buyer']], cc: [['lee@prospect.example']] }));
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

    await expect.poll(() => panelOf(page, 3).locator('[data-rampart="recipient"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-email')))).toEqual([
      'sam@prospect.example',
      'lee@prospect.example',
    ]);
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

  it('says so and keeps Send via SES off when it cannot read the recipients', async () => {
    const page = await openGmail('inbox');
    await page.evaluate(() => window.fixture.openCompose('popout', { omit: ['recipients'], subject: 'x' }));
    const panel = panelOf(page, 0);
    await expect.poll(() => panel.locator('[data-rampart="unreadable"]').innerText()).toContain('Rampart can’t read the recipients of this draft');
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
      .poll(async () => (await panel.locator('[data-rampart="verdict"][data-verdict], [data-rampart="check-error"]').count()) > 0, { timeout: 20_000 })
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
});
