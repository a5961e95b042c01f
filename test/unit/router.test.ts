import { describe, expect, it } from 'vitest';
import { createRouter, type Handlers } from '../../lib/router';
import { RampartError, describeError } from '../../lib/ses/errors';
import type { AccountView } from '../../lib/messages';

const EXTENSION_ID = 'rampart-extension-id';
const account: AccountView = {
  productionAccessEnabled: true,
  sendingEnabled: true,
  enforcementStatus: 'HEALTHY',
  max24HourSend: 300,
  maxSendRate: 14,
  sentLast24Hours: 2,
};

function routerWith(handlers: Handlers) {
  return createRouter(handlers, { extensionId: EXTENSION_ID, describeError });
}
const ours = { id: EXTENSION_ID };

describe('router', () => {
  it('hands a valid message to the handler of its name and wraps the value', async () => {
    const seen: unknown[] = [];
    const route = routerWith({
      getAccount: async (payload) => {
        seen.push(payload);
        return account;
      },
    });
    expect(await route({ type: 'getAccount', payload: {} }, ours)).toEqual({ ok: true, value: account });
    expect(seen).toEqual([{}]);
  });

  it('refuses a sender that is not this extension, without calling the handler', async () => {
    let called = false;
    const route = routerWith({ getAccount: async () => ((called = true), account) });
    const reply = await route({ type: 'getAccount', payload: {} }, { id: 'someone-else' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'foreign-sender' } });
    expect(called).toBe(false);
  });

  it('refuses unknown message names, including prototype keys', async () => {
    const route = routerWith({});
    for (const type of ['launchMissiles', 'toString', '__proto__', 42, undefined]) {
      expect(await route({ type, payload: {} }, ours)).toMatchObject({ ok: false, error: { code: 'unknown-message' } });
    }
    expect(await route(null, ours)).toMatchObject({ ok: false, error: { code: 'unknown-message' } });
  });

  it('validates the payload with the message’s schema and says where it is wrong', async () => {
    let called = false;
    const route = routerWith({ send: async () => ((called = true), { outcome: 'sent', findings: [] }) });
    const reply = await route({ type: 'send', payload: { confirmed: 'yes', requestId: 'r1' } }, ours);
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.code).toBe('invalid-message');
      expect(reply.error.message).toMatch(/“send” message is malformed at (draft|confirmed)/);
    }
    expect(called).toBe(false);
  });

  it('answers a known message without a handler with a sentence, not silence', async () => {
    const reply = await routerWith({})({ type: 'dashboard', payload: {} }, ours);
    expect(reply).toMatchObject({ ok: false, error: { code: 'not-available' } });
  });

  it('turns a thrown error into a UserError reply', async () => {
    const route = routerWith({
      getAccount: async () => {
        throw new RampartError('not-configured', 'Set up the identity pool first.');
      },
      sync: async () => {
        throw Object.assign(new Error('Sending is paused'), { name: 'SendingPausedException', $metadata: { httpStatusCode: 400 } });
      },
    });
    expect(await route({ type: 'getAccount', payload: {} }, ours)).toEqual({
      ok: false,
      error: { code: 'not-configured', message: 'Set up the identity pool first.' },
    });
    expect(await route({ type: 'sync', payload: {} }, ours)).toMatchObject({ ok: false, error: { code: 'sending-paused' } });
  });
});
