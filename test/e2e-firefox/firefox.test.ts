import { createHash } from 'node:crypto';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SendResult } from '../../lib/protocol/messages';
import { askFromPage, inPanel, launchFirefoxRampart, panelAttribute, type FirefoxRampart } from './launch';

// Rampart in Firefox ESR, end to end: the emulator profile's Firefox build (an MV2 event
// page), the Gmail fixture pages served on Gmail's origin through BiDi's network
// interception, and the local AWS emulator. One browser for the file (each Firefox start
// costs seconds on a small machine), one emulator reset between tests.
//
// Not here, because Firefox does not offer it: stopping the background on demand and
// reading its heap (the Chromium suite does both over the DevTools protocol). The nearest
// thing: the background is an event page, so every test below reaches it only through
// messages and alarms, the paths that wake an unloaded page, and the data it keeps is read
// back from its IndexedDB and from what the emulator received.
//
// The administrator's policy comes the way Firefox reads it on Linux without root: a
// managed-storage manifest under the user's HOME (the launch gives Firefox a HOME of its own).

interface DeliveredMessage {
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  text: string | null;
  tags: Record<string, string>;
}
interface SendAttempt {
  outcome: string;
  recipients: string[];
}

const SLOW = { timeout: 60_000, interval: 250 };
const SUPPRESSED = 'bounced@prospect.example';
/** An administrator's policy for the add-on, read by Firefox from the managed-storage manifest. */
const MANAGED = { fromName: 'Rampart Team SDR', configurationSet: 'rampart' };

/** A compose with an id of its own, as Gmail gives each compose (Rampart shows a compose id's earlier sends). */
async function openCompose(page: Page, options: { subject: string; to: Array<[string, string?]>; bodyHtml?: string }): Promise<number> {
  return page.evaluate(
    (o, id) => {
      const index = window.fixture.openCompose('popout', o);
      window.fixture.composeElement(index).querySelector<HTMLInputElement>('input[name=composeid]')!.value = id;
      return index;
    },
    options,
    `firefox-${crypto.randomUUID()}`,
  );
}

/** The ledger row of a MessageId, from the add-on's own IndexedDB (an extension page shares its origin). */
function ledgerRow(page: Page, messageId: string): Promise<{ messageId: string; recipients: string[]; subject: string } | undefined> {
  return page.evaluate(
    (id) =>
      new Promise<never>((ok, fail) => {
        const open = indexedDB.open('rampart');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('ledger').objectStore('ledger').get(id);
          get.onsuccess = () => {
            open.result.close();
            ok(get.result);
          };
          get.onerror = () => fail(get.error);
        };
      }),
    messageId,
  );
}

describe('Rampart in Firefox ESR', () => {
  let rampart: FirefoxRampart;
  let options: Page;
  beforeAll(async () => {
    rampart = await launchFirefoxRampart({ managed: MANAGED });
    // Signed in through identity.launchWebAuthFlow and Firefox's own redirect URL; from
    // then on the identity pool refuses guests, so every AWS call that works is signed in.
    options = await rampart.openExtensionPage('options.html');
    const status = await askFromPage<{ signedIn: boolean; email?: string }>(options, 'signIn', { interactive: false });
    expect(status).toMatchObject({ signedIn: true, email: 'sdr@outbound.example.com' });
    await rampart.awsControl('/_local/pool', { allowUnauthenticated: false });
  });
  afterAll(async () => {
    await rampart?.close();
  });

  it('has a stable add-on id and signs in with Firefox’s redirect URL', async () => {
    expect(rampart.addonId).toBe('rampart@outbound.example.com');
    const redirect = await options.evaluate(() => browser.identity.getRedirectURL());
    // Firefox's redirect host is the SHA-1 of the add-on id: the user pool's app client lists it.
    expect(redirect).toBe(`https://${createHash('sha1').update(rampart.addonId).digest('hex')}.extensions.allizom.org/`);
    const pool = await rampart.awsControl<{ tokenRequests: { grantType: string; outcome: string }[] }>('/_local/user-pool');
    expect(pool.tokenRequests.map((r) => `${r.grantType}:${r.outcome}`)).toContain('authorization_code:ok');
  });

  it('takes the administrator’s managed values and shows them locked in options', async () => {
    expect(await options.evaluate(() => browser.storage.managed.get())).toEqual(MANAGED);
    // The SDR's own value is overruled, and options says so.
    await rampart.setSettings({ fromName: 'Typed By The SDR' });
    const page = await rampart.openExtensionPage('options.html');
    const field = (name: string) => page.$(`input[name="${name}"]`);
    await expect.poll(async () => (await field('fromName'))?.evaluate((e) => (e as HTMLInputElement).value), SLOW).toBe('Rampart Team SDR');
    expect(await (await field('fromName'))!.evaluate((e) => (e as HTMLInputElement).disabled)).toBe(true);
    expect(await (await field('fromAddress'))!.evaluate((e) => (e as HTMLInputElement).disabled)).toBe(false);
    const locked = await page.$$eval('[data-rampart="locked"]', (nodes) => nodes.map((n) => n.getAttribute('data-key')).sort());
    expect(locked).toEqual(['configurationSet', 'fromName']);
    await page.close();
  });

  it('sends a Gmail compose through SES once and records it', async () => {
    const gmail = await rampart.openGmail('inbox');
    const subject = 'A note sent from Firefox';
    const index = await openCompose(gmail, { subject, bodyHtml: '<p>Sent from Firefox.</p>', to: [['sam@prospect.example', 'Sam Buyer']] });

    await expect.poll(() => panelAttribute(gmail, index, '[data-rampart="verdict"]', 'data-verdict'), SLOW).toMatch(/^(ok|warn)$/);
    if ((await panelAttribute(gmail, index, '[data-rampart="verdict"]', 'data-verdict')) === 'warn') {
      await (await inPanel(gmail, index, '[data-rampart="confirm"]'))!.click();
    }
    const send = await inPanel(gmail, index, '[data-rampart="send"]');
    await expect.poll(() => send!.evaluate((b) => !(b as HTMLButtonElement).disabled), SLOW).toBe(true);
    await send!.click();
    await expect.poll(() => panelAttribute(gmail, index, '[data-rampart="result"]', 'data-outcome'), SLOW).toBe('sent');
    const messageId = await panelAttribute(gmail, index, '[data-rampart="result"]', 'data-message-id');

    const delivered = await rampart.awsControl<DeliveredMessage[]>('/_local/messages');
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({
      messageId,
      subject,
      to: [expect.stringContaining('sam@prospect.example')],
      from: 'Rampart Team SDR <sdr@outbound.example.com>',
    });
    expect(delivered[0]!.text).toContain('Sent from Firefox.');
    expect(delivered[0]!.tags).toMatchObject({ sender: expect.any(String) });
    expect(await ledgerRow(options, messageId!)).toMatchObject({ messageId, subject, recipients: ['sam@prospect.example'] });
    await gmail.close();
  });

  it('shows today’s remaining cap in the popup, and a sync brings SES’s quota home', async () => {
    const popup = await rampart.openExtensionPage('popup.html');
    const hook = (name: string) => popup.$(`[data-rampart="${name}"]`);
    const syncState = async () => (await hook('sync-status'))?.evaluate((e) => e.getAttribute('data-state'));
    const remaining = async () => (await hook('cap-remaining'))?.evaluate((e) => e.textContent?.trim());
    // Day 1 of the default plan is 60 sends; one went out in the test before.
    await expect.poll(syncState, SLOW).toBe('ok');
    await expect.poll(remaining, SLOW).toBe('59');

    // SES lowers the account's quota: "Sync now" brings it home and the cap follows it.
    await rampart.awsControl('/_local/account', { SendQuota: { Max24HourSend: 10 } });
    await (await hook('sync'))!.click();
    await expect.poll(remaining, SLOW).toBe('9');
    expect(await syncState()).toBe('ok');
    await popup.close();
  });

  it('blocks a suppressed recipient after a sync, and holds Gmail’s own Send', async () => {
    await rampart.awsControl('/_local/events', { type: 'Bounce', bounceType: 'Permanent', recipient: SUPPRESSED });
    const synced = await askFromPage<{ ok: boolean; error?: { message: string } }>(options, 'sync', {});
    expect(synced.error?.message).toBeUndefined();

    const gmail = await rampart.openGmail('inbox');
    const index = await openCompose(gmail, { subject: 'Checking in', to: [[SUPPRESSED, 'Bounced'], ['fine@prospect.example']] });
    const chip = `[data-rampart="recipient"][data-email="${SUPPRESSED}"]`;
    await expect.poll(() => panelAttribute(gmail, index, chip, 'data-status'), SLOW).toBe('suppressed');
    await expect.poll(() => panelAttribute(gmail, index, '[data-rampart="verdict"]', 'data-verdict'), SLOW).toBe('block');
    expect(await (await inPanel(gmail, index, '[data-rampart="send"]'))!.evaluate((b) => (b as HTMLButtonElement).disabled)).toBe(true);

    // Gmail's own Send button, clicked as a user would: Gmail's listeners never see it.
    await (await gmail.$(`[data-fixture-compose="${index}"] .T-I-atl:not([aria-haspopup])`))!.click();
    await expect.poll(async () => (await inPanel(gmail, index, '[data-rampart="held"]')) !== null, SLOW).toBe(true);
    expect(await gmail.evaluate(() => window.gmailSent)).toEqual([]);

    // Nor does the background send it when asked directly.
    const result = await askFromPage<SendResult>(options, 'send', {
      draft: {
        composeId: 'firefox-direct',
        kind: 'popout',
        from: null,
        to: [{ email: SUPPRESSED }],
        cc: [],
        bcc: [],
        subject: 'Direct',
        html: '<p>Hi</p>',
        text: 'Hi',
        hasAttachments: false,
        isReply: false,
        unreadable: [],
      },
      confirmed: true,
      requestId: 'firefox-direct',
    });
    expect(result.outcome).toBe('blocked');
    const attempts = await rampart.awsControl<SendAttempt[]>('/_local/requests');
    expect(attempts.flatMap((a) => a.recipients)).not.toContain(SUPPRESSED);
    await gmail.close();
  });
});
