import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requests, type MessageName } from '@/lib/protocol/messages';
import { contentScriptMessages, createRouter, type Handlers } from '@/lib/protocol/router';
import { FUZZ_RUNS, reportCases } from './runs';
import { unhandledRejectionsDuring } from '../../support/unhandled';

// Background messages of every shape, from every context (this extension's pages and
// content scripts, another extension, a page, no sender at all): the router answers
// each with a value — never a throw, never an unhandled rejection — and every refusal is
// a sentence. A handler only ever sees a request its schema accepts: a send whose
// request id could not travel as SES's `outbox` tag never reaches the outbox.

const EXTENSION_ID = 'rampart-fuzz';
const names = Object.keys(requests) as MessageName[];

const senders = fc.oneof(
  fc.constant({ id: EXTENSION_ID }),
  fc.constant({ id: EXTENSION_ID, tab: { id: 3 }, url: 'https://mail.google.com/mail/u/0/' }),
  fc.constant({ id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/popup.html` }),
  fc.record({ id: fc.string() }),
  fc.constant({}),
);

const payloads = fc.oneof(
  fc.anything(),
  fc.dictionary(
    fc.constantFrom('draft', 'requestId', 'confirmed', 'composeId', 'email', 'csv', 'plan', 'by', 'what', 'reason'),
    fc.anything(),
  ),
  fc.record({
    draft: fc.record({
      composeId: fc.string(),
      kind: fc.constantFrom('popout', 'inline', 'fullscreen', 'x'),
      to: fc.array(fc.record({ email: fc.string() })),
    }),
    confirmed: fc.boolean(),
    requestId: fc.string(),
  }),
  // Whole drafts: the send's own fields are what is fuzzed.
  fc.record({
    draft: fc.record({
      composeId: fc.string(),
      kind: fc.constantFrom('popout', 'inline', 'fullscreen'),
      from: fc.constant(null),
      to: fc.array(fc.record({ email: fc.string() }), { maxLength: 3 }),
      cc: fc.constant([]),
      bcc: fc.constant([]),
      subject: fc.string(),
      html: fc.string(),
      text: fc.string(),
      hasAttachments: fc.boolean(),
      isReply: fc.boolean(),
      unreadable: fc.constant([]),
    }),
    confirmed: fc.boolean(),
    requestId: fc.oneof(fc.uuid(), fc.string(), fc.constantFrom('a b', 'x.y', 'é', '', 'ok_id-1')),
  }),
);

const messages = fc.oneof(
  fc.anything(),
  fc.record({ type: fc.constantFrom(...names), payload: payloads }),
  fc.record({ type: fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty')), payload: payloads }),
);

describe('the background router under fuzzed messages', () => {
  it('answers everything with a value; refusals are sentences; handlers see only valid requests', async () => {
    let cases = 0;
    const seen: Array<{ name: MessageName; payload: unknown }> = [];
    // Every handler records what it was given, then fails or answers in ways real handlers may.
    const handlers = Object.fromEntries(
      names.map((name) => [
        name,
        async (payload: unknown) => {
          seen.push({ name, payload });
          const roll = seen.length % 4;
          if (roll === 0) throw new Error('IndexedDB is closing');
          if (roll === 1) throw 'a bare string';
          if (roll === 2) return Promise.reject(undefined);
          return { ok: true };
        },
      ]),
    ) as Handlers;
    const route = createRouter(handlers, {
      extensionId: EXTENSION_ID,
      extensionOrigin: `chrome-extension://${EXTENSION_ID}`,
      describeError: (error) => ({
        code: 'failed',
        message: `Rampart could not do that (${error instanceof Error ? error.message : String(error)}).`,
      }),
    });
    const unhandled = await unhandledRejectionsDuring(() =>
      fc.assert(
        fc.asyncProperty(messages, senders, async (message, sender) => {
          cases++;
          seen.length = 0;
          const reply = await route(message, sender as never);
          expect(typeof reply).toBe('object');
          if (!reply.ok) {
            expect(reply.error.code).toMatch(/^[a-z-]+$/);
            expect(reply.error.message.trim().length).toBeGreaterThan(10);
          }
          if ((sender as { id?: string }).id !== EXTENSION_ID) expect(seen).toEqual([]);
          // Gmail's content script reaches only what a compose window or a STOP banner needs.
          const fromPage = !((sender as { url?: string }).url ?? '').startsWith(`chrome-extension://${EXTENSION_ID}/`);
          if (fromPage) for (const call of seen) expect(contentScriptMessages[call.name], call.name).toBeDefined();
          for (const call of seen) expect(requests[call.name].safeParse(call.payload).success).toBe(true);
          for (const call of seen.filter((c) => c.name === 'send')) {
            expect((call.payload as { requestId: string }).requestId).toMatch(/^[A-Za-z0-9_-]{1,128}$/);
          }
        }),
        { numRuns: FUZZ_RUNS * 5 },
      ),
    );
    expect(unhandled).toEqual([]);
    reportCases('router messages', cases);
  }, 120_000);
});
