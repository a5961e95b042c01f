import { GetQueueUrlCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Page } from 'playwright-core';
import { addDays } from '@/lib/core/calendar';
import { defaultPlan } from '@/lib/ramp/plan';
import { askFromPage, type Rampart } from './launch';
import { signedInCredentials } from '../support/aws-control';

// Sends made the way the compose window makes them (the `send` message, a request id per
// click), without Gmail's page: what the reliability tests and the outbox benchmark need.

/** A ramp long past its steps and an account that allow `perDay` one-recipient sends today. */
export async function allowSends(rampart: Rampart, page: Page, perDay: number, account: Record<string, unknown> = {}): Promise<void> {
  await rampart.awsControl('/_local/account', { SendQuota: { Max24HourSend: Math.max(perDay * 4, 300), MaxSendRate: 14 }, ...account });
  const today = new Date().toISOString().slice(0, 10);
  const plan = { ...defaultPlan(addDays(today, -60), 'UTC'), prospectsPerMailboxPerDay: Math.ceil((perDay * 1.2) / 3) };
  await askFromPage(page, 'saveRampPlan', { plan, by: 'test' });
  await askFromPage(page, 'sync', {});
}

export function oneRecipientDraft(tag: string) {
  return {
    composeId: `compose-${tag}`,
    kind: 'popout' as const,
    from: null,
    to: [{ email: `p-${tag}@prospect.example` }],
    cc: [],
    bcc: [],
    subject: `Following up ${tag}`,
    html: '',
    text: 'Hello',
    hasAttachments: false,
    isReply: false,
    unreadable: [],
  };
}

export interface SendReply {
  outcome?: string;
  messageId?: string;
  error?: { code: string; message: string };
  /** The message never got an answer (the worker stopped). */
  lost?: string;
}

/** One click on Send via SES from `page`; a stopped worker's lost reply is a value, not a throw. */
export async function sendFrom(page: Page, tag: string, requestId: string): Promise<SendReply> {
  try {
    return await askFromPage<SendReply>(page, 'send', { draft: oneRecipientDraft(tag), confirmed: true, requestId });
  } catch (error) {
    return { lost: error instanceof Error ? error.message : String(error) };
  }
}

export interface OutboxView {
  id: string;
  state: string;
  messageId?: string;
  error?: { code: string; message: string };
}

export const outboxRows = (page: Page) => askFromPage<OutboxView[]>(page, 'outbox', {});

/** What SES took, by outbox tag: how many messages each send became. */
export async function sesByOutbox(rampart: Rampart): Promise<Map<string, string[]>> {
  const requests = await rampart.awsControl<Array<{ outcome: string; messageId?: string }>>('/_local/requests');
  const messages = await rampart.awsControl<Array<{ messageId: string; tags: Record<string, string> }>>('/_local/messages');
  const tagOf = new Map(messages.map((m) => [m.messageId, m.tags.outbox ?? '']));
  const byOutbox = new Map<string, string[]>();
  for (const r of requests) {
    if (r.outcome !== 'accepted' || !r.messageId) continue;
    const outbox = tagOf.get(r.messageId) ?? '';
    byOutbox.set(outbox, [...(byOutbox.get(outbox) ?? []), r.messageId]);
  }
  return byOutbox;
}

/** Recipients counted in the extension's ledger (IndexedDB, read in the worker). */
export async function ledgerRecipients(rampart: Rampart): Promise<number> {
  const worker = await rampart.worker();
  return worker.evaluate(async () => {
    const open = indexedDB.open('rampart');
    const database = await new Promise<IDBDatabase>((ok, fail) => {
      open.onsuccess = () => ok(open.result);
      open.onerror = () => fail(open.error);
    });
    const rows = await new Promise<Array<{ recipientCount: number }>>((ok, fail) => {
      const request = database.transaction('ledger').objectStore('ledger').getAll();
      request.onsuccess = () => ok(request.result);
      request.onerror = () => fail(request.error);
    });
    database.close();
    return rows.reduce((n, r) => n + r.recipientCount, 0);
  });
}

/**
 * What a worker that dies mid-poll does to the feedback queue: it receives the waiting
 * events (hiding them for `visibilitySeconds`, as the background's poll does) and never
 * applies or deletes them. Signed in as the SDR (guests get nothing from SQS). Returns how
 * many it took.
 */
export async function receiveAndDrop(rampart: Rampart, visibilitySeconds: number): Promise<number> {
  const url = rampart.aws.url;
  const sqs = new SQSClient({
    region: 'us-east-1',
    endpoint: url,
    credentials: signedInCredentials(url),
  });
  try {
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'rampart-events-sdr_40outbound_2eexample_2ecom' }));
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, VisibilityTimeout: visibilitySeconds }),
    );
    return Messages.length;
  } finally {
    sqs.destroy();
  }
}
