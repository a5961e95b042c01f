import { mkdir, rm, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Draft } from '@/lib/core/draft';
import type { SendResult } from '@/lib/protocol/messages';
import { askFromPage, test } from './harness';

// Managed deployment end to end: an administrator's Chromium policy
// (`/etc/chromium/policies/managed/*.json`, `3rdparty.extensions.<id>`) sets values for
// the emulator profile's fixed extension id; options shows them locked and the
// background sends with them. The policy file is removed after the test.

const EXTENSION_ID = 'cchlfcpokboeemibbnfnpbmdhkoleadb';
const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = join(POLICY_DIR, 'rampart-e2e-managed.json');

const MANAGED = { fromName: 'Managed SDR', senderTag: 'managed-sdr', configurationSet: 'rampart' };

const draft: Draft = {
  composeId: 'managed-1',
  kind: 'popout',
  from: null,
  to: [{ email: 'success@simulator.amazonses.com' }],
  cc: [],
  bcc: [],
  subject: 'Sent under policy',
  html: '<p>Hi</p>',
  text: 'Hi',
  hasAttachments: false,
  isReply: false,
  unreadable: [],
};

test.sequential('values an administrator’s policy sets are locked in options and used by the background', async ({ rampart }) => {
  // The harness launched Chromium already; the policy is read from the directory, which
  // Chromium watches, so it applies to the running browser.
  expect(rampart.extensionId).toBe(EXTENSION_ID);
  // mkdir answers the first directory it had to create: those are removed afterwards.
  const created = await mkdir(POLICY_DIR, { recursive: true });
  await writeFile(POLICY_FILE, JSON.stringify({ '3rdparty': { extensions: { [EXTENSION_ID]: MANAGED } } }));
  try {
    const worker = await rampart.worker();
    await expect.poll(() => worker.evaluate(() => chrome.storage.managed.get(null)), { timeout: 60_000, interval: 1_000 }).toEqual(MANAGED);

    // The SDR's own value is overruled, and options says so.
    await rampart.setSettings({ fromName: 'Typed By The SDR' });
    const options = await rampart.openExtensionPage('options.html');
    const fromName = options.locator('input[name="fromName"]');
    await expect.poll(() => fromName.inputValue()).toBe('Managed SDR');
    expect(await fromName.isDisabled()).toBe(true);
    expect(
      await options.locator('[data-rampart="locked"]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-key')).sort()),
    ).toEqual(['configurationSet', 'fromName', 'senderTag']);
    expect(await options.locator('input[name="fromAddress"]').isDisabled()).toBe(false);

    const synced = await askFromPage<{ ok: boolean; error?: { message: string } }>(options, 'sync', {});
    expect(synced.error?.message).toBeUndefined();
    const result = await askFromPage<SendResult>(options, 'send', { draft, confirmed: true, requestId: 'managed-1' });
    expect(result.error?.message).toBeUndefined();
    expect(result.outcome).toBe('sent');
    const messages = await rampart.awsControl<{ from: string; tags: Record<string, string> }[]>('/_local/messages');
    expect(messages).toHaveLength(1);
    expect(messages[0]!.from).toBe('Managed SDR <sdr@outbound.example.com>');
    expect(messages[0]!.tags).toMatchObject({ sender: 'managed-sdr' });
  } finally {
    await rm(POLICY_FILE, { force: true });
    if (created) {
      for (let dir = POLICY_DIR; dir.length >= created.length; dir = join(dir, '..')) await rmdir(dir).catch(() => {});
    }
  }
});
