import type { Page } from 'playwright-core';
import { askFromPage, type Rampart } from './launch';
import { allowSends, ledgerRecipients, outboxRows, sendFrom, sesByOutbox, type OutboxView } from './sends';

// The kill-point sweep, shared by its end-to-end test and its benchmark line: the worker is
// stopped at each await of the send path in turn (lib/send/kill-points.ts, test builds
// only), for one send and for three tabs sending at once, and once more while SES holds
// the request (its answer lost). Then the worker wakes, the outbox recovers, SES's events
// are read, and each send is judged against what SES took:
// - duplicate: SES took it more than once;
// - lost: SES took it but the row does not end `sent` with its id, or the row says `sent`
//   for a message SES never took;
// - unresolved: the row stays `unknown` (allowed only with its sentence, when SES never
//   got the request: no event can come).

export interface SweepFigures {
  points: number;
  /** Names of the points of one send, in order. */
  point_names: string[];
  scenarios: number;
  sends: number;
  duplicates: number;
  lost: number;
  unresolved: number;
  /** Unknown rows without a sentence (must be none). */
  unexplained: number;
  ledger_recipients: number;
  ses_accepted: number;
  /** The ledger caught up only once events a stopped worker had received were visible again. */
  redelivered_after_visibility?: boolean;
}

async function killSwitch(rampart: Rampart, armedAt?: number): Promise<void> {
  const worker = await rampart.worker();
  await worker.evaluate((k) => {
    globalThis.__rampartKillSwitch = { ...(k === undefined ? {} : { armedAt: k }), count: 0, names: [] };
  }, armedAt);
}

async function reachedPoint(rampart: Rampart): Promise<{ reached?: string; names: string[] }> {
  const worker = await rampart.worker();
  return worker.evaluate(() => ({ reached: globalThis.__rampartKillSwitch?.reached, names: globalThis.__rampartKillSwitch?.names ?? [] }));
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runKillSweep(
  rampart: Rampart,
  options: { stride?: number; log?: (line: string) => void } = {},
): Promise<SweepFigures> {
  const log = options.log ?? (() => {});
  const pages: Page[] = [];
  for (let i = 0; i < 3; i++) pages.push(await rampart.openExtensionPage('options.html'));
  await allowSends(rampart, pages[0]!, 400);

  const figures: SweepFigures = {
    points: 0,
    point_names: [],
    scenarios: 0,
    sends: 0,
    duplicates: 0,
    lost: 0,
    unresolved: 0,
    unexplained: 0,
    ledger_recipients: 0,
    ses_accepted: 0,
  };
  let seq = 0;
  const nextId = () => `sweep-${++seq}`;

  /** Judge the sends of one scenario once the worker woke and SES's events were read. */
  async function judge(ids: string[]): Promise<void> {
    let rows: OutboxView[] = [];
    let ses = new Map<string, string[]>();
    // Poll until every send SES took is settled (its Send event read), or give up and count it.
    for (let round = 0; round < 30; round++) {
      await askFromPage(pages[0]!, 'pollFeedback', {}).catch(() => undefined);
      rows = await outboxRows(pages[0]!);
      ses = await sesByOutbox(rampart);
      const pending = ids.some((id) => (ses.get(id)?.length ?? 0) > 0 && rows.find((r) => r.id === id)?.state !== 'sent');
      if (!pending) break;
      await pause(250);
    }
    for (const id of ids) {
      figures.sends++;
      const took = ses.get(id) ?? [];
      const row = rows.find((r) => r.id === id);
      if (took.length > 1) figures.duplicates += took.length - 1;
      if (row?.state === 'unknown') {
        figures.unresolved++;
        if (!row.error?.message) figures.unexplained++;
      }
      if (took.length > 0 && !(row?.state === 'sent' && took.includes(row.messageId ?? ''))) {
        if (row?.state !== 'unknown') figures.lost++;
        log(`  ${id}: SES took ${took.join(',')}, the row is ${row?.state ?? 'missing'}`);
      }
      if (took.length === 0 && row?.state === 'sent') {
        figures.lost++;
        log(`  ${id}: the row says sent, SES took nothing`);
      }
    }
  }

  async function scenario(armedAt: number | undefined, senders: number, hold = false): Promise<string[]> {
    figures.scenarios++;
    await killSwitch(rampart, armedAt);
    if (hold) await rampart.awsControl('/_local/faults', { count: 1, error: 'hold' });
    const before = (await rampart.awsControl<unknown[]>('/_local/requests')).length;
    const ids = Array.from({ length: senders }, nextId);
    let done = 0;
    const replies = ids.map((id, i) => sendFrom(pages[i]!, id, id).finally(() => done++));
    // Wait for the armed point (or the held request), then stop the worker right there.
    for (;;) {
      if (hold) {
        if ((await rampart.awsControl<unknown[]>('/_local/requests')).length > before) break;
      } else if ((await reachedPoint(rampart)).reached || done === senders) break;
      await pause(50);
    }
    const { reached } = hold ? { reached: 'in-flight' } : await reachedPoint(rampart);
    await rampart.stopWorker();
    if (hold) await rampart.awsControl('/_local/faults/release', {});
    await Promise.all(replies);
    log(`stopped at ${armedAt ?? '-'} (${reached ?? 'after the path'}), ${senders} send(s)`);
    await judge(ids);
    return ids;
  }

  // One unarmed send lists the points of the path.
  await killSwitch(rampart);
  const first = nextId();
  const reply = await sendFrom(pages[0]!, first, first);
  if (reply.outcome !== 'sent') throw new Error(`the listing send did not go: ${JSON.stringify(reply)}`);
  figures.point_names = (await reachedPoint(rampart)).names;
  figures.points = figures.point_names.length;
  await judge([first]);

  const stride = Math.max(1, options.stride ?? 1);
  for (let k = 1; k <= figures.points; k++) await scenario(k, 1);
  await scenario(undefined, 1, true);
  for (let k = 1; k <= figures.points * 3; k += stride) await scenario(k, 3);
  await scenario(undefined, 3, true);

  const requests = await rampart.awsControl<Array<{ outcome: string; recipients: string[] }>>('/_local/requests');
  figures.ses_accepted = requests.filter((r) => r.outcome === 'accepted').reduce((n, r) => n + r.recipients.length, 0);
  // The last scenario's lost answer is settled by SES's Send event, which arrives on the
  // feedback queue a moment later: drain it (up to 30 s) before comparing with SES's count.
  // A Send event that a stopped worker had already received (its long poll answered, the
  // worker gone before it applied the event) is hidden for the poll's visibility timeout
  // (lib/feedback/poll.ts, 60 s) and then delivered again: let two minutes pass on
  // SQS's clock and drain once more.
  const extension = await rampart.openExtensionPage('popup.html');
  const drainUntilCounted = async () => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      figures.ledger_recipients = await ledgerRecipients(rampart);
      if (figures.ledger_recipients >= figures.ses_accepted || Date.now() > deadline) return;
      await askFromPage(extension, 'pollFeedback', {}).catch(() => undefined);
      await pause(500);
    }
  };
  await drainUntilCounted();
  if (figures.ledger_recipients < figures.ses_accepted) {
    const queued = await rampart.awsControl<Array<{ name: string; messages: number }>>('/_local/queues');
    log(
      `ledger ${figures.ledger_recipients} < SES ${figures.ses_accepted}; queued: ${queued.map((q) => `${q.name} ${q.messages}`).join(', ')}`,
    );
    figures.redelivered_after_visibility = true;
    await rampart.awsControl('/_local/clock', { advance: 'PT2M' });
    await drainUntilCounted();
  }
  await extension.close();
  for (const page of pages) await page.close();
  return figures;
}
