// The control routes of docs/test-surface.md ("The local AWS emulator"): look at what was sent,
// change the account, inject feedback, faults and time, reset.
import type { Emulator } from '../context';
import { AwsError, badRequest, notFound } from '../http/errors';
import { parseJsonObject } from '../http/body';
import { matchRoute, route } from '../http/router';
import { iso } from '../clock';
import { parseDurationMs } from '../duration';
import { FAULT_KINDS, type FaultKind } from '../faults';
import { EVENT_TYPES, PUBLISHED_TYPES, type BounceType, type EventType, type PublishedType } from '../feedback/event-types';
import { publishFeedback } from '../feedback/publish';
import { senderTagOf } from '../feedback/sender-tag';
import { getAccount, mergeAccount } from '../ses/account';
import { patchIdentity } from '../ses/identities';
import { deliveredMessages } from '../ses/send';
import { parseMailbox } from '../ses/address';
import { seedSuppression } from '../ses/suppression';
import { unsubscribe } from '../ses/unsubscribe';
import { listNames, setName } from '../dns/zone';
import { startState } from '../state';
import { describeUserPool, login, setPolicy, setUserPool } from '../auth/control';
import { describeTeam, offboard, setMember, setTeam } from '../auth/team-control';

type Control = (emulator: Emulator, body: () => Record<string, unknown>) => unknown;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function injectEvent(emulator: Emulator, body: Record<string, unknown>): unknown {
  const type = body.type;
  if (typeof type !== 'string' || !EVENT_TYPES.includes(type as EventType))
    throw badRequest(`type must be one of ${EVENT_TYPES.join(', ')}.`);
  const bounceType = body.bounceType ?? 'Permanent';
  if (type === 'Bounce' && !['Permanent', 'Transient', 'Undetermined'].includes(bounceType as string)) {
    throw badRequest('bounceType must be Permanent, Transient or Undetermined.');
  }
  let message;
  if (body.messageId !== undefined) {
    message = typeof body.messageId === 'string' ? emulator.state.messages.get(body.messageId) : undefined;
    if (!message) throw notFound(`No message ${String(body.messageId)} was sent.`);
  }
  if (body.sender !== undefined && typeof body.sender !== 'string') throw badRequest('sender must be a string.');
  let recipients: string[];
  if (body.recipient !== undefined) {
    const mailbox = typeof body.recipient === 'string' ? parseMailbox(body.recipient) : undefined;
    if (!mailbox) throw badRequest(`recipient is not an email address: ${String(body.recipient)}`);
    recipients = [mailbox.address];
  } else if (message) {
    recipients = [...message.to, ...message.cc, ...message.bcc].map((text) => parseMailbox(text)!.address);
  } else {
    throw badRequest('recipient is required (or a messageId, for every recipient of that message).');
  }
  let atMs = emulator.clock.now();
  if (body.at !== undefined) {
    atMs = typeof body.at === 'string' ? Date.parse(body.at) : NaN;
    if (!Number.isFinite(atMs)) throw badRequest('at must be an ISO 8601 time.');
  }
  const published = publishFeedback(emulator, {
    type: type as EventType,
    bounceType: type === 'Bounce' ? (bounceType as BounceType) : undefined,
    atMs,
    recipients,
    message,
    // A sender is a tag, or an address whose tag is meant.
    ...(message || body.sender === undefined ? {} : { sender: senderTagOf(body.sender as string) }),
    ...(!message && typeof body.sender === 'string' && body.sender.includes('@') ? { source: body.sender } : {}),
  });
  return published;
}

function armFaults(emulator: Emulator, body: Record<string, unknown>): unknown {
  const count = body.count ?? 1;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) throw badRequest('count must be a whole number.');
  if (!FAULT_KINDS.includes(body.error as FaultKind)) throw badRequest(`error must be one of ${FAULT_KINDS.join(', ')}.`);
  const message = body.message;
  if (message !== undefined && (typeof message !== 'string' || message === '' || body.error === 'hold')) {
    throw badRequest('message must be a non-empty string, and only for an error (not hold).');
  }
  emulator.faults.arm(body.error as FaultKind, count, message);
  return { armed: body.error, remaining: emulator.faults.remaining(), ...(message !== undefined ? { message } : {}) };
}

/** `{ name, events }`: the event types the configuration set's event destination publishes. */
function setEventDestination(emulator: Emulator, body: Record<string, unknown>): unknown {
  const { name, events } = body;
  if (typeof name !== 'string' || !emulator.state.configurationSets.has(name))
    throw notFound(`Configuration set ${String(name)} does not exist.`);
  if (!Array.isArray(events) || !events.every((e) => PUBLISHED_TYPES.includes(e as PublishedType))) {
    throw badRequest(`events must be a list of ${PUBLISHED_TYPES.join(', ')}.`);
  }
  emulator.state.eventDestinations.set(name, new Set(events as PublishedType[]));
  return { name, events: [...new Set(events)] };
}

function moveClock(emulator: Emulator, body: Record<string, unknown>): unknown {
  if (body.now !== undefined) {
    const at = typeof body.now === 'string' ? Date.parse(body.now) : typeof body.now === 'number' ? body.now : NaN;
    if (!Number.isFinite(at)) throw badRequest('now must be an ISO 8601 time.');
    emulator.clock.set(at);
  } else if (body.advance !== undefined) {
    const ms =
      typeof body.advance === 'number' ? body.advance * 1000 : typeof body.advance === 'string' ? parseDurationMs(body.advance) : undefined;
    if (ms === undefined || !Number.isFinite(ms))
      throw badRequest('advance must be an ISO 8601 duration such as "P1D" or "PT2H", or a number of seconds.');
    emulator.clock.advance(ms);
  } else {
    throw badRequest('Give either now (an ISO time) or advance (a duration or seconds).');
  }
  return { now: iso(emulator.clock.now()) };
}

export async function resetEmulator(emulator: Emulator): Promise<void> {
  emulator.clock.reset();
  emulator.state = startState(emulator.clock.now(), emulator.region);
  emulator.queues.emptyAll();
  emulator.faults.reset();
  emulator.credentials.disarm();
  emulator.auth.reset();
  await emulator.mailViewer?.clear();
}

const routes = [
  route<Control>('GET', '/_local/health', () => ({ ok: true })),
  route<Control>('GET', '/_local/messages', (emulator) => deliveredMessages(emulator.state)),
  route<Control>('GET', '/_local/requests', (emulator) => emulator.state.requests),
  route<Control>('GET', '/_local/account', (emulator) => getAccount(emulator)),
  route<Control>('POST', '/_local/account', (emulator, body) => {
    mergeAccount(emulator, body());
    return getAccount(emulator);
  }),
  route<Control>('POST', '/_local/identities', (emulator, body) => patchIdentity(emulator, body())),
  route<Control>('POST', '/_local/suppression', (emulator, body) => seedSuppression(emulator, body())),
  route<Control>('POST', '/_local/events', (emulator, body) => injectEvent(emulator, body())),
  route<Control>('GET', '/_local/dns', (emulator) => listNames(emulator.state.dns)),
  route<Control>('POST', '/_local/dns', (emulator, body) => setName(emulator.state.dns, body())),
  route<Control>('POST', '/_local/unsubscribe', (emulator, body) => unsubscribe(emulator, body())),
  route<Control>('POST', '/_local/faults', (emulator, body) => armFaults(emulator, body())),
  route<Control>('POST', '/_local/configuration-set', (emulator, body) => setEventDestination(emulator, body())),
  route<Control>('POST', '/_local/faults/release', (emulator) => ({ released: emulator.faults.release() })),
  route<Control>('GET', '/_local/clock', (emulator) => ({ now: iso(emulator.clock.now()) })),
  route<Control>('POST', '/_local/clock', (emulator, body) => moveClock(emulator, body())),
  route<Control>('POST', '/_local/credentials/expire', (emulator, body) => {
    const { atNextSend } = body();
    if (atNextSend !== undefined && typeof atNextSend !== 'boolean') throw badRequest('atNextSend must be true or false.');
    if (!atNextSend) return { expired: emulator.credentials.expireAllIssued() };
    emulator.credentials.expireAllAtNextSend();
    return { atNextSend: true };
  }),
  route<Control>('POST', '/_local/pool', (emulator, body) => {
    const { allowUnauthenticated } = body();
    if (typeof allowUnauthenticated !== 'boolean') throw badRequest('allowUnauthenticated must be true or false.');
    emulator.state.pool.allowUnauthenticated = allowUnauthenticated;
    return { ...emulator.state.pool };
  }),
  route<Control>('GET', '/_local/policy', (emulator) => emulator.auth.policy),
  route<Control>('POST', '/_local/policy', (emulator, body) => setPolicy(emulator, body())),
  route<Control>('GET', '/_local/user-pool', (emulator) => describeUserPool(emulator)),
  route<Control>('POST', '/_local/login', (emulator, body) => login(emulator, body())),
  route<Control>('POST', '/_local/user-pool', (emulator, body) => setUserPool(emulator, body())),
  route<Control>('GET', '/_local/team', (emulator) => describeTeam(emulator)),
  route<Control>('POST', '/_local/team', (emulator, body) => setTeam(emulator, body())),
  route<Control>('POST', '/_local/team/members', (emulator, body) => setMember(emulator, body())),
  route<Control>('POST', '/_local/team/offboard', (emulator, body) => offboard(emulator, body())),
  route<Control>('GET', '/_local/queues', (emulator) =>
    emulator.queues
      .list()
      .map((queue) => ({ name: queue.name, url: emulator.queues.urlOf(queue), sender: queue.sender, messages: queue.messages.length })),
  ),
  route<Control>('POST', '/_local/reset', async (emulator) => {
    await resetEmulator(emulator);
    return { reset: true, now: iso(emulator.clock.now()) };
  }),
];

export async function handleControl(emulator: Emulator, method: string, rawPath: string, rawBody: Buffer): Promise<unknown> {
  const match = matchRoute(routes, method, rawPath.replace(/\/+$/, '') || '/');
  if (!match) throw new AwsError(404, 'UnknownOperationException', `No control route at ${method} ${rawPath}.`);
  const body = () => {
    const parsed = parseJsonObject(rawBody);
    if (!isObject(parsed)) throw badRequest('The body must be a JSON object.');
    return parsed;
  };
  return match.handler(emulator, body);
}
