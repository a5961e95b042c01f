import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Draft } from '@/lib/core/draft';
import type { AccountView, SendResult } from '@/lib/protocol/messages';
import { askFromPage, test, type Rampart } from './harness';

// Sign-in end to end: the built emulator profile signs in through the emulator's hosted
// UI (launchWebAuthFlow, PKCE), trades the ID token for authenticated credentials, and
// sends under the authenticated role's From condition. Nobody signed in means no AWS
// call at all (no guest identity), and a sentence saying where to sign in.

interface SendAttempt {
  outcome: string;
  from: string;
  recipients: string[];
}
interface UserPoolView {
  tokenRequests: { grantType: string; outcome: string }[];
}

const requests = (rampart: Rampart) => rampart.awsControl<SendAttempt[]>('/_local/requests');

function draftTo(email: string, subject: string): Draft {
  return {
    composeId: `signin-${subject}`,
    kind: 'popout',
    from: null,
    to: [{ email }],
    cc: [],
    bcc: [],
    subject,
    html: '<p>Hi</p>',
    text: 'Hi',
    hasAttachments: false,
    isReply: false,
    unreadable: [],
  };
}

function send(page: Page, email: string, subject: string): Promise<SendResult> {
  return askFromPage<SendResult>(page, 'send', { draft: draftTo(email, subject), confirmed: true, requestId: `signin-${subject}` });
}

async function signInFromOptions(options: Page): Promise<Page> {
  const panel = options.locator('[data-rampart="signin-panel"]');
  await expect.poll(() => panel.getAttribute('data-state')).toBe('signed-out');
  await options.locator('[data-rampart="signin"]').click();
  await expect.poll(() => panel.getAttribute('data-state'), { timeout: 20_000 }).toBe('signed-in');
  expect(await options.locator('[data-rampart="signed-in-as"]').innerText()).toBe('sdr@outbound.example.com');
  return options;
}

test('signed in, Rampart sends with authenticated credentials within the team’s From domain, renews expired ones once, and signs out', async ({
  rampart,
}) => {
  await rampart.setSettings({ hostedUiDomain: rampart.aws.url });
  await rampart.awsControl('/_local/pool', { allowUnauthenticated: false });

  // The emulator profile signs itself in through the hosted UI (no window) when it first needs AWS.
  const popup = await rampart.openExtensionPage('popup.html');
  expect(await askFromPage<AccountView>(popup, 'getAccount', {})).toMatchObject({ max24HourSend: 300 });
  const options = await rampart.openExtensionPage('options.html');
  const panel = options.locator('[data-rampart="signin-panel"]');
  await expect.poll(() => panel.getAttribute('data-state')).toBe('signed-in');

  // Signed out, nothing works — no guest identity — and the user is told where to sign in.
  await options.locator('[data-rampart="signout"]').click();
  await expect.poll(() => panel.getAttribute('data-state')).toBe('signed-out');
  await expect(askFromPage<AccountView>(popup, 'getAccount', {})).rejects.toThrow(/signed-out.*sign in from Rampart’s options/);

  await signInFromOptions(options);
  const pool = await rampart.awsControl<UserPoolView>('/_local/user-pool');
  // The profile's own sign-in at start and the one from options: authorization codes only,
  // every one accepted (how many the start made depends on timing), no refresh yet.
  expect(pool.tokenRequests.length).toBeGreaterThanOrEqual(2);
  expect(pool.tokenRequests.every((r) => r.grantType === 'authorization_code' && r.outcome === 'ok')).toBe(true);

  expect(await askFromPage<AccountView>(popup, 'getAccount', {})).toMatchObject({ max24HourSend: 300 });
  const synced = await askFromPage<{ ok: boolean; error?: { message: string } }>(popup, 'sync', {});
  expect(synced.error?.message).toBeUndefined();

  const first = await send(popup, 'success@simulator.amazonses.com', 'first');
  expect(first.error?.message).toBeUndefined();
  expect(first.outcome).toBe('sent');

  // The role allows SendEmail only with a From in its domain: outside it, AccessDenied.
  await rampart.awsControl('/_local/policy', { allowedFromDomain: 'other.example.net' });
  const denied = await send(popup, 'success@simulator.amazonses.com', 'denied');
  expect(denied.outcome).toBe('failed');
  expect(denied.error?.code).toBe('access-denied');
  expect(denied.error?.message).toMatch(/not allowed to do this in SES .*ses:SendEmail.*Nothing was sent/);
  await rampart.awsControl('/_local/policy', { allowedFromDomain: 'outbound.example.com' });

  // Expired credentials: one ExpiredTokenException, new credentials, delivered once. The
  // credentials expire as the SendEmail arrives: expired at once, the background's
  // feedback poll or a sync could meet the expired token first and renew the shared
  // credentials before the send, which would then never see it.
  await rampart.awsControl('/_local/credentials/expire', { atNextSend: true });
  const renewed = await send(popup, 'success@simulator.amazonses.com', 'renewed');
  expect(renewed.error?.message).toBeUndefined();
  expect(renewed.outcome).toBe('sent');

  expect((await requests(rampart)).map((r) => r.outcome)).toEqual([
    'accepted',
    'AccessDeniedException',
    'ExpiredTokenException',
    'accepted',
  ]);
  const messages = await rampart.awsControl<{ subject: string; from: string }[]>('/_local/messages');
  expect(messages.map((m) => m.subject)).toEqual(['first', 'renewed']);

  // Two hours on the emulator's clock: the credentials and the ID token have both run
  // out there; the pool refuses the old token, the refresh token gets a new one.
  await rampart.awsControl('/_local/clock', { advance: 'PT2H' });
  const later = await send(popup, 'success@simulator.amazonses.com', 'later');
  expect(later.error?.message).toBeUndefined();
  expect(later.outcome).toBe('sent');
  const after = await rampart.awsControl<UserPoolView>('/_local/user-pool');
  expect(after.tokenRequests.slice(pool.tokenRequests.length).map((r) => `${r.grantType}:${r.outcome}`)).toEqual(['refresh_token:ok']);

  // The tokens and credentials live in storage.session only.
  const worker = await rampart.worker();
  const kept = await worker.evaluate(async () => ({
    session: Object.keys(await chrome.storage.session.get(null)),
    local: Object.keys(await chrome.storage.local.get(null)),
  }));
  expect(kept.session.sort()).toEqual(['rampart.signin', 'rampart.signin.credentials']);
  expect(kept.local.filter((key) => key.startsWith('rampart.signin'))).toEqual([]);

  await options.locator('[data-rampart="signout"]').click();
  await expect.poll(() => options.locator('[data-rampart="signin-panel"]').getAttribute('data-state')).toBe('signed-out');
  expect(await worker.evaluate(async () => Object.keys(await chrome.storage.session.get(null)))).toEqual([]);
  await expect(askFromPage<AccountView>(popup, 'getAccount', {})).rejects.toThrow(/signed-out.*sign in from Rampart’s options/);
});
