import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { STATIC_ACCESS_KEY_ID, STATIC_SECRET_ACCESS_KEY } from '../../../dev/local-aws/credentials';
import { startLocalAws, type LocalAws } from '../../../dev/local-aws/server';
import { RampartDb } from '@/lib/store/db';
import type { Draft } from '@/lib/core/draft';
import { parseFeedback } from '@/lib/feedback/event';
import { pollFeedbackOnce, type PollTarget } from '@/lib/feedback/poll';
import { createOutbox, type OutboxDeps } from '@/lib/send/outbox';
import type { Settings } from '@/lib/store/settings';
import type { CachedCredentials } from '@/lib/aws/credentials';
import { demoSettings, draftOf } from '../../support/builders';

// A send whose answer was lost is settled by SES's own event about it, found by the
// `outbox` tag every SendEmail carries; and a send SES accepted is never left without its
// MessageId, even when recording it fails. Against the local AWS emulator: real SES
// answers, real events on the sender's SQS queue.

let aws: LocalAws;
beforeAll(async () => (aws = await startLocalAws({ port: 0 })));
afterAll(() => aws.close());

async function control<T = unknown>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${aws.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

// The emulator's long-term key pair: these tests are about the outbox, not about sign-in.
const credentials = Object.assign(async () => ({ accessKeyId: STATIC_ACCESS_KEY_ID, secretAccessKey: STATIC_SECRET_ACCESS_KEY }), {
  invalidate: () => {},
  memoized: true as const,
}) as CachedCredentials;

const draft = (n: number): Draft =>
  draftOf({
    composeId: `compose-${n}`,
    to: [{ email: `ana${n}@prospect.example` }],
    subject: `Quick question ${n}`,
    html: '',
    text: 'Hello',
  });

let database: RampartDb;
let settings: Settings;
let dbCount = 0;
let unknownNoted = 0;

/** A client whose answers never arrive: SES gets the request, the caller a network error. */
function losingClient(): SESv2Client {
  const client = new SESv2Client({ region: 'us-east-1', endpoint: aws.url, credentials, maxAttempts: 1 });
  client.middlewareStack.add(
    (next) => async (args) => {
      await next(args);
      throw new TypeError('Failed to fetch');
    },
    { step: 'deserialize', name: 'loseTheAnswer' },
  );
  return client;
}

function deps(patch: Partial<OutboxDeps> = {}, ses?: SESv2Client): OutboxDeps {
  return {
    database: () => database,
    loadSettings: async () => settings,
    clients: () => ({
      sesSend: ses ?? new SESv2Client({ region: 'us-east-1', endpoint: aws.url, credentials, maxAttempts: 1 }),
      credentials,
    }),
    now: () => new Date(),
    timeZone: () => 'UTC',
    retry: { maxAttempts: 1, baseMs: 1, capMs: 1, random: () => 0, sleep: async () => {} },
    onUnknown: () => void unknownNoted++,
    ...patch,
  };
}

/** Rampart's feedback poll on the sender's queue (found by its tag), until it is empty. */
async function pollAll(): Promise<number> {
  const queues = await control<Array<{ name: string; sender: string | null }>>('/_local/queues');
  const queue = queues.find((q) => q.sender !== null);
  if (!queue) return 0;
  const target: PollTarget = {
    sqs: new SQSClient({ region: 'us-east-1', endpoint: aws.url, credentials, maxAttempts: 1 }),
    queueName: queue.name,
    targetKey: 'test',
    share: { ses: new SESv2Client({ region: 'us-east-1', endpoint: aws.url, credentials, maxAttempts: 1 }) },
    now: () => new Date(),
    timeZone: 'UTC',
    database,
  };
  let applied = 0;
  for (;;) {
    const round = await pollFeedbackOnce(target, { waitSeconds: 0 });
    applied += round.applied;
    if (round.received === 0) return applied;
  }
}

beforeEach(async () => {
  await control('/_local/reset', {});
  database = new RampartDb(`outbox-settle-${++dbCount}`);
  settings = { ...demoSettings, endpointOverride: aws.url, contactList: '' };
  unknownNoted = 0;
});
afterEach(() => database.close());

describe('the outbox tag', () => {
  it('every SendEmail carries its outbox row’s id as the `outbox` tag, beside `sender`', async () => {
    const result = await createOutbox(deps()).send({ draft: draft(1), confirmed: false, requestId: 'row_1-A' });
    expect(result.outcome).toBe('sent');
    const [message] = await control<Array<{ tags: Record<string, string> }>>('/_local/messages');
    expect(message?.tags).toMatchObject({ outbox: 'row_1-A', sender: expect.any(String) });
  });
});

describe('reading the events that settle a send', () => {
  it('takes the outbox row from mail.tags, and reads SES’s spelling of a rendering failure', () => {
    const body = (tags: unknown) =>
      JSON.stringify({
        eventType: 'Rendering Failure',
        mail: { messageId: 'm1', timestamp: '2026-12-01T10:00:00Z', destination: ['a@b.example'], tags },
        failure: { errorMessage: 'no such variable', templateName: 't' },
      });
    expect(parseFeedback(body({ outbox: ['row-1'], sender: ['s'] }), 'q1')).toMatchObject({
      ok: true,
      event: { kind: 'RenderingFailure', outboxId: 'row-1', messageId: 'm1', reason: 'no such variable' },
    });
    // Not an id Rampart could have sent: ignored rather than trusted.
    const odd = parseFeedback(body({ outbox: ['../x y'] }), 'q2');
    expect(odd.ok && odd.event.outboxId).toBe(undefined);
  });
});

describe('an unknown send settled by SES’s events', () => {
  it('a lost answer is unknown; the Send event makes it sent with its MessageId, one ledger row, the cap counted once', async () => {
    const result = await createOutbox(deps({}, losingClient())).send({ draft: draft(2), confirmed: false, requestId: 'lost-1' });
    expect(result.outcome).toBe('unknown');
    expect(unknownNoted).toBe(1);
    await database.reservations.put({ id: 'lost-1', day: '2026-01-01', recipients: 1, createdAt: new Date().toISOString() });

    expect(await pollAll()).toBeGreaterThan(0);
    const [message] = await control<Array<{ messageId: string }>>('/_local/messages');
    const row = await database.outbox.get('lost-1');
    expect(row).toMatchObject({ state: 'sent', messageId: message!.messageId });
    expect(row?.error).toBeUndefined();
    expect(await database.ledger.where('outboxId').equals('lost-1').count()).toBe(1);
    expect(await database.reservations.get('lost-1')).toBeUndefined();

    // SQS delivers at least once: the same event again changes nothing.
    const event = {
      id: 'again',
      kind: 'Send' as const,
      messageId: message!.messageId,
      outboxId: 'lost-1',
      at: new Date().toISOString(),
      recipients: [],
    };
    const { applyFeedback } = await import('@/lib/feedback/apply');
    await applyFeedback(event, new Date(), 'UTC', database);
    expect(await database.ledger.count()).toBe(1);
    // Asking again for the same request is answered from the row: sent, with its id.
    const again = await createOutbox(deps()).send({ draft: draft(2), confirmed: false, requestId: 'lost-1' });
    expect(again).toMatchObject({ outcome: 'sent', messageId: message!.messageId });
  });

  it('a Reject event makes an unknown send failed, said in a sentence, still counted as SES counts it', async () => {
    await control('/_local/faults', { count: 1, error: 'Reject' });
    const result = await createOutbox(deps({}, losingClient())).send({ draft: draft(3), confirmed: false, requestId: 'lost-2' });
    expect(result.outcome).toBe('unknown');
    await pollAll();
    const row = await database.outbox.get('lost-2');
    expect(row?.state).toBe('failed');
    expect(row?.error?.message).toMatch(/rejected it .*not delivered/);
    expect(await database.ledger.where('outboxId').equals('lost-2').count()).toBe(1);
  });

  it('a late answer after the Send event records nothing twice', async () => {
    await control('/_local/faults', { count: 1, error: 'hold' });
    const outbox = createOutbox(deps());
    const sending = outbox.send({ draft: draft(4), confirmed: false, requestId: 'late-1' });
    // The worker that sent it is gone (a new one recovers the row), the event comes first…
    await expect.poll(async () => (await control<unknown[]>('/_local/requests')).length).toBe(1);
    await expect.poll(async () => (await database.outbox.get('late-1'))?.state).toBe('sending');
    await createOutbox(deps()).recovered();
    expect((await database.outbox.get('late-1'))?.state).toBe('unknown');
    await pollAll();
    expect((await database.outbox.get('late-1'))?.state).toBe('sent');
    // …then the held answer arrives.
    await control('/_local/faults/release', {});
    const result = await sending;
    expect(result.outcome).toBe('sent');
    expect(await database.ledger.count()).toBe(1);
    expect((await database.outbox.get('late-1'))?.messageId).toBe(result.messageId);
  });

  it('with no event, the row stays unknown and says how long Rampart has waited and what it knows', async () => {
    // The configuration set publishes nothing for this send: no event will come.
    await control('/_local/configuration-set', { name: 'rampart', events: [] });
    let now = new Date();
    const outbox = createOutbox(
      deps({ now: () => now, lastPollAt: async () => new Date(now.getTime() - 30_000).toISOString() }, losingClient()),
    );
    await outbox.send({ draft: draft(5), confirmed: false, requestId: 'lost-3' });
    now = new Date(now.getTime() + 25 * 60_000);
    const [view] = await outbox.list();
    expect(view?.state).toBe('unknown');
    expect(view?.error?.message).toMatch(/Rampart has waited 25 min/);
    expect(view?.error?.message).toMatch(/No Send or Reject event about it has come from SES/);
  });
});

describe('a send SES accepted keeps its MessageId', () => {
  it('when recording it fails, the SDR is told it was sent, the row keeps the id, and the next worker records it once', async () => {
    let failWrites = true;
    database.ledger.hook('creating', () => {
      if (failWrites) throw new Error('QuotaExceededError');
    });
    const result = await createOutbox(deps()).send({ draft: draft(6), confirmed: false, requestId: 'unrecorded-1' });
    const [message] = await control<Array<{ messageId: string }>>('/_local/messages');
    expect(result).toMatchObject({ outcome: 'sent', messageId: message!.messageId });
    const row = await database.outbox.get('unrecorded-1');
    expect(row?.messageId).toBe(message!.messageId);
    expect(await database.ledger.count()).toBe(0);

    failWrites = false;
    await createOutbox(deps()).recovered();
    expect(await database.outbox.get('unrecorded-1')).toMatchObject({ state: 'sent', messageId: message!.messageId });
    expect(await database.ledger.count()).toBe(1);
    // Its Send event, arriving after, changes nothing.
    await pollAll();
    expect(await database.ledger.count()).toBe(1);
  });
});
