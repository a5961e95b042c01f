// What SES does when a recipient uses the unsubscribe link it adds to a mail sent with
// ListManagementOptions (`POST /_local/unsubscribe` stands for the click): the contact's
// preferences change in the contact list and a Subscription event is published.
//
// SES developer guide, "Using subscription management": SES adds the List-Unsubscribe
// header and footer links "only if the email is being sent to a single recipient" (and
// only for senders using Easy DKIM); a click on a mail sent with a topic unsubscribes the
// contact "only from that specific topic", without a topic "from all the topics in the
// list". The event is the one of "Contents of event data that Amazon SES publishes to
// Amazon SNS" (Subscription object) and its example record.
import type { Emulator } from '../context';
import { badRequest, notFound } from '../http/errors';
import { iso } from '../clock';
import { mailBlock } from '../feedback/event-record';
import { queuesFor, type Published } from '../feedback/publish';
import { senderTagOf } from '../feedback/sender-tag';
import type { Contact, ContactList, SentMessage } from '../state';
import { parseMailbox } from './address';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The ListManagementOptions a SendEmail carried, kept with the message. */
export function listManagementOf(input: Record<string, unknown>): SentMessage['listManagement'] {
  const options = input.ListManagementOptions;
  if (!isObject(options) || typeof options.ContactListName !== 'string') return undefined;
  return { contactList: options.ContactListName, ...(typeof options.TopicName === 'string' ? { topic: options.TopicName } : {}) };
}

interface Click {
  address: string;
  list: ContactList;
  topic?: string;
  message?: SentMessage;
  sender?: string;
}

function listNamed(emulator: Emulator, name: unknown): ContactList {
  const list = typeof name === 'string' ? emulator.state.contactLists.get(name) : undefined;
  if (!list) throw notFound(`List with name ${String(name)} does not exist.`);
  return list;
}

/** The link in a message: only one SES would have put there. */
function clickInMessage(emulator: Emulator, messageId: unknown): Click {
  const message = typeof messageId === 'string' ? emulator.state.messages.get(messageId) : undefined;
  if (!message) throw notFound(`No message ${String(messageId)} was sent.`);
  if (!message.listManagement) throw badRequest('The message was sent without ListManagementOptions: SES put no unsubscribe link in it.');
  const recipients = new Set([...message.to, ...message.cc, ...message.bcc].map((text) => parseMailbox(text)!.address));
  if (recipients.size !== 1)
    throw badRequest('SES adds unsubscribe links only to an email sent to a single recipient; this one had several.');
  const [address] = [...recipients] as [string];
  if (!message.delivered.has(address)) throw badRequest(`The message never reached ${address}: there is no link to click.`);
  const identity = emulator.state.identities.get(message.identity);
  if (identity && identity.dkimStatus !== 'SUCCESS')
    throw badRequest(`SES adds unsubscribe links only for senders signing with Easy DKIM; ${identity.name} is not.`);
  const list = listNamed(emulator, message.listManagement.contactList);
  const topic = message.listManagement.topic;
  if (topic !== undefined && !list.topics.some((t) => t.TopicName === topic))
    throw notFound(`Topic ${topic} does not exist in list ${list.name}.`);
  return { address, list, topic, message };
}

/** A click named by address, list and topic (a mail the emulator no longer holds). */
function clickNamed(emulator: Emulator, body: Record<string, unknown>): Click {
  const mailbox = typeof body.email === 'string' ? parseMailbox(body.email) : undefined;
  if (!mailbox) throw badRequest(`email is not an email address: ${String(body.email)}`);
  const list = listNamed(emulator, body.contactList);
  const topic = body.topic;
  if (topic !== undefined && (typeof topic !== 'string' || !list.topics.some((t) => t.TopicName === topic))) {
    throw notFound(`Topic ${String(topic)} does not exist in list ${list.name}.`);
  }
  if (body.sender !== undefined && typeof body.sender !== 'string') throw badRequest('sender must be a string.');
  return {
    address: mailbox.address,
    list,
    topic: topic as string | undefined,
    ...(body.sender === undefined ? {} : { sender: senderTagOf(body.sender as string) }),
  };
}

/** A contact's preferences as the event spells them: every topic of the list, its own status or the list's default. */
function preferences(list: ContactList, contact: Contact) {
  return {
    unsubscribeAll: contact.UnsubscribeAll,
    topicSubscriptionStatus: list.topics.map((topic) => {
      const status =
        contact.TopicPreferences.find((pref) => pref.TopicName === topic.TopicName)?.SubscriptionStatus ?? topic.DefaultSubscriptionStatus;
      return { topicName: topic.TopicName, subscriptionStatus: status === 'OPT_OUT' ? 'OptOut' : 'OptIn' };
    }),
  };
}

/**
 * `POST /_local/unsubscribe`: `{ messageId }` (the link in that mail) or
 * `{ email, contactList, topic?, sender? }`. A recipient who is not yet a contact of the
 * list becomes one, so that SES withholds later mail from them.
 */
export function unsubscribe(emulator: Emulator, body: Record<string, unknown>): Published {
  let click: Click;
  if (body.messageId !== undefined) click = clickInMessage(emulator, body.messageId);
  else if (body.email !== undefined) click = clickNamed(emulator, body);
  else throw badRequest('Give the messageId of the mail whose link was clicked, or email and contactList (and topic).');

  const now = emulator.clock.now();
  const { list, address, topic } = click;
  let contact = list.contacts.get(address);
  if (!contact) {
    contact = { EmailAddress: address, TopicPreferences: [], UnsubscribeAll: false, createdMs: now, updatedMs: now };
    list.contacts.set(address, contact);
  }
  const before = preferences(list, contact);
  if (topic !== undefined) {
    contact.TopicPreferences = [
      ...contact.TopicPreferences.filter((pref) => pref.TopicName !== topic),
      { TopicName: topic, SubscriptionStatus: 'OPT_OUT' },
    ];
  } else {
    contact.UnsubscribeAll = true;
  }
  contact.updatedMs = now;

  const event = {
    eventType: 'Subscription',
    mail: mailBlock({ atMs: now, recipients: [address], message: click.message, sender: click.sender }, emulator.region),
    subscription: {
      contactList: list.name,
      timestamp: iso(now),
      // The guide's example record says where the click came from; its table's wording
      // for this field (the MAIL FROM address) is the mail object's, copied.
      source: 'UnsubscribeHeader',
      newTopicPreferences: preferences(list, contact),
      oldTopicPreferences: before,
    },
  };
  const queues = queuesFor(emulator, { type: 'Subscription', message: click.message, sender: click.sender });
  const payload = JSON.stringify(event);
  for (const queue of queues) emulator.queues.enqueue(queue, payload);
  return { event, queues: queues.map((queue) => queue.name) };
}
