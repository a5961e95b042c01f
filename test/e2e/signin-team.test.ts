import { expect } from 'vitest';
import type { Draft } from '@/lib/core/draft';
import type { SendResult } from '@/lib/protocol/messages';
import { askFromPage, test, type Rampart } from './harness';

// Only the team gets in, and off-boarding holds: the built emulator profile signs in
// through the emulator's hosted UI, whose user pool applies the deployed pre sign-up rule
// (the team's domain, or an invitation) and the lead's off-boarding (disable + global
// sign-out).

function draftTo(email: string, subject: string): Draft {
  return {
    composeId: `team-${subject}`,
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

async function openSignIn(rampart: Rampart) {
  await rampart.setSettings({ hostedUiDomain: rampart.aws.url });
  await rampart.awsControl('/_local/pool', { allowUnauthenticated: false });
  const options = await rampart.openExtensionPage('options.html');
  const panel = options.locator('[data-rampart="signin-panel"]');
  await expect.poll(() => panel.getAttribute('data-state')).toBe('signed-out');
  return { options, panel };
}

test('a stranger’s sign-in is refused with the pool’s sentence; once invited, the same person gets in', async ({ rampart }) => {
  const { options, panel } = await openSignIn(rampart);
  await rampart.awsControl('/_local/user-pool', { signedInEmail: 'stranger@gmail.com' });

  await options.locator('[data-rampart="signin"]').click();
  const error = options.locator('[data-rampart="signin-error"]');
  await expect.poll(() => error.count(), { timeout: 20_000 }).toBe(1);
  expect(await error.innerText()).toContain(
    'stranger@gmail.com is not on this Rampart team. Sign in with your work account, or ask your team lead to invite this address',
  );
  expect(await panel.getAttribute('data-state')).toBe('signed-out');
  const team = await rampart.awsControl<{ members: { email: string }[] }>('/_local/team');
  expect(team.members.map((m) => m.email)).not.toContain('stranger@gmail.com');

  await rampart.awsControl('/_local/team', { invited: ['stranger@gmail.com'] });
  await options.locator('[data-rampart="signin"]').click();
  await expect.poll(() => panel.getAttribute('data-state'), { timeout: 20_000 }).toBe('signed-in');
  expect(await options.locator('[data-rampart="signed-in-as"]').innerText()).toBe('stranger@gmail.com');
});

test('off-boarded, a member’s browser can neither refresh its sign-in nor get new credentials: nothing more is sent', async ({
  rampart,
}) => {
  const { options, panel } = await openSignIn(rampart);
  await options.locator('[data-rampart="signin"]').click();
  await expect.poll(() => panel.getAttribute('data-state'), { timeout: 20_000 }).toBe('signed-in');

  const popup = await rampart.openExtensionPage('popup.html');
  const send = (subject: string) =>
    askFromPage<SendResult>(popup, 'send', {
      draft: draftTo('success@simulator.amazonses.com', subject),
      confirmed: true,
      requestId: `team-${subject}`,
    });
  const before = await send('before');
  expect(before.error?.message).toBeUndefined();
  expect(before.outcome).toBe('sent');

  await rampart.awsControl('/_local/team/offboard', { email: 'sdr@outbound.example.com' });
  // The credentials already issued and the ID token run out (they last an hour); the
  // browser must then refresh, which the pool now refuses.
  await rampart.awsControl('/_local/clock', { advance: 'PT2H' });
  const after = await send('after');
  expect(after.outcome).not.toBe('sent');
  // Whichever call meets the refused refresh first signs the browser out: the send itself
  // ('signin-expired'), or a feedback poll or sync a moment before it ('signed-out').
  expect(['signin-expired', 'signed-out']).toContain(after.error?.code);

  const messages = await rampart.awsControl<{ subject: string }[]>('/_local/messages');
  expect(messages.map((m) => m.subject)).toEqual(['before']);
  const pool = await rampart.awsControl<{ tokenRequests: { grantType: string; outcome: string }[] }>('/_local/user-pool');
  // The emulator profile's own sign-in at start may add an authorization code of its own;
  // what matters is the one refresh after off-boarding, refused.
  expect(pool.tokenRequests.filter((r) => r.grantType === 'refresh_token').map((r) => r.outcome)).toEqual(['invalid_grant']);
  expect(pool.tokenRequests.filter((r) => r.grantType === 'authorization_code').every((r) => r.outcome === 'ok')).toBe(true);
});
