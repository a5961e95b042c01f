// What a signed-in member's credentials may do, as infra/'s two roles allow it, evaluated
// on every SES and SQS call: the session's principal tags (from the ID token's lead-set
// claims) hold SendEmail to `ses:FromAddress` = `aws:PrincipalTag/sending_address`, inside
// the team's sending domain (the roles' policy, auth/role-policy.ts), and SQS to the queue
// `rampart-events-${aws:PrincipalTag/sender_tag}`; the lead role alone may
// DeleteSuppressedDestination; an action neither role lists is refused. Refusals are
// worded as IAM words them, naming the caller's role. Guest credentials and the long-term
// keys are not conditioned here.
import type { Emulator } from '../context';
import type { IssuedCredential } from '../credentials';
import { QUEUE_PREFIX } from '../feedback/sender-tag';
import { AwsError } from '../http/errors';
import { parseMailbox } from '../ses/address';
import { LOCAL_ACCOUNT_ID } from '../state';
import type { Login } from './types';
import { LEAD_ROLE } from './team';

/** Every member's SES calls (infra/lib/calls.ts), SendEmail aside. */
const MEMBER_SES_ACTIONS = new Set([
  'ses:GetAccount',
  'ses:ListSuppressedDestinations',
  'ses:GetSuppressedDestination',
  'ses:PutSuppressedDestination',
  'ses:ListEmailIdentities',
  'ses:BatchGetMetricData',
  'ses:GetEmailIdentity',
  'ses:GetContact',
  'ses:CreateContact',
  'ses:UpdateContact',
]);
const LEAD_SES_ACTIONS = new Set(['ses:DeleteSuppressedDestination']);
const SQS_ACTIONS = new Set(['sqs:GetQueueUrl', 'sqs:ReceiveMessage', 'sqs:DeleteMessage']);

/** SES v2's REST routes and the IAM action each is authorised as. */
const SES_ROUTES: [string, RegExp, string][] = [
  ['GET', /^\/v2\/email\/account$/, 'ses:GetAccount'],
  ['POST', /^\/v2\/email\/outbound-emails$/, 'ses:SendEmail'],
  ['PUT', /^\/v2\/email\/suppression\/addresses$/, 'ses:PutSuppressedDestination'],
  ['GET', /^\/v2\/email\/suppression\/addresses$/, 'ses:ListSuppressedDestinations'],
  ['GET', /^\/v2\/email\/suppression\/addresses\/[^/]+$/, 'ses:GetSuppressedDestination'],
  ['DELETE', /^\/v2\/email\/suppression\/addresses\/[^/]+$/, 'ses:DeleteSuppressedDestination'],
  ['POST', /^\/v2\/email\/list-identities$/, 'ses:ListEmailIdentities'],
  ['GET', /^\/v2\/email\/identities$/, 'ses:ListEmailIdentities'],
  ['POST', /^\/v2\/email\/identities$/, 'ses:CreateEmailIdentity'],
  ['GET', /^\/v2\/email\/identities\/[^/]+$/, 'ses:GetEmailIdentity'],
  ['POST', /^\/v2\/email\/metrics\/batch$/, 'ses:BatchGetMetricData'],
  ['POST', /^\/v2\/email\/contact-lists$/, 'ses:CreateContactList'],
  ['GET', /^\/v2\/email\/contact-lists$/, 'ses:ListContactLists'],
  ['GET', /^\/v2\/email\/contact-lists\/[^/]+$/, 'ses:GetContactList'],
  ['DELETE', /^\/v2\/email\/contact-lists\/[^/]+$/, 'ses:DeleteContactList'],
  ['POST', /^\/v2\/email\/contact-lists\/[^/]+\/contacts$/, 'ses:CreateContact'],
  ['POST', /^\/v2\/email\/contact-lists\/[^/]+\/contacts\/list$/, 'ses:ListContacts'],
  ['GET', /^\/v2\/email\/contact-lists\/[^/]+\/contacts\/[^/]+$/, 'ses:GetContact'],
  ['PUT', /^\/v2\/email\/contact-lists\/[^/]+\/contacts\/[^/]+$/, 'ses:UpdateContact'],
  ['DELETE', /^\/v2\/email\/contact-lists\/[^/]+\/contacts\/[^/]+$/, 'ses:DeleteContact'],
];

export const sesActionOf = (method: string, rawPath: string): string | undefined =>
  SES_ROUTES.find(([m, pattern]) => m === method && pattern.test(rawPath))?.[2];

/** The session's principal tags, copied from the ID token's claims (attributes for access control). */
export function principalTagsOf(claims: Record<string, unknown>): Record<string, string> {
  const tags: Record<string, string> = {};
  if (typeof claims['custom:sending_address'] === 'string') tags.sending_address = claims['custom:sending_address'];
  if (typeof claims['custom:sender_tag'] === 'string') tags.sender_tag = claims['custom:sender_tag'];
  return tags;
}

/** IAM's refusal, with or without a resource (SES's account-level actions have none). */
function denied(login: Login, action: string, resource: string | null, sqs = false): AwsError {
  const user = `arn:aws:sts::${LOCAL_ACCOUNT_ID}:assumed-role/${login.role}/CognitoIdentityCredentials`;
  const message = resource
    ? `User: ${user} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`
    : `User: ${user} is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`;
  return sqs ? new AwsError(403, 'AccessDenied', message, 'AccessDenied;Sender') : new AwsError(403, 'AccessDeniedException', message);
}

const signedIn = (emulator: Emulator, credential: IssuedCredential): Login | undefined =>
  emulator.auth.principals.get(credential.accessKeyId);

/** Refuses an SES call the caller's role does not allow. */
export function authorizeSesCall(
  emulator: Emulator,
  credential: IssuedCredential,
  method: string,
  rawPath: string,
  body: () => Record<string, unknown>,
): void {
  const login = signedIn(emulator, credential);
  if (!login) return;
  const action = sesActionOf(method, rawPath);
  if (!action) return; // the router answers UnknownOperation
  const arn = (resource: string) => `arn:aws:ses:${emulator.region}:${LOCAL_ACCOUNT_ID}:${resource}`;
  if (action === 'ses:SendEmail') {
    // infra/'s SendFromOwnAddressOnly statement, in both roles, all its conditions at
    // once (IAM answers one sentence, with the caller's role, whichever fails): a
    // sending_address tag (Null), ses:FromAddress equal to it without case
    // (StringEqualsIgnoreCase), and inside the sending domain (StringLike `*@<domain>`;
    // `/_local/policy` moves the domain, null lifts it).
    const input = body();
    const from = typeof input.FromEmailAddress === 'string' ? parseMailbox(input.FromEmailAddress) : undefined;
    const own = login.tags.sending_address?.trim().toLowerCase();
    const domain = emulator.auth.policy.allowedFromDomain?.toLowerCase();
    if (from === undefined || own === undefined || from.address !== own || (domain !== undefined && from.domain !== domain)) {
      throw denied(login, action, arn(`identity/${from?.address ?? 'unknown'}`));
    }
    return;
  }
  if (MEMBER_SES_ACTIONS.has(action)) return;
  if (LEAD_SES_ACTIONS.has(action) && login.role === LEAD_ROLE) return;
  const labelled = rawPath.match(/^\/v2\/email\/(identities|contact-lists)\/([^/]+)/);
  const resource = labelled
    ? arn(`${labelled[1] === 'identities' ? 'identity' : 'contact-list'}/${decodeURIComponent(labelled[2]!)}`)
    : null;
  throw denied(login, action, resource);
}

/** The queue an SQS request names: QueueName for GetQueueUrl, the last path part of QueueUrl otherwise. */
export function queueNameOf(operation: string, input: Record<string, unknown>): string | undefined {
  if (operation === 'GetQueueUrl') return typeof input.QueueName === 'string' ? input.QueueName : undefined;
  if (typeof input.QueueUrl !== 'string') return undefined;
  return input.QueueUrl.split('?')[0]!.replace(/\/+$/, '').split('/').pop();
}

/** Refuses an SQS call on any queue but the caller's own (`rampart-events-<their sender tag>`). */
export function authorizeSqsCall(
  emulator: Emulator,
  credential: IssuedCredential,
  operation: string,
  input: Record<string, unknown>,
): void {
  const login = signedIn(emulator, credential);
  if (!login) return;
  const action = `sqs:${operation === 'DeleteMessageBatch' ? 'DeleteMessage' : operation}`;
  const name = queueNameOf(operation, input);
  if (name === undefined) return; // SQS answers MissingParameter
  const own = login.tags.sender_tag !== undefined ? QUEUE_PREFIX + login.tags.sender_tag : undefined;
  // IAM writes SQS's actions lower-cased in its refusals.
  if (!SQS_ACTIONS.has(action) || name !== own)
    throw denied(login, action.toLowerCase(), `arn:aws:sqs:${emulator.region}:${LOCAL_ACCOUNT_ID}:${name}`, true);
}
