import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { startLocalAws, type LocalAws } from '../../dev/local-aws/server';
import { gmailResponder, GMAIL_URL, type GmailFixture } from '../fixtures/gmail/serve';
import { awsControlAt } from '../support/aws-control';

// The emulator profile's Firefox build in Firefox ESR, driven over WebDriver BiDi by
// puppeteer-core: a fresh browser profile, a fresh HOME and a fresh local AWS emulator for
// every launch. The add-on is installed unpacked as a temporary add-on (no signing).
//
// What Firefox does not offer that the Chromium harness uses: no DevTools protocol, so
// no stopping of the background on demand and no reading of its heap; the background's
// own requests are not seen by BiDi's interception, so it reaches the emulator on
// 127.0.0.1 through the settings' endpoint override while Gmail's origin is served to
// the page from test/fixtures/gmail.

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_EXTENSION_DIR = resolve(process.env.RAMPART_FIREFOX_EXTENSION_DIR ?? '.output/firefox-mv2-emulator');

export interface FirefoxRampart {
  browser: Browser;
  aws: LocalAws;
  /** The add-on id from the built manifest (browser_specific_settings.gecko.id). */
  addonId: string;
  /** The origin of the add-on's pages, `moz-extension://<uuid>` (the uuid fixed by a pref at launch). */
  origin: string;
  /** Open an extension page (`popup.html`, `options.html`) once it has loaded. */
  openExtensionPage(path: string): Promise<Page>;
  /** A page on Gmail's origin showing a fixture page. */
  openGmail(fixture: GmailFixture): Promise<Page>;
  setSettings(patch: Record<string, unknown>): Promise<void>;
  awsControl<T = unknown>(path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

export interface FirefoxLaunchOptions {
  /**
   * An administrator's values for the add-on's managed storage, written as the per-user
   * managed-storage manifest (`$HOME/.mozilla/managed-storage/<id>.json`) under a HOME of
   * the test's own before Firefox starts.
   */
  managed?: Record<string, unknown>;
}

/** Polls `probe` until it answers something other than undefined/false. */
export async function until<T>(probe: () => Promise<T | undefined | false>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((ok) => setTimeout(ok, 250));
  }
}

export async function launchFirefoxRampart(options: FirefoxLaunchOptions = {}): Promise<FirefoxRampart> {
  const manifest = JSON.parse(await readFile(join(FIREFOX_EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const addonId = manifest.browser_specific_settings?.gecko?.id;
  if (!addonId) throw new Error(`${FIREFOX_EXTENSION_DIR}/manifest.json has no browser_specific_settings.gecko.id`);

  const aws = await startLocalAws({ port: 0 });
  const home = await mkdtemp(join(tmpdir(), 'rampart-firefox-home-'));
  if (options.managed) {
    const dir = join(home, '.mozilla', 'managed-storage');
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(dir, `${addonId}.json`),
      JSON.stringify({ name: addonId, description: 'Rampart policy', type: 'storage', data: options.managed }),
    );
  }
  const uuid = randomUUID();
  let firefox: Browser;
  try {
    firefox = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: true,
      // Firefox lets WebDriver navigate to moz-extension: pages only with system access.
      args: ['--remote-allow-system-access'],
      env: { ...process.env, HOME: home },
      extraPrefsFirefox: {
        // The add-on's pages live at a known origin instead of a random one.
        'extensions.webextensions.uuids': JSON.stringify({ [addonId]: uuid }),
      },
    });
  } catch (error) {
    await aws.close();
    await rm(home, { recursive: true, force: true });
    throw error;
  }
  const origin = `moz-extension://${uuid}`;

  async function openExtensionPage(path: string): Promise<Page> {
    const page = await firefox.newPage();
    const url = `${origin}/${path}`;
    // Navigations to moz-extension: never report their end to puppeteer (its issue 14314):
    // the page itself says when it has loaded.
    void page.goto(url).catch(() => {});
    await until(() => page.evaluate((u) => location.href === u && document.readyState === 'complete', url), `${path} to load`);
    return page;
  }

  async function openGmail(fixture: GmailFixture): Promise<Page> {
    const respond = await gmailResponder(fixture);
    const page = await firefox.newPage();
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (request.isInterceptResolutionHandled()) return;
      if (!request.url().startsWith('https://mail.google.com/')) return void request.continue();
      const { status, contentType, headers, body } = respond(request.url());
      void request.respond({ status, ...(contentType ? { contentType } : {}), headers: headers ?? {}, body });
    });
    await page.goto(GMAIL_URL);
    return page;
  }

  let settingsPage: Page | undefined;
  async function setSettings(patch: Record<string, unknown>): Promise<void> {
    settingsPage ??= await openExtensionPage('manifest.json');
    await settingsPage.evaluate(async (p) => {
      const key = 'rampart.settings';
      const current = ((await browser.storage.local.get(key))[key] ?? {}) as Record<string, unknown>;
      await browser.storage.local.set({ [key]: { ...current, ...p } });
    }, patch);
  }

  const awsControl = awsControlAt(aws.url);

  const rampart: FirefoxRampart = {
    browser: firefox,
    aws,
    addonId,
    origin,
    openExtensionPage,
    openGmail,
    setSettings,
    awsControl,
    async close() {
      await firefox.close().catch(() => {});
      await aws.close();
      await rm(home, { recursive: true, force: true });
    },
  };
  try {
    const installed = await firefox.installExtension(FIREFOX_EXTENSION_DIR);
    if (installed !== addonId) throw new Error(`installed ${installed}, expected ${addonId}`);
    // The emulator on this run's port; the hosted UI is the emulator's too.
    await setSettings({ endpointOverride: aws.url, hostedUiDomain: aws.url });
  } catch (error) {
    await rampart.close();
    throw error;
  }
  return rampart;
}

/** Send a typed message to the background from an extension page, as the popup would. */
export async function askFromPage<T>(page: Page, type: string, payload: unknown): Promise<T> {
  const reply = (await page.evaluate((t, p) => browser.runtime.sendMessage({ type: t, payload: p }), type, payload)) as
    { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
  if (!reply || !reply.ok) throw new Error(`${type}: ${JSON.stringify(reply)}`);
  return reply.value;
}

/** An element inside the compose panel's open shadow root of fixture compose `index`. */
export async function inPanel(page: Page, index: number, selector: string): Promise<ElementHandle<Element> | null> {
  return page.$(`[data-fixture-compose="${index}"] rampart-compose >>> ${selector}`);
}

/** An attribute of the first element matching `selector` in compose `index`'s panel. */
export async function panelAttribute(page: Page, index: number, selector: string, attribute: string): Promise<string | null | undefined> {
  const element = await inPanel(page, index, selector);
  if (!element) return undefined;
  return element.evaluate((e, a) => e.getAttribute(a), attribute);
}
