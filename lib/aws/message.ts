import type { SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import type { Address, Draft } from '@/lib/core/draft';
import type { Settings } from '@/lib/store/settings';
import { senderTagOf } from '@/lib/core/sender-tag';

// The SendEmail request for a draft: Simple content (SES builds the MIME), the From of the
// settings, threading headers for a reply to a message Rampart sent, the configuration
// set, the `sender` tag that routes feedback events to this SDR's queue, and the contact
// list that carries unsubscribes.

/** The earlier message a reply answers, as the ledger remembers it. */
export interface EarlierMessage {
  messageId: string;
  subject: string;
}

const ASCII_PRINTABLE = /^[\x20-\x7e]*$/;
// RFC 5322 atext plus space: a display name of only these needs no quotes.
const PLAIN_PHRASE = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~ -]*$/;

function utf8(value: string): Uint8Array {
  return new TextEncoder().encode(value);
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * A display name as RFC 5322 / RFC 2047 want it in a header: as is when plain, quoted when
 * it has specials, and as UTF-8 "B" encoded-words when it is not ASCII. Each encoded word
 * stays under 75 characters and never splits a character.
 */
export function encodeDisplayName(name: string): string {
  const trimmed = name.trim();
  if (ASCII_PRINTABLE.test(trimmed)) {
    return PLAIN_PHRASE.test(trimmed) ? trimmed : `"${trimmed.replace(/(["\\])/g, '\\$1')}"`;
  }
  const words: string[] = [];
  let chunk = '';
  for (const char of trimmed) {
    // 45 bytes encode to 60 base64 characters: with `=?UTF-8?B?` and `?=`, 72 in all.
    if (utf8(chunk + char).length > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  if (chunk) words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${base64(utf8(word))}?=`).join(' ');
}

/** `Name <address>`, or the bare address when there is no name. */
export function mailbox(address: Address): string {
  const email = address.email.trim();
  const name = address.name?.trim();
  return name ? `${encodeDisplayName(name)} <${email}>` : email;
}

function bareAddress(address: Address): string {
  return address.email.trim();
}

/** The message tag naming the outbox row of a send. */
export const OUTBOX_TAG = 'outbox';
/** What an outbox id may hold, to travel as a tag value. */
export const OUTBOX_ID = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * The Message-ID SES gives a message it accepted: its MessageId at `email.amazonses.com`
 * in us-east-1, at `<region>.amazonses.com` elsewhere. A reply names it in In-Reply-To
 * and References so the recipient's mail client threads it.
 */
export function sesMessageIdHeader(messageId: string, region: string): string {
  const host = region === 'us-east-1' ? 'email.amazonses.com' : `${region}.amazonses.com`;
  return `<${messageId}@${host}>`;
}

/** RFC 5322's msg-id with dot-atom parts: `<id@domain>`, nothing before or after, no CR or LF. */
const MESSAGE_ID = /^<[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*>$/;

export function isMessageIdHeader(value: string): boolean {
  return MESSAGE_ID.test(value);
}

/** `Re: subject`, without piling up prefixes. */
export function replySubject(subject: string): string {
  const bare = subject.trim();
  return /^re:/i.test(bare) ? bare : `Re: ${bare}`;
}

export interface MessageOptions {
  /** The From the message goes out with; the configured identity when absent. */
  from?: Address;
  /** The earlier message this replies to, when Rampart sent it. */
  earlier?: EarlierMessage;
  /**
   * The outbox row's id, sent as the `outbox` tag: SES's events about the message carry
   * it, so a send whose answer was lost is still settled. Only [A-Za-z0-9_-] (SES's tag rule).
   */
  outboxId?: string;
}

export function buildSendEmail(draft: Draft, settings: Settings, options: MessageOptions = {}): SendEmailCommandInput {
  const { earlier } = options;
  const from = options.from ?? { email: settings.fromAddress, name: settings.fromName };
  const subject = draft.subject.trim() || (earlier ? replySubject(earlier.subject) : '');
  const replyTo = draft.inReplyToSesMessageId !== undefined ? sesMessageIdHeader(draft.inReplyToSesMessageId, settings.region) : undefined;
  if (replyTo !== undefined && !isMessageIdHeader(replyTo)) {
    // Sent unthreaded rather than with a header that is not a message id.
    console.warn('Rampart: a reply’s earlier message id was not <id@domain>; sent without In-Reply-To and References.');
  }
  const threading =
    replyTo !== undefined && isMessageIdHeader(replyTo)
      ? [
          { Name: 'In-Reply-To', Value: replyTo },
          { Name: 'References', Value: replyTo },
        ]
      : [];
  // Every message offers an unsubscribe: SES adds a one-click List-Unsubscribe when a
  // contact list is configured (ListManagementOptions below); without one, a mailto to
  // the sender, whose STOP reply Rampart recognises in Gmail.
  const unsubscribe = settings.contactList
    ? []
    : [{ Name: 'List-Unsubscribe', Value: `<mailto:${from.email.trim()}?subject=unsubscribe>` }];
  const all = [...threading, ...unsubscribe];
  const headers = all.length > 0 ? all : undefined;
  const body: NonNullable<NonNullable<SendEmailCommandInput['Content']>['Simple']>['Body'] = {};
  if (draft.html !== '') body.Html = { Data: draft.html, Charset: 'UTF-8' };
  if (draft.text !== '' || draft.html === '') body.Text = { Data: draft.text, Charset: 'UTF-8' };

  return {
    FromEmailAddress: mailbox(from),
    // Recipients as bare addresses: SES matches suppression and the sandbox on them, and
    // a one-to-one message reads the same without the chip's name.
    Destination: {
      ToAddresses: draft.to.map(bareAddress),
      CcAddresses: draft.cc.map(bareAddress),
      BccAddresses: draft.bcc.map(bareAddress),
    },
    ...(settings.replyTo ? { ReplyToAddresses: [settings.replyTo.trim()] } : {}),
    Content: {
      Simple: {
        Subject: { Data: subject, Charset: 'UTF-8' },
        Body: body,
        ...(headers ? { Headers: headers } : {}),
      },
    },
    ...(settings.configurationSet ? { ConfigurationSetName: settings.configurationSet } : {}),
    EmailTags: [
      { Name: 'sender', Value: senderTagOf(settings) },
      ...(options.outboxId !== undefined ? [{ Name: OUTBOX_TAG, Value: options.outboxId }] : []),
    ],
    ...(settings.contactList
      ? {
          ListManagementOptions: {
            ContactListName: settings.contactList,
            ...(settings.contactTopic ? { TopicName: settings.contactTopic } : {}),
          },
        }
      : {}),
  };
}

/** The size of a body part once SES encodes it: base64, 76-character lines with CRLF. */
function encodedSize(text: string): number {
  const raw = Math.ceil(utf8(text).length / 3) * 4;
  return raw + Math.ceil(raw / 76) * 2;
}

/**
 * An upper estimate of the message SES will build, in bytes: bodies base64-encoded (the
 * worst encoding SES picks), headers as written, plus room for the MIME structure and the
 * headers SES adds. Compared with SES's 40 MB limit before any call.
 */
export function messageBytes(input: SendEmailCommandInput): number {
  const simple = input.Content?.Simple;
  const headerText = [
    input.FromEmailAddress ?? '',
    ...(input.Destination?.ToAddresses ?? []),
    ...(input.Destination?.CcAddresses ?? []),
    ...(input.ReplyToAddresses ?? []),
    simple?.Subject?.Data ?? '',
    ...(simple?.Headers ?? []).map((h) => `${h.Name}: ${h.Value}`),
  ].join('\r\n');
  const MIME_OVERHEAD = 2048;
  return (
    utf8(headerText).length * 2 + // encoded words can double a header's length
    encodedSize(simple?.Body?.Html?.Data ?? '') +
    encodedSize(simple?.Body?.Text?.Data ?? '') +
    MIME_OVERHEAD
  );
}
