import { parseHTML } from 'linkedom';
import { fakeBrowser } from 'wxt/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHECK_DEBOUNCE_MS, ComposeSession, DISCARD_AFTER_SENT_MS } from '@/entrypoints/gmail.content/compose-session';
import type { Draft } from '@/lib/core/draft';
import type { Verdict } from '@/lib/core/finding';
import type { Compose, InboxAdapter, PresendEvent } from '@/entrypoints/gmail.content/inbox/adapter';
import type { OutboxRowView, Request, SendResult } from '@/lib/protocol/messages';
import { createRouter } from '@/lib/protocol/router';
import { draftOf } from '../../support/builders';

// The compose window's state machine, with an in-memory inbox and the real router (so
// every message the compose UI sends must pass the protocol's schemas) in front of
// background handlers that answer as the test says.

const EXTENSION_ID = 'rampart-test';

function baseDraft(): Draft {
  return draftOf({
    from: { email: 'sdr@outbound.example.com', name: 'Demo SDR' },
    to: [{ email: 'pat@prospect.example', name: 'Pat' }],
    html: '<div>Hi</div>',
  });
}

class MemoryInbox implements InboxAdapter {
  draft = baseDraft();
  discardWorks = true;
  discards = 0;
  element = document.createElement('div') as unknown as HTMLElement;
  compose: Compose = { element: this.element, kind: 'popout', composeId: 'c1' };
  findComposes() {}
  readDraft = () => structuredClone(this.draft);
  watchDraft() {}
  onPresend() {}
  mountPanel = () => this.element;
  discard = () => {
    this.discards += 1;
    return this.discardWorks;
  };
}

const verdictOf = (verdict: Verdict['verdict'], recipients: Verdict['recipients'] = []): Verdict => ({
  verdict,
  findings:
    verdict === 'ok'
      ? []
      : [
          {
            code: verdict === 'block' ? 'suppressed-recipient' : 'duplicate-follow-up',
            severity: verdict,
            message: `A ${verdict} finding.`,
          },
        ],
  recipients,
  cap: { remaining: 142, of: 225, limit: 'team', rampDay: 5, sentence: '142 of 225 left today — ramp day 5' },
});

let inbox: MemoryInbox;
let controller: AbortController;
let checks: Array<Request<'check'>>;
let sends: Array<Request<'send'>>;
let nextVerdict: Verdict;
let nextSend: () => Promise<SendResult>;
let outboxRows: OutboxRowView[];

beforeEach(() => {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  vi.stubGlobal('document', document);
  vi.useFakeTimers();
  fakeBrowser.reset();
  checks = [];
  sends = [];
  nextVerdict = verdictOf('ok');
  nextSend = async () => ({ outcome: 'sent', messageId: '0100018f-ses-id', findings: [] });
  outboxRows = [];
  const route = createRouter(
    {
      check: async (payload) => {
        checks.push(payload);
        return nextVerdict;
      },
      send: async (payload) => {
        sends.push(payload);
        return nextSend();
      },
      outbox: async ({ composeId }) => outboxRows.filter((row) => row.composeId === composeId),
    },
    {
      extensionId: EXTENSION_ID,
      extensionOrigin: `chrome-extension://${EXTENSION_ID}`,
      describeError: (e) => ({ code: 'test', message: String((e as Error).message) }),
    },
  );
  fakeBrowser.runtime.onMessage.addListener((message: unknown) =>
    route(message, { id: EXTENSION_ID, url: 'https://mail.google.com/mail/u/0/' }),
  );
  inbox = new MemoryInbox();
  controller = new AbortController();
});
afterEach(() => {
  controller.abort();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

async function settled(session: ComposeSession) {
  await vi.advanceTimersByTimeAsync(CHECK_DEBOUNCE_MS + 1);
  return session.getSnapshot();
}
function presend(session: ComposeSession): boolean {
  let cancelled = false;
  const event: PresendEvent = { trigger: 'click', cancel: () => (cancelled = true) };
  session.onPresend(event);
  return cancelled;
}

describe('ComposeSession', () => {
  it('asks for one verdict after the debounce, none for body edits, and again when recipients change', async () => {
    const session = new ComposeSession(inbox, inbox.compose, controller.signal);
    expect(checks).toHaveLength(0);
    const state = await settled(session);
    expect(checks).toHaveLength(1);
    expect(checks[0]!.draft.to).toEqual([{ email: 'pat@prospect.example', name: 'Pat' }]);
    expect(state.verdict?.verdict).toBe('ok');
    expect(state.verdictCurrent).toBe(true);

    inbox.draft.html = '<div>Hi there</div>';
    inbox.draft.text = 'Hi there';
    session.refresh();
    session.refresh();
    await settled(session);
    expect(checks).toHaveLength(1);

    inbox.draft.cc = [{ email: 'lee@prospect.example' }];
    session.refresh();
    expect(session.getSnapshot().verdictCurrent).toBe(false);
    expect(session.sendable()).toBe(false);
    session.refresh(); // typing on: still one check for the settled change
    await settled(session);
    expect(checks).toHaveLength(2);
    expect(checks[1]!.draft.cc).toEqual([{ email: 'lee@prospect.example' }]);
    expect(session.getSnapshot().verdictCurrent).toBe(true);
  });

  it('holds Gmail’s Send while the verdict blocks, and lets it go when it does not', async () => {
    nextVerdict = verdictOf('block', [{ email: 'pat@prospect.example', status: 'suppressed', reason: 'Hard bounce on 2026-11-20.' }]);
    const session = new ComposeSession(inbox, inbox.compose, controller.signal);
    expect(presend(session)).toBe(false); // no verdict yet: not Rampart's to hold
    await settled(session);
    expect(presend(session)).toBe(true);
    expect(session.getSnapshot().heldGmailSend).toBe(true);
    expect(session.sendable()).toBe(false);

    nextVerdict = verdictOf('ok');
    inbox.draft.to = [{ email: 'other@prospect.example' }];
    session.refresh();
    await settled(session);
    expect(presend(session)).toBe(false);
  });

  it('holds Gmail’s Send when a recipient was added since the verdict, and checks at once', async () => {
    const session = new ComposeSession(inbox, inbox.compose, controller.signal);
    await settled(session);
    expect(session.getSnapshot().verdict?.verdict).toBe('ok');
    expect(presend(session)).toBe(false);

    // A suppressed address added, Ctrl+Enter before the debounce has run its check.
    nextVerdict = verdictOf('block', [{ email: 'gone@prospect.example', status: 'suppressed', reason: 'Hard bounce on 2026-11-20.' }]);
    inbox.draft.to = [...inbox.draft.to, { email: 'gone@prospect.example' }];
    expect(presend(session)).toBe(true);
    expect(session.getSnapshot()).toMatchObject({ heldGmailSend: true, heldWhileChecking: true });
    await vi.advanceTimersByTimeAsync(1); // the check went out without waiting for the debounce
    expect(checks).toHaveLength(2);
    expect(checks[1]!.draft.to.map((a) => a.email)).toContain('gone@prospect.example');
    expect(session.getSnapshot()).toMatchObject({ heldWhileChecking: false, verdictCurrent: true });
    expect(session.getSnapshot().verdict?.verdict).toBe('block');
    expect(presend(session)).toBe(true);

    // Taken off again and checked: Gmail's Send is free once more.
    nextVerdict = verdictOf('ok');
    inbox.draft.to = inbox.draft.to.filter((a) => a.email !== 'gone@prospect.example');
    session.refresh();
    await settled(session);
    expect(presend(session)).toBe(false);
  });

  it('leaves Gmail’s Send free when the only block is Rampart failing to read the draft', async () => {
    nextVerdict = {
      ...verdictOf('block'),
      findings: [
        {
          code: 'draft-unreadable',
          severity: 'block',
          message: 'Rampart could not read this draft’s pending-recipient; send it from Gmail.',
        },
      ],
    };
    inbox.draft.unreadable = ['pending-recipient'];
    const session = new ComposeSession(inbox, inbox.compose, controller.signal);
    await settled(session);
    expect(session.getSnapshot().verdict?.verdict).toBe('block');
    expect(presend(session)).toBe(false);
    expect(session.sendable()).toBe(false);
  });

  it('asks for the confirmation of a warn, and sends with it and a fresh request id per click', async () => {
    nextVerdict = verdictOf('warn');
    nextSend = async () => ({ outcome: 'failed', findings: [], error: { code: 'network', message: 'SES could not be reached.' } });
    const session = new ComposeSession(inbox, inbox.compose, controller.signal);
    await settled(session);
    expect(session.sendable()).toBe(false);
    await session.send();
    expect(sends).toHaveLength(0);

    session.setConfirmed(true);
    expect(session.sendable()).toBe(true);
    await session.send();
    await session.send();
    expect(sends.map((s) => s.confirmed)).toEqual([true, true]);
    expect(new Set(sends.map((s) => s.requestId)).size).toBe(2);
    // A failure leaves the draft to the user: not discarded, the sentence shown.
    await vi.advanceTimersByTimeAsync(DISCARD_AFTER_SENT_MS * 2);
    expect(inbox.discards).toBe(0);
    expect(session.getSnapshot().result).toMatchObject({ outcome: 'failed', error: { message: 'SES could not be reached.' } });
  });

  it('asks again, the draft untouched, while the verdict waits for the account picture; a new warning needs a new confirmation', async () => {
    const awaiting: Verdict = {
      ...verdictOf('warn'),
      findings: [{ code: 'account-unknown', severity: 'warn', message: 'Rampart has not read the SES account yet.' }],
    };
    nextVerdict = awaiting;
    const session = new ComposeSession(inbox, inbox.compose, controller.signal);
    await settled(session);
    expect(checks).toHaveLength(1);
    session.setConfirmed(true);
    // 2 s, then 4 s: asked again while the picture is missing, with the confirmation kept for the same warnings.
    await vi.advanceTimersByTimeAsync(2_000);
    expect(checks).toHaveLength(2);
    expect(session.getSnapshot().confirmed).toBe(true);
    // The picture arrives and shows another warning: the earlier confirmation does not cover it.
    nextVerdict = verdictOf('warn');
    await vi.advanceTimersByTimeAsync(4_000);
    expect(checks).toHaveLength(3);
    expect(session.getSnapshot().verdict?.findings.map((f) => f.code)).toEqual(['duplicate-follow-up']);
    expect(session.getSnapshot().confirmed).toBe(false);
    expect(session.sendable()).toBe(false);
    // Nothing awaited any more: no more checks of the untouched draft.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(checks).toHaveLength(3);
  });

  it('stops asking after two minutes when the picture never comes (a failing sync, which the popup reports)', async () => {
    nextVerdict = { ...verdictOf('ok'), findings: [{ code: 'from-auth-unknown', severity: 'info', message: 'Not checked yet.' }] };
    const session = new ComposeSession(inbox, inbox.compose, controller.signal);
    await settled(session);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    const asked = checks.length;
    // 2 + 4 + 8 s, then every 8 s, for two minutes.
    expect(asked).toBeGreaterThan(10);
    expect(asked).toBeLessThan(20);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(checks).toHaveLength(asked);
  });

  it('keeps the confirmation when a warning goes away or only an info note changes', async () => {
    nextVerdict = verdictOf('warn');
    const session = new ComposeSession(inbox, inbox.compose, controller.signal);
    await settled(session);
    session.setConfirmed(true);
    // Same warning, plus a note: the picture still missing, asked again in 2 s.
    nextVerdict = {
      ...verdictOf('warn'),
      findings: [...verdictOf('warn').findings, { code: 'from-auth-unknown', severity: 'info', message: 'n' }],
    };
    inbox.draft.subject = 'Changed';
    session.refresh();
    await settled(session);
    session.setConfirmed(true);
    nextVerdict = verdictOf('ok');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(session.getSnapshot().verdict?.verdict).toBe('ok');
    expect(session.getSnapshot().confirmed).toBe(true);
  });

  it('after a send through SES shows the MessageId, discards the draft, and holds Gmail’s Send meanwhile', async () => {
    const session = new ComposeSession(inbox, inbox.compose, controller.signal);
    await settled(session);
    await session.send();
    expect(sends).toHaveLength(1);
    expect(sends[0]!.draft.subject).toBe('Hello');
    expect(session.getSnapshot().result).toMatchObject({ outcome: 'sent', messageId: '0100018f-ses-id' });
    expect(inbox.element.getAttribute('data-rampart-sent')).toBe('0100018f-ses-id');
    expect(session.sendable()).toBe(false);
    expect(presend(session)).toBe(true);
    expect(inbox.discards).toBe(0);
    // linkedom elements are not "connected" unless in a document.
    document.body.append(inbox.element as unknown as Node);
    await vi.advanceTimersByTimeAsync(DISCARD_AFTER_SENT_MS);
    expect(inbox.discards).toBe(1);
    expect(session.getSnapshot().sentButNotDiscarded).toBe(false);
  });

  it('marks the draft sent when Gmail’s discard control cannot be found', async () => {
    inbox.discardWorks = false;
    document.body.append(inbox.element as unknown as Node);
    const session = new ComposeSession(inbox, inbox.compose, controller.signal);
    await settled(session);
    await session.send();
    await vi.advanceTimersByTimeAsync(DISCARD_AFTER_SENT_MS);
    expect(inbox.discards).toBe(1);
    expect(session.getSnapshot().sentButNotDiscarded).toBe(true);
  });

  it('never offers to resend a send whose fate is unknown', async () => {
    nextSend = async () => ({ outcome: 'unknown', findings: [], outboxId: 'o1' });
    const session = new ComposeSession(inbox, inbox.compose, controller.signal);
    await settled(session);
    await session.send();
    expect(session.getSnapshot().result?.outcome).toBe('unknown');
    expect(session.sendable()).toBe(false);
    await session.send();
    expect(sends).toHaveLength(1);
  });

  it('turns a refusal from the background into a failed result with its sentence', async () => {
    nextSend = async () => {
      throw new Error('Credentials expired.');
    };
    const session = new ComposeSession(inbox, inbox.compose, controller.signal);
    await settled(session);
    await session.send();
    expect(session.getSnapshot().result).toMatchObject({ outcome: 'failed', error: { code: 'test', message: 'Credentials expired.' } });
    expect(session.sendable()).toBe(true);
  });

  it('does not send a draft it cannot read, and says why the check failed', async () => {
    inbox.draft.unreadable = ['recipients'];
    inbox.draft.to = [];
    const session = new ComposeSession(inbox, inbox.compose, controller.signal);
    await settled(session);
    expect(session.sendable()).toBe(false);
    await session.send();
    expect(sends).toHaveLength(0);

    fakeBrowser.reset(); // the background answers nothing now
    fakeBrowser.runtime.onMessage.addListener(async () => ({
      ok: false,
      error: { code: 'not-available', message: 'Rampart cannot answer “check” yet.' },
    }));
    inbox.draft.subject = 'Changed';
    session.refresh();
    await settled(session);
    expect(session.getSnapshot().checkError).toBe('Rampart cannot answer “check” yet.');
  });

  it('settles a send the background never answered from its outbox row: unknown, never resent', async () => {
    const session = new ComposeSession(inbox, inbox.compose, controller.signal);
    await settled(session);
    // The worker stops mid-send: the message port closes without a reply.
    const answer = fakeBrowser.runtime.sendMessage.bind(fakeBrowser.runtime);
    fakeBrowser.runtime.sendMessage = (async (message: { type: string; payload: Request<'send'> }) => {
      if (message.type !== 'send') return answer(message);
      sends.push(message.payload);
      outboxRows = [row(message.payload.requestId, 'unknown')];
      throw new Error('The message port closed before a response was received.');
    }) as typeof fakeBrowser.runtime.sendMessage;
    try {
      await session.send();
    } finally {
      fakeBrowser.runtime.sendMessage = answer;
    }
    expect(session.getSnapshot().result).toMatchObject({
      outcome: 'unknown',
      outboxId: sends[0]!.requestId,
      error: { code: 'send-unknown' },
    });
    expect(session.sendable()).toBe(false);
  });

  it('shows again, on a fresh panel, a send of this same draft whose fate is unknown', async () => {
    outboxRows = [row('earlier', 'unknown')];
    const session = new ComposeSession(inbox, inbox.compose, controller.signal);
    await settled(session);
    expect(session.getSnapshot().result).toMatchObject({ outcome: 'unknown', outboxId: 'earlier' });
    expect(session.sendable()).toBe(false);
  });

  it('a draft sent through SES but not discarded keeps its mark across a reload: Gmail’s Send stays held', async () => {
    inbox.discardWorks = false;
    document.body.append(inbox.element as unknown as Node);
    nextSend = async () => {
      const result: SendResult = { outcome: 'sent', messageId: '0100018f-kept', findings: [], outboxId: sends.at(-1)!.requestId };
      outboxRows = [{ ...row(result.outboxId!, 'sent'), messageId: result.messageId }];
      return result;
    };
    const first = new ComposeSession(inbox, inbox.compose, controller.signal);
    await settled(first);
    await first.send();
    await vi.advanceTimersByTimeAsync(DISCARD_AFTER_SENT_MS);
    expect(first.getSnapshot().sentButNotDiscarded).toBe(true);

    // The page reloads: a new panel, a new element for the same Gmail draft.
    controller.abort();
    controller = new AbortController();
    inbox.element = document.createElement('div') as unknown as HTMLElement;
    inbox.compose = { element: inbox.element, kind: 'popout', composeId: 'c1' };
    const again = new ComposeSession(inbox, inbox.compose, controller.signal);
    await settled(again);
    expect(again.getSnapshot()).toMatchObject({ result: { outcome: 'sent', messageId: '0100018f-kept' }, sentButNotDiscarded: true });
    expect(presend(again)).toBe(true);
    expect(again.sendable()).toBe(false);
    expect(inbox.element.getAttribute('data-rampart-sent')).toBe('0100018f-kept');
    expect(sends).toHaveLength(1);
  });

  it('leaves a new draft under a reused compose id free to send', async () => {
    outboxRows = [row('earlier', 'unknown'), row('before', 'sent')];
    inbox.draft.subject = 'A new draft';
    const session = new ComposeSession(inbox, inbox.compose, controller.signal);
    await settled(session);
    expect(session.getSnapshot().result).toBeNull();
    expect(session.sendable()).toBe(true);
  });
});

function row(id: string, state: OutboxRowView['state']): OutboxRowView {
  return {
    id,
    composeId: 'c1',
    state,
    subject: 'Hello',
    recipients: ['pat@prospect.example'],
    createdAt: '2026-11-28T10:00:00Z',
    updatedAt: '2026-11-28T10:00:00Z',
  };
}
