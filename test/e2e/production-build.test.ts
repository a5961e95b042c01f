import { mkdir, readFile, rm, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SES_REGIONS, regionHostPermissions } from '@/lib/core/regions';
import type { AccountView, SendResult } from '@/lib/protocol/messages';
import type { ExportReply, PollFeedbackReply } from '@/lib/suppression/messages';
import { routeGmail } from '../fixtures/gmail/serve';
import { manifestMatchPatterns, matchPatternProblem } from '../support/match-pattern';
import { askFromPage } from './launch';
import { PRODUCTION_EXTENSION_DIR, launchProductionRampart, type ProductionRampart } from './launch-production';

// The production build as shipped, in eu-west-1: a lead's settings typed into the options
// page, the user pool and its hosted UI from the administrator's policy (production takes
// the hosted UI from nowhere else: docs/security.md), sign-in through the hosted UI, a sync, a send from a Gmail compose and a feedback
// event polled from SQS and applied — every call to AWS's own host names over TLS, which
// the emulator answers without CORS, so each one needs the manifest's host permissions.

const SLOW = { timeout: 60_000 };
/** Chromium's managed policy directory; this suite's file names the build's own extension id. */
const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = join(POLICY_DIR, 'rampart-e2e-production.json');
const PROSPECT = 'sam@prospect.example';

interface DeliveredMessage {
  messageId: string;
  from: string;
  to: string[];
  subject: string;
}
interface UserPoolView {
  userPoolId: string;
  clientId: string;
  tokenRequests: { grantType: string; outcome: string }[];
}

const addressOf = (mailbox: string) => (/<([^>]+)>\s*$/.exec(mailbox)?.[1] ?? mailbox).trim().toLowerCase();

test('the built manifest declares only valid Chrome match patterns, and no key or loopback host', async () => {
  const manifest = JSON.parse(await readFile(join(PRODUCTION_EXTENSION_DIR, 'manifest.json'), 'utf8')) as Parameters<
    typeof manifestMatchPatterns
  >[0] & {
    key?: string;
  };
  const patterns = manifestMatchPatterns(manifest);
  expect(patterns.map((pattern) => [pattern, matchPatternProblem(pattern)]).filter(([, problem]) => problem)).toEqual([]);
  for (const region of SES_REGIONS) expect(manifest.host_permissions).toEqual(expect.arrayContaining(regionHostPermissions(region)));
  expect(manifest.key).toBeUndefined();
  expect(patterns.filter((pattern) => /127\.0\.0\.1|localhost/.test(pattern))).toEqual([]);
});

describe('the production build against AWS’s host names, in eu-west-1', () => {
  let rampart: ProductionRampart;
  /** The first policy directory this suite had to create: removed afterwards. */
  let createdPolicyDir: string | undefined;
  beforeAll(async () => {
    rampart = await launchProductionRampart({ region: 'eu-west-1' });
    // Only a signed-in user's credentials work: the pool gives guests nothing.
    await rampart.awsControl('/_local/pool', { allowUnauthenticated: false });
  });
  afterAll(async () => {
    await rm(POLICY_FILE, { force: true });
    if (createdPolicyDir) {
      for (let dir = POLICY_DIR; dir.length >= createdPolicyDir.length; dir = join(dir, '..')) await rmdir(dir).catch(() => {});
    }
    await rampart?.close();
  });

  /**
   * The administrator's policy sets the user pool, its app client and its hosted UI;
   * the options page is filled in as a lead would: region, identity pool and From.
   */
  async function configureAsALead(): Promise<Page> {
    const pool = await rampart.awsControl<UserPoolView>('/_local/user-pool');
    const managed = { userPoolId: pool.userPoolId, userPoolClientId: pool.clientId, hostedUiDomain: rampart.hostedUiDomain };
    createdPolicyDir = await mkdir(POLICY_DIR, { recursive: true });
    await writeFile(POLICY_FILE, JSON.stringify({ '3rdparty': { extensions: { [rampart.extensionId]: managed } } }));
    // Chromium watches the directory: the running browser picks the policy up.
    const worker = await rampart.worker();
    await expect.poll(() => worker.evaluate(() => chrome.storage.managed.get(null)), SLOW).toEqual(managed);
    const options = await rampart.openExtensionPage('options.html');
    const form = options.locator('[data-rampart="settings-form"]');
    const region = form.locator('select[name=region]');
    await expect.poll(() => region.count(), SLOW).toBe(1);
    // The choice offers exactly the regions the manifest holds permissions for.
    expect(await region.locator('option').evaluateAll((list) => list.map((o) => (o as HTMLOptionElement).value))).toEqual([...SES_REGIONS]);
    await region.selectOption(rampart.region);
    const typed: Record<string, string> = {
      identityPoolId: `${rampart.region}:00000000-0000-4000-8000-000000000000`,
      configurationSet: 'rampart',
      fromName: 'Demo SDR',
      fromAddress: 'sdr@outbound.example.com',
    };
    for (const [name, value] of Object.entries(typed)) await form.locator(`input[name=${name}]`).fill(value);
    // The policy's values show locked.
    for (const name of Object.keys(managed)) expect(await form.locator(`input[name=${name}]`).isDisabled()).toBe(true);
    await form.locator('button[type=submit]').click();
    await expect.poll(() => form.locator('[role=status]').count(), SLOW).toBe(1);
    // The sign-in panel reads the saved settings when it opens.
    await options.reload();
    return options;
  }

  test('signs in through the hosted UI, syncs, sends from Gmail and applies a feedback event from SQS', { timeout: 300_000 }, async () => {
    const options = await configureAsALead();

    // The configured region's three endpoints are granted (Chrome kept the patterns).
    const origins = regionHostPermissions(rampart.region);
    expect(await options.evaluate((o) => chrome.permissions.contains({ origins: o }), origins)).toBe(true);
    const stored = await options.evaluate(
      async () => (await chrome.storage.local.get('rampart.settings'))['rampart.settings'] as Record<string, unknown>,
    );
    expect(stored).toMatchObject({ region: 'eu-west-1' });
    expect(stored.endpointOverride).toBeUndefined();

    // Sign-in: launchWebAuthFlow to the hosted UI, the code for tokens, the tokens for credentials.
    const panel = options.locator('[data-rampart="signin-panel"]');
    await expect.poll(() => panel.getAttribute('data-state'), SLOW).toBe('signed-out');
    await options.locator('[data-rampart="signin"]').click();
    await expect
      .poll(
        async () =>
          (await options.locator('[data-rampart="signin-error"]').count())
            ? await options.locator('[data-rampart="signin-error"]').innerText()
            : panel.getAttribute('data-state'),
        SLOW,
      )
      .toBe('signed-in');
    expect(await options.locator('[data-rampart="signed-in-as"]').innerText()).toBe('sdr@outbound.example.com');
    const pool = await rampart.awsControl<UserPoolView>('/_local/user-pool');
    expect(pool.tokenRequests.map((r) => `${r.grantType}:${r.outcome}`)).toEqual(['authorization_code:ok']);

    // Cognito Identity and SES: the account, then a sync.
    const popup = await rampart.openExtensionPage('popup.html');
    expect(await askFromPage<AccountView>(popup, 'getAccount', {})).toMatchObject({ max24HourSend: 300 });
    const synced = await askFromPage<{ ok: boolean; error?: { message: string } }>(popup, 'sync', {});
    expect(synced.error?.message).toBeUndefined();
    expect(synced.ok).toBe(true);

    // A send from a Gmail compose.
    const gmail = await rampart.context.newPage();
    await gmail.goto(await routeGmail(rampart.context, 'inbox'));
    const subject = 'A note sent from the production build';
    const index = await gmail.evaluate(
      ([s, to]) =>
        window.fixture.openCompose('popout', { subject: s, bodyHtml: '<p>Hello Sam, a short note.</p>', to: [[to, 'Sam Buyer']] }),
      [subject, PROSPECT] as const,
    );
    const composePanel = gmail.locator(`[data-fixture-compose="${index}"] rampart-compose`);
    const verdict = composePanel.locator('[data-rampart="verdict"][data-verdict]');
    await expect.poll(() => verdict.getAttribute('data-verdict').catch(() => null), SLOW).toMatch(/^(ok|warn)$/);
    if ((await verdict.getAttribute('data-verdict')) === 'warn') await composePanel.locator('[data-rampart="confirm"]').check();
    await expect.poll(() => composePanel.locator('[data-rampart="send"]').isEnabled(), SLOW).toBe(true);
    await composePanel.locator('[data-rampart="send"]').click();
    const result = composePanel.locator('[data-rampart="result"]');
    await expect.poll(() => result.getAttribute('data-outcome').catch(() => null), SLOW).toBe('sent');
    const messageId = await result.getAttribute('data-message-id');
    const delivered = await rampart.awsControl<DeliveredMessage[]>('/_local/messages');
    expect(delivered.map((m) => [m.messageId, addressOf(m.from), m.to.map(addressOf), m.subject])).toEqual([
      [messageId, 'sdr@outbound.example.com', [PROSPECT], subject],
    ]);

    // SES publishes a permanent bounce for the prospect to the sender's queue; Rampart polls
    // SQS (on its own schedule, or asked), suppresses the address and deletes the message.
    await rampart.awsControl('/_local/events', { type: 'Bounce', bounceType: 'Permanent', messageId, recipient: PROSPECT });
    await expect
      .poll(
        async () => {
          const polled = await askFromPage<PollFeedbackReply>(popup, 'pollFeedback', {});
          if (polled.error) return `poll failed: ${polled.error.message}`;
          const exported = await askFromPage<ExportReply>(popup, 'exportSuppressions', {});
          return exported.csv.includes(PROSPECT) ? 'suppressed' : 'not yet';
        },
        { timeout: 60_000, interval: 1_000 },
      )
      .toBe('suppressed');
    const queues = await rampart.awsControl<{ name: string; sender: string | null; messages: number }[]>('/_local/queues');
    expect(queues.filter((q) => q.sender !== null)).toHaveLength(1);
    expect(queues.filter((q) => q.messages > 0)).toEqual([]);
  });
});
