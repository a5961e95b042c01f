// The account-level suppression list: Put / Get / Delete / List (with the date range
// and reasons filters and token paging that an incremental sync relies on).
import type { Emulator } from '../context';
import { badRequest, notFound } from '../http/errors';
import { epochSeconds } from '../clock';
import type { State, SuppressedEntry } from '../state';
import { parseMailbox } from './address';
import { pageOf } from './paging';
import { signedTokens } from './next-token';

const REASONS = ['BOUNCE', 'COMPLAINT'] as const;
type Reason = (typeof REASONS)[number];
const isReason = (value: unknown): value is Reason => REASONS.includes(value as Reason);

export function isSuppressed(state: State, address: string): boolean {
  return state.suppression.has(address.toLowerCase());
}

/** Adds (or refreshes) an entry: what SES does after a hard bounce or a complaint. */
export function suppress(
  state: State,
  address: string,
  reason: Reason,
  atMs: number,
  cause?: { messageId?: string; feedbackId?: string },
): void {
  listVersion++;
  state.suppression.set(address.toLowerCase(), {
    EmailAddress: address.toLowerCase(),
    Reason: reason,
    lastUpdateMs: atMs,
    messageId: cause?.messageId,
    feedbackId: cause?.feedbackId,
  });
}

export function putSuppressedDestination(emulator: Emulator, input: Record<string, unknown>): unknown {
  const { EmailAddress, Reason } = input;
  if (
    typeof EmailAddress !== 'string' ||
    !parseMailbox(EmailAddress) ||
    parseMailbox(EmailAddress)!.address !== EmailAddress.trim().toLowerCase()
  ) {
    throw badRequest(`Invalid email address: ${String(EmailAddress)}`);
  }
  if (!isReason(Reason)) throw badRequest(`Reason must be BOUNCE or COMPLAINT, not ${String(Reason)}.`);
  suppress(emulator.state, EmailAddress.trim(), Reason, emulator.clock.now());
  return {};
}

function attributes(entry: SuppressedEntry) {
  const attrs: Record<string, string> = {};
  if (entry.messageId) attrs.MessageId = entry.messageId;
  if (entry.feedbackId) attrs.FeedbackId = entry.feedbackId;
  return attrs;
}

export function getSuppressedDestination(emulator: Emulator, address: string): unknown {
  const entry = emulator.state.suppression.get(address.toLowerCase());
  if (!entry) throw notFound(`Email address ${address} does not exist on your suppression list.`);
  return {
    SuppressedDestination: {
      EmailAddress: entry.EmailAddress,
      Reason: entry.Reason,
      LastUpdateTime: epochSeconds(entry.lastUpdateMs),
      Attributes: attributes(entry),
    },
  };
}

export function deleteSuppressedDestination(emulator: Emulator, address: string): unknown {
  listVersion++;
  if (!emulator.state.suppression.delete(address.toLowerCase())) {
    throw notFound(`Email address ${address} does not exist on your suppression list.`);
  }
  return {};
}

function parseDateParam(name: string, value: string | null): number | undefined {
  if (value === null || value === '') return undefined;
  const ms = /^\d+(\.\d+)?$/.test(value) ? Number(value) * 1000 : Date.parse(value);
  if (!Number.isFinite(ms)) throw badRequest(`${name} is not a valid date: ${value}`);
  return ms;
}

/**
 * The last listing's filtered, sorted entries, reused by the next page while the list is
 * unchanged: paging through 100,000 entries must not sort them once per page.
 */
let listVersion = 0;
let listed: { list: Map<string, SuppressedEntry>; version: number; filter: string; sorted: SuppressedEntry[] } | undefined;

/** Ordered by last update, then address: the order an incremental sync wants. */
const sortKey = (entry: SuppressedEntry) => `${String(entry.lastUpdateMs).padStart(15, '0')}|${entry.EmailAddress}`;

export function listSuppressedDestinations(emulator: Emulator, query: URLSearchParams): unknown {
  const reasons = query.getAll('Reason');
  for (const reason of reasons) if (!isReason(reason)) throw badRequest(`Reason must be BOUNCE or COMPLAINT, not ${reason}.`);
  const startMs = parseDateParam('StartDate', query.get('StartDate'));
  const endMs = parseDateParam('EndDate', query.get('EndDate'));
  if (startMs !== undefined && endMs !== undefined && startMs > endMs) throw badRequest('StartDate must be before EndDate.');
  const filter = JSON.stringify([reasons, startMs, endMs]);
  const list = emulator.state.suppression;
  let matching: SuppressedEntry[];
  if (listed && listed.list === list && listed.version === listVersion && listed.filter === filter) {
    matching = listed.sorted;
  } else {
    matching = [...list.values()]
      .filter((entry) => reasons.length === 0 || reasons.includes(entry.Reason))
      .filter((entry) => startMs === undefined || entry.lastUpdateMs >= startMs)
      .filter((entry) => endMs === undefined || entry.lastUpdateMs <= endMs)
      // The order of sortKey, compared without building its strings.
      .sort((a, b) => a.lastUpdateMs - b.lastUpdateMs || (a.EmailAddress < b.EmailAddress ? -1 : a.EmailAddress > b.EmailAddress ? 1 : 0));
    listed = { list, version: listVersion, filter, sorted: matching };
  }
  // A token names a place in this filtered list only: the same filters must come with it.
  const tokens = signedTokens(emulator, 'ListSuppressedDestinations', JSON.stringify([[...new Set(reasons)].sort(), startMs, endMs]));
  const { items, nextToken } = pageOf(
    matching,
    query.get('PageSize') ?? undefined,
    query.get('NextToken') ?? undefined,
    sortKey,
    undefined,
    tokens,
  );
  return {
    SuppressedDestinationSummaries: items.map((entry) => ({
      EmailAddress: entry.EmailAddress,
      Reason: entry.Reason,
      LastUpdateTime: epochSeconds(entry.lastUpdateMs),
    })),
    ...(nextToken ? { NextToken: nextToken } : {}),
  };
}

/**
 * `POST /_local/suppression`: many entries at once (a benchmark's large list), each
 * `{ address, reason, at? }` — what thousands of PutSuppressedDestination calls would do.
 */
export function seedSuppression(emulator: Emulator, body: Record<string, unknown>): unknown {
  const entries = body.entries;
  if (!Array.isArray(entries)) throw badRequest('entries must be a list of { address, reason, at? }.');
  const now = emulator.clock.now();
  const parsed = entries.map((entry: Record<string, unknown>, index) => {
    const mailbox = typeof entry?.address === 'string' ? parseMailbox(entry.address) : undefined;
    if (!mailbox) throw badRequest(`entries[${index}].address is not an email address.`);
    if (!isReason(entry.reason)) throw badRequest(`entries[${index}].reason must be BOUNCE or COMPLAINT.`);
    const atMs = entry.at === undefined ? now : typeof entry.at === 'string' ? Date.parse(entry.at) : NaN;
    if (!Number.isFinite(atMs)) throw badRequest(`entries[${index}].at must be an ISO 8601 time.`);
    return { address: mailbox.address, reason: entry.reason, atMs };
  });
  for (const { address, reason, atMs } of parsed) suppress(emulator.state, address, reason, atMs);
  return { added: parsed.length, total: emulator.state.suppression.size };
}
