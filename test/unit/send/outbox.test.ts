import { SESv2Client } from '@aws-sdk/client-sesv2';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLocalAws, type LocalAws } from '../../../dev/local-aws/server';
import { RampartDb, type OutboxRow } from '@/lib/store/db';
import type { Draft } from '@/lib/core/draft';
import { createOutbox, type OutboxDeps } from '@/lib/send/outbox';
import type { Settings } from '@/lib/store/settings';
import { cognitoCredentials, awsTargetOf } from '@/lib/aws/credentials';
import type { RetryPolicy } from '@/lib/aws/send';
import { draftOf, settingsOf } from '../../support/builders';
import { emulatorSignInSettings, signInThroughEmulator } from '../../support/sign-in';

// The outbox and its retry policy against the local AWS emulator: real SigV4, real
// Cognito credentials, SES's own errors and the emulator's record of every SendEmail.

let aws: LocalAws;
beforeAll(async () => {
  aws = await startLocalAws({ port: 0 });
});
afterAll(async () => {
  await aws.close();
});

async function control<T = unknown>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${aws.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

interface SesRequest {
  outcome: string;
  from: string;
  recipients: string[];
}
interface DeliveredMessage {
  messageId: string;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  text: string;
  html: string;
  headers: Array<{ name: string; value: string }> | Record<string, string>;
  tags: Array<{ name: string; value: string }> | Record<string, string>;
}
const requests = () => control<SesRequest[]>('/_local/requests');
const messages = () => control<DeliveredMessage[]>('/_local/messages');

function settingsFor(url: string, patch: Partial<Settings> = {}): Settings {
  return settingsOf({ endpointOverride: url, ...emulatorSignInSettings(url), contactList: 'rampart', contactTopic: 'outbound', ...patch });
}

function draft(patch: Partial<Draft> = {}): Draft {
  return draftOf({
    composeId: 'compose-1',
    to: [{ email: 'Ana@Prospect.example', name: 'Ana Prospect' }],
    subject: 'Quick question',
    html: '<p>Hello Ana</p>',
    text: 'Hello Ana',
    ...patch,
  });
}

let database: RampartDb;
let sleeps: number[];
let settings: Settings;
let dbCount = 0;

function deps(patch: Partial<OutboxDeps> = {}): OutboxDeps {
  const target = awsTargetOf(settings);
  const credentials = cognitoCredentials(target);
  const retry: RetryPolicy = {
    maxAttempts: 4,
    baseMs: 100,
    capMs: 1_000,
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  };
  return {
    database: () => database,
    loadSettings: async () => settings,
    clients: () => ({
      sesSend: new SESv2Client({ region: target.region, endpoint: target.endpoint, credentials, maxAttempts: 1 }),
      credentials,
    }),
    now: () => new Date(),
    timeZone: () => 'Europe/Paris',
    retry,
    ...patch,
  };
}

beforeEach(async () => {
  await control('/_local/reset', {});
  await signInThroughEmulator(aws.url);
  database = new RampartDb(`outbox-test-${++dbCount}`);
  sleeps = [];
  settings = settingsFor(aws.url);
});
afterEach(async () => {
  database.close();
});

describe('outbox send', () => {
  it('writes the row, sends once through SES and records the ledger row', async () => {
    const outbox = createOutbox(deps());
    const result = await outbox.send({ draft: draft({ cc: [{ email: 'bo@prospect.example' }] }), confirmed: false, requestId: 'r1' });

    expect(result.outcome).toBe('sent');
    expect(result.messageId).toBeTruthy();
    const row = await database.outbox.get('r1');
    expect(row).toMatchObject({ state: 'sent', attempts: 1, messageId: result.messageId, composeId: 'compose-1' });
    const ledger = await database.ledger.get(result.messageId!);
    expect(ledger).toMatchObject({
      outboxId: 'r1',
      recipients: ['ana@prospect.example', 'bo@prospect.example'],
      recipientCount: 2,
      subject: 'Quick question',
      senderTag: 'sdr_40outbound_2eexample_2ecom',
    });
    expect(ledger?.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const sent = await requests();
    expect(sent.map((r) => r.outcome)).toEqual(['accepted']);
    const [message] = await messages();
    expect(message?.messageId).toBe(result.messageId);
    expect(message?.from).toBe('Demo SDR <sdr@outbound.example.com>');
    expect(message?.subject).toBe('Quick question');
    expect(message?.text).toBe('Hello Ana');
    expect(JSON.stringify(message?.tags)).toContain('sdr_40outbound_2eexample_2ecom');
  });

  it('retries "Maximum sending rate exceeded." with backoff: two faults then success is three attempts', async () => {
    await control('/_local/faults', { count: 2, error: 'TooManyRequestsException' });
    const wired = deps();
    const statesWhileWaiting: Array<string | undefined> = [];
    const outbox = createOutbox({
      ...wired,
      retry: {
        ...wired.retry,
        sleep: async (ms) => {
          sleeps.push(ms);
          statesWhileWaiting.push((await database.outbox.get('r-rate'))?.state);
        },
      },
    });
    const result = await outbox.send({ draft: draft(), confirmed: false, requestId: 'r-rate' });
    // Nothing is on its way while a retry waits: a worker killed then leaves a row that was not sent.
    expect(statesWhileWaiting).toEqual(['queued', 'queued']);

    expect(result.outcome).toBe('sent');
    expect((await requests()).map((r) => r.outcome)).toEqual(['TooManyRequestsException', 'TooManyRequestsException', 'accepted']);
    expect((await database.outbox.get('r-rate'))?.attempts).toBe(3);
    // Full jitter at 0.5 of min(cap, base · 2^(n-1)): 50 ms, then 100 ms.
    expect(sleeps).toEqual([50, 100]);
  });

  it('gives up after the bounded number of attempts and says nothing was sent', async () => {
    await control('/_local/faults', { count: 10, error: 'TooManyRequestsException' });
    const result = await createOutbox(deps()).send({ draft: draft(), confirmed: false, requestId: 'r-rate-out' });

    expect(result.outcome).toBe('failed');
    expect(result.error?.code).toBe('rate-exceeded');
    expect(await requests()).toHaveLength(4);
    expect(await database.ledger.count()).toBe(0);
  });

  it('blocks after one attempt when the daily quota is used up', async () => {
    await control('/_local/account', { SendQuota: { Max24HourSend: 300, SentLast24Hours: 300 } });
    const result = await createOutbox(deps()).send({ draft: draft(), confirmed: false, requestId: 'r-quota' });

    expect(result.outcome).toBe('blocked');
    expect(result.error?.code).toBe('daily-quota-exceeded');
    expect((await requests()).map((r) => r.outcome)).toEqual(['TooManyRequestsException']);
    expect((await database.outbox.get('r-quota'))?.state).toBe('blocked');
  });

  it('does not retry an internal failure, and calls it unknown: a 5xx does not prove nothing was sent', async () => {
    await control('/_local/faults', { count: 1, error: 'InternalFailure' });
    const result = await createOutbox(deps()).send({ draft: draft(), confirmed: false, requestId: 'r-500' });
    expect(result.outcome).toBe('unknown');
    expect(await requests()).toHaveLength(1);
    expect((await database.outbox.get('r-500'))?.state).toBe('unknown');
  });

  it('reports a response lost after the request left as unknown, and never repeats it', async () => {
    await control('/_local/faults', { count: 1, error: 'hold' });
    const impatient = deps();
    const credentials = impatient.clients(settings).credentials;
    const outbox = createOutbox({
      ...impatient,
      clients: () => ({
        credentials,
        sesSend: new SESv2Client({
          region: 'us-east-1',
          endpoint: aws.url,
          credentials,
          maxAttempts: 1,
          requestHandler: new NodeHttpHandler({ requestTimeout: 300, throwOnRequestTimeout: true }),
        }),
      }),
    });
    const result = await outbox.send({ draft: draft(), confirmed: false, requestId: 'r-lost' });
    await control('/_local/faults/release', {});

    expect(result.outcome).toBe('unknown');
    expect(result.error?.message).toMatch(/cannot tell whether it was sent/);
    expect(await requests()).toHaveLength(1);
    // The same click again is the same row: not sent a second time.
    expect((await outbox.send({ draft: draft(), confirmed: false, requestId: 'r-lost' })).outcome).toBe('unknown');
    expect(await requests()).toHaveLength(1);
  });

  it('sends a repeated requestId once, concurrent or later, and answers with the first result', async () => {
    const outbox = createOutbox(deps());
    const request = { draft: draft(), confirmed: false, requestId: 'r-dup' };
    const [a, b] = await Promise.all([outbox.send(request), outbox.send(request)]);
    const c = await outbox.send(request);
    // A second worker (a new outbox over the same database) also finds the row.
    const d = await createOutbox(deps()).send(request);

    expect(a.outcome).toBe('sent');
    for (const again of [b, c, d]) expect(again).toMatchObject({ outcome: 'sent', messageId: a.messageId });
    expect(await requests()).toHaveLength(1);
    expect(await database.ledger.count()).toBe(1);
  });

  it('threads a reply to a message Rampart sent: In-Reply-To, References and "Re:" from the ledger', async () => {
    const outbox = createOutbox(deps());
    const first = await outbox.send({ draft: draft(), confirmed: false, requestId: 'r-first' });
    const reply = await outbox.send({
      draft: draft({ subject: '', isReply: true, inReplyToSesMessageId: first.messageId! }),
      confirmed: false,
      requestId: 'r-reply',
    });

    expect(reply.outcome).toBe('sent');
    const delivered = (await messages()).find((m) => m.messageId === reply.messageId);
    expect(delivered?.subject).toBe('Re: Quick question');
    const headers = JSON.stringify(delivered?.headers);
    expect(headers).toContain(`<${first.messageId}@email.amazonses.com>`);
    expect(headers).toMatch(/In-Reply-To/i);
    expect(headers).toMatch(/References/i);
    expect((await database.ledger.get(reply.messageId!))?.subject).toBe('Re: Quick question');
  });

  it('names the unverified addresses when the sandbox refuses them', async () => {
    await control('/_local/account', { ProductionAccessEnabled: false });
    const result = await createOutbox(deps()).send({ draft: draft(), confirmed: false, requestId: 'r-sandbox' });
    expect(result.outcome).toBe('failed');
    expect(result.error?.code).toBe('not-verified');
    expect(result.error?.message.toLowerCase()).toContain('ana@prospect.example');
  });

  it('fails with a sentence when the configuration set does not exist', async () => {
    settings = settingsFor(aws.url, { configurationSet: 'no-such-set' });
    const result = await createOutbox(deps()).send({ draft: draft(), confirmed: false, requestId: 'r-config' });
    expect(result.outcome).toBe('failed');
    expect(result.error?.code).toBe('not-found');
  });

  it('gets new credentials once when SES says they expired, and sends', async () => {
    const wired = deps();
    const { credentials } = wired.clients(settings);
    const outbox = createOutbox({ ...wired, clients: () => ({ ...wired.clients(settings), credentials }) });
    expect((await outbox.send({ draft: draft(), confirmed: false, requestId: 'r-before' })).outcome).toBe('sent');
    const before = (await credentials()).accessKeyId;

    await control('/_local/credentials/expire', {});
    const result = await outbox.send({ draft: draft(), confirmed: false, requestId: 'r-after' });
    expect(result.outcome).toBe('sent');
    expect((await credentials()).accessKeyId).not.toBe(before);
    expect((await requests()).map((r) => r.outcome)).toEqual(['accepted', 'ExpiredTokenException', 'accepted']);
  });

  it.each([
    ['no recipients', draft({ to: [] }), 'no-recipients'],
    ['a malformed address', draft({ to: [{ email: 'ana@@prospect' }] }), 'invalid-address'],
    ['a header injected through the subject', draft({ subject: 'Hi\r\nBcc: all@x.example' }), 'header-injection'],
    [
      'a header injected through a display name',
      draft({ to: [{ email: 'ana@prospect.example', name: 'Ana\nBcc: x@y.example' }] }),
      'header-injection',
    ],
    ['attachments', draft({ hasAttachments: true }), 'attachments'],
    ['an unreadable draft', draft({ unreadable: ['body'] }), 'draft-unreadable'],
  ])('refuses %s with a sentence and no SES call', async (_name, bad, code) => {
    const result = await createOutbox(deps()).send({ draft: bad, confirmed: true, requestId: `r-bad-${code}` });
    expect(result.outcome).toBe('blocked');
    expect(result.error?.code).toBe(code);
    expect(result.findings.map((f) => f.code)).toContain(code);
    expect(result.error?.message).toMatch(/^[A-Z"].*\.$/s);
    expect(await requests()).toHaveLength(0);
    expect((await database.outbox.get(`r-bad-${code}`))?.state).toBe('blocked');
  });

  it('holds a warned draft until it is confirmed', async () => {
    const warned = deps({
      judge: async () => ({
        verdict: 'warn',
        findings: [{ code: 'duplicate-follow-up', severity: 'warn', message: 'You wrote to ana@prospect.example yesterday.' }],
        recipients: [],
        cap: null,
      }),
    });
    const outbox = createOutbox(warned);
    const unconfirmed = await outbox.send({ draft: draft(), confirmed: false, requestId: 'r-warn-1' });
    expect(unconfirmed).toMatchObject({ outcome: 'blocked', error: { code: 'confirmation-needed' } });
    expect(unconfirmed.error?.message).toContain('You wrote to ana@prospect.example yesterday');
    expect(await requests()).toHaveLength(0);

    const confirmed = await outbox.send({ draft: draft(), confirmed: true, requestId: 'r-warn-2' });
    expect(confirmed.outcome).toBe('sent');
    expect(confirmed.findings.map((f) => f.code)).toEqual(['duplicate-follow-up']);
  });

  it('answers with a result, not an exception, when something breaks before SES', async () => {
    const outbox = createOutbox(
      deps({
        judge: async () => {
          throw new Error('the suppression cache could not be read');
        },
      }),
    );
    const result = await outbox.send({ draft: draft(), confirmed: true, requestId: 'r-broken' });
    expect(result).toMatchObject({ outcome: 'failed', error: { code: 'outbox-error' } });
    expect(result.error?.message).toContain('the suppression cache could not be read');
    expect(result.error?.message).toContain('It was not sent.');
    expect((await database.outbox.get('r-broken'))?.state).toBe('failed');
    expect(await requests()).toHaveLength(0);
  });

  it('refuses a draft the guardrails block, whatever the confirmation', async () => {
    const outbox = createOutbox(
      deps({
        judge: async () => ({
          verdict: 'block',
          findings: [
            {
              code: 'suppressed-recipient',
              severity: 'block',
              message: 'ana@prospect.example is suppressed (bounce).',
              recipient: 'ana@prospect.example',
            },
          ],
          recipients: [],
          cap: null,
        }),
      }),
    );
    const result = await outbox.send({ draft: draft(), confirmed: true, requestId: 'r-block' });
    expect(result).toMatchObject({ outcome: 'blocked', error: { code: 'suppressed-recipient' } });
    expect(await requests()).toHaveLength(0);
  });
});

describe('outbox after a worker restart', () => {
  function leftBehind(id: string, state: OutboxRow['state']): OutboxRow {
    return {
      id,
      composeId: 'compose-9',
      state,
      draft: draft(),
      attempts: state === 'sending' ? 1 : 0,
      createdAt: '2026-01-01T10:00:00.000Z',
      updatedAt: '2026-01-01T10:00:00.000Z',
    };
  }

  it('turns a row left in sending into unknown and never re-sends it', async () => {
    await database.outbox.bulkAdd([leftBehind('r-mid', 'sending'), leftBehind('r-queued', 'queued'), leftBehind('r-done', 'failed')]);
    const outbox = createOutbox(deps());

    const rows = await outbox.list('compose-9');
    const states = Object.fromEntries(rows.map((r) => [r.id, r.state]));
    expect(states).toEqual({ 'r-mid': 'unknown', 'r-queued': 'failed', 'r-done': 'failed' });
    expect(rows.find((r) => r.id === 'r-mid')?.error?.code).toBe('interrupted');

    const again = await outbox.send({ draft: draft(), confirmed: false, requestId: 'r-mid' });
    expect(again.outcome).toBe('unknown');
    expect(await requests()).toHaveLength(0);
  });

  it('lists one compose window’s rows, newest first', async () => {
    const outbox = createOutbox(deps());
    await outbox.send({ draft: draft(), confirmed: false, requestId: 'r-a' });
    await outbox.send({ draft: draft({ composeId: 'other' }), confirmed: false, requestId: 'r-b' });
    await outbox.send({ draft: draft(), confirmed: false, requestId: 'r-c' });
    expect((await outbox.list('compose-1')).map((r) => r.id)).toEqual(['r-c', 'r-a']);
    expect((await outbox.list()).map((r) => r.id)).toEqual(['r-c', 'r-b', 'r-a']);
  });
});
