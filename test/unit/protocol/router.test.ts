import { describe, expect, it } from 'vitest';
import { createRouter, type Handlers } from '@/lib/protocol/router';
import { requests, type MessageName } from '@/lib/protocol/messages';
import { RampartError, describeError } from '@/lib/aws/errors';
import type { AccountView } from '@/lib/protocol/messages';
import { draftOf } from '../../support/builders';

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
  return createRouter(handlers, { extensionId: EXTENSION_ID, extensionOrigin: `chrome-extension://${EXTENSION_ID}`, describeError });
}
const ours = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/popup.html` };
/** The Gmail content script: this extension's id, but Gmail's tab and URL. */
const gmail = { id: EXTENSION_ID, url: 'https://mail.google.com/mail/u/0/#inbox', tab: { id: 7 } as never, frameId: 0 };

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

describe('router: who may ask what', () => {
  /** A handler for every message that records the names it answered. */
  function recording() {
    const answered: string[] = [];
    const handlers = Object.fromEntries(
      (Object.keys(requests) as MessageName[]).map((name) => [name, async () => (answered.push(name), {})]),
    ) as unknown as Handlers;
    return { answered, route: routerWith(handlers) };
  }
  const draft = draftOf({ to: [], subject: '', html: '', text: '' });
  // A valid payload of every message: what is refused is refused for who asks, not for its form.
  const valid: { [N in MessageName]: unknown } = {
    check: { draft },
    send: { draft, confirmed: false, requestId: 'r1' },
    outbox: { composeId: 'c1' },
    sync: {},
    getAccount: {},
    capToday: {},
    dashboard: {},
    rampPlan: {},
    saveRampPlan: { plan: {}, by: 'lead' },
    resumeRamp: { what: 'pause', by: 'lead' },
    suppress: { email: 'p@prospect.example', reason: 'UNSUBSCRIBE', cause: 'stop-reply' },
    undoSuppress: { email: 'p@prospect.example', cause: 'stop-reply' },
    stopReply: { email: 'p@prospect.example', phrase: 'STOP' },
    importSuppressions: { csv: 'a@b.example,manual' },
    exportSuppressions: {},
    pollFeedback: {},
    signIn: {},
    signOut: {},
    signInStatus: {},
    composeLanguage: {},
    startDrill: {},
    drillStatus: {},
    addChangeNote: { kind: 'list-source', text: 'New list: webinar attendees' },
  };
  const fromGmail: MessageName[] = ['check', 'send', 'outbox', 'suppress', 'undoSuppress', 'stopReply', 'composeLanguage'];

  it.each(Object.keys(valid) as MessageName[])(
    '%s: the content script only if it is on the compose list; extension pages always',
    async (name) => {
      const { answered, route } = recording();
      const fromPage = await route({ type: name, payload: valid[name] }, ours);
      expect(fromPage.ok).toBe(true);
      const reply = await route({ type: name, payload: valid[name] }, gmail);
      if (fromGmail.includes(name)) {
        expect(reply.ok).toBe(true);
        expect(answered).toEqual([name, name]);
      } else {
        expect(reply).toMatchObject({ ok: false, error: { code: 'not-from-gmail' } });
        if (!reply.ok) expect(reply.error.message).toContain(`“${name}”`);
        expect(answered).toEqual([name]);
      }
    },
  );

  it('takes from the content script only the STOP banner’s forms of suppress and undo, and only its own outbox rows', async () => {
    const { answered, route } = recording();
    const refused = [
      { type: 'suppress', payload: { email: 'p@prospect.example', reason: 'MANUAL' } },
      { type: 'suppress', payload: { email: 'p@prospect.example', reason: 'MANUAL', cause: 'stop-reply' } },
      { type: 'suppress', payload: { email: 'p@prospect.example', reason: 'UNSUBSCRIBE', cause: 'manual' } },
      { type: 'undoSuppress', payload: { email: 'p@prospect.example' } },
      { type: 'outbox', payload: {} },
    ];
    for (const message of refused) {
      expect(await route(message, gmail)).toMatchObject({ ok: false, error: { code: 'not-from-gmail' } });
      expect((await route(message, ours)).ok).toBe(true);
    }
    expect(answered).toHaveLength(refused.length);
  });

  it('treats a sender without a URL, or with another extension’s origin, as the content script', async () => {
    const { route } = recording();
    for (const sender of [
      { id: EXTENSION_ID },
      { id: EXTENSION_ID, url: 'chrome-extension://other/popup.html' },
      { id: EXTENSION_ID, url: 'not a url' },
    ]) {
      expect(await route({ type: 'resumeRamp', payload: valid.resumeRamp }, sender)).toMatchObject({
        ok: false,
        error: { code: 'not-from-gmail' },
      });
    }
    // Firefox's pages: the extension's moz-extension origin.
    const firefox = createRouter(
      { dashboard: async () => ({}) as never },
      { extensionId: EXTENSION_ID, extensionOrigin: 'moz-extension://5f1e', describeError },
    );
    expect((await firefox({ type: 'dashboard', payload: {} }, { id: EXTENSION_ID, url: 'moz-extension://5f1e/popup.html' })).ok).toBe(true);
    expect((await firefox({ type: 'dashboard', payload: {} }, { id: EXTENSION_ID, url: 'https://mail.google.com/' })).ok).toBe(false);
  });
});
