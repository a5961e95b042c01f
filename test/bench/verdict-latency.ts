import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { GetSuppressedDestinationCommand, NotFoundException, SESv2Client } from '@aws-sdk/client-sesv2';
import { fromCognitoIdentityPool } from '@aws-sdk/credential-providers';
import { CHECK_PORT } from '../../lib/protocol/ask';
import { routeGmail } from '../fixtures/gmail/serve';
import { askFromPage, launchRampart } from '../e2e/launch';
import { cachedEntries } from './suppression-sync';

// verdict-latency (docs/test-surface.md): a 50-recipient draft judged against 1,000,000 addresses
// in the suppression cache. Measured in the page: from the last recipient chip added to
// the DOM to the verdict attribute updated (debounce 0). The peer is the naive check, one
// GetSuppressedDestination per recipient, awaited in turn, against the emulator.

const CACHE_SIZE = Number(process.env.RAMPART_BENCH_SUPPRESSED ?? 1_000_000);
const RECIPIENTS = 50;
const SAMPLES = 40;
const POOL_ID = 'us-east-1:00000000-0000-4000-8000-000000000000';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const round = (n: number) => Math.round(n * 100) / 100;

export async function verdictLatency() {
  const rampart = await launchRampart();
  try {
    const popup = await rampart.openExtensionPage('popup.html');
    await askFromPage(popup, 'sync', {}); // opens the database at its current version

    // The last recipient is suppressed; the other 49 are not, so each sample flips the
    // verdict from ok to block and the flip is the update being timed.
    const recipients = Array.from({ length: RECIPIENTS }, (_, i) => `prospect${i}@buyer${i % 7}.example`);
    const suppressedOne = 'prospect-last@buyer.example';
    // The cache is filled the way Rampart fills it: SES's suppression list (the emulator's,
    // seeded in chunks) read by the extension's own full sync. A sync cut short (the
    // worker stopped) resumes where it got to, so the loop asks again until all is there.
    const seedStarted = performance.now();
    const since = Date.parse('2026-01-01T00:00:00Z');
    const chunk = 100_000;
    for (let first = 0; first < CACHE_SIZE; first += chunk) {
      const entries = Array.from({ length: Math.min(chunk, CACHE_SIZE - first) }, (_, j) => {
        const i = first + j;
        return {
          address: i === 0 ? suppressedOne : `suppressed${i}@list${i % 997}.example`,
          reason: i % 5 === 0 ? 'COMPLAINT' : 'BOUNCE',
          at: new Date(since + i * 1000).toISOString(),
        };
      });
      await rampart.awsControl('/_local/suppression', { entries });
    }
    for (let attempt = 0; (await cachedEntries(await rampart.worker())) < CACHE_SIZE; attempt++) {
      if (attempt === 5) throw new Error('the suppression cache did not fill');
      await askFromPage(popup, 'sync', {}).catch((error: unknown) => console.error('verdict-latency: sync cut short:', error));
    }
    console.error(`verdict-latency: ${CACHE_SIZE} addresses seeded in ${Math.round(performance.now() - seedStarted)} ms`);

    const page = await rampart.context.newPage();
    await page.goto(await routeGmail(rampart.context, 'inbox'));
    // tsx keeps function names with an `__name` helper that the page does not have.
    await page.evaluate('window.__name = (f) => f');
    await page.evaluate(() => document.documentElement.setAttribute('data-rampart-debounce-ms', '0'));
    await page.evaluate(
      (to) => window.fixture.openCompose('popout', { to: to.map((e) => [e] as [string]) }),
      recipients.slice(0, RECIPIENTS - 1),
    );
    const verdict = page.locator('rampart-compose [data-rampart="verdict"]');
    await verdict.waitFor({ timeout: 30_000 });
    await page.waitForFunction(
      () =>
        document.querySelector('rampart-compose')?.shadowRoot?.querySelector('[data-rampart="verdict"]')?.getAttribute('data-verdict') !==
        'block',
      undefined,
      { timeout: 30_000 },
    );

    const samples: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const ms = await page.evaluate(
        (email) =>
          new Promise<number>((ok, fail) => {
            const root = document.querySelector('rampart-compose')!.shadowRoot!;
            const target = () => root.querySelector('[data-rampart="verdict"]');
            let started = 0;
            const observer = new MutationObserver(() => {
              if (target()?.getAttribute('data-verdict') === 'block') {
                observer.disconnect();
                ok(performance.now() - started);
              }
            });
            observer.observe(root, { subtree: true, attributes: true, childList: true, attributeFilter: ['data-verdict'] });
            setTimeout(() => fail(new Error('no verdict in 10 s')), 10_000);
            started = performance.now();
            window.fixture.addRecipient(0, 'to', email);
          }),
        suppressedOne,
      );
      samples.push(ms);
      await page.evaluate((email) => window.fixture.removeRecipient(0, 'to', email), suppressedOne);
      await page.waitForFunction(
        () =>
          document.querySelector('rampart-compose')?.shadowRoot?.querySelector('[data-rampart="verdict"]')?.getAttribute('data-verdict') !==
          'block',
        undefined,
        { timeout: 10_000 },
      );
    }
    samples.sort((a, b) => a - b);
    const roundTrips = (await checkRoundTrips(page, rampart.extensionId, [...recipients.slice(0, RECIPIENTS - 1), suppressedOne])).sort(
      (a, b) => a - b,
    );
    const workerMb = await rampart.workerHeapMb();

    // The naive peer, from outside the browser with the real SDK and Cognito credentials.
    await rampart.awsControl('/_local/suppression', { entries: [{ address: suppressedOne, reason: 'BOUNCE' }] });
    const ses = new SESv2Client({
      region: 'us-east-1',
      endpoint: rampart.aws.url,
      // Guests get nothing from SES: signed in with an ID token of the emulator's user pool.
      credentials: fromCognitoIdentityPool({
        identityPoolId: POOL_ID,
        clientConfig: { region: 'us-east-1', endpoint: rampart.aws.url },
        logins: {
          'cognito-idp.us-east-1.amazonaws.com/us-east-1_RampartLo': async () =>
            (await rampart.awsControl<{ idToken: string }>('/_local/login', { email: 'sdr@outbound.example.com' })).idToken,
        },
      }),
    });
    const draft = [...recipients.slice(0, RECIPIENTS - 1), suppressedOne];
    const peer: number[] = [];
    for (let run = 0; run < 10; run++) {
      const started = performance.now();
      for (const address of draft) {
        try {
          await ses.send(new GetSuppressedDestinationCommand({ EmailAddress: address }));
        } catch (error) {
          if (!(error instanceof NotFoundException)) throw error;
        }
      }
      peer.push(performance.now() - started);
    }
    peer.sort((a, b) => a - b);
    const p95 = percentile(samples, 95);
    const peerP95 = percentile(peer, 95);
    return {
      name: 'verdict-latency' as const,
      suppressed: CACHE_SIZE,
      recipients: RECIPIENTS,
      samples: SAMPLES,
      p50_ms: round(percentile(samples, 50)),
      p95_ms: round(p95),
      peer_p95_ms: round(peerP95),
      ratio: round(peerP95 / p95),
      worker_mb: round(workerMb),
      // Where the time goes: the same check's round trip alone (messaging and worker, no
      // chip, no DOM reading, no render), and the machine's load while it ran.
      check_round_trip_p50_ms: round(percentile(roundTrips, 50)),
      check_round_trip_p95_ms: round(percentile(roundTrips, 95)),
      load_1m: round(loadavg()[0]!),
    };
  } finally {
    await rampart.close();
  }
}

/**
 * The check alone, asked as the compose window asks it (a message on the check port, from
 * the content script's own world) with the sample's 50 recipients, the suppressed one
 * last: each round trip in ms. Subtracted from a sample, what is left is the page's part
 * (the chip seen, the draft read, the verdict rendered).
 */
async function checkRoundTrips(page: Page, extensionId: string, emails: string[]): Promise<number[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const worlds: Array<{ id: number; origin: string; auxData?: { type?: string } }> = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => worlds.push(context));
    await cdp.send('Runtime.enable'); // reports the contexts that exist already
    const world = worlds.find((w) => w.auxData?.type === 'isolated' && w.origin.includes(extensionId));
    if (!world) throw new Error('the content script’s world was not found');
    const draft = {
      composeId: 'verdict-latency-round-trip',
      kind: 'popout',
      from: null,
      to: emails.map((email) => ({ email })),
      cc: [],
      bcc: [],
      subject: '',
      html: '',
      text: '',
      hasAttachments: false,
      isReply: false,
      unreadable: [],
    };
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
      contextId: world.id,
      awaitPromise: true,
      returnByValue: true,
      expression: `(async (draft, samples) => {
        const port = chrome.runtime.connect({ name: ${JSON.stringify(CHECK_PORT)} });
        const times = [];
        for (let id = 1; id <= samples; id++) {
          const started = performance.now();
          await new Promise((answered) => {
            const onReply = (message) => {
              if (message.id !== id) return;
              port.onMessage.removeListener(onReply);
              answered();
            };
            port.onMessage.addListener(onReply);
            port.postMessage({ id, type: 'check', payload: { draft } });
          });
          times.push(performance.now() - started);
        }
        port.disconnect();
        return times;
      })(${JSON.stringify(draft)}, ${SAMPLES})`,
    });
    if (exceptionDetails) throw new Error(`the round trips failed: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value as number[];
  } finally {
    await cdp.detach().catch(() => {});
  }
}
