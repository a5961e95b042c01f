// `npm run demo`: the local AWS emulator, the demo inbox and Chromium with the emulator
// profile of Rampart. With a display, a window to try it by hand; without one, a headless
// run that sends a follow-up through SES (the emulator) and writes screenshots to .demo/:
// the popup, the compose panel before and after the send, the reputation runway, the
// recipient check and a fire drill (docs/screenshots/ holds the README's copies).
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH, chromiumArgs } from './chromium';
import { startDemoInbox } from './demo-inbox/server';
import { startLocalAws } from './local-aws/server';

const awsPort = Number(process.env.LOCAL_AWS_PORT ?? 4566);
const extensionDir = resolve('.output/chrome-mv3-emulator');
const shotsDir = resolve('.demo');
const headless = !process.env.DISPLAY || process.env.DEMO_HEADLESS === '1';

const aws = await startLocalAws({ port: awsPort, mailViewer: true });
console.log(`local AWS emulator on ${aws.url}${aws.sesLocalUrl ? `; delivered mail at ${aws.sesLocalUrl}` : ''}`);
const inbox = await startDemoInbox();
console.log(`demo inbox on ${inbox.url}`);

console.log('building the emulator profile…');
execFileSync('npx', ['wxt', 'build', '--mode', 'emulator'], {
  stdio: 'pipe',
  env: { ...process.env, LOCAL_AWS_PORT: String(awsPort) },
});

const userDataDir = await mkdtemp(join(tmpdir(), 'rampart-demo-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: CHROMIUM_PATH,
  headless,
  viewport: { width: 1280, height: 800 },
  args: chromiumArgs(extensionDir, { headless }),
});

async function shutdown(code: number): Promise<never> {
  await context.close().catch(() => {});
  await rm(userDataDir, { recursive: true, force: true });
  await inbox.close();
  await aws.close();
  process.exit(code);
}

const page = context.pages()[0] ?? (await context.newPage());

/**
 * The reputation runway (popup), the recipient check (a second compose: a domain with no
 * mail server, a role address, a likely typo) and a fire drill run from options.
 */
async function featureShots(extensionHost: string): Promise<string[]> {
  const shots: string[] = [];
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 420, height: 720 });
  await popup.goto(`chrome-extension://${extensionHost}/popup.html`);
  const runway = popup.locator('[data-rampart="runway"]');
  await runway.waitFor({ timeout: 30_000 });
  // Its section, heading included.
  await runway.locator('xpath=..').screenshot({ path: join(shotsDir, 'runway.png') });
  shots.push(join(shotsDir, 'runway.png'));
  await popup.close();

  await page.bringToFront();
  await page.evaluate(() =>
    (window as unknown as { fixture: { openCompose(kind: string, options: unknown): number } }).fixture.openCompose('popout', {
      from: 'Demo SDR <sdr@outbound.example.com>',
      to: [['dana@prospect.invalid', 'Dana Prospect'], ['info@prospect.example'], ['lee@gmial.com', 'Lee']],
      subject: 'Quick question about your outbound',
      bodyHtml: '<p>Hi,</p><p>Worth a 15-minute call?</p>',
    }),
  );
  const checked = page.locator('[data-rampart="finding"][data-rule="undeliverable-domain"]').first();
  await checked.waitFor({ timeout: 30_000 });
  await page.screenshot({ path: join(shotsDir, 'recipient-check.png') });
  shots.push(join(shotsDir, 'recipient-check.png'));

  const options = await context.newPage();
  await options.setViewportSize({ width: 900, height: 800 });
  await options.goto(`chrome-extension://${extensionHost}/options.html`);
  const drill = options.locator('[data-rampart="fire-drill"]');
  await options.locator('[data-rampart="drill-start"]').click();
  await options.locator('[data-rampart="fire-drill"][data-state="passed"]').waitFor({ timeout: 60_000 });
  await drill.screenshot({ path: join(shotsDir, 'fire-drill.png') });
  shots.push(join(shotsDir, 'fire-drill.png'));
  await options.close();
  return shots;
}
await page.goto(inbox.url);

if (!headless) {
  console.log('Chromium is open with Rampart: click Compose in the demo inbox. Ctrl+C to stop.');
  process.on('SIGINT', () => void shutdown(0));
  context.on('close', () => void shutdown(0));
} else {
  try {
    await mkdir(shotsDir, { recursive: true });
    // The toolbar popup first, as an SDR would glance at it: it syncs the SES account.
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 60_000 }));
    const popup = await context.newPage();
    await popup.setViewportSize({ width: 420, height: 720 });
    await popup.goto(`chrome-extension://${new URL(worker.url()).host}/popup.html`);
    await popup.locator('[data-rampart="cap-remaining"]').waitFor({ timeout: 30_000 });
    await popup.click('[data-rampart="sync"]');
    await popup.locator('[data-rampart="sync"]:enabled').waitFor({ timeout: 30_000 });
    await popup.screenshot({ path: join(shotsDir, 'popup.png'), fullPage: true });
    await popup.close();

    await page.bringToFront();
    await page.click('#compose');
    const send = page.locator('[data-rampart="send"]').first();
    await send.waitFor({ state: 'visible', timeout: 15_000 });
    await page.locator('[data-rampart="verdict"][data-verdict]').first().waitFor({ timeout: 15_000 });
    const verdict = await page.locator('[data-rampart="verdict"]').first().getAttribute('data-verdict');
    console.log(`pre-send verdict: ${verdict}`);
    // A warning asks for one explicit confirmation, as it would of the SDR.
    if (verdict === 'warn') await page.locator('[data-rampart="confirm"]').first().check();
    await page.locator('[data-rampart="send"]:enabled').first().waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(shotsDir, 'compose-panel.png') });

    const clickedAt = performance.now();
    await send.click();
    // Playwright's CSS locators pierce the compose UI's open shadow root.
    const result = page.locator('[data-rampart="result"][data-outcome]').first();
    await result.waitFor({ timeout: 30_000 });
    const clickToResultMs = Math.round(performance.now() - clickedAt);
    const outcome = await result.getAttribute('data-outcome');
    const text = (await result.innerText()).replace(/\s+/g, ' ').trim();
    await page.screenshot({ path: join(shotsDir, 'result.png') });

    const delivered = (await (await fetch(`${aws.url}/_local/messages`)).json()) as Array<{
      messageId: string;
      to: string[];
      subject: string;
    }>;
    console.log(`outcome: ${outcome} — ${text}`);
    console.log(`click to result: ${clickToResultMs} ms`);
    console.log(
      `delivered by the emulator: ${JSON.stringify(delivered.map((m) => ({ messageId: m.messageId, to: m.to, subject: m.subject })))}`,
    );
    const features = await featureShots(new URL(worker.url()).host);
    console.log(`screenshots: ${[join(shotsDir, 'compose-panel.png'), join(shotsDir, 'result.png'), ...features].join(', ')}`);
    await shutdown(outcome === 'sent' && delivered.length === 1 ? 0 : 1);
  } catch (error) {
    await page.screenshot({ path: join(shotsDir, 'failure.png') }).catch(() => {});
    console.error('demo failed:', error);
    await shutdown(1);
  }
}
