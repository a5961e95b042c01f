// The stack's promises, read off the synthesized template (offline, no account):
// least privilege, the From condition, signed-in users only, a filtered queue per SDR.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { SES_ACCOUNT_ACTIONS, SES_CONTACT_ACTIONS, SES_IDENTITY_ACTIONS, SES_SEND_ACTION, SQS_ACTIONS } from '../lib/calls.ts';
import { feedbackQueueName, senderTag } from '../lib/names.ts';
import { RampartStack, type RampartStackProps } from '../lib/rampart-stack.ts';

const SENDERS = ['ana@outbound.example.com', 'Ben.Ng@outbound.example.com'];

function synth(overrides: Partial<RampartStackProps> = {}): Template {
  const app = new App();
  const stack = new RampartStack(app, 'Rampart', {
    sendingDomain: 'outbound.example.com',
    senders: SENDERS,
    callbackUrls: ['https://cchlfcpokboeemibbnfnpbmdhkoleadb.chromiumapp.org/'],
    hostedUiDomainPrefix: 'rampart-team',
    ...overrides,
  });
  return Template.fromStack(stack);
}

const template = synth();

interface Statement {
  Action: string | string[];
  Effect: string;
  Resource: unknown;
  Condition?: Record<string, Record<string, string>>;
  Sid?: string;
}

function statementsOf(policies: Record<string, Record<string, any>>): Statement[] {
  return Object.values(policies).flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}
const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

/** The statements of the role Cognito hands signed-in users. */
function sdrStatements(t: Template): Statement[] {
  const roles = t.findResources('AWS::IAM::Role', {
    Properties: { AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Federated: 'cognito-identity.amazonaws.com' } })] } },
  });
  assert.equal(Object.keys(roles).length, 1, 'exactly one role for identity-pool users');
  const roleId = Object.keys(roles)[0]!;
  return statementsOf(t.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } }));
}

describe('the signed-in SDR role', () => {
  test('no policy anywhere in the stack allows a wildcard action', () => {
    const all = [...statementsOf(template.findResources('AWS::IAM::Policy')), ...statementsOf(template.findResources('AWS::SQS::QueuePolicy')), ...statementsOf(template.findResources('AWS::SNS::TopicPolicy'))];
    assert.ok(all.length > 0);
    // A Deny may name every action (the queues refuse anything but TLS: `sqs:*`); an Allow never.
    const allows = all.filter((s) => s.Effect === 'Allow');
    assert.ok(allows.length > 0);
    for (const statement of allows) {
      for (const action of actionsOf(statement)) assert.doesNotMatch(action, /\*/, `wildcard action ${action}`);
    }
    const denies = all.filter((s) => s.Effect === 'Deny');
    assert.ok(denies.every((s) => s.Condition?.Bool?.['aws:SecureTransport'] === 'false'), 'the only Deny is the TLS one');
  });

  test('allows exactly the calls Rampart makes', () => {
    const granted = sdrStatements(template).flatMap(actionsOf).sort();
    const expected = [SES_SEND_ACTION, ...SES_ACCOUNT_ACTIONS, ...SES_IDENTITY_ACTIONS, ...SES_CONTACT_ACTIONS, ...SQS_ACTIONS].sort();
    assert.deepEqual(granted, expected);
    assert.ok(sdrStatements(template).every((s) => s.Effect === 'Allow'));
  });

  test('SendEmail only with a From address in the team’s domain, and in no other statement', () => {
    const sending = sdrStatements(template).filter((s) => actionsOf(s).includes('ses:SendEmail'));
    assert.equal(sending.length, 1);
    assert.deepEqual(actionsOf(sending[0]!), ['ses:SendEmail']);
    assert.deepEqual(sending[0]!.Condition, { StringLike: { 'ses:FromAddress': '*@outbound.example.com' } });

    const other = synth({ sendingDomain: 'mail.acme.test' });
    const otherSending = sdrStatements(other).find((s) => actionsOf(s).includes('ses:SendEmail'));
    assert.deepEqual(otherSending?.Condition, { StringLike: { 'ses:FromAddress': '*@mail.acme.test' } });
  });

  test('the queues the role reads are the team’s feedback queues, and nothing else', () => {
    const sqsStatement = sdrStatements(template).find((s) => actionsOf(s).includes('sqs:ReceiveMessage'));
    const queueIds = Object.keys(template.findResources('AWS::SQS::Queue'));
    assert.deepEqual(
      (sqsStatement?.Resource as { 'Fn::GetAtt': [string, string] }[]).map((r) => r['Fn::GetAtt'][0]).sort(),
      queueIds.sort(),
    );
  });
});

describe('sign-in', () => {
  test('the identity pool takes signed-in users of the user pool only, and there is no unauthenticated role', () => {
    template.hasResourceProperties('AWS::Cognito::IdentityPool', {
      AllowUnauthenticatedIdentities: false,
      CognitoIdentityProviders: [Match.objectLike({ ProviderName: Match.anyValue(), ClientId: Match.anyValue() })],
    });
    const attachments = template.findResources('AWS::Cognito::IdentityPoolRoleAttachment');
    assert.equal(Object.keys(attachments).length, 1);
    const roles = Object.values(attachments)[0]!.Properties.Roles as Record<string, unknown>;
    assert.deepEqual(Object.keys(roles), ['authenticated']);
    const trust = template.findResources('AWS::IAM::Role', {
      Properties: { AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Federated: 'cognito-identity.amazonaws.com' } })] } },
    });
    const condition = Object.values(trust)[0]!.Properties.AssumeRolePolicyDocument.Statement[0].Condition;
    assert.deepEqual(condition['ForAnyValue:StringLike'], { 'cognito-identity.amazonaws.com:amr': 'authenticated' });
  });

  test('a public app client with the authorization-code grant (PKCE), the extension’s redirect, and a hosted-UI domain', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      CallbackURLs: ['https://cchlfcpokboeemibbnfnpbmdhkoleadb.chromiumapp.org/'],
      SupportedIdentityProviders: ['COGNITO'],
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'rampart-team' });
    template.hasResourceProperties('AWS::Cognito::UserPool', { AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } });
  });

  test('without a domain prefix there is no hosted-UI domain; with Google, the client offers it', () => {
    const bare = synth({ hostedUiDomainPrefix: undefined, google: { clientId: 'google-client', clientSecretName: 'rampart/google' } });
    bare.resourceCountIs('AWS::Cognito::UserPoolDomain', 0);
    bare.hasResourceProperties('AWS::Cognito::UserPoolIdentityProvider', { ProviderName: 'Google', ProviderType: 'Google' });
    bare.hasResourceProperties('AWS::Cognito::UserPoolClient', { SupportedIdentityProviders: ['COGNITO', 'Google'] });
  });
});

describe('feedback and suppression', () => {
  test('the configuration set keeps reputation metrics and publishes SES’s events to the topic', () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      Name: 'rampart',
      ReputationOptions: { ReputationMetricsEnabled: true },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({
        Enabled: true,
        MatchingEventTypes: Match.arrayWith(['send', 'delivery', 'bounce', 'complaint', 'reject', 'deliveryDelay']),
        SnsDestination: { TopicARN: Match.anyValue() },
      }),
    });
  });

  test('one queue per SDR, subscribed raw with a filter on the sender tag', () => {
    template.resourceCountIs('AWS::SQS::Queue', SENDERS.length);
    const subscriptions = Object.values(template.findResources('AWS::SNS::Subscription')).map((r) => r.Properties);
    assert.equal(subscriptions.length, SENDERS.length);
    const tags = { 'ana@outbound.example.com': 'ana_40outbound_2eexample_2ecom', 'Ben.Ng@outbound.example.com': 'ben_2eng_40outbound_2eexample_2ecom' };
    for (const sender of SENDERS) {
      const tag = tags[sender as keyof typeof tags];
      template.hasResourceProperties('AWS::SQS::Queue', { QueueName: `rampart-events-${tag}` });
      const subscription = subscriptions.find((s) => JSON.stringify(s.FilterPolicy) === JSON.stringify({ mail: { tags: { sender: [tag] } } }));
      assert.ok(subscription, `a subscription filtered on ${tag}`);
      assert.equal(subscription.FilterPolicyScope, 'MessageBody');
      assert.equal(subscription.RawMessageDelivery, true);
      assert.equal(subscription.Protocol, 'sqs');
    }
  });

  test('sender tags as SES accepts them, the same as the extension puts on every send, and queue names within 80', () => {
    assert.equal(senderTag('ana@outbound.acme.com'), 'ana_40outbound_2eacme_2ecom');
    assert.equal(senderTag(' Ana.B+x@Outbound.acme.com '), 'ana_2eb_2bx_40outbound_2eacme_2ecom');
    assert.equal(senderTag('a_b@x.io'), 'a_5fb_40x_2eio');
    assert.equal(senderTag('josé@x.io'), 'jos_c3_a9_40x_2eio');
    assert.equal(senderTag('team-east_1'), 'team-east_1');
    // Two addresses never share a tag: `_` is always an escape.
    assert.notEqual(senderTag('a.b@x.io'), senderTag('a_2eb@x.io'));
    for (const refused of ['team east', 'team.east', `${'a.'.repeat(80)}@x.io`]) assert.throws(() => senderTag(refused), /rampart:senders/);
    assert.throws(() => synth({ senders: ['team.east'] }), /rampart:senders/);

    assert.equal(feedbackQueueName('x'.repeat(65)), `rampart-events-${'x'.repeat(65)}`);
    const long = 'y'.repeat(66);
    assert.equal(feedbackQueueName(long), `rampart-events-${'y'.repeat(40)}-${createHash('sha256').update(long).digest('hex').slice(0, 24)}`);
    assert.equal(feedbackQueueName(long).length, 80);
    const long2 = senderTag(`${'a'.repeat(50)}.two@outbound.example.com`);
    assert.notEqual(feedbackQueueName(senderTag(`${'a'.repeat(50)}.one@outbound.example.com`)), feedbackQueueName(long2));
  });

  test('the contact list and its topic, and account suppression of bounces and complaints at deploy', () => {
    template.hasResourceProperties('AWS::SES::ContactList', {
      ContactListName: 'rampart',
      Topics: [Match.objectLike({ TopicName: 'outbound', DefaultSubscriptionStatus: 'OPT_IN' })],
    });
    const custom = Object.values(template.findResources('Custom::AWS')).map((r) => JSON.stringify(r.Properties));
    assert.ok(custom.some((create) => create.includes('PutAccountSuppressionAttributes') && create.includes('BOUNCE') && create.includes('COMPLAINT')));
  });

  test('the outputs the options page asks for', () => {
    for (const output of ['Region', 'IdentityPoolId', 'UserPoolId', 'UserPoolClientId', 'HostedUiDomain', 'ConfigurationSetName', 'ContactListName', 'ContactTopic']) {
      template.hasOutput(output, {});
    }
  });
});
