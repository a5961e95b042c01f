// SES v2 (REST-JSON under /v2/email): every call SigV4-verified for service `ses`, then
// routed to its operation.
import type { Emulator } from '../context';
import { AwsError, asAwsError, restJsonError } from '../http/errors';
import { parseJsonObject } from '../http/body';
import { matchRoute, route } from '../http/router';
import { verifySigV4, type WireRequest } from '../sigv4';
import { getAccount } from './account';
import { refuseGuest } from '../auth/guest';
import { authorizeSesCall } from '../auth/access';
import { LOCAL_ACCOUNT_ID } from '../state';
import {
  createContact,
  createContactList,
  deleteContact,
  deleteContactList,
  getContact,
  getContactList,
  listContactLists,
  listContacts,
  updateContact,
} from './contacts';
import { createEmailIdentity, getEmailIdentity, listEmailIdentities } from './identities';
import { batchGetMetricData } from './metrics';
import { recordAttempt, sendEmail } from './send';
import { deleteSuppressedDestination, getSuppressedDestination, listSuppressedDestinations, putSuppressedDestination } from './suppression';

interface Call {
  emulator: Emulator;
  labels: Record<string, string>;
  query: URLSearchParams;
  body: () => Record<string, unknown>;
}

type Operation = (call: Call) => unknown;

/** SendEmail is routed apart: it is logged, may be held, and answers with its own shape. */
const SEND_EMAIL = Symbol('SendEmail');
const on = (method: string, pattern: string, handler: Operation | typeof SEND_EMAIL) => route(method, pattern, handler);

const routes = [
  on('GET', '/v2/email/account', ({ emulator }) => getAccount(emulator)),
  on('POST', '/v2/email/outbound-emails', SEND_EMAIL),
  on('PUT', '/v2/email/suppression/addresses', ({ emulator, body }) => putSuppressedDestination(emulator, body())),
  on('GET', '/v2/email/suppression/addresses', ({ emulator, query }) => listSuppressedDestinations(emulator, query)),
  on('GET', '/v2/email/suppression/addresses/{EmailAddress}', ({ emulator, labels }) =>
    getSuppressedDestination(emulator, labels.EmailAddress!),
  ),
  on('DELETE', '/v2/email/suppression/addresses/{EmailAddress}', ({ emulator, labels }) =>
    deleteSuppressedDestination(emulator, labels.EmailAddress!),
  ),
  on('POST', '/v2/email/list-identities', ({ emulator, body }) => listEmailIdentities(emulator, body())),
  // Older SDKs list identities with a GET and query parameters.
  on('GET', '/v2/email/identities', ({ emulator, query }) =>
    listEmailIdentities(emulator, { PageSize: query.get('PageSize') ?? undefined, NextToken: query.get('NextToken') ?? undefined }),
  ),
  on('POST', '/v2/email/identities', ({ emulator, body }) => createEmailIdentity(emulator, body())),
  on('GET', '/v2/email/identities/{EmailIdentity}', ({ emulator, labels }) => getEmailIdentity(emulator, labels.EmailIdentity!)),
  on('POST', '/v2/email/metrics/batch', ({ emulator, body }) => batchGetMetricData(emulator, body())),
  on('POST', '/v2/email/contact-lists', ({ emulator, body }) => createContactList(emulator, body())),
  on('GET', '/v2/email/contact-lists', ({ emulator }) => listContactLists(emulator)),
  on('GET', '/v2/email/contact-lists/{ContactListName}', ({ emulator, labels }) => getContactList(emulator, labels.ContactListName!)),
  on('DELETE', '/v2/email/contact-lists/{ContactListName}', ({ emulator, labels }) => deleteContactList(emulator, labels.ContactListName!)),
  on('POST', '/v2/email/contact-lists/{ContactListName}/contacts', ({ emulator, labels, body }) =>
    createContact(emulator, labels.ContactListName!, body()),
  ),
  on('POST', '/v2/email/contact-lists/{ContactListName}/contacts/list', ({ emulator, labels, body }) =>
    listContacts(emulator, labels.ContactListName!, body()),
  ),
  on('GET', '/v2/email/contact-lists/{ContactListName}/contacts/{EmailAddress}', ({ emulator, labels }) =>
    getContact(emulator, labels.ContactListName!, labels.EmailAddress!),
  ),
  on('PUT', '/v2/email/contact-lists/{ContactListName}/contacts/{EmailAddress}', ({ emulator, labels, body }) =>
    updateContact(emulator, labels.ContactListName!, labels.EmailAddress!, body()),
  ),
  on('DELETE', '/v2/email/contact-lists/{ContactListName}/contacts/{EmailAddress}', ({ emulator, labels }) =>
    deleteContact(emulator, labels.ContactListName!, labels.EmailAddress!),
  ),
];

/** The IAM action of an SES v2 request, for an AccessDenied message. */
function sesAction(method: string, rawPath: string): string {
  const path = rawPath.replace(/^\/v2\/email\/?/, '');
  if (path === 'account') return 'GetAccount';
  if (path === 'outbound-emails') return 'SendEmail';
  if (path.startsWith('suppression/addresses')) {
    if (method === 'PUT') return 'PutSuppressedDestination';
    if (method === 'DELETE') return 'DeleteSuppressedDestination';
    return path === 'suppression/addresses' ? 'ListSuppressedDestinations' : 'GetSuppressedDestination';
  }
  if (path === 'list-identities' || (path === 'identities' && method === 'GET')) return 'ListEmailIdentities';
  if (path === 'identities') return 'CreateEmailIdentity';
  if (path.startsWith('identities/')) return 'GetEmailIdentity';
  if (path === 'metrics/batch') return 'BatchGetMetricData';
  if (path.includes('/contacts')) {
    if (path.endsWith('/contacts/list')) return 'ListContacts';
    return { GET: 'GetContact', PUT: 'UpdateContact', DELETE: 'DeleteContact', POST: 'CreateContact' }[method] ?? 'GetContact';
  }
  if (path.startsWith('contact-lists')) {
    if (path === 'contact-lists') return method === 'POST' ? 'CreateContactList' : 'ListContactLists';
    return { GET: 'GetContactList', DELETE: 'DeleteContactList' }[method] ?? 'GetContactList';
  }
  return 'Unknown';
}

export interface SesReply {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /** Answer only after `POST /_local/faults/release`. */
  held?: boolean;
  /** The body as is, not JSON (an injected fault). */
  raw?: string;
}

const ok = (body: unknown): SesReply => ({ status: 200, headers: {}, body });
const fail = (error: AwsError): SesReply => restJsonError(error);

export function handleSes(emulator: Emulator, wire: WireRequest): SesReply {
  const match = matchRoute(routes, wire.method, wire.rawPath);
  if (!match) return fail(new AwsError(404, 'UnknownOperationException', `No SES v2 operation at ${wire.method} ${wire.rawPath}.`));
  const isSend = match.handler === SEND_EMAIL;
  let parsedBody: Record<string, unknown> | undefined;
  const body = () => (parsedBody ??= parseJsonObject(wire.body));
  try {
    if (isSend) emulator.credentials.sendArrived();
    const caller = verifySigV4(wire, 'ses', emulator.credentials);
    refuseGuest(
      emulator,
      caller.credential,
      `ses:${sesAction(wire.method, wire.rawPath)}`,
      `arn:aws:ses:${emulator.region}:${LOCAL_ACCOUNT_ID}:*`,
    );
    authorizeSesCall(emulator, caller.credential, wire.method, wire.rawPath, body);
    if (match.handler === SEND_EMAIL) {
      const outcome = sendEmail(emulator, body());
      recordAttempt(emulator.state, emulator.clock.now(), 'accepted', body(), outcome.response.MessageId);
      // Sent, but answered with what a client cannot read: cut short, or the id as a number.
      if (outcome.fault === 'truncated') return { ...ok(undefined), raw: JSON.stringify(outcome.response).slice(0, 12) };
      if (outcome.fault === 'wrong-types')
        return ok({ MessageId: Number.parseInt(outcome.response.MessageId.replace(/\D/g, '').slice(0, 9) || '0', 10) });
      return { ...ok(outcome.response), held: outcome.held };
    }
    return ok(match.handler({ emulator, labels: match.labels, query: new URLSearchParams(wire.rawQuery), body }));
  } catch (thrown) {
    const error = asAwsError(thrown);
    if (isSend) {
      let attempted: unknown;
      try {
        attempted = body();
      } catch {
        attempted = undefined;
      }
      recordAttempt(emulator.state, emulator.clock.now(), error.code, attempted);
    }
    if (error.code === 'BadGateway')
      return { status: 502, headers: {}, body: undefined, raw: '<html><body><h1>502 Bad Gateway</h1></body></html>' };
    return fail(error);
  }
}
