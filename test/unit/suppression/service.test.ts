import { planTimeZone } from '@/lib/account/ramp';
import { PutSuppressedDestinationCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RampartDb } from '@/lib/store/db';
import { defaultSettings } from '@/lib/store/settings';
import { cachedSuppressions } from '@/lib/store/suppression-cache';
import { handleStopReply, handleSuppress, handleUndoSuppress, type SuppressContext } from '@/lib/suppression/service';
import { syncSuppression } from '@/lib/suppression/sync';
import { startHarness, type Harness } from '../../emulator/support';
import { sesSuppressionReason, sesUnsubscribedAll } from '../../support/ses-truth';

// Local → shared against the real emulator: a suppression decided here reaches SES's
// account list (and the contact list for an unsubscribe), a second profile sees it at
// its next sync, and undo reverses both.

let harness: Harness;
let ses: SESv2Client;
let context: SuppressContext;
let dbCounter = 0;

beforeAll(async () => {
  harness = await startHarness();
  ses = harness.ses({ maxAttempts: 3 });
});
afterAll(async () => harness.close());

function contextFor(database: RampartDb, overrides: Partial<SuppressContext['settings']> = {}): SuppressContext {
  return {
    settings: { ...defaultSettings, fromAddress: 'sdr@outbound.example.com', ...overrides },
    share: { ses, contactList: 'rampart' },
    now: () => new Date(),
    database,
    timeZone: (now) => planTimeZone(now, database),
  };
}

beforeEach(async () => {
  await harness.control('POST', '/_local/reset', {});
  context = contextFor(new RampartDb(`suppress-share-${++dbCounter}`));
});

const sesReason = (email: string) => sesSuppressionReason(ses, email);
const unsubscribedAll = (email: string) => sesUnsubscribedAll(ses, email);

describe('sharing suppressions with SES', () => {
  it('writes a manual suppression to SES as COMPLAINT, keeping the true reason locally; a second profile learns it at its sync', async () => {
    const reply = await handleSuppress({ email: ' Pat@Prospect.example ', reason: 'MANUAL' }, context);
    expect(reply).toEqual({ email: 'pat@prospect.example', suppressed: true, shared: true });
    expect((await cachedSuppressions(context.database, ['pat@prospect.example']))[0]).toMatchObject({ reason: 'MANUAL', source: 'local' });
    expect(await sesReason('pat@prospect.example')).toBe('COMPLAINT');
    // A manual suppression is no unsubscribe: the contact list is left alone.
    expect(await unsubscribedAll('pat@prospect.example')).toBeNull();

    const other = new RampartDb(`suppress-share-other-${dbCounter}`);
    await syncSuppression(ses, 'full', () => new Date(), other);
    expect((await cachedSuppressions(other, ['pat@prospect.example']))[0]).toMatchObject({ reason: 'COMPLAINT', source: 'ses' });
  });

  it('unsubscribes a STOP reply in the contact list too, and undo reverses both', async () => {
    const reply = await handleSuppress({ email: 'stop@prospect.example', reason: 'UNSUBSCRIBE', cause: 'stop-reply' }, context);
    expect(reply.shared).toBe(true);
    expect(await sesReason('stop@prospect.example')).toBe('COMPLAINT');
    expect(await unsubscribedAll('stop@prospect.example')).toBe(true);
    expect((await cachedSuppressions(context.database, ['stop@prospect.example']))[0]).toMatchObject({ reason: 'UNSUBSCRIBE' });
    const day = new Date().toLocaleDateString('en-CA');
    expect((await context.database.feedbackDays.get(day))?.unsubscribes).toBe(1);

    const undone = await handleUndoSuppress({ email: 'stop@prospect.example' }, context);
    expect(undone).toEqual({ email: 'stop@prospect.example', undone: true, shared: true });
    expect(await sesReason('stop@prospect.example')).toBeNull();
    expect(await unsubscribedAll('stop@prospect.example')).toBe(false);
    expect((await cachedSuppressions(context.database, ['stop@prospect.example']))[0]).toBeUndefined();
    expect(await context.database.suppressionDecisions.get('stop@prospect.example')).toMatchObject({ pending: null, lifted: true });
    expect((await context.database.feedbackDays.get(day))?.unsubscribes).toBe(0);
  });

  it('undo puts back what SES listed before Rampart decided', async () => {
    await ses.send(new PutSuppressedDestinationCommand({ EmailAddress: 'old@prospect.example', Reason: 'BOUNCE' }));
    await syncSuppression(ses, 'full', () => new Date(), context.database);
    await handleSuppress({ email: 'old@prospect.example', reason: 'UNSUBSCRIBE' }, context);
    expect(await sesReason('old@prospect.example')).toBe('COMPLAINT');
    await handleUndoSuppress({ email: 'old@prospect.example' }, context);
    expect(await sesReason('old@prospect.example')).toBe('BOUNCE');
    expect((await cachedSuppressions(context.database, ['old@prospect.example']))[0]).toMatchObject({ reason: 'BOUNCE', source: 'ses' });
  });

  it('keeps a suppression that SES refused, says so, and shares it on the next flush', async () => {
    const offline = contextFor(context.database);
    // Nothing listens on port 9: SES cannot be reached.
    offline.share = {
      ses: new SESv2Client({
        region: 'us-east-1',
        endpoint: 'http://127.0.0.1:9',
        maxAttempts: 1,
        credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
      }),
      contactList: 'rampart',
    };
    const reply = await handleSuppress({ email: 'later@prospect.example', reason: 'MANUAL' }, offline);
    expect(reply).toMatchObject({ suppressed: true, shared: false, error: { code: 'share-failed' } });
    expect((await cachedSuppressions(context.database, ['later@prospect.example']))[0]).toBeDefined();
    expect((await context.database.suppressionDecisions.get('later@prospect.example'))?.attempts).toBe(1);

    // Fresh credentials: the pending decision goes out with the next action.
    await handleSuppress({ email: 'next@prospect.example', reason: 'MANUAL' }, context);
    expect(await sesReason('later@prospect.example')).toBe('COMPLAINT');
    expect((await context.database.suppressionDecisions.get('later@prospect.example'))?.pending).toBeNull();
  });

  it('refuses a malformed address and undo of an address Rampart never suppressed', async () => {
    expect(await handleSuppress({ email: 'not an address', reason: 'MANUAL' }, context)).toMatchObject({
      suppressed: false,
      error: { code: 'invalid-address' },
    });
    expect(await handleUndoSuppress({ email: 'never@prospect.example' }, context)).toMatchObject({
      undone: false,
      error: { code: 'not-decided' },
    });
  });
});

describe('STOP replies', () => {
  it('offers suppression by default, and says when the address is already suppressed', async () => {
    expect(await handleStopReply({ email: 'pat@prospect.example', phrase: 'stop' }, context)).toEqual({
      email: 'pat@prospect.example',
      action: 'offer',
    });
    await handleSuppress({ email: 'pat@prospect.example', reason: 'UNSUBSCRIBE', cause: 'stop-reply' }, context);
    expect(await handleStopReply({ email: 'pat@prospect.example', phrase: 'stop' }, context)).toMatchObject({ action: 'already' });
  });

  it('applies it at once when the setting is on, but never to the SDR’s own message or after an undo', async () => {
    const auto = contextFor(context.database, { autoSuppressStopReplies: true });
    expect(await handleStopReply({ email: 'sdr@outbound.example.com', phrase: 'stop' }, auto)).toMatchObject({ action: 'ignored' });
    const applied = await handleStopReply({ email: 'baja@prospect.example', phrase: 'baja' }, auto);
    expect(applied, JSON.stringify(applied)).toMatchObject({ action: 'suppressed', shared: true });
    expect(await unsubscribedAll('baja@prospect.example')).toBe(true);
    await handleUndoSuppress({ email: 'baja@prospect.example' }, auto);
    expect(await handleStopReply({ email: 'baja@prospect.example', phrase: 'baja' }, auto)).toMatchObject({ action: 'offer' });
  });
  it('a STOP banner lifts its own suppression only just after it: later only Rampart’s own pages can', async () => {
    await handleSuppress({ email: 'late@prospect.example', reason: 'UNSUBSCRIBE', cause: 'stop-reply' }, context);
    const later = { ...context, now: () => new Date(Date.now() + 16 * 60_000) };
    // What the Gmail content script may ask: an undo of a STOP reply's suppression.
    const fromBanner = await handleUndoSuppress({ email: 'late@prospect.example', cause: 'stop-reply' }, later);
    expect(fromBanner).toMatchObject({ undone: false });
    expect((await cachedSuppressions(context.database, ['late@prospect.example']))[0]).toMatchObject({ reason: 'UNSUBSCRIBE' });
    // The lead's tools (no cause) still can.
    expect(await handleUndoSuppress({ email: 'late@prospect.example' }, later)).toMatchObject({ undone: true });
  });
});
