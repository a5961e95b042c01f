// Contact lists: where an unsubscribe is shared by the whole team (UnsubscribeAll, or a
// topic preference), and what SendEmail with ListManagementOptions honours.
import type { Emulator } from '../context';
import { AwsError, alreadyExists, badRequest, notFound } from '../http/errors';
import { epochSeconds } from '../clock';
import type { Contact, ContactList, State, Topic, TopicPreference } from '../state';
import { parseMailbox } from './address';
import { pageOf } from './paging';

/** SES allows one contact list per account. */
const MAX_CONTACT_LISTS = 1;

function listNamed(state: State, name: string): ContactList {
  const list = state.contactLists.get(name);
  if (!list) throw notFound(`List with name ${name} does not exist.`);
  return list;
}

function topicsFrom(value: unknown): Topic[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw badRequest('Topics must be a list.');
  return value.map((topic: Record<string, unknown>) => {
    if (typeof topic?.TopicName !== 'string' || typeof topic.DisplayName !== 'string')
      throw badRequest('A topic needs TopicName and DisplayName.');
    if (topic.DefaultSubscriptionStatus !== 'OPT_IN' && topic.DefaultSubscriptionStatus !== 'OPT_OUT') {
      throw badRequest('DefaultSubscriptionStatus must be OPT_IN or OPT_OUT.');
    }
    return {
      TopicName: topic.TopicName,
      DisplayName: topic.DisplayName,
      DefaultSubscriptionStatus: topic.DefaultSubscriptionStatus,
      ...(typeof topic.Description === 'string' ? { Description: topic.Description } : {}),
    };
  });
}

function preferencesFrom(list: ContactList, value: unknown): TopicPreference[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw badRequest('TopicPreferences must be a list.');
  return value.map((pref: Record<string, unknown>) => {
    if (typeof pref?.TopicName !== 'string' || !list.topics.some((t) => t.TopicName === pref.TopicName)) {
      throw badRequest(`Topic ${String(pref?.TopicName)} does not exist in list ${list.name}.`);
    }
    if (pref.SubscriptionStatus !== 'OPT_IN' && pref.SubscriptionStatus !== 'OPT_OUT')
      throw badRequest('SubscriptionStatus must be OPT_IN or OPT_OUT.');
    return { TopicName: pref.TopicName, SubscriptionStatus: pref.SubscriptionStatus };
  });
}

const defaults = (list: ContactList): TopicPreference[] =>
  list.topics.map((topic) => ({ TopicName: topic.TopicName, SubscriptionStatus: topic.DefaultSubscriptionStatus }));

export function createContactList(emulator: Emulator, input: Record<string, unknown>): unknown {
  const name = input.ContactListName;
  if (typeof name !== 'string' || name === '') throw badRequest('ContactListName is required.');
  if (emulator.state.contactLists.has(name)) throw alreadyExists(`List with name ${name} already exists.`);
  if (emulator.state.contactLists.size >= MAX_CONTACT_LISTS) {
    throw new AwsError(400, 'LimitExceededException', 'Exceeded maximum number of contact lists (1) for this account.');
  }
  const now = emulator.clock.now();
  emulator.state.contactLists.set(name, {
    name,
    description: typeof input.Description === 'string' ? input.Description : undefined,
    topics: topicsFrom(input.Topics),
    tags: Array.isArray(input.Tags) ? (input.Tags as { Key: string; Value: string }[]) : [],
    createdMs: now,
    updatedMs: now,
    contacts: new Map(),
  });
  return {};
}

export function getContactList(emulator: Emulator, name: string): unknown {
  const list = listNamed(emulator.state, name);
  return {
    ContactListName: list.name,
    Topics: list.topics.map((topic) => ({ ...topic })),
    ...(list.description ? { Description: list.description } : {}),
    CreatedTimestamp: epochSeconds(list.createdMs),
    LastUpdatedTimestamp: epochSeconds(list.updatedMs),
    Tags: list.tags,
  };
}

export function listContactLists(emulator: Emulator): unknown {
  return {
    ContactLists: [...emulator.state.contactLists.values()].map((list) => ({
      ContactListName: list.name,
      LastUpdatedTimestamp: epochSeconds(list.updatedMs),
    })),
  };
}

export function deleteContactList(emulator: Emulator, name: string): unknown {
  listNamed(emulator.state, name);
  emulator.state.contactLists.delete(name);
  return {};
}

export function createContact(emulator: Emulator, listName: string, input: Record<string, unknown>): unknown {
  const list = listNamed(emulator.state, listName);
  const mailbox = typeof input.EmailAddress === 'string' ? parseMailbox(input.EmailAddress) : undefined;
  if (!mailbox) throw badRequest(`Invalid email address: ${String(input.EmailAddress)}`);
  if (list.contacts.has(mailbox.address)) throw alreadyExists(`Contact already exists in list ${listName}.`);
  const now = emulator.clock.now();
  list.contacts.set(mailbox.address, {
    EmailAddress: mailbox.address,
    TopicPreferences: preferencesFrom(list, input.TopicPreferences) ?? [],
    UnsubscribeAll: input.UnsubscribeAll === true,
    AttributesData: typeof input.AttributesData === 'string' ? input.AttributesData : undefined,
    createdMs: now,
    updatedMs: now,
  });
  return {};
}

function contactNamed(list: ContactList, address: string): Contact {
  const contact = list.contacts.get(address.toLowerCase());
  if (!contact) throw notFound(`Contact ${address} does not exist in list ${list.name}.`);
  return contact;
}

export function getContact(emulator: Emulator, listName: string, address: string): unknown {
  const list = listNamed(emulator.state, listName);
  const contact = contactNamed(list, address);
  return {
    ContactListName: list.name,
    EmailAddress: contact.EmailAddress,
    TopicPreferences: contact.TopicPreferences.map((pref) => ({ ...pref })),
    TopicDefaultPreferences: defaults(list),
    UnsubscribeAll: contact.UnsubscribeAll,
    ...(contact.AttributesData !== undefined ? { AttributesData: contact.AttributesData } : {}),
    CreatedTimestamp: epochSeconds(contact.createdMs),
    LastUpdatedTimestamp: epochSeconds(contact.updatedMs),
  };
}

/** Fields left out of the request are left as they were. */
export function updateContact(emulator: Emulator, listName: string, address: string, input: Record<string, unknown>): unknown {
  const list = listNamed(emulator.state, listName);
  const contact = contactNamed(list, address);
  const preferences = preferencesFrom(list, input.TopicPreferences);
  if (preferences) {
    const merged = new Map(contact.TopicPreferences.map((pref) => [pref.TopicName, pref]));
    for (const pref of preferences) merged.set(pref.TopicName, pref);
    contact.TopicPreferences = [...merged.values()];
  }
  if (typeof input.UnsubscribeAll === 'boolean') contact.UnsubscribeAll = input.UnsubscribeAll;
  if (typeof input.AttributesData === 'string') contact.AttributesData = input.AttributesData;
  contact.updatedMs = emulator.clock.now();
  return {};
}

export function deleteContact(emulator: Emulator, listName: string, address: string): unknown {
  const list = listNamed(emulator.state, listName);
  contactNamed(list, address);
  list.contacts.delete(address.toLowerCase());
  return {};
}

/** A contact's status for a topic: its own preference, else the topic's default; UnsubscribeAll wins. */
export function topicStatus(list: ContactList, contact: Contact, topicName: string, useDefault = true): 'OPT_IN' | 'OPT_OUT' | undefined {
  if (contact.UnsubscribeAll) return 'OPT_OUT';
  const own = contact.TopicPreferences.find((pref) => pref.TopicName === topicName);
  if (own) return own.SubscriptionStatus;
  return useDefault ? list.topics.find((topic) => topic.TopicName === topicName)?.DefaultSubscriptionStatus : undefined;
}

/**
 * ListContacts. Filter semantics: with a TopicFilter, contacts whose status for that
 * topic is FilteredStatus (the topic's default standing in when asked to); without one,
 * OPT_OUT means UnsubscribeAll and OPT_IN the others.
 */
export function listContacts(emulator: Emulator, listName: string, input: Record<string, unknown>): unknown {
  const list = listNamed(emulator.state, listName);
  const filter = (input.Filter ?? {}) as {
    FilteredStatus?: unknown;
    TopicFilter?: { TopicName?: unknown; UseDefaultIfPreferenceUnavailable?: unknown };
  };
  const status = filter.FilteredStatus;
  if (status !== undefined && status !== 'OPT_IN' && status !== 'OPT_OUT') throw badRequest('FilteredStatus must be OPT_IN or OPT_OUT.');
  const topicName = filter.TopicFilter?.TopicName;
  const contacts = [...list.contacts.values()]
    .filter((contact) => {
      if (status === undefined) return true;
      if (typeof topicName === 'string')
        return topicStatus(list, contact, topicName, filter.TopicFilter?.UseDefaultIfPreferenceUnavailable === true) === status;
      return contact.UnsubscribeAll === (status === 'OPT_OUT');
    })
    .sort((a, b) => (a.EmailAddress < b.EmailAddress ? -1 : a.EmailAddress > b.EmailAddress ? 1 : 0));
  const { items, nextToken } = pageOf(contacts, input.PageSize, input.NextToken, (contact) => contact.EmailAddress, {
    max: 1000,
    fallback: 1000,
  });
  return {
    Contacts: items.map((contact) => ({
      EmailAddress: contact.EmailAddress,
      TopicPreferences: contact.TopicPreferences.map((pref) => ({ ...pref })),
      TopicDefaultPreferences: defaults(list),
      UnsubscribeAll: contact.UnsubscribeAll,
      LastUpdatedTimestamp: epochSeconds(contact.updatedMs),
    })),
    ...(nextToken ? { NextToken: nextToken } : {}),
  };
}

/**
 * SendEmail with ListManagementOptions: the contact list must exist (and the topic, if
 * named); returns whether SES would withhold the mail from `address`.
 */
export function listManagement(state: State, options: unknown): ((address: string) => boolean) | undefined {
  if (options === undefined || options === null) return undefined;
  const { ContactListName, TopicName } = options as { ContactListName?: unknown; TopicName?: unknown };
  if (typeof ContactListName !== 'string') throw badRequest('ListManagementOptions.ContactListName is required.');
  const list = listNamed(state, ContactListName);
  if (TopicName !== undefined && (typeof TopicName !== 'string' || !list.topics.some((t) => t.TopicName === TopicName))) {
    throw notFound(`Topic ${String(TopicName)} does not exist in list ${ContactListName}.`);
  }
  return (address) => {
    const contact = list.contacts.get(address);
    if (!contact) return false;
    if (contact.UnsubscribeAll) return true;
    return typeof TopicName === 'string' && topicStatus(list, contact, TopicName) === 'OPT_OUT';
  };
}
