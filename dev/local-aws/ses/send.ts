// SendEmail, held to SES's rules in SES's order: request shape, configuration set,
// contact list, account status, verified From (and recipients, in the sandbox), MAIL FROM,
// quota and rate. Then what becomes of each recipient: delivered, bounced (simulator or
// suppression list), withheld (unsubscribed contact), and the events that follow.
import type { Emulator } from '../context';
import { AwsError, badRequest, notFound } from '../http/errors';
import { iso } from '../clock';
import { faultError, isRefusingFault, type FaultKind } from '../faults';
import { publishFeedback } from '../feedback/publish';
import type { SentMessage, State } from '../state';
import { parseMailbox, splitAddressList, type Mailbox } from './address';
import { checkQuota, countSend } from './account';
import { listManagement } from './contacts';
import { listManagementOf } from './unsubscribe';
import { verifiedIdentityFor } from './identities';
import { decodeEncodedWords, parseRawMessage } from './raw-message';
import { sesId } from './message-id';
import { isSimulatorAddress, simulatorOutcome } from './simulator';
import { isSuppressed } from './suppression';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

interface Draft {
  from: Mailbox;
  to: Mailbox[];
  cc: Mailbox[];
  bcc: Mailbox[];
  subject: string;
  text?: string;
  html?: string;
  headers: { name: string; value: string }[];
  raw?: string;
  /** What the mail viewer is handed (a SendEmail body of its own). */
  viewerContent: Record<string, unknown>;
}

function mailbox(text: unknown, field: string): Mailbox {
  if (typeof text !== 'string') throw badRequest(`${field} must be an email address.`);
  const parsed = parseMailbox(text);
  if (!parsed) throw badRequest(`Illegal address: ${JSON.stringify(text)} in ${field}.`);
  return parsed;
}

function addressList(value: unknown, field: string): Mailbox[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw badRequest(`${field} must be a list of addresses.`);
  return value.map((text) => mailbox(text, field));
}

function charsetData(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value) || typeof value.Data !== 'string') throw badRequest(`${field}.Data is required.`);
  return value.Data;
}

function readDraft(input: Record<string, unknown>): Draft {
  const content = input.Content;
  if (!isObject(content)) throw badRequest('Content is required.');
  const destination = isObject(input.Destination) ? input.Destination : undefined;
  if (input.Destination !== undefined && !destination) throw badRequest('Destination must be an object.');

  if (isObject(content.Simple)) {
    const simple = content.Simple;
    const subject = charsetData(simple.Subject, 'Content.Simple.Subject');
    if (subject === undefined) throw badRequest('Content.Simple.Subject is required.');
    if (!isObject(simple.Body)) throw badRequest('Content.Simple.Body is required.');
    const text = charsetData(simple.Body.Text, 'Content.Simple.Body.Text');
    const html = charsetData(simple.Body.Html, 'Content.Simple.Body.Html');
    if (text === undefined && html === undefined) throw badRequest('Content.Simple.Body needs Text or Html.');
    if (/[\r\n]/.test(subject)) throw badRequest('The subject must not contain line breaks.');
    const headers = Array.isArray(simple.Headers) ? simple.Headers : simple.Headers === undefined ? [] : null;
    if (!headers) throw badRequest('Content.Simple.Headers must be a list.');
    const parsedHeaders = headers.map((header: unknown) => {
      if (!isObject(header) || typeof header.Name !== 'string' || typeof header.Value !== 'string')
        throw badRequest('Every header needs a Name and a Value.');
      if (!/^[!-9;-~]+$/.test(header.Name) || /[\r\n]/.test(header.Value)) throw badRequest(`Invalid header: ${header.Name}`);
      return { name: header.Name, value: header.Value };
    });
    if (input.FromEmailAddress === undefined) throw badRequest('FromEmailAddress is required with Simple content.');
    return {
      from: mailbox(input.FromEmailAddress, 'FromEmailAddress'),
      to: addressList(destination?.ToAddresses, 'ToAddresses'),
      cc: addressList(destination?.CcAddresses, 'CcAddresses'),
      bcc: addressList(destination?.BccAddresses, 'BccAddresses'),
      subject,
      text,
      html,
      headers: parsedHeaders,
      viewerContent: { Simple: simple },
    };
  }

  if (isObject(content.Raw)) {
    const data = content.Raw.Data;
    if (typeof data !== 'string' || data === '') throw badRequest('Content.Raw.Data is required.');
    const source = Buffer.from(data, 'base64').toString('latin1');
    const raw = parseRawMessage(source);
    const fromText = input.FromEmailAddress ?? (raw.header('from') !== undefined ? decodeEncodedWords(raw.header('from')!) : undefined);
    if (fromText === undefined) throw badRequest('The raw message has no From header and FromEmailAddress is not set.');
    const fromHeader = (name: string) => {
      const value = raw.header(name);
      return value ? splitAddressList(decodeEncodedWords(value)) : [];
    };
    return {
      from: mailbox(fromText, 'From'),
      to: addressList(destination ? destination.ToAddresses : fromHeader('to'), 'To'),
      cc: addressList(destination ? destination.CcAddresses : fromHeader('cc'), 'Cc'),
      bcc: addressList(destination ? destination.BccAddresses : fromHeader('bcc'), 'Bcc'),
      subject: decodeEncodedWords(raw.header('subject') ?? ''),
      text: raw.text,
      html: raw.html,
      headers: raw.headers,
      raw: source,
      viewerContent: { Raw: { Data: data } },
    };
  }

  if (content.Template !== undefined)
    throw badRequest('Template content is not supported by the local emulator; send Simple or Raw content.');
  throw badRequest('Content needs Simple or Raw.');
}

function notVerified(identities: string[], region: string): AwsError {
  return new AwsError(
    400,
    'MessageRejected',
    `Email address is not verified. The following identities failed the check in region ${region.toUpperCase()}: ${identities.join(', ')}`,
  );
}

function uniqueRecipients(draft: Draft): Mailbox[] {
  const seen = new Map<string, Mailbox>();
  for (const recipient of [...draft.to, ...draft.cc, ...draft.bcc])
    if (!seen.has(recipient.address)) seen.set(recipient.address, recipient);
  return [...seen.values()];
}

function refuseBeforeAccepting(emulator: Emulator, input: Record<string, unknown>, draft: Draft, recipients: Mailbox[]) {
  const { state } = emulator;
  const configurationSet = input.ConfigurationSetName;
  if (configurationSet !== undefined && (typeof configurationSet !== 'string' || !state.configurationSets.has(configurationSet))) {
    throw notFound(`Configuration set ${String(configurationSet)} does not exist.`);
  }
  const withheld = listManagement(state, input.ListManagementOptions);
  if (state.account.EnforcementStatus === 'SHUTDOWN') {
    throw new AwsError(400, 'AccountSuspendedException', "The message can't be sent because the account has been suspended.");
  }
  if (!state.account.SendingEnabled) {
    throw new AwsError(400, 'SendingPausedException', 'Email sending is disabled for your entire Amazon SES account.');
  }
  const identity = verifiedIdentityFor(state, draft.from.address);
  const failing = identity ? [] : [draft.from.address];
  if (!state.account.ProductionAccessEnabled) {
    for (const recipient of recipients) {
      if (!isSimulatorAddress(recipient.address) && !verifiedIdentityFor(state, recipient.address)) failing.push(recipient.address);
    }
  }
  if (failing.length > 0) throw notVerified(failing, emulator.region);
  if (
    identity!.mailFromDomain !== undefined &&
    identity!.mailFromStatus !== 'SUCCESS' &&
    identity!.behaviorOnMxFailure === 'REJECT_MESSAGE'
  ) {
    throw new AwsError(
      400,
      'MailFromDomainNotVerifiedException',
      `The MAIL FROM domain ${identity!.mailFromDomain} of ${identity!.name} is not verified; the message was rejected as its BehaviorOnMxFailure asks.`,
    );
  }
  checkQuota(state, emulator.clock.now(), recipients.length, quotaRecipients(recipients));
  return { identity: identity!, withheld };
}

// SES's rule for message tags (API reference, MessageTag): names and values of ASCII
// letters, digits, `_` and `-`, at most 256 characters; refused with SES's own words
// before anything else about the message is looked at. The two `ses:feedback-id-…` names
// are SES's own exception.
const TAG_TEXT = /^[A-Za-z0-9_-]*$/;
const SES_TAG_NAMES = new Set(['ses:feedback-id-a', 'ses:feedback-id-b']);

function tagsOf(input: Record<string, unknown>): Record<string, string> {
  if (input.EmailTags === undefined) return {};
  if (!Array.isArray(input.EmailTags)) throw badRequest('EmailTags must be a list.');
  const tags: Record<string, string> = {};
  for (const tag of input.EmailTags) {
    if (!isObject(tag) || typeof tag.Name !== 'string' || typeof tag.Value !== 'string')
      throw badRequest('Every email tag needs a Name and a Value.');
    if (!SES_TAG_NAMES.has(tag.Name)) {
      if (tag.Name === '' || !TAG_TEXT.test(tag.Name))
        throw badRequest(`Invalid tag name <${tag.Name}>: only alphanumeric ASCII characters, '_', and '-' are allowed.`);
      if (tag.Name.length > 256) throw badRequest(`Invalid tag name <${tag.Name}>: it can contain no more than 256 characters.`);
      if (!TAG_TEXT.test(tag.Value))
        throw badRequest(`Invalid tag value <${tag.Value}>: only alphanumeric ASCII characters, '_', and '-' are allowed.`);
    }
    if (tag.Value.length > 256) throw badRequest(`Invalid tag value <${tag.Value}>: it can contain no more than 256 characters.`);
    tags[tag.Name] = tag.Value;
  }
  return tags;
}

/** The mailbox simulator's addresses count toward the send rate, not the daily quota (SES Developer Guide). */
const quotaRecipients = (recipients: readonly { address: string }[]) => recipients.filter((r) => !isSimulatorAddress(r.address)).length;

export interface SendOutcome {
  response: { MessageId: string };
  /** A `hold` fault was armed: the send happened, its answer waits for release. */
  held: boolean;
  /** The fault that shapes the answer of an accepted send (`truncated`, `wrong-types`), if any. */
  fault?: FaultKind;
}

export function recordAttempt(state: State, atMs: number, outcome: string, input: unknown, messageId?: string): void {
  const body = isObject(input) ? input : {};
  const destination = isObject(body.Destination) ? body.Destination : {};
  const recipients = ['ToAddresses', 'CcAddresses', 'BccAddresses'].flatMap((field) =>
    Array.isArray(destination[field]) ? (destination[field] as unknown[]).filter((a): a is string => typeof a === 'string') : [],
  );
  state.requests.push({
    at: iso(atMs),
    outcome,
    from: typeof body.FromEmailAddress === 'string' ? body.FromEmailAddress : null,
    recipients,
    ...(messageId ? { messageId } : {}),
  });
}

export function sendEmail(emulator: Emulator, input: Record<string, unknown>): SendOutcome {
  const fault = emulator.faults.take();
  if (fault && isRefusingFault(fault.kind)) throw faultError({ ...fault, kind: fault.kind });

  const tags = tagsOf(input);
  const draft = readDraft(input);
  const recipients = uniqueRecipients(draft);
  if (recipients.length === 0) throw badRequest('Missing required field: the message has no recipients (Destination).');
  const { identity, withheld } = refuseBeforeAccepting(emulator, input, draft, recipients);

  const { state } = emulator;
  const now = emulator.clock.now();
  countSend(state, now, recipients.length, quotaRecipients(recipients));
  const message: SentMessage = {
    messageId: sesId(now),
    atMs: now,
    source: draft.from.text,
    fromAddress: draft.from.address,
    identity: identity.name,
    to: draft.to.map((m) => m.text),
    cc: draft.cc.map((m) => m.text),
    bcc: draft.bcc.map((m) => m.text),
    subject: draft.subject,
    text: draft.text,
    html: draft.html,
    headers: draft.headers,
    tags,
    configurationSet: typeof input.ConfigurationSetName === 'string' ? input.ConfigurationSetName : undefined,
    listManagement: listManagementOf(input),
    delivered: new Set(),
    raw: draft.raw,
  };
  state.messages.set(message.messageId, message);
  // A sender's queue exists from its first send, events or not.
  if (tags.sender) emulator.queues.ensureForSender(tags.sender);

  // Accepted, counted, then refused by SES itself: its event is all the sender learns.
  if (fault?.kind === 'Reject' || fault?.kind === 'RenderingFailure') {
    publishFeedback(emulator, { type: fault.kind, atMs: now, recipients: recipients.map((r) => r.address), message });
    return { response: { MessageId: message.messageId }, held: false, fault: fault.kind };
  }
  publishFeedback(emulator, { type: 'Send', atMs: now, recipients: recipients.map((r) => r.address), message });
  for (const { address } of recipients) {
    const simulated = simulatorOutcome(address);
    if (simulated === 'suppressionlist' || isSuppressed(state, address)) {
      publishFeedback(emulator, {
        type: 'Bounce',
        bounceType: 'Permanent',
        bounceSubType: 'OnAccountSuppressionList',
        atMs: now,
        recipients: [address],
        message,
      });
    } else if (withheld?.(address)) {
      // An unsubscribed contact: SES accepts the call and sends nothing to them.
    } else if (simulated === 'bounce') {
      publishFeedback(emulator, {
        type: 'Bounce',
        bounceType: 'Permanent',
        bounceSubType: 'General',
        atMs: now,
        recipients: [address],
        message,
      });
    } else {
      message.delivered.add(address);
      publishFeedback(emulator, { type: 'Delivery', atMs: now, recipients: [address], message });
      if (simulated === 'complaint') publishFeedback(emulator, { type: 'Complaint', atMs: now, recipients: [address], message });
    }
  }
  if (message.delivered.size > 0) emulator.mailViewer?.deliver(message, draft.viewerContent);
  return { response: { MessageId: message.messageId }, held: fault?.kind === 'hold', ...(fault ? { fault: fault.kind } : {}) };
}

/** `GET /_local/messages`: delivered messages, each with the recipients it reached. */
export function deliveredMessages(state: State): unknown[] {
  const reached = (message: SentMessage, list: string[]) => list.filter((text) => message.delivered.has(parseMailbox(text)?.address ?? ''));
  return [...state.messages.values()]
    .filter((message) => message.delivered.size > 0)
    .map((message) => ({
      messageId: message.messageId,
      from: message.source,
      to: reached(message, message.to),
      cc: reached(message, message.cc),
      bcc: reached(message, message.bcc),
      subject: message.subject,
      text: message.text ?? null,
      html: message.html ?? null,
      headers: message.headers,
      tags: message.tags,
      configurationSet: message.configurationSet ?? null,
      at: iso(message.atMs),
    }));
}
