import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import {
  CreateContactCommand,
  CreateContactListCommand,
  DeleteContactListCommand,
  GetContactCommand,
  GetContactListCommand,
  ListContactsCommand,
  UpdateContactCommand,
} from '@aws-sdk/client-sesv2';
import { around, refusal, startHarness, type Harness } from './support';

let h: Harness;
beforeAll(async () => (h = await startHarness()));
afterAll(() => h.close());
beforeEach(() => h.control('POST', '/_local/reset'));

test('the start state has contact list rampart with topic outbound', async () => {
  const { $metadata, ...list } = await h.ses().send(new GetContactListCommand({ ContactListName: 'rampart' }));
  expect(list).toEqual({
    ContactListName: 'rampart',
    Description: expect.any(String),
    Topics: [{ TopicName: 'outbound', DisplayName: 'Outbound', Description: expect.any(String), DefaultSubscriptionStatus: 'OPT_IN' }],
    CreatedTimestamp: expect.any(Date),
    LastUpdatedTimestamp: expect.any(Date),
    Tags: [],
  });
});

test('CreateContactList: one list per account, as SES allows', async () => {
  const ses = h.ses();
  const limit = await refusal(ses.send(new CreateContactListCommand({ ContactListName: 'second' })));
  expect(limit).toMatchObject({ name: 'LimitExceededException', $metadata: { httpStatusCode: 400 } });
  const exists = await refusal(ses.send(new CreateContactListCommand({ ContactListName: 'rampart' })));
  expect(exists).toMatchObject({ name: 'AlreadyExistsException' });
  await ses.send(new DeleteContactListCommand({ ContactListName: 'rampart' }));
  await expect(
    ses.send(
      new CreateContactListCommand({
        ContactListName: 'team',
        Topics: [{ TopicName: 'news', DisplayName: 'News', DefaultSubscriptionStatus: 'OPT_OUT' }],
      }),
    ),
  ).resolves.toEqual({ $metadata: expect.objectContaining({ httpStatusCode: 200 }) });
  expect((await ses.send(new GetContactListCommand({ ContactListName: 'team' }))).Topics).toEqual([
    { TopicName: 'news', DisplayName: 'News', DefaultSubscriptionStatus: 'OPT_OUT' },
  ]);
});

test('CreateContact then GetContact answers the whole contact', async () => {
  await h.control('POST', '/_local/clock', { now: '2026-08-01T12:00:00.000Z' });
  const ses = h.ses();
  await ses.send(
    new CreateContactCommand({ ContactListName: 'rampart', EmailAddress: 'ana@prospect.example', AttributesData: '{"company":"Acme"}' }),
  );
  const { $metadata, ...contact } = await ses.send(
    new GetContactCommand({ ContactListName: 'rampart', EmailAddress: 'ana@prospect.example' }),
  );
  expect(contact).toEqual({
    ContactListName: 'rampart',
    EmailAddress: 'ana@prospect.example',
    TopicPreferences: [],
    TopicDefaultPreferences: [{ TopicName: 'outbound', SubscriptionStatus: 'OPT_IN' }],
    UnsubscribeAll: false,
    AttributesData: '{"company":"Acme"}',
    CreatedTimestamp: around('2026-08-01T12:00:00.000Z'),
    LastUpdatedTimestamp: around('2026-08-01T12:00:00.000Z'),
  });
  const again = await refusal(ses.send(new CreateContactCommand({ ContactListName: 'rampart', EmailAddress: 'ana@prospect.example' })));
  expect(again).toMatchObject({ name: 'AlreadyExistsException' });
});

test('GetContact of an unknown contact or list is NotFoundException', async () => {
  const ses = h.ses();
  await expect(ses.send(new GetContactCommand({ ContactListName: 'rampart', EmailAddress: 'x@prospect.example' }))).rejects.toMatchObject({
    name: 'NotFoundException',
    $metadata: { httpStatusCode: 404 },
  });
  await expect(ses.send(new GetContactCommand({ ContactListName: 'other', EmailAddress: 'x@prospect.example' }))).rejects.toMatchObject({
    name: 'NotFoundException',
  });
});

test('UpdateContact sets UnsubscribeAll and topic preferences, leaving the rest', async () => {
  const ses = h.ses();
  await ses.send(new CreateContactCommand({ ContactListName: 'rampart', EmailAddress: 'bo@prospect.example', AttributesData: '{}' }));
  await ses.send(
    new UpdateContactCommand({
      ContactListName: 'rampart',
      EmailAddress: 'bo@prospect.example',
      TopicPreferences: [{ TopicName: 'outbound', SubscriptionStatus: 'OPT_OUT' }],
    }),
  );
  await ses.send(new UpdateContactCommand({ ContactListName: 'rampart', EmailAddress: 'bo@prospect.example', UnsubscribeAll: true }));
  const contact = await ses.send(new GetContactCommand({ ContactListName: 'rampart', EmailAddress: 'bo@prospect.example' }));
  expect(contact).toMatchObject({
    UnsubscribeAll: true,
    TopicPreferences: [{ TopicName: 'outbound', SubscriptionStatus: 'OPT_OUT' }],
    AttributesData: '{}',
  });
  const unknownTopic = await refusal(
    ses.send(
      new UpdateContactCommand({
        ContactListName: 'rampart',
        EmailAddress: 'bo@prospect.example',
        TopicPreferences: [{ TopicName: 'nope', SubscriptionStatus: 'OPT_IN' }],
      }),
    ),
  );
  expect(unknownTopic).toMatchObject({ name: 'BadRequestException' });
  const missing = await refusal(
    ses.send(new UpdateContactCommand({ ContactListName: 'rampart', EmailAddress: 'zz@prospect.example', UnsubscribeAll: true })),
  );
  expect(missing).toMatchObject({ name: 'NotFoundException' });
});

test('ListContacts pages and filters on unsubscribes', async () => {
  const ses = h.ses();
  for (const [address, unsubscribed] of [
    ['a@p.example', false],
    ['b@p.example', true],
    ['c@p.example', false],
    ['d@p.example', true],
  ] as const) {
    await ses.send(new CreateContactCommand({ ContactListName: 'rampart', EmailAddress: address, UnsubscribeAll: unsubscribed }));
  }
  const first = await ses.send(new ListContactsCommand({ ContactListName: 'rampart', PageSize: 3 }));
  expect(first).toEqual({
    Contacts: ['a', 'b', 'c'].map((n) => ({
      EmailAddress: `${n}@p.example`,
      TopicPreferences: [],
      TopicDefaultPreferences: [{ TopicName: 'outbound', SubscriptionStatus: 'OPT_IN' }],
      UnsubscribeAll: n === 'b',
      LastUpdatedTimestamp: expect.any(Date),
    })),
    NextToken: expect.any(String),
    $metadata: expect.objectContaining({ httpStatusCode: 200 }),
  });
  const rest = await ses.send(new ListContactsCommand({ ContactListName: 'rampart', PageSize: 3, NextToken: first.NextToken }));
  expect(rest.Contacts!.map((c) => c.EmailAddress)).toEqual(['d@p.example']);
  const optedOut = await ses.send(
    new ListContactsCommand({
      ContactListName: 'rampart',
      Filter: { FilteredStatus: 'OPT_OUT', TopicFilter: { TopicName: 'outbound', UseDefaultIfPreferenceUnavailable: true } },
    }),
  );
  expect(optedOut.Contacts!.map((c) => c.EmailAddress)).toEqual(['b@p.example', 'd@p.example']);
});
