import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import WebSocket from 'ws';
import { CHROMIUM_PATH, chromiumArgs } from '../../dev/chromium';
import { startLocalAws, type LocalAws } from '../../dev/local-aws/server';
import { awsControlAt } from '../support/aws-control';

// Launching Rampart for end-to-end tests and benchmarks (no vitest here: the benchmarks
// import it outside a test run). The end-to-end harness: Debian's Chromium with the built emulator profile, a fresh
// profile directory and a fresh local AWS emulator for every test.

// RAMPART_EXTENSION_DIR: a private build, when other runs may rebuild .output meanwhile.
export const EXTENSION_DIR = resolve(process.env.RAMPART_EXTENSION_DIR ?? '.output/chrome-mv3-emulator');
export { CHROMIUM_PATH };

export interface Rampart {
  context: BrowserContext;
  extensionId: string;
  aws: LocalAws;
  userDataDir: string;
  /** The extension's service worker (re-acquired after a stop: Playwright may not report it again). */
  worker(): Promise<Worker>;
  /** Merge into the extension's stored settings (WXT `local:rampart.settings`). */
  setSettings(patch: Record<string, unknown>): Promise<void>;
  /** Open an extension page (`popup.html`, `options.html`). */
  openExtensionPage(path: string): Promise<Page>;
  /** Stop the service worker through CDP; it wakes on the next message. */
  stopWorker(): Promise<void>;
  /** Whether the extension's service worker is running now (its DevTools target exists). */
  workerRunning(): Promise<boolean>;
  /** The worker's JS heap in MB (CDP Runtime.getHeapUsage on the service_worker target). */
  workerHeapMb(): Promise<number>;
  /** Ask the emulator (control routes of docs/test-surface.md). */
  awsControl<T = unknown>(path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Start with a given emulator instead of a fresh one. */
  aws?: LocalAws;
  locale?: string;
  /** Extra settings stored before the first message. */
  settings?: Record<string, unknown>;
}

export async function launchRampart(options: LaunchOptions = {}): Promise<Rampart> {
  const aws = options.aws ?? (await startLocalAws({ port: 0 }));
  const userDataDir = await mkdtemp(join(tmpdir(), 'rampart-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    locale: options.locale,
    args: [
      ...chromiumArgs(EXTENSION_DIR, { headless: true }),
      '--remote-debugging-port=0',
      ...(options.locale ? [`--lang=${options.locale}`] : []),
    ],
  });
  const first = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 90_000 }));
  const extensionId = new URL(first.url()).host;

  async function worker(): Promise<Worker> {
    const live = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
    if (live) return live;
    return context.waitForEvent('serviceworker', { timeout: 60_000 });
  }

  async function setSettings(patch: Record<string, unknown>): Promise<void> {
    const w = await worker();
    await w.evaluate(async (p) => {
      const key = 'rampart.settings';
      const current = (await chrome.storage.local.get(key))[key] ?? {};
      await chrome.storage.local.set({ [key]: { ...current, ...p } });
    }, patch);
  }

  async function openExtensionPage(path: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/${path}`);
    return page;
  }

  async function stopWorker(): Promise<void> {
    // An extension page that sends no message (the popup would wake the worker at once).
    const page = await openExtensionPage('manifest.json');
    try {
      const cdp = await context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.detach();
    } finally {
      await page.close();
    }
  }

  /** The worker's DevTools target, when it is running. */
  async function workerTarget(): Promise<{ url: string; webSocketDebuggerUrl: string } | undefined> {
    const port = (await readFile(join(userDataDir, 'DevToolsActivePort'), 'utf8')).split('\n')[0];
    const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Array<{
      type: string;
      url: string;
      webSocketDebuggerUrl: string;
    }>;
    return targets.find((t) => t.type === 'service_worker' && t.url.includes(extensionId));
  }

  async function workerHeapMb(): Promise<number> {
    const target = await workerTarget();
    if (!target) throw new Error('the service worker is not running');
    const ws = new WebSocket(target.webSocketDebuggerUrl);
    await new Promise((ok, fail) => ws.once('open', ok).once('error', fail));
    try {
      const reply = await new Promise<{ result?: { usedSize: number }; error?: { message: string } }>((ok, fail) => {
        // Only the answer to our call: the target may send events first.
        ws.on('message', (data) => {
          const message = JSON.parse(String(data)) as { id?: number; result?: { usedSize: number }; error?: { message: string } };
          if (message.id === 1) ok(message);
        });
        ws.once('error', fail);
        ws.send(JSON.stringify({ id: 1, method: 'Runtime.getHeapUsage' }));
      });
      if (!reply.result) throw new Error(`Runtime.getHeapUsage failed: ${reply.error?.message ?? JSON.stringify(reply)}`);
      return reply.result.usedSize / (1024 * 1024);
    } finally {
      ws.close();
    }
  }

  const awsControl = awsControlAt(aws.url);

  const rampart: Rampart = {
    context,
    extensionId,
    aws,
    userDataDir,
    worker,
    setSettings,
    openExtensionPage,
    stopWorker,
    workerRunning: async () => (await workerTarget()) !== undefined,
    workerHeapMb,
    awsControl,
    async close() {
      await context.close().catch(() => {});
      if (!options.aws) await aws.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
  // The emulator is both the AWS endpoint and the hosted UI the profile signs itself in through.
  await setSettings({ endpointOverride: aws.url, hostedUiDomain: aws.url, ...options.settings });
  return rampart;
}

/** Send a typed message to the background from an extension page, as the popup would. */
export async function askFromPage<T>(page: Page, type: string, payload: unknown): Promise<T> {
  const reply = (await page.evaluate(([t, p]) => chrome.runtime.sendMessage({ type: t, payload: p }), [type, payload] as const)) as
    { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
  if (!reply || !reply.ok) throw new Error(`${type}: ${JSON.stringify(reply)}`);
  return reply.value;
}
