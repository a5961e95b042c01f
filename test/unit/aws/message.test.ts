import { describe, expect, it } from 'vitest';
import type { Draft } from '@/lib/core/draft';
import type { Settings } from '@/lib/store/settings';
import { buildSendEmail, encodeDisplayName, mailbox, messageBytes, replySubject, sesMessageIdHeader } from '@/lib/aws/message';
import { demoSettings } from '../../support/builders';

const settings: Settings = demoSettings;

const draft: Draft = {
  composeId: 'c1',
  kind: 'popout',
  from: null,
  to: [{ email: 'ana@prospect.example', name: 'Ana' }],
  cc: [{ email: 'bo@prospect.example' }],
  bcc: [{ email: 'log@crm.example' }],
  subject: 'Quick question',
  html: '<p>Hi</p>',
  text: 'Hi',
  hasAttachments: false,
  isReply: false,
  unreadable: [],
};

function decodeWords(encoded: string): string {
  return encoded
    .split(' ')
    .map((word) => /^=\?UTF-8\?B\?(.*)\?=$/.exec(word)![1]!)
    .map((b64) => Buffer.from(b64, 'base64').toString('utf8'))
    .join('');
}

describe('display names', () => {
  it.each([
    ['Demo SDR', 'Demo SDR'],
    ['Doe, Ana', '"Doe, Ana"'],
    ['Ana "the closer" Doe', '"Ana \\"the closer\\" Doe"'],
    ['back\\slash', '"back\\\\slash"'],
  ])('%s → %s', (name, header) => {
    expect(encodeDisplayName(name)).toBe(header);
  });

  it('encodes a non-ASCII name as RFC 2047 encoded words that decode back, none over 75 characters', () => {
    const name = 'Zoë Ñúñez-Łukasiewicz 日本語のながいなまえをもつひと';
    const encoded = encodeDisplayName(name);
    expect(encoded).toMatch(/^=\?UTF-8\?B\?/);
    for (const word of encoded.split(' ')) expect(word.length).toBeLessThanOrEqual(75);
    expect(decodeWords(encoded)).toBe(name);
  });

  it('writes a mailbox with and without a name', () => {
    expect(mailbox({ email: ' ana@prospect.example ', name: 'Ana' })).toBe('Ana <ana@prospect.example>');
    expect(mailbox({ email: 'ana@prospect.example' })).toBe('ana@prospect.example');
    expect(mailbox({ email: 'ana@prospect.example', name: '  ' })).toBe('ana@prospect.example');
  });
});

describe('tags and threading', () => {
  it('names SES Message-IDs by region', () => {
    expect(sesMessageIdHeader('0100abc', 'us-east-1')).toBe('<0100abc@email.amazonses.com>');
    expect(sesMessageIdHeader('0200abc', 'eu-west-1')).toBe('<0200abc@eu-west-1.amazonses.com>');
  });

  it('does not pile up Re:', () => {
    expect(replySubject('Quick question')).toBe('Re: Quick question');
    expect(replySubject('RE: Quick question')).toBe('RE: Quick question');
  });
});

describe('buildSendEmail', () => {
  it('builds the full request', () => {
    const input = buildSendEmail(draft, {
      ...settings,
      replyTo: 'team@outbound.example.com',
      contactList: 'rampart',
      contactTopic: 'outbound',
    });
    expect(input).toEqual({
      FromEmailAddress: 'Demo SDR <sdr@outbound.example.com>',
      Destination: {
        ToAddresses: ['ana@prospect.example'],
        CcAddresses: ['bo@prospect.example'],
        BccAddresses: ['log@crm.example'],
      },
      ReplyToAddresses: ['team@outbound.example.com'],
      Content: {
        Simple: {
          Subject: { Data: 'Quick question', Charset: 'UTF-8' },
          Body: { Html: { Data: '<p>Hi</p>', Charset: 'UTF-8' }, Text: { Data: 'Hi', Charset: 'UTF-8' } },
        },
      },
      ConfigurationSetName: 'rampart',
      EmailTags: [{ Name: 'sender', Value: 'sdr_40outbound_2eexample_2ecom' }],
      ListManagementOptions: { ContactListName: 'rampart', TopicName: 'outbound' },
    });
  });

  it('threads a reply and takes the earlier subject when the draft has none', () => {
    const input = buildSendEmail(
      { ...draft, subject: '', inReplyToSesMessageId: '0100xyz' },
      { ...settings, region: 'eu-west-1' },
      { earlier: { messageId: '0100xyz', subject: 'Quick question' } },
    );
    expect(input.Content?.Simple?.Subject?.Data).toBe('Re: Quick question');
    expect(input.Content?.Simple?.Headers).toEqual([
      { Name: 'In-Reply-To', Value: '<0100xyz@eu-west-1.amazonses.com>' },
      { Name: 'References', Value: '<0100xyz@eu-west-1.amazonses.com>' },
      // No contact list: the unsubscribe is a mailto to the sender.
      { Name: 'List-Unsubscribe', Value: '<mailto:sdr@outbound.example.com?subject=unsubscribe>' },
    ]);
  });

  it('offers an unsubscribe through the contact list when there is one, else by mail to the sender', () => {
    const listed = buildSendEmail(draft, { ...settings, contactList: 'rampart' });
    expect(listed.ListManagementOptions).toEqual({ ContactListName: 'rampart' });
    expect(listed.Content?.Simple?.Headers).toBeUndefined();
    const unlisted = buildSendEmail(draft, { ...settings, contactList: undefined });
    expect(unlisted.Content?.Simple?.Headers).toEqual([
      { Name: 'List-Unsubscribe', Value: '<mailto:sdr@outbound.example.com?subject=unsubscribe>' },
    ]);
  });

  it('leaves out what is not configured', () => {
    const input = buildSendEmail({ ...draft, html: '' }, { ...settings, configurationSet: '' });
    expect(input).not.toHaveProperty('ConfigurationSetName');
    expect(input).not.toHaveProperty('ListManagementOptions');
    expect(input).not.toHaveProperty('ReplyToAddresses');
    expect(input.Content?.Simple?.Body).toEqual({ Text: { Data: 'Hi', Charset: 'UTF-8' } });
  });
});

describe('messageBytes', () => {
  it('counts bodies as base64 with line breaks, so 30 MB of text is over 40 MB', () => {
    const text = 'x'.repeat(30 * 1024 * 1024);
    const bytes = messageBytes(buildSendEmail({ ...draft, html: '', text }, settings));
    expect(bytes).toBeGreaterThan(40 * 1024 * 1024);
    expect(bytes).toBeLessThan(42 * 1024 * 1024);
  });

  it('counts UTF-8 bytes, not characters', () => {
    const ascii = messageBytes(buildSendEmail({ ...draft, html: '', text: 'a'.repeat(3000) }, settings));
    const accented = messageBytes(buildSendEmail({ ...draft, html: '', text: 'é'.repeat(3000) }, settings));
    expect(accented - ascii).toBeGreaterThan(3900); // 3000 more bytes, × 4/3
  });
});

describe('reply headers from the content script', () => {
  const base = {
    composeId: 'c',
    kind: 'popout' as const,
    from: null,
    to: [{ email: 'sam@prospect.example' }],
    cc: [],
    bcc: [],
    subject: 'Hi',
    html: '',
    text: 'x',
    hasAttachments: false,
    isReply: true,
    unreadable: [],
  };
  const injected = ['x>\r\nBcc: victim@elsewhere.example', 'x\nBcc: a@b.example', 'a b', '<x@y>', 'x@evil.example', ''];

  it.each(injected)('the message schema refuses %j as the earlier message id', async (id) => {
    const { draftSchema } = await import('@/lib/core/draft');
    expect(draftSchema.safeParse({ ...base, inReplyToSesMessageId: id }).success).toBe(false);
  });

  it('the schema takes an SES MessageId', async () => {
    const { draftSchema } = await import('@/lib/core/draft');
    expect(
      draftSchema.safeParse({ ...base, inReplyToSesMessageId: '010001900c0a1b2c-3d4e5f60-1234-4abc-9def-0123456789ab-000000' }).success,
    ).toBe(true);
  });

  it.each(injected)('a draft that got past the schema with %j is sent without threading headers', async (id) => {
    const { buildSendEmail, isMessageIdHeader } = await import('@/lib/aws/message');
    const input = buildSendEmail({ ...base, inReplyToSesMessageId: id }, { ...demoSettings, contactList: 'rampart' });
    const headers = input.Content?.Simple?.Headers ?? [];
    expect(headers.filter((h) => h.Name === 'In-Reply-To' || h.Name === 'References')).toEqual([]);
    expect(headers.every((h) => isMessageIdHeader(h.Value!) || !/[\r\n]/.test(h.Value!))).toBe(true);
  });
});
