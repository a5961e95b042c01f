import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeGmail } from '../fixtures/gmail/serve';
import { askFromPage, launchRampart, type Rampart } from './harness';

// What Gmail's page, a frame inside it, or code running in the content script's world can
// make Rampart do: ask the background for the lead's actions, point credentials elsewhere
// through storage, switch the content script off with a forged message, or click Send via
// SES and its confirmation. Each is tried in the built emulator profile on the fixture.

let rampart: Rampart;
let attacker: { server: Server; url: string; hits: string[] };
const SUPPRESSED = 'bounced@prospect.example';
const SLOW = { timeout: 60_000 };

beforeAll(async () => {
  // Stands for a server the attacker controls: every request it gets is a leak.
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.writeHead(500, { 'access-control-allow-origin': '*' }).end('{}');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  attacker = { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };

  rampart = await launchRampart();
  await rampart.awsControl('/_local/events', { type: 'Bounce', bounceType: 'Permanent', recipient: SUPPRESSED });
  const popup = await rampart.openExtensionPage('popup.html');
  expect((await askFromPage<{ ok: boolean }>(popup, 'sync', {})).ok).toBe(true);
  await popup.close();
  // The frame a page could embed, from another origin.
  await rampart.context.route('https://attacker.example/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>frame</title>' }),
  );
});
afterAll(async () => {
  await rampart?.close();
  await new Promise((ok) => attacker?.server.close(ok));
});

async function openGmail(): Promise<Page> {
  const page = await rampart.context.newPage();
  await rampart.context.unroute('https://mail.google.com/**');
  await page.goto(await routeGmail(rampart.context, 'inbox'));
  return page;
}
const panelOf = (page: Page, composeIndex: number) => page.locator(`[data-fixture-compose="${composeIndex}"] rampart-compose`);
const htmlNumber = async (page: Page, attribute: string) => Number((await page.getAttribute('html', attribute)) ?? 0);

/**
 * Runs `expression` in the Gmail content script's isolated world (its `chrome` API, the
 * page's DOM), found through DevTools by the extension's name.
 */
async function inContentScript<T>(page: Page, expression: string): Promise<T> {
  const cdp = await rampart.context.newCDPSession(page);
  try {
    const contexts: Array<{ id: number; name: string; auxData?: { type?: string; isDefault?: boolean } }> = [];
    cdp.on('Runtime.executionContextCreated', (event) => contexts.push(event.context));
    await cdp.send('Runtime.enable');
    await expect.poll(() => contexts.some((c) => c.auxData?.type === 'isolated' && c.name === 'Rampart'), SLOW).toBe(true);
    const world = contexts.find((c) => c.auxData?.type === 'isolated' && c.name === 'Rampart')!;
    const result = await cdp.send('Runtime.evaluate', { expression, contextId: world.id, awaitPromise: true, returnByValue: true });
    if (result.exceptionDetails) throw new Error(result.exceptionDetails.exception?.description ?? result.exceptionDetails.text);
    return result.result.value as T;
  } finally {
    await cdp.detach();
  }
}

type Reply = { ok: boolean; error?: { code: string; message: string } };

describe('the content script’s world', () => {
  it('may ask only what a compose window needs: the lead’s actions are refused with a sentence', async () => {
    const page = await openGmail();
    const replies = await inContentScript<Record<string, Reply>>(
      page,
      `(async () => {
        const ask = (type, payload) => chrome.runtime.sendMessage({ type, payload });
        return {
          resumeRamp: await ask('resumeRamp', { what: 'pause', by: 'page' }),
          saveRampPlan: await ask('saveRampPlan', { plan: {}, by: 'page' }),
          undoSuppress: await ask('undoSuppress', { email: '${SUPPRESSED}' }),
          importSuppressions: await ask('importSuppressions', { csv: 'a@prospect.example,manual' }),
          exportSuppressions: await ask('exportSuppressions', {}),
          suppressByHand: await ask('suppress', { email: 'a@prospect.example', reason: 'MANUAL' }),
          signOut: await ask('signOut', {}),
          allOutbox: await ask('outbox', {}),
          stopReply: await ask('stopReply', { email: 'a@prospect.example', phrase: 'STOP' }),
        };
      })()`,
    );
    for (const name of [
      'resumeRamp',
      'saveRampPlan',
      'undoSuppress',
      'importSuppressions',
      'exportSuppressions',
      'suppressByHand',
      'signOut',
      'allOutbox',
    ]) {
      expect(replies[name], name).toMatchObject({ ok: false, error: { code: 'not-from-gmail' } });
      expect(replies[name]!.error!.message).toMatch(/popup or options/);
    }
    // What the STOP banner needs still works.
    expect(replies.stopReply!.ok).toBe(true);
    await page.close();
  });

  it('cannot point credentials elsewhere through storage: no request reaches the attacker', async () => {
    const page = await openGmail();
    const written = await inContentScript<{ wrote: boolean; error?: string }>(
      page,
      `(async () => {
        try {
          const key = 'rampart.settings';
          const current = (await chrome.storage.local.get(key))[key] ?? {};
          await chrome.storage.local.set({ [key]: { ...current, endpointOverride: '${attacker.url}', hostedUiDomain: '${attacker.url}' } });
          return { wrote: true };
        } catch (error) {
          return { wrote: false, error: String(error) };
        }
      })()`,
    );
    // A sync signs requests with credentials from the identity pool, and refreshes tokens.
    const popup = await rampart.openExtensionPage('popup.html');
    await askFromPage(popup, 'sync', {});
    await askFromPage(popup, 'signInStatus', {});
    await popup.close();
    expect(attacker.hits).toEqual([]);
    expect(written.wrote).toBe(false);
    const stored = await (
      await rampart.worker()
    ).evaluate(async () => (await chrome.storage.local.get('rampart.settings'))['rampart.settings']);
    expect(stored).toMatchObject({ endpointOverride: rampart.aws.url });
    await page.close();
  });
});

describe('Gmail’s page', () => {
  it('cannot reach the background or Rampart’s storage at all', async () => {
    const page = await openGmail();
    const reach = await page.evaluate(async (id) => {
      const c = (globalThis as { chrome?: { runtime?: { sendMessage?: unknown }; storage?: unknown } }).chrome;
      let answered = false;
      try {
        if (typeof c?.runtime?.sendMessage === 'function') {
          await (c.runtime.sendMessage as (id: string, m: unknown) => Promise<unknown>)(id, {
            type: 'resumeRamp',
            payload: { what: 'pause', by: 'page' },
          });
          answered = true;
        }
      } catch {
        answered = false;
      }
      return { answered, storage: c?.storage !== undefined };
    }, rampart.extensionId);
    expect(reach).toEqual({ answered: false, storage: false });
    await page.close();
  });

  it('cannot switch Rampart off with a forged “content script started” message, from the page or a cross-origin frame', async () => {
    const page = await openGmail();
    await page.evaluate((email) => window.fixture.openCompose('popout', { subject: 'Checking in', to: [[email, 'Bounced']] }), SUPPRESSED);
    await expect.poll(() => panelOf(page, 0).locator('[data-rampart="verdict"]').getAttribute('data-verdict'), SLOW).toBe('block');

    const type = `${rampart.extensionId}:gmail:wxt:content-script-started`;
    // From the page: the message, then a marker behind it; when the marker arrives every
    // listener has had the forged message.
    await page.evaluate(async (forged) => {
      const marker = `marker-${Math.random()}`;
      const seen = new Promise<void>((ok) => addEventListener('message', (e) => e.data === marker && ok()));
      for (const messageId of ['forged-1', 'forged-2']) window.postMessage({ type: forged, contentScriptName: 'gmail', messageId }, '*');
      document.dispatchEvent(new CustomEvent(forged, { detail: { contentScriptName: 'gmail', messageId: 'forged-3' } }));
      window.postMessage(marker, '*');
      await seen;
    }, type);
    // From a frame of another origin inside Gmail's page.
    const frameAttached = page.waitForEvent('frameattached');
    await page.evaluate(() => {
      const frame = document.createElement('iframe');
      frame.src = 'https://attacker.example/frame.html';
      document.body.append(frame);
    });
    const frame = await frameAttached;
    await frame.waitForLoadState();
    const fromFrame = page.evaluate(() => new Promise<void>((ok) => addEventListener('message', (e) => e.data === 'frame-done' && ok())));
    await frame.evaluate((forged) => {
      window.top!.postMessage({ type: forged, contentScriptName: 'gmail', messageId: 'forged-frame' }, '*');
      window.top!.postMessage('frame-done', '*');
    }, type);
    await fromFrame;

    // The panel is still there, Gmail's Send is still held for the suppressed recipient …
    expect(await panelOf(page, 0).locator('[data-rampart="send"]').count()).toBe(1);
    await page.locator('[data-fixture-compose="0"] .T-I-atl:not([aria-haspopup])').click();
    expect(await htmlNumber(page, 'data-gmail-sent')).toBe(0);
    await expect.poll(() => panelOf(page, 0).locator('[data-rampart="held"]').count()).toBe(1);
    // … and a compose opened afterwards still gets its panel.
    await page.evaluate(() => window.fixture.openCompose('popout', { subject: 'Next', to: [['fine@prospect.example']] }));
    await expect.poll(() => panelOf(page, 1).locator('[data-rampart="send"]').count(), SLOW).toBe(1);
    await page.close();
  });

  it('cannot tick the confirmation or click Send via SES with script: only real input acts', async () => {
    const page = await openGmail();
    // A bare-domain From is a warn here: the draft needs the confirmation.
    await page.evaluate(() => window.fixture.openCompose('popout', { subject: 'Hello there', to: [['sam@prospect.example', 'Sam']] }));
    const panel = panelOf(page, 0);
    await expect.poll(() => panel.locator('[data-rampart="verdict"]').getAttribute('data-verdict'), SLOW).toMatch(/^(ok|warn)$/);
    const verdict = await panel.locator('[data-rampart="verdict"]').getAttribute('data-verdict');

    // The shadow root is open: page script can reach both controls and call click().
    const afterClicks = await page.evaluate(async () => {
      const root = document.querySelector('[data-fixture-compose="0"] rampart-compose')!.shadowRoot!;
      const frames = () => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(ok, 0))));
      const confirm = root.querySelector<HTMLInputElement>('[data-rampart="confirm"]');
      confirm?.click();
      await frames();
      const send = root.querySelector<HTMLButtonElement>('[data-rampart="send"]')!;
      const before = send.textContent;
      send.click();
      send.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      await frames();
      return {
        confirmed: confirm ? confirm.checked : null,
        sendText: send.textContent === before,
        result: root.querySelector('[data-rampart="result"]') !== null,
      };
    });
    expect(afterClicks).toEqual({ confirmed: verdict === 'warn' ? false : null, sendText: true, result: false });
    expect(((await rampart.awsControl<unknown[]>('/_local/requests')) ?? []).length).toBe(0);

    // The SDR's own clicks still send.
    if (verdict === 'warn') await panel.locator('[data-rampart="confirm"]').check();
    await expect.poll(() => panel.locator('[data-rampart="send"]').isEnabled(), SLOW).toBe(true);
    await panel.locator('[data-rampart="send"]').click();
    await expect.poll(() => panel.locator('[data-rampart="result"]').getAttribute('data-outcome'), SLOW).toBe('sent');
    await page.close();
  });
});

describe('Gmail’s page against the STOP-reply banner', () => {
  it('cannot press a STOP-reply banner’s buttons with script: only real input suppresses', async () => {
    const page = await rampart.context.newPage();
    await rampart.context.unroute('https://mail.google.com/**');
    await page.goto(await routeGmail(rampart.context, 'thread-stop'));
    const banner = page.locator('[data-rampart="stop-reply"]:not([hidden])');
    await expect.poll(() => banner.getAttribute('data-state'), SLOW).toBe('offered');
    // Page script reaches the button through the open shadow root and clicks it.
    await banner.locator('[data-rampart="stop-reply-suppress"]').evaluate((button: HTMLElement) => {
      button.click();
      button.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    });
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(ok, 200)))));
    expect(await banner.getAttribute('data-state')).toBe('offered');
    // A person's click does it.
    await banner.locator('[data-rampart="stop-reply-suppress"]').click();
    await expect.poll(() => banner.getAttribute('data-state'), SLOW).toBe('suppressed');
    await page.close();
  });
});
