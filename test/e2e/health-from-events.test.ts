import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { DashboardView } from '@/lib/dashboard/view';
import type { Draft } from '@/lib/core/draft';
import type { SendResult } from '@/lib/protocol/messages';
import type { RateName } from '@/lib/ramp/health';
import type { PollFeedbackReply } from '@/lib/suppression/messages';
import { askFromPage, test } from './harness';

// Health without VDM (docs/rules.md, "Health" and "Feedback events"): the sends come from
// Rampart's ledger, every other count from SES's events on the sender's SQS queue. Ten
// one-recipient sends to ordinary addresses, each of which the emulator delivers and
// publishes a Delivery event for (dev/local-aws/ses/send.ts), then two permanent
// bounces, one transient bounce and one complaint injected as SES would publish them.

const WAIT = 60_000;
const SENDS = 10;

function draftTo(email: string, n: number): Draft {
  return {
    composeId: `health-events-${n}-${Date.now()}`,
    kind: 'popout',
    from: null,
    to: [{ email }],
    cc: [],
    bcc: [],
    subject: `Following up, note ${n}`,
    html: `<p>Hi, note ${n}</p>`,
    text: `Hi, note ${n}`,
    hasAttachments: false,
    isReply: false,
    unreadable: [],
  };
}

const row = (popup: Page, name: string) => popup.locator(`[data-rampart="${name}"]`).first();
const cell = async (popup: Page, name: string, column: number) => (await row(popup, name).locator('td').nth(column).innerText()).trim();

test('without VDM, health rates come from the feedback events and match the injected counts', { timeout: 400_000 }, async ({ rampart }) => {
  await rampart.awsControl('/_local/account', { VdmEnabled: false });
  const popup = await rampart.openExtensionPage('popup.html');
  // The popup syncs on opening; let it finish so VDM is read as off.
  await expect.poll(() => row(popup, 'sync-status').getAttribute('data-state'), { timeout: WAIT }).toMatch(/ok|failed/);
  await askFromPage(popup, 'sync', {});

  const recipients = Array.from({ length: SENDS }, (_, i) => `prospect${i}@prospect.example`);
  const messageIds: string[] = [];
  for (const [i, email] of recipients.entries()) {
    const sent = await askFromPage<SendResult>(popup, 'send', {
      draft: draftTo(email, i),
      confirmed: true,
      requestId: `health-${i}-${Date.now()}`,
    });
    expect(sent.outcome, JSON.stringify(sent)).toBe('sent');
    messageIds.push(sent.messageId!);
  }

  // Each ordinary recipient is delivered by the emulator, which publishes one Delivery event each.
  const delivered = await rampart.awsControl<Array<{ messageId: string; to: string[] }>>('/_local/messages');
  expect(delivered.filter((m) => messageIds.includes(m.messageId))).toHaveLength(SENDS);

  const inject = (event: Record<string, unknown>, i: number) =>
    rampart.awsControl('/_local/events', { ...event, recipient: recipients[i], messageId: messageIds[i] });
  await inject({ type: 'Bounce', bounceType: 'Permanent' }, 0);
  await inject({ type: 'Bounce', bounceType: 'Permanent' }, 1);
  await inject({ type: 'Bounce', bounceType: 'Transient' }, 2);
  await inject({ type: 'Complaint' }, 3);

  // The background long-polls too: poll until all 14 events (10 deliveries + 4 injected)
  // have been applied, whichever of the two consumed them.
  await expect
    .poll(
      async () => {
        await askFromPage<PollFeedbackReply>(popup, 'pollFeedback', {});
        const view = await askFromPage<DashboardView>(popup, 'dashboard', {});
        const counts = Object.fromEntries(view.health.rates.map((r) => [r.name, `${r.numerator}/${r.denominator}`]));
        return counts;
      },
      { timeout: WAIT, interval: 1_000 },
    )
    .toMatchObject({ delivery: '10/10', hardBounce: '2/10', softBounce: '1/10', complaint: '1/10' });

  const view = await askFromPage<DashboardView>(popup, 'dashboard', {});
  expect(view.health.source).toBe('ledger');
  expect(view.health.fallbackReason ?? '').toMatch(/VDM/);
  const rate = (name: RateName) => view.health.rates.find((r) => r.name === name)!;
  // docs/rules.md's levels: delivery < 95% alert; hard bounce ≥ 4% alert; soft bounce ≥ 5%
  // alert; complaint ≥ 0.08% alert.
  expect(rate('delivery')).toMatchObject({ percent: 100, status: 'ok', sends: SENDS });
  expect(rate('hardBounce')).toMatchObject({ percent: 20, status: 'alert' });
  expect(rate('softBounce')).toMatchObject({ percent: 10, status: 'alert' });
  expect(rate('complaint')).toMatchObject({ percent: 10, status: 'alert' });

  // The popup shows the same figures.
  await popup.reload();
  await expect.poll(() => cell(popup, 'health-hard-bounce', 1), { timeout: WAIT }).toMatch(/^2 \/ 10/);
  const shown: Array<[string, string, RegExp, string]> = [
    ['health-delivery', '100%', /^10 \/ 10/, 'ok'],
    ['health-hard-bounce', '20%', /^2 \/ 10/, 'alert'],
    ['health-soft-bounce', '10%', /^1 \/ 10/, 'alert'],
    ['health-complaint', '10%', /^1 \/ 10/, 'alert'],
  ];
  for (const [name, percent, counts, status] of shown) {
    expect(await row(popup, name).getAttribute('data-status'), name).toBe(status);
    expect(await cell(popup, name, 0), name).toContain(percent);
    expect(await cell(popup, name, 1), name).toMatch(counts);
  }
  expect(await popup.locator('body').innerText()).toContain('Source: Rampart’s ledger');
  expect(await popup.locator('body').innerText()).not.toContain('Source: SES metrics (VDM)');
});
