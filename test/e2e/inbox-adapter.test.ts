import { build } from 'esbuild';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Draft } from '@/lib/core/draft';
import { routeGmail, type GmailFixture } from '../fixtures/gmail/serve';

// The Gmail adapter against the fixture pages, in Chromium under Gmail's Trusted Types
// CSP. The adapter is bundled as it is (no extension around it) and run in the page.

interface AdapterProbe {
  added: Array<{ composeId: string; kind: string }>;
  removed: string[];
  composes(): unknown[];
  draft(index: number): Draft;
  stop(): void;
}
declare global {
  interface Window {
    rampartProbe: AdapterProbe & Record<string, any>;
  }
}

const PROBE = `
import { gmailAdapter } from './entrypoints/gmail.content/inbox/gmail/index.ts';
const controller = new AbortController();
const live = [];
const probe = {
  adapter: gmailAdapter,
  added: [],
  removed: [],
  changes: 0,
  presend: [],
  cancel: true,
  composes: () => live,
  find: (composeId) => live.find((c) => c.composeId === composeId),
  draft: (i) => gmailAdapter.readDraft(live[i]),
  stop: () => controller.abort(),
};
function start() {
  gmailAdapter.findComposes(document, controller.signal, (compose) => {
    live.push(compose);
    probe.added.push({ composeId: compose.composeId, kind: compose.kind });
    gmailAdapter.watchDraft(compose, () => { probe.changes += 1; }, controller.signal);
    gmailAdapter.onPresend(compose, (event) => {
      probe.presend.push(event.trigger);
      if (probe.cancel) event.cancel();
    }, controller.signal);
  }, (compose) => {
    live.splice(live.indexOf(compose), 1);
    probe.removed.push(compose.composeId);
  });
}
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();
window.rampartProbe = probe;
`;

let browser: Browser;
let bundle: string;

beforeAll(async () => {
  const built = await build({
    stdin: { contents: PROBE, resolveDir: resolve('.'), loader: 'ts', sourcefile: 'probe.ts' },
    bundle: true,
    format: 'iife',
    write: false,
    define: { __RAMPART_EMULATOR__: 'true', __RAMPART_TEST_BUILD__: 'true', __RAMPART_LOCAL_AWS_PORT__: '4566' },
  });
  bundle = built.outputFiles[0]!.text;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
});
afterAll(async () => {
  await browser?.close();
});

async function open(fixtureName: GmailFixture): Promise<{ page: Page; context: BrowserContext; warnings: string[] }> {
  const context = await browser.newContext();
  const url = await routeGmail(context, fixtureName);
  const page = await context.newPage();
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  await page.addInitScript({ content: bundle });
  await page.goto(url);
  // The first scan runs at DOMContentLoaded; composes the page opens later arrive per frame.
  await page.waitForFunction(() => window.rampartProbe !== undefined);
  return { page, context, warnings };
}

const draftOf = (page: Page, index: number) => page.evaluate((i) => window.rampartProbe.draft(i), index);
const added = (page: Page) => page.evaluate(() => window.rampartProbe.added);
const gmailSent = async (page: Page) => Number(await page.getAttribute('html', 'data-gmail-sent'));

describe('Gmail adapter on the fixture pages', () => {
  it('finds a pop-out compose and reads its draft in the current recipient UI', async () => {
    const { page, context } = await open('popout');
    await page.waitForFunction(() => window.rampartProbe.added.length === 1);
    expect(await added(page)).toEqual([{ composeId: 'fixture-0', kind: 'popout' }]);
    const draft = await draftOf(page, 0);
    expect(draft.to).toEqual([{ email: 'pat@prospect.example', name: 'Pat Prospect' }]);
    expect(draft.cc).toEqual([{ email: 'lee@prospect.example', name: 'Lee Lead' }]);
    expect(draft.bcc).toEqual([{ email: 'crm@outbound.example.com' }]);
    expect(draft.from).toEqual({ email: 'sdr@outbound.example.com', name: 'Demo SDR' });
    expect(draft.subject).toBe('Quick question about your outbound');
    expect(draft.html).toContain('<b>short call</b>');
    expect(draft.text).toMatch(/Hi Pat,\n+Would a short call next week help\?/);
    expect(draft.hasAttachments).toBe(false);
    expect(draft.isReply).toBe(false);
    expect(draft.unreadable).toEqual([]);
    // The account, from the page's title: where replies must arrive.
    expect(draft.inbox).toBe('sdr@outbound.example.com');
    await context.close();
  });

  it('finds an inline reply in a thread view and knows it is a reply', async () => {
    const { page, context } = await open('inline-reply');
    await page.waitForFunction(() => window.rampartProbe.added.length === 1);
    expect(await added(page)).toEqual([{ composeId: 'fixture-0', kind: 'inline' }]);
    const draft = await draftOf(page, 0);
    expect(draft.isReply).toBe(true);
    expect(draft.subject).toBe('Re: Quick question about your outbound');
    expect(draft.to).toEqual([{ email: 'pat@prospect.example', name: 'Pat Prospect' }]);
    expect(draft.text).toBe('Here is a one-pager.');
    await context.close();
  });

  it('finds a full-screen compose', async () => {
    const { page, context } = await open('fullscreen');
    await page.waitForFunction(() => window.rampartProbe.added.length === 1);
    expect(await added(page)).toEqual([{ composeId: 'fixture-0', kind: 'fullscreen' }]);
    expect((await draftOf(page, 0)).to).toEqual([{ email: 'sam@prospect.example', name: 'Sam Buyer' }]);
    await context.close();
  });

  it('reads To, Cc and Bcc in the older recipient UI', async () => {
    const { page, context } = await open('older-ui');
    await page.waitForFunction(() => window.rampartProbe.added.length === 1);
    const draft = await draftOf(page, 0);
    expect(draft.to).toEqual([{ email: 'pat@prospect.example', name: 'Pat Prospect' }, { email: 'jo@prospect.example' }]);
    expect(draft.cc).toEqual([{ email: 'lee@prospect.example', name: 'Lee, Lead' }]);
    expect(draft.bcc).toEqual([{ email: 'crm@outbound.example.com', name: 'CRM' }]);
    expect(draft.unreadable).toEqual([]);
    await context.close();
  });

  it('knows a popped-out reply or forward by its subject or its quoted message', async () => {
    const { page, context } = await open('inbox');
    await page.evaluate(() => {
      window.fixture.openCompose('popout', { subject: 'Re: Quick question', to: [['a@b.example']] });
      window.fixture.openCompose('popout', {
        subject: 'Notes',
        bodyHtml: '<div>See below</div><div class="gmail_quote">On Mon, Pat wrote: …</div>',
        to: [['a@b.example']],
      });
      window.fixture.openCompose('popout', { subject: 'Return of the deck', bodyHtml: '<div>New thread</div>', to: [['a@b.example']] });
    });
    await page.waitForFunction(() => window.rampartProbe.added.length === 3);
    const replies = await page.evaluate(() =>
      Object.fromEntries(window.rampartProbe.composes().map((c: any) => [c.composeId, window.rampartProbe.adapter.readDraft(c).isReply])),
    );
    expect(replies).toEqual({ 'fixture-0': true, 'fixture-1': true, 'fixture-2': false });
    await context.close();
  });

  it('detects an attachment chip and an image kept as an attachment', async () => {
    const { page, context } = await open('attachment');
    await page.waitForFunction(() => window.rampartProbe.added.length === 1);
    expect((await draftOf(page, 0)).hasAttachments).toBe(true);
    const second = await page.evaluate(() => window.fixture.openCompose('popout', { subject: 'pic', to: [['a@b.example']] }));
    await page.waitForFunction(() => window.rampartProbe.added.length === 2);
    expect((await draftOf(page, second)).hasAttachments).toBe(false);
    await page.evaluate((i) => window.fixture.addInlineImage(i), second);
    expect((await draftOf(page, second)).hasAttachments).toBe(true);
    await context.close();
  });

  it('follows several composes opened and closed repeatedly, reporting each removal once', async () => {
    const { page, context } = await open('several');
    await page.waitForFunction(() => window.rampartProbe.added.length === 3);
    expect((await added(page)).map((a) => a.kind).sort()).toEqual(['inline', 'popout', 'popout']);
    for (let round = 0; round < 4; round++) {
      await page.evaluate(() => {
        for (const kind of ['popout', 'fullscreen', 'inline'] as const) window.fixture.openCompose(kind, { to: [['x@y.example']] });
      });
      await page.waitForFunction((n) => window.rampartProbe.composes().length === n, 6);
      await page.evaluate(() => {
        const opened = window.fixture.openCount();
        // Close the three just opened (the highest indexes still open).
        const ids = window.rampartProbe.composes().map((c: any) => Number(c.composeId.replace('fixture-', '')));
        for (const i of ids.sort((a: number, b: number) => b - a).slice(0, 3)) window.fixture.closeCompose(i);
        return opened;
      });
      await page.waitForFunction((n) => window.rampartProbe.composes().length === n, 3);
    }
    const counts = await page.evaluate(() => ({ added: window.rampartProbe.added.length, removed: window.rampartProbe.removed.length }));
    expect(counts).toEqual({ added: 3 + 4 * 3, removed: 4 * 3 });
    // Tearing down reports every compose still open as removed: nothing left mounted.
    await page.evaluate(() => window.rampartProbe.stop());
    const after = await page.evaluate(() => ({
      added: window.rampartProbe.added.length,
      removed: window.rampartProbe.removed.length,
      unique: new Set(window.rampartProbe.removed).size,
    }));
    expect(after).toEqual({ added: 15, removed: 15, unique: 15 });
    await context.close();
  });

  it('follows recipients added and removed, and tells when a change may have happened', async () => {
    const { page, context } = await open('popout');
    await page.waitForFunction(() => window.rampartProbe.added.length === 1);
    const before = await page.evaluate(() => window.rampartProbe.changes);
    await page.evaluate(() => window.fixture.addRecipient(0, 'to', 'new@prospect.example', 'New Person'));
    await page.waitForFunction((n) => window.rampartProbe.changes > n, before);
    expect((await draftOf(page, 0)).to.map((a) => a.email)).toEqual(['pat@prospect.example', 'new@prospect.example']);
    await page.evaluate(() => window.fixture.removeRecipient(0, 'to', 'pat@prospect.example'));
    expect((await draftOf(page, 0)).to.map((a) => a.email)).toEqual(['new@prospect.example']);
    await page.evaluate(() => window.fixture.setFrom(0, '"Other, Name" <other@outbound.example.com>'));
    expect((await draftOf(page, 0)).from).toEqual({ email: 'other@outbound.example.com', name: 'Other, Name' });
    await page.evaluate(() => window.fixture.typeRecipient(0, 'cc', 'half@prosp'));
    expect((await draftOf(page, 0)).unreadable).toEqual(['pending-recipient']);
    await context.close();
  });

  it('names a target it cannot find in unreadable and logs the DOM without its text', async () => {
    const { page, context, warnings } = await open('inbox');
    await page.evaluate(() => {
      window.fixture.openCompose('popout', { omit: ['recipients'], subject: 'secret subject' });
      window.fixture.openCompose('popout', { omit: ['subject', 'body'], to: [['a@b.example']] });
      window.fixture.openCompose('popout', { to: [['a@b.example']] });
      window.fixture.addUnresolvedChip(2, 'to', 'Some Group');
    });
    // A search form with a "to" field, no compose id and no body, is not a compose.
    await page.evaluate(() => {
      const search = document.createElement('form');
      search.setAttribute('role', 'search');
      const to = document.createElement('input');
      to.name = 'to';
      search.append(to);
      document.body.prepend(search);
    });
    await page.waitForFunction(() => window.rampartProbe.added.length === 3);
    await page.waitForTimeout(200);
    expect(await added(page)).toHaveLength(3);
    const drafts = await page.evaluate(() => [0, 1, 2].map((i) => window.rampartProbe.draft(i)));
    expect(drafts[0]!.unreadable).toEqual(['recipients']);
    expect(drafts[0]!.to).toEqual([]);
    expect(drafts[1]!.unreadable).toEqual(['subject', 'body']);
    expect(drafts[2]!.unreadable).toEqual(['recipients']);
    const recipientWarning = warnings.find((w) => w.includes('cannot find the recipients'));
    expect(recipientWarning).toBeDefined();
    expect(recipientWarning).toContain('<form');
    expect(recipientWarning).not.toContain('someone@example.com');
    expect(recipientWarning).not.toContain('secret subject');
    await context.close();
  });

  it('holds Gmail’s Send on click, Ctrl+Enter, and Enter or Space on the button, when the handler cancels', async () => {
    const { page, context } = await open('popout');
    await page.waitForFunction(() => window.rampartProbe.added.length === 1);
    const send = page.locator('[data-fixture-compose="0"] .T-I-atl:not([aria-haspopup])');
    await send.click();
    await page.locator('[data-fixture-compose="0"] [g_editable=true]').click();
    await page.keyboard.press('Control+Enter');
    await send.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Space');
    expect(await gmailSent(page)).toBe(0);
    const triggers = await page.evaluate(() => window.rampartProbe.presend as string[]);
    expect(new Set(triggers)).toEqual(new Set(['click', 'shortcut', 'button-key']));
    // Typing in the body is not a send.
    await page.locator('[data-fixture-compose="0"] [g_editable=true]').press('a');
    expect(await page.evaluate(() => window.rampartProbe.presend.length)).toBe(triggers.length);

    await page.evaluate(() => {
      window.rampartProbe.cancel = false;
    });
    await send.click();
    expect(await page.evaluate(() => window.gmailSent)).toEqual([{ compose: 0, trigger: 'click' }]);
    await page.evaluate(() => {
      window.fixture.openCompose('popout', { to: [['a@b.example']] });
      window.fixture.openCompose('popout', { to: [['c@d.example']] });
    });
    await page.waitForFunction(() => window.rampartProbe.added.length === 3);
    await page.locator('[data-fixture-compose="1"] [g_editable=true]').click();
    await page.keyboard.press('Control+Enter');
    await page.locator('[data-fixture-compose="2"] .T-I-atl:not([aria-haspopup])').focus();
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => window.gmailSent)).toEqual([
      { compose: 0, trigger: 'click' },
      { compose: 1, trigger: 'shortcut' },
      { compose: 2, trigger: 'button-key' },
    ]);
    await context.close();
  });

  it('works on a compose captured from real Gmail: finds it, reads what is typed, an empty From, the Send button', async () => {
    const { page, context, warnings } = await open('captured-compose');
    await page.waitForFunction(() => window.rampartProbe.added.length === 1);
    // Gmail's own composeid, in its own pop-out dialog.
    expect(await added(page)).toEqual([{ composeId: '1', kind: 'popout' }]);

    // Captured empty: nothing to send yet, and nothing Rampart cannot read. Its From field
    // is present and empty (no send-as aliases): the account's own address, not unreadable.
    const empty = await draftOf(page, 0);
    expect(empty).toMatchObject({ to: [], cc: [], bcc: [], subject: '', from: null, hasAttachments: false, isReply: false });
    expect(empty.unreadable).toEqual([]);

    // Typed as a user types into Gmail's own fields.
    await page.locator('input[name=subjectbox]').fill('Quick question about your outbound');
    await page.locator('.Ap [g_editable=true]').click();
    await page.keyboard.type('Hi Pat, would a short call help?');
    const typed = await draftOf(page, 0);
    expect(typed.subject).toBe('Quick question about your outbound');
    expect(typed.text).toBe('Hi Pat, would a short call help?');
    expect(typed.unreadable).toEqual([]);
    // An address typed into the older UI's To field, not yet a chip: Rampart waits for it.
    // (The capture shows the fields collapsed under "Recipients"; Gmail's script, not
    // captured, opens them on a click, so the text is put in as typing would.)
    await page.evaluate(() => {
      const to = document.querySelector<HTMLTextAreaElement>('textarea[name=to]')!;
      to.value = 'pat@prospect.example';
      to.dispatchEvent(new InputEvent('input', { bubbles: true }));
    });
    expect((await draftOf(page, 0)).unreadable).toEqual(['pending-recipient']);

    // Gmail's Send (not "More send options") is the one held.
    await page.locator('[aria-label="More send options"]').click();
    expect(await page.evaluate(() => window.rampartProbe.presend.length)).toBe(0);
    await page.locator('[aria-label^="Send"][role=button]').click();
    expect(new Set(await page.evaluate(() => window.rampartProbe.presend as string[]))).toEqual(new Set(['click']));
    expect(warnings.filter((w) => /rampart/i.test(w))).toEqual([]);
    await context.close();
  });

  it('places the panel wrapper beside Send in the toolbar, and discards through the trash control', async () => {
    const { page, context } = await open('inbox');
    await page.evaluate(() => {
      window.fixture.openCompose('popout', { to: [['a@b.example']] });
      window.fixture.openCompose('inline', { to: [['a@b.example']], omit: ['trash'] });
    });
    await page.waitForFunction(() => window.rampartProbe.added.length === 2);
    const placement = await page.evaluate(() => {
      const probe = window.rampartProbe;
      return probe.composes().map((compose: any) => {
        const host: HTMLElement = probe.adapter.mountPanel(compose);
        const send = compose.element.querySelector('.T-I-atl:not([aria-haspopup])');
        return {
          inCompose: compose.element.contains(host),
          besideSend: host.previousElementSibling?.contains(send) ?? false,
          sameCell: host.closest('td') === send.closest('td'),
        };
      });
    });
    expect(placement).toEqual([
      { inCompose: true, besideSend: true, sameCell: true },
      { inCompose: true, besideSend: true, sameCell: true },
    ]);
    // Mounting twice leaves one wrapper.
    expect(
      await page.evaluate(() => {
        const compose = window.rampartProbe.composes()[0] as any;
        window.rampartProbe.adapter.mountPanel(compose);
        return compose.element.querySelectorAll('[data-rampart-host]').length;
      }),
    ).toBe(1);
    const results = await page.evaluate(() =>
      Object.fromEntries(window.rampartProbe.composes().map((c: any) => [c.composeId, window.rampartProbe.adapter.discard(c)])),
    );
    // fixture-1 has no trash control: a formatting button or a menu is never clicked instead.
    expect(results).toEqual({ 'fixture-0': true, 'fixture-1': false });
    expect(await page.getAttribute('html', 'data-gmail-discarded')).toBe('1');
    expect(await page.evaluate(() => window.fixture.openCount())).toBe(1);
    await page.waitForFunction(() => window.rampartProbe.removed.length === 1);
    expect(await gmailSent(page)).toBe(0);
    await context.close();
  });
});
