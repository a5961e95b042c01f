import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { FROM, SENDER, SENDER_TAG, refusal, simpleEmail, startHarness, type Harness } from './support';

let h: Harness;
beforeAll(async () => (h = await startHarness()));
afterAll(() => h.close());
beforeEach(() => h.control('POST', '/_local/reset'));

const messages = () => h.control<Record<string, unknown>[]>('GET', '/_local/messages');
const requests = () => h.control<Record<string, unknown>[]>('GET', '/_local/requests');

describe('SendEmail', () => {
  test('Simple content with headers, tags and a configuration set is delivered as sent', async () => {
    const response = await h.ses().send(
      new SendEmailCommand({
        FromEmailAddress: FROM,
        Destination: {
          ToAddresses: ['Ana Prospect <ana@prospect.example>'],
          CcAddresses: ['bo@prospect.example'],
          BccAddresses: ['log@outbound.example.com'],
        },
        Content: {
          Simple: {
            Subject: { Data: 'Quick follow-up', Charset: 'UTF-8' },
            Body: { Text: { Data: 'Hi Ana — checking in.' }, Html: { Data: '<p>Hi Ana — checking in.</p>' } },
            Headers: [{ Name: 'X-Rampart-Draft', Value: 'draft-1' }],
          },
        },
        ConfigurationSetName: 'rampart',
        EmailTags: [
          { Name: 'sender', Value: SENDER_TAG },
          { Name: 'campaign', Value: 'q4' },
        ],
        ListManagementOptions: { ContactListName: 'rampart', TopicName: 'outbound' },
      }),
    );
    expect(response).toEqual({
      MessageId: expect.stringMatching(/^010001[0-9a-f]{11}-[0-9a-f-]{36}-000000$/),
      $metadata: expect.objectContaining({ httpStatusCode: 200 }),
    });
    expect(await messages()).toEqual([
      {
        messageId: response.MessageId,
        from: FROM,
        to: ['Ana Prospect <ana@prospect.example>'],
        cc: ['bo@prospect.example'],
        bcc: ['log@outbound.example.com'],
        subject: 'Quick follow-up',
        text: 'Hi Ana — checking in.',
        html: '<p>Hi Ana — checking in.</p>',
        headers: [{ name: 'X-Rampart-Draft', value: 'draft-1' }],
        tags: { sender: SENDER_TAG, campaign: 'q4' },
        configurationSet: 'rampart',
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
    ]);
    expect(await requests()).toEqual([
      {
        at: expect.any(String),
        outcome: 'accepted',
        from: FROM,
        recipients: ['Ana Prospect <ana@prospect.example>', 'bo@prospect.example', 'log@outbound.example.com'],
        messageId: response.MessageId,
      },
    ]);
  });

  test('Raw content takes its recipients from the headers when Destination is absent', async () => {
    const raw = [
      'From: "Demo SDR" <sdr@outbound.example.com>',
      'To: "Prospect, Ana" <ana@prospect.example>, bo@prospect.example',
      'Subject: =?UTF-8?B?' + Buffer.from('Réunion jeudi').toString('base64') + '?=',
      'MIME-Version: 1.0',
      'Content-Type: multipart/alternative; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=UTF-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'R=C3=A9union jeudi ?',
      '--b1',
      'Content-Type: text/html; charset=UTF-8',
      '',
      '<p>Jeudi</p>',
      '--b1--',
      '',
    ].join('\r\n');
    // No FromEmailAddress, so no ses:FromAddress for the role's condition: lifted, this is about the raw message.
    await h.control('POST', '/_local/policy', { allowedFromDomain: null });
    const response = await h.ses().send(new SendEmailCommand({ Content: { Raw: { Data: Buffer.from(raw, 'utf8') } } }));
    expect(await messages()).toEqual([
      expect.objectContaining({
        messageId: response.MessageId,
        from: '"Demo SDR" <sdr@outbound.example.com>',
        to: ['"Prospect, Ana" <ana@prospect.example>', 'bo@prospect.example'],
        cc: [],
        subject: 'Réunion jeudi',
        text: 'Réunion jeudi ?',
        html: '<p>Jeudi</p>',
      }),
    ]);
  });

  test('an unverified From is MessageRejected', async () => {
    // The role's From condition lifted: this is SES's check, not IAM's.
    await h.control('POST', '/_local/policy', { allowedFromDomain: null });
    const error = await refusal(
      h.ses().send(new SendEmailCommand(simpleEmail(['ana@prospect.example'], { FromEmailAddress: 'me@elsewhere.example' }))),
    );
    expect(error).toMatchObject({
      name: 'MessageRejected',
      message: 'Email address is not verified. The following identities failed the check in region US-EAST-1: me@elsewhere.example',
      $metadata: { httpStatusCode: 400 },
    });
    expect(await messages()).toEqual([]);
    expect(await requests()).toEqual([
      { at: expect.any(String), outcome: 'MessageRejected', from: 'me@elsewhere.example', recipients: ['ana@prospect.example'] },
    ]);
  });

  test('a From on a subdomain of a verified domain is allowed', async () => {
    await h.control('POST', '/_local/policy', { allowedFromDomain: null });
    await expect(
      h.ses().send(new SendEmailCommand(simpleEmail(['ana@prospect.example'], { FromEmailAddress: 'sdr@eu.outbound.example.com' }))),
    ).resolves.toMatchObject({ MessageId: expect.any(String) });
  });

  test('an unknown configuration set is NotFoundException', async () => {
    const error = await refusal(
      h.ses().send(new SendEmailCommand(simpleEmail(['ana@prospect.example'], { ConfigurationSetName: 'nope' }))),
    );
    expect(error).toMatchObject({
      name: 'NotFoundException',
      message: 'Configuration set nope does not exist.',
      $metadata: { httpStatusCode: 404 },
    });
  });

  test('sending disabled is SendingPausedException', async () => {
    await h.control('POST', '/_local/account', { SendingEnabled: false });
    const error = await refusal(h.ses().send(new SendEmailCommand(simpleEmail(['ana@prospect.example']))));
    expect(error).toMatchObject({
      name: 'SendingPausedException',
      message: 'Email sending is disabled for your entire Amazon SES account.',
      $metadata: { httpStatusCode: 400 },
    });
  });

  test('a shut-down account is AccountSuspendedException', async () => {
    await h.control('POST', '/_local/account', { EnforcementStatus: 'SHUTDOWN', SendingEnabled: false });
    const error = await refusal(h.ses().send(new SendEmailCommand(simpleEmail(['ana@prospect.example']))));
    expect(error).toMatchObject({ name: 'AccountSuspendedException', $metadata: { httpStatusCode: 400 } });
  });

  test('a failed MAIL FROM domain with REJECT_MESSAGE is MailFromDomainNotVerifiedException', async () => {
    await h.control('POST', '/_local/identities', {
      identity: 'outbound.example.com',
      mailFromStatus: 'FAILED',
      behaviorOnMxFailure: 'REJECT_MESSAGE',
    });
    const error = await refusal(h.ses().send(new SendEmailCommand(simpleEmail(['ana@prospect.example']))));
    expect(error).toMatchObject({ name: 'MailFromDomainNotVerifiedException', $metadata: { httpStatusCode: 400 } });
  });

  test('malformed requests are BadRequestException, and the server keeps serving', async () => {
    const ses = h.ses();
    const cases = [
      simpleEmail([]),
      simpleEmail(['not an address']),
      simpleEmail(['ana@prospect.example\r\nBcc: x@y.example']),
      simpleEmail(['ana@prospect.example'], { Content: { Simple: { Subject: { Data: 'x' }, Body: {} } } }),
      simpleEmail(['ana@prospect.example'], { Content: { Template: { TemplateName: 't' } } }),
      simpleEmail(['ana@prospect.example'], { EmailTags: [{ Name: 'sender', Value: 'has space' }] }),
    ];
    for (const input of cases) {
      const error = await refusal(ses.send(new SendEmailCommand(input as never)));
      expect(error).toMatchObject({ name: 'BadRequestException', $metadata: { httpStatusCode: 400 } });
    }
    expect((await requests()).map((r) => r.outcome)).toEqual(cases.map(() => 'BadRequestException'));
    await expect(ses.send(new SendEmailCommand(simpleEmail(['ana@prospect.example'])))).resolves.toMatchObject({
      MessageId: expect.any(String),
    });
  });

  test('a tag name or value outside SES’s letters, digits, _ and - is refused with SES’s words, before anything else is checked', async () => {
    const ses = h.ses();
    const refused = async (tags: { Name: string; Value: string }[], overrides: Record<string, unknown> = {}) =>
      refusal(ses.send(new SendEmailCommand(simpleEmail(['ana@prospect.example'], { EmailTags: tags, ...overrides }))));
    for (const value of [SENDER, 'outbound.example.com', 'a+b', 'Ünïcode', 'has space']) {
      expect(await refused([{ Name: 'sender', Value: value }])).toMatchObject({
        name: 'BadRequestException',
        message: `Invalid tag value <${value}>: only alphanumeric ASCII characters, '_', and '-' are allowed.`,
        $metadata: { httpStatusCode: 400 },
      });
    }
    expect(await refused([{ Name: 'sender.tag', Value: 'x' }])).toMatchObject({
      name: 'BadRequestException',
      message: "Invalid tag name <sender.tag>: only alphanumeric ASCII characters, '_', and '-' are allowed.",
    });
    expect(await refused([{ Name: 'sender', Value: 'x'.repeat(257) }])).toMatchObject({ name: 'BadRequestException' });
    // Tags come first: a bad tag on a message with an unknown configuration set is still the tag's error.
    expect(await refused([{ Name: 'sender', Value: SENDER }], { ConfigurationSetName: 'nope' })).toMatchObject({
      name: 'BadRequestException',
    });
    // 256 characters of the allowed ones, and SES's own feedback-id tag names, pass.
    await expect(
      ses.send(
        new SendEmailCommand(
          simpleEmail(['ana@prospect.example'], {
            EmailTags: [
              { Name: 'sender', Value: `A_-9${'z'.repeat(252)}` },
              { Name: 'ses:feedback-id-a', Value: 'q4' },
            ],
          }),
        ),
      ),
    ).resolves.toMatchObject({
      MessageId: expect.any(String),
    });
    expect(await h.control('GET', '/_local/messages')).toHaveLength(1);
  });

  test('a send to an unsubscribed contact with ListManagementOptions is accepted but not delivered to them', async () => {
    const ses = h.ses();
    const { CreateContactCommand } = await import('@aws-sdk/client-sesv2');
    await ses.send(new CreateContactCommand({ ContactListName: 'rampart', EmailAddress: 'gone@prospect.example', UnsubscribeAll: true }));
    await ses.send(
      new CreateContactCommand({
        ContactListName: 'rampart',
        EmailAddress: 'quiet@prospect.example',
        TopicPreferences: [{ TopicName: 'outbound', SubscriptionStatus: 'OPT_OUT' }],
      }),
    );
    const withList = { ListManagementOptions: { ContactListName: 'rampart', TopicName: 'outbound' } };
    const response = await ses.send(
      new SendEmailCommand(simpleEmail(['gone@prospect.example', 'quiet@prospect.example', 'ana@prospect.example'], withList)),
    );
    expect(response.MessageId).toEqual(expect.any(String));
    expect((await messages()).map((m) => m.to)).toEqual([['ana@prospect.example']]);
    // Without ListManagementOptions the contact list is not consulted.
    await ses.send(new SendEmailCommand(simpleEmail(['gone@prospect.example'])));
    expect((await messages()).map((m) => m.to)).toEqual([['ana@prospect.example'], ['gone@prospect.example']]);
    const unknownList = await refusal(
      ses.send(new SendEmailCommand(simpleEmail(['ana@prospect.example'], { ListManagementOptions: { ContactListName: 'other' } }))),
    );
    expect(unknownList).toMatchObject({ name: 'NotFoundException' });
  });
});
