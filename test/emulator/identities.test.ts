import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { CreateEmailIdentityCommand, GetEmailIdentityCommand, ListEmailIdentitiesCommand, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { refusal, simpleEmail, startHarness, type Harness } from './support';

let h: Harness;
beforeAll(async () => (h = await startHarness()));
afterAll(() => h.close());
beforeEach(() => h.control('POST', '/_local/reset'));

test('ListEmailIdentities lists the start identity', async () => {
  const { $metadata, ...listed } = await h.ses().send(new ListEmailIdentitiesCommand({}));
  expect(listed).toEqual({
    EmailIdentities: [
      { IdentityType: 'DOMAIN', IdentityName: 'outbound.example.com', SendingEnabled: true, VerificationStatus: 'SUCCESS' },
    ],
  });
});

test('GetEmailIdentity answers DKIM SUCCESS and the MAIL FROM domain', async () => {
  const { $metadata, ...identity } = await h.ses().send(new GetEmailIdentityCommand({ EmailIdentity: 'outbound.example.com' }));
  expect(identity).toEqual({
    IdentityType: 'DOMAIN',
    FeedbackForwardingStatus: true,
    VerifiedForSendingStatus: true,
    VerificationStatus: 'SUCCESS',
    DkimAttributes: {
      SigningEnabled: true,
      Status: 'SUCCESS',
      Tokens: ['rampartlocal1', 'rampartlocal2', 'rampartlocal3'],
      SigningAttributesOrigin: 'AWS_SES',
      NextSigningKeyLength: 'RSA_2048_BIT',
      CurrentSigningKeyLength: 'RSA_2048_BIT',
      LastKeyGenerationTimestamp: expect.any(Date),
    },
    MailFromAttributes: {
      MailFromDomain: 'mail.outbound.example.com',
      MailFromDomainStatus: 'SUCCESS',
      BehaviorOnMxFailure: 'USE_DEFAULT_VALUE',
    },
    Policies: {},
    Tags: [],
    ConfigurationSetName: 'rampart',
  });
});

test('GetEmailIdentity of an unknown identity is NotFoundException', async () => {
  const error = await refusal(h.ses().send(new GetEmailIdentityCommand({ EmailIdentity: 'nope.example' })));
  expect(error).toMatchObject({ name: 'NotFoundException', $metadata: { httpStatusCode: 404 } });
});

test('CreateEmailIdentity verifies at once; a second create is AlreadyExistsException', async () => {
  const ses = h.ses();
  const { $metadata, ...created } = await ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'second.example' }));
  expect(created).toEqual({
    IdentityType: 'DOMAIN',
    VerifiedForSendingStatus: true,
    DkimAttributes: expect.objectContaining({
      SigningEnabled: true,
      Status: 'SUCCESS',
      Tokens: [expect.any(String), expect.any(String), expect.any(String)],
    }),
  });
  await h.control('POST', '/_local/policy', { allowedFromDomain: null });
  await expect(
    ses.send(new SendEmailCommand(simpleEmail(['ana@prospect.example'], { FromEmailAddress: 'me@second.example' }))),
  ).resolves.toMatchObject({ MessageId: expect.any(String) });
  const again = await refusal(ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'second.example' })));
  expect(again).toMatchObject({ name: 'AlreadyExistsException', $metadata: { httpStatusCode: 400 } });
  const bad = await refusal(ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'not a domain' })));
  expect(bad).toMatchObject({ name: 'BadRequestException' });
});

test('ListEmailIdentities pages', async () => {
  const ses = h.ses();
  await ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'a.example' }));
  await ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'me@b.example' }));
  const first = await ses.send(new ListEmailIdentitiesCommand({ PageSize: 2 }));
  expect(first.EmailIdentities!.map((i) => i.IdentityName)).toEqual(['a.example', 'me@b.example']);
  const second = await ses.send(new ListEmailIdentitiesCommand({ PageSize: 2, NextToken: first.NextToken }));
  expect(second.EmailIdentities!.map((i) => [i.IdentityName, i.IdentityType])).toEqual([['outbound.example.com', 'DOMAIN']]);
  expect(second.NextToken).toBeUndefined();
});

test('POST /_local/identities can make an identity fail DKIM', async () => {
  await h.control('POST', '/_local/identities', { identity: 'outbound.example.com', dkimStatus: 'FAILED', mailFromDomain: null });
  const identity = await h.ses().send(new GetEmailIdentityCommand({ EmailIdentity: 'outbound.example.com' }));
  expect(identity.DkimAttributes!.Status).toBe('FAILED');
  expect(identity.MailFromAttributes).toEqual({
    MailFromDomain: '',
    MailFromDomainStatus: 'FAILED',
    BehaviorOnMxFailure: 'USE_DEFAULT_VALUE',
  });
});
