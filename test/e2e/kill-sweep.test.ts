import { expect } from 'vitest';
import { askFromPage, test } from './harness';
import { runKillSweep } from './kill-sweep';
import { allowSends, ledgerRecipients, outboxRows, receiveAndDrop, sendFrom, sesByOutbox } from './sends';

// A worker may die at any await of the send path; SES's answer may be lost on the way.
// Whatever happens, no send is doubled, none SES took is lost, and a send whose answer
// was lost is settled by SES's own event about it (its `outbox` tag).

test('a send held by SES, the worker stopped, the answer lost: SES’s Send event makes the row sent, once', async ({ rampart }) => {
  const page = await rampart.openExtensionPage('options.html');
  await allowSends(rampart, page, 20);
  await rampart.awsControl('/_local/faults', { count: 1, error: 'hold' });
  const reply = sendFrom(page, 'held', 'held-1');
  await expect.poll(async () => (await rampart.awsControl<unknown[]>('/_local/requests')).length, { timeout: 60_000 }).toBe(1);
  await rampart.stopWorker();
  // The answer goes to a worker that is gone.
  await rampart.awsControl('/_local/faults/release', {});
  expect((await reply).lost).toBeDefined();

  const [row] = (await outboxRows(page)).filter((r) => r.id === 'held-1');
  expect(row?.state).toBe('unknown');
  expect(row?.error?.message).toMatch(/Rampart has waited/);

  await askFromPage(page, 'pollFeedback', {});
  const ses = await sesByOutbox(rampart);
  expect(ses.get('held-1')).toHaveLength(1);
  await expect
    .poll(async () => (await outboxRows(page)).find((r) => r.id === 'held-1'))
    .toMatchObject({ state: 'sent', messageId: ses.get('held-1')![0] });
  expect(await ledgerRecipients(rampart)).toBe(1);
  // My cap counts it once, whatever comes after (the event again, another poll).
  await askFromPage(page, 'pollFeedback', {});
  const cap = await askFromPage<{ cap: { mine?: { sent: number } } }>(page, 'capToday', {});
  expect(cap.cap.mine?.sent).toBe(1);
  expect(await ledgerRecipients(rampart)).toBe(1);
});

test('a Send event taken by a worker that died before applying it comes back after the visibility timeout and settles the row', async ({
  rampart,
}) => {
  const page = await rampart.openExtensionPage('options.html');
  // No poll of the background's own but the ones asked below: the minute's alarm would read the event first.
  await (await rampart.worker()).evaluate(() => chrome.alarms.clear('rampart.feedback'));
  await allowSends(rampart, page, 20);
  await rampart.awsControl('/_local/faults', { count: 1, error: 'hold' });
  const reply = sendFrom(page, 'taken', 'taken-1');
  await expect.poll(async () => (await rampart.awsControl<unknown[]>('/_local/requests')).length, { timeout: 60_000 }).toBe(1);
  await rampart.stopWorker();
  await rampart.awsControl('/_local/faults/release', {});
  expect((await reply).lost).toBeDefined();
  // The dying worker's last long poll took SES's Send event, with the poll's 60 s
  // visibility timeout (lib/feedback/poll.ts), and never applied it.
  expect(await receiveAndDrop(rampart, 60)).toBeGreaterThanOrEqual(1);

  await askFromPage(page, 'pollFeedback', {});
  expect((await outboxRows(page)).find((r) => r.id === 'taken-1')?.state).toBe('unknown');
  expect(await ledgerRecipients(rampart)).toBe(0);

  // A minute later SQS delivers it again, and the next poll settles the row, once.
  await rampart.awsControl('/_local/clock', { advance: 'PT61S' });
  const ses = await sesByOutbox(rampart);
  await expect
    .poll(async () => {
      await askFromPage(page, 'pollFeedback', {});
      return (await outboxRows(page)).find((r) => r.id === 'taken-1');
    })
    .toMatchObject({ state: 'sent', messageId: ses.get('taken-1')![0] });
  expect(await ledgerRecipients(rampart)).toBe(1);
});

test('the worker stopped at every await of the send path, one send and three tabs at once', async ({ rampart }) => {
  const figures = await runKillSweep(rampart, { stride: Number(process.env.RAMPART_SWEEP_STRIDE ?? 2), log: (line) => console.log(line) });
  console.log(JSON.stringify({ name: 'kill-sweep', ...figures }));
  expect(figures.points).toBeGreaterThanOrEqual(10);
  expect(figures.duplicates).toBe(0);
  expect(figures.lost).toBe(0);
  expect(figures.unexplained).toBe(0);
  expect(figures.ledger_recipients).toBe(figures.ses_accepted);
}, 600_000);
