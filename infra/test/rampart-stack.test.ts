// The stack's promises, read off the synthesized template (offline, no account):
// least privilege, the From condition, signed-in users only, a filtered queue per SDR.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import {
  ACTIONS_WITHOUT_RESOURCE_TYPES,
  SES_ACCOUNT_ACTIONS,
  SES_CONTACT_ACTIONS,
  SES_IDENTITY_ACTIONS,
  SES_LEAD_ACTIONS,
  SES_SEND_ACTION,
  SQS_ACTIONS,
  TEAM_SETTINGS_READ_ACTIONS,
  TEAM_SETTINGS_WRITE_ACTIONS,
} from '../lib/calls.ts';
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
  Principal?: unknown;
}

/** A template value as text: Fn::Join flattened, Ref and GetAtt as `{name}`. */
function flat(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as Record<string, any>;
  if (v['Fn::Join']) return (v['Fn::Join'][1] as unknown[]).map(flat).join(v['Fn::Join'][0]);
  if (v.Ref) return `{${v.Ref}}`;
  if (v['Fn::GetAtt']) return `{${v['Fn::GetAtt'].join('.')}}`;
  return JSON.stringify(value);
}
const resourcesOf = (s: Statement) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]).map(flat);

function statementsOf(policies: Record<string, Record<string, any>>): Statement[] {
  return Object.values(policies).flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}
const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

/** The roles Cognito Identity may hand out: trusted by the identity pool's federated principal. */
function identityPoolRoles(t: Template): Record<string, Record<string, any>> {
  return t.findResources('AWS::IAM::Role', {
    Properties: {
      AssumeRolePolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Principal: { Federated: 'cognito-identity.amazonaws.com' } })]),
      },
    },
  });
}

/** The logical id of the role signed-in SDRs get (the pool's authenticated role) and the lead group's. */
function roleIds(t: Template): { sdr: string; lead: string } {
  const attachment = Object.values(t.findResources('AWS::Cognito::IdentityPoolRoleAttachment'))[0]!;
  const group = Object.values(t.findResources('AWS::Cognito::UserPoolGroup'))[0]!;
  return { sdr: attachment.Properties.Roles.authenticated['Fn::GetAtt'][0], lead: group.Properties.RoleArn['Fn::GetAtt'][0] };
}

const statementsOfRole = (t: Template, roleId: string) =>
  statementsOf(t.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } }));

/** The statements of the role Cognito hands signed-in SDRs. */
const sdrStatements = (t: Template) => statementsOfRole(t, roleIds(t).sdr);
/** The statements of the role members of the lead group get. */
const leadStatements = (t: Template) => statementsOfRole(t, roleIds(t).lead);

describe('the signed-in SDR role', () => {
  test('no policy anywhere in the stack allows a wildcard action', () => {
    const all = [
      ...statementsOf(template.findResources('AWS::IAM::Policy')),
      ...statementsOf(template.findResources('AWS::SQS::QueuePolicy')),
      ...statementsOf(template.findResources('AWS::SNS::TopicPolicy')),
    ];
    assert.ok(all.length > 0);
    // A Deny may name every action (the queues refuse anything but TLS: `sqs:*`); an Allow never.
    const allows = all.filter((s) => s.Effect === 'Allow');
    assert.ok(allows.length > 0);
    for (const statement of allows) {
      for (const action of actionsOf(statement)) assert.doesNotMatch(action, /\*/, `wildcard action ${action}`);
    }
    const denies = all.filter((s) => s.Effect === 'Deny');
    assert.ok(
      denies.every((s) => s.Condition?.Bool?.['aws:SecureTransport'] === 'false'),
      'the only Deny is the TLS one',
    );
  });

  test('an SDR is allowed exactly the calls Rampart makes for an SDR; the lead those and undoing a suppression', () => {
    const member = [SES_SEND_ACTION, ...SES_ACCOUNT_ACTIONS, ...SES_IDENTITY_ACTIONS, ...SES_CONTACT_ACTIONS, ...SQS_ACTIONS];
    assert.deepEqual(sdrStatements(template).flatMap(actionsOf).sort(), [...member, ...TEAM_SETTINGS_READ_ACTIONS].sort());
    assert.deepEqual(
      leadStatements(template).flatMap(actionsOf).sort(),
      [...member, ...SES_LEAD_ACTIONS, ...TEAM_SETTINGS_READ_ACTIONS, ...TEAM_SETTINGS_WRITE_ACTIONS].sort(),
    );
    assert.ok([...sdrStatements(template), ...leadStatements(template)].every((s) => s.Effect === 'Allow'));
  });

  test('DeleteSuppressedDestination belongs to the lead role only', () => {
    assert.ok(!sdrStatements(template).flatMap(actionsOf).includes('ses:DeleteSuppressedDestination'));
    const undo = leadStatements(template).filter((s) => actionsOf(s).includes('ses:DeleteSuppressedDestination'));
    assert.equal(undo.length, 1);
    // And no other policy in the stack grants it (the custom resources' roles included).
    const everywhere = statementsOf(template.findResources('AWS::IAM::Policy')).filter((s) =>
      actionsOf(s).includes('ses:DeleteSuppressedDestination'),
    );
    assert.equal(everywhere.length, 1);
  });

  test('SendEmail only from the member’s own address (the principal tag), inside the team’s domain, and in no other statement', () => {
    for (const statements of [sdrStatements(template), leadStatements(template)]) {
      const sending = statements.filter((s) => actionsOf(s).includes('ses:SendEmail'));
      assert.equal(sending.length, 1);
      assert.deepEqual(actionsOf(sending[0]!), ['ses:SendEmail']);
      assert.deepEqual(sending[0]!.Condition, {
        StringEqualsIgnoreCase: { 'ses:FromAddress': '${aws:PrincipalTag/sending_address}' },
        StringLike: { 'ses:FromAddress': '*@outbound.example.com' },
        Null: { 'aws:PrincipalTag/sending_address': 'false' },
      });
      // Only the team's configuration set may be named.
      const sets = resourcesOf(sending[0]!).filter((r) => r.includes(':configuration-set/'));
      assert.deepEqual(sets, ['arn:{AWS::Partition}:ses:{AWS::Region}:{AWS::AccountId}:configuration-set/rampart']);
    }
    const other = synth({ sendingDomain: 'mail.acme.test' });
    const otherSending = sdrStatements(other).find((s) => actionsOf(s).includes('ses:SendEmail'));
    assert.deepEqual(otherSending?.Condition?.StringLike, { 'ses:FromAddress': '*@mail.acme.test' });
  });

  test('the SQS calls reach only the member’s own queue, named from their sender-tag principal tag', () => {
    for (const statements of [sdrStatements(template), leadStatements(template)]) {
      const sqsStatements = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('sqs:')));
      assert.equal(sqsStatements.length, 1);
      assert.deepEqual(actionsOf(sqsStatements[0]!).sort(), [...SQS_ACTIONS].sort());
      assert.deepEqual(resourcesOf(sqsStatements[0]!), [
        'arn:{AWS::Partition}:sqs:{AWS::Region}:{AWS::AccountId}:rampart-events-${aws:PrincipalTag/sender_tag}',
      ]);
      assert.deepEqual(sqsStatements[0]!.Condition, { Null: { 'aws:PrincipalTag/sender_tag': 'false' } });
    }
  });

  test('the team’s settings object: every member reads it, only the lead writes it, nobody else touches the bucket', () => {
    const buckets = template.findResources('AWS::S3::Bucket');
    assert.equal(Object.keys(buckets).length, 1);
    const [bucketId, bucket] = Object.entries(buckets)[0]!;
    assert.deepEqual(bucket.Properties.PublicAccessBlockConfiguration, {
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    assert.equal(bucket.Properties.VersioningConfiguration.Status, 'Enabled');
    const object = `{${bucketId}.Arn}/team-settings.json`;
    const s3Of = (statements: Statement[]) => statements.filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
    const sdr = s3Of(sdrStatements(template));
    assert.equal(sdr.length, 1);
    assert.deepEqual(actionsOf(sdr[0]!), ['s3:GetObject']);
    assert.deepEqual(resourcesOf(sdr[0]!), [object]);
    const lead = s3Of(leadStatements(template));
    assert.deepEqual(lead.flatMap(actionsOf).sort(), ['s3:GetObject', 's3:PutObject']);
    assert.deepEqual(lead.flatMap(resourcesOf), [object]);
    const writers = statementsOf(template.findResources('AWS::IAM::Policy')).filter(
      (s) => s.Effect === 'Allow' && actionsOf(s).includes('s3:PutObject'),
    );
    assert.equal(writers.length, 1, 'only the lead role writes the settings');
    template.hasOutput('TeamSettingsBucket', {});
  });

  test('no statement anywhere is on Resource * except for actions AWS gives no resource type, each listed', () => {
    const all = statementsOf(template.findResources('AWS::IAM::Policy'));
    const onEverything = all.filter((s) => resourcesOf(s).includes('*'));
    assert.ok(onEverything.length > 0);
    for (const statement of onEverything) {
      for (const action of actionsOf(statement)) assert.ok(ACTIONS_WITHOUT_RESOURCE_TYPES.includes(action), `${action} on Resource *`);
    }
    // The SQS and SendEmail statements, and the identity's, are on named resources.
    for (const action of [
      SES_SEND_ACTION,
      ...SES_IDENTITY_ACTIONS,
      ...SES_CONTACT_ACTIONS,
      ...SQS_ACTIONS,
      'ses:PutEmailIdentityConfigurationSetAttributes',
    ]) {
      assert.ok(!onEverything.some((s) => actionsOf(s).includes(action)), `${action} must name its resource`);
    }
  });
});

describe('who may sign in', () => {
  test('the pre sign-up trigger is attached, with the team’s domains and invitations', () => {
    const pool = Object.values(template.findResources('AWS::Cognito::UserPool'))[0]!;
    const trigger = pool.Properties.LambdaConfig?.PreSignUp as { 'Fn::GetAtt': [string, string] } | undefined;
    assert.ok(trigger, 'PreSignUp trigger');
    const fn = template.toJSON().Resources[trigger['Fn::GetAtt'][0]];
    assert.equal(fn.Type, 'AWS::Lambda::Function');
    assert.equal(fn.Properties.Handler, 'index.handler');
    assert.match(fn.Properties.Runtime, /^nodejs2\d/);
    assert.deepEqual(fn.Properties.Environment.Variables, { RAMPART_TEAM_DOMAINS: 'outbound.example.com', RAMPART_INVITED: '' });
    // Cognito may invoke it.
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'cognito-idp.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [trigger['Fn::GetAtt'][0], 'Arn'] },
    });

    const named = synth({
      teamDomains: ['Acme.com'],
      invited: ['contractor@gmail.com'],
      google: { clientId: 'g', clientSecretName: 'rampart/google' },
    });
    const namedFn = Object.values(named.findResources('AWS::Lambda::Function', { Properties: { Handler: 'index.handler' } }))[0]!;
    assert.deepEqual(namedFn.Properties.Environment.Variables, {
      RAMPART_TEAM_DOMAINS: 'acme.com',
      RAMPART_INVITED: 'contractor@gmail.com',
    });
    // Invitations alone: nobody else's domain is assumed.
    const invitedOnly = synth({ invited: ['contractor@gmail.com'] });
    const invitedFn = Object.values(invitedOnly.findResources('AWS::Lambda::Function', { Properties: { Handler: 'index.handler' } }))[0]!;
    assert.equal(invitedFn.Properties.Environment.Variables.RAMPART_TEAM_DOMAINS, '');
    assert.throws(() => synth({ teamDomains: [], invited: [] }), /Name the team/);
  });

  test('the lead group, mapped to the lead role through the token (cognito:preferred_role)', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'leads', Precedence: 0 });
    const { sdr, lead } = roleIds(template);
    assert.notEqual(sdr, lead);
    const attachment = Object.values(template.findResources('AWS::Cognito::IdentityPoolRoleAttachment'))[0]!;
    const mappings = Object.values(attachment.Properties.RoleMappings as Record<string, any>);
    assert.equal(mappings.length, 1);
    assert.equal(mappings[0].Type, 'Token');
    assert.equal(mappings[0].AmbiguousRoleResolution, 'AuthenticatedRole');
    assert.match(flat(mappings[0].IdentityProvider), /^\{Users[0-9A-F]+\.ProviderName\}:\{UsersExtension[0-9A-F]+\}$/);
  });

  test('principal tags come from the lead-set claims, and only an administrator can write those attributes', () => {
    template.hasResourceProperties('AWS::Cognito::IdentityPoolPrincipalTag', {
      PrincipalTags: { sending_address: 'custom:sending_address', sender_tag: 'custom:sender_tag' },
      UseDefaults: false,
    });
    const pool = Object.values(template.findResources('AWS::Cognito::UserPool'))[0]!;
    const custom = (pool.Properties.Schema as { Name: string; Mutable: boolean }[]).map((a) => a.Name).sort();
    assert.deepEqual(custom, ['email', 'sender_tag', 'sending_address']);
    const client = Object.values(template.findResources('AWS::Cognito::UserPoolClient'))[0]!;
    assert.deepEqual(client.Properties.WriteAttributes, ['email']);
    assert.deepEqual([...client.Properties.ReadAttributes].sort(), [
      'custom:sender_tag',
      'custom:sending_address',
      'email',
      'email_verified',
    ]);
  });

  test('both roles trust the identity pool’s authenticated identities only, and allow sts:TagSession for the principal tags', () => {
    const roles = identityPoolRoles(template);
    assert.equal(Object.keys(roles).length, 2);
    for (const role of Object.values(roles)) {
      const [statement] = role.Properties.AssumeRolePolicyDocument.Statement as Statement[];
      assert.deepEqual([...actionsOf(statement!)].sort(), ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession']);
      assert.deepEqual(statement!.Condition!['ForAnyValue:StringLike'], { 'cognito-identity.amazonaws.com:amr': 'authenticated' });
      assert.deepEqual(Object.keys(statement!.Condition!.StringEquals!), ['cognito-identity.amazonaws.com:aud']);
      assert.equal(role.Properties.MaxSessionDuration, 3600);
    }
  });

  test('off-boarding: the identity pool checks the ID token with the user pool (a signed-out user’s token is refused)', () => {
    template.hasResourceProperties('AWS::Cognito::IdentityPool', {
      CognitoIdentityProviders: [Match.objectLike({ ServerSideTokenCheck: true })],
    });
  });

  test('events for every send: the sending identity’s default configuration set is the team’s, set at deploy', () => {
    const custom = Object.values(template.findResources('Custom::AWS')).map((r) => JSON.stringify(r.Properties));
    assert.ok(
      custom.some(
        (create) =>
          create.includes('PutEmailIdentityConfigurationSetAttributes') &&
          create.includes('outbound.example.com') &&
          create.includes('rampart'),
      ),
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
    for (const role of Object.values(identityPoolRoles(template))) {
      const condition = role.Properties.AssumeRolePolicyDocument.Statement[0].Condition;
      assert.deepEqual(condition['ForAnyValue:StringLike'], { 'cognito-identity.amazonaws.com:amr': 'authenticated' });
    }
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
        // `subscription`: SES's one-click unsubscribe, which Rampart applies as an unsubscribe.
        MatchingEventTypes: Match.arrayWith(['send', 'delivery', 'bounce', 'complaint', 'reject', 'deliveryDelay', 'subscription']),
        SnsDestination: { TopicARN: Match.anyValue() },
      }),
    });
  });

  test('the events that settle a send whose answer was lost are published: send, reject, rendering failure', () => {
    const destinations = Object.values(template.findResources('AWS::SES::ConfigurationSetEventDestination'));
    assert.equal(destinations.length, 1);
    const types = destinations[0]!.Properties.EventDestination.MatchingEventTypes as string[];
    for (const type of ['send', 'reject', 'renderingFailure'])
      assert.ok(types.includes(type), `${type} is not published: ${types.join(', ')}`);
  });

  test('what the extension cannot read goes, after five receives, to a dead-letter queue per SDR', () => {
    const queues = template.findResources('AWS::SQS::Queue');
    for (const sender of SENDERS) {
      const [, feedback] = Object.entries(queues).find(([, q]) => q.Properties.QueueName === feedbackQueueName(senderTag(sender)))!;
      const redrive = feedback.Properties.RedrivePolicy as {
        deadLetterTargetArn: { 'Fn::GetAtt': [string, string] };
        maxReceiveCount: number;
      };
      assert.equal(redrive.maxReceiveCount, 5);
      const deadLetterId = redrive.deadLetterTargetArn['Fn::GetAtt'][0];
      const deadLetter = queues[deadLetterId];
      assert.ok(deadLetter, `a dead-letter queue for ${sender}`);
      assert.equal(deadLetter.Properties.MessageRetentionPeriod, 14 * 86_400);
      assert.equal(deadLetter.Properties.SqsManagedSseEnabled, true);
    }
    // Each SDR's pair, nothing shared.
    assert.equal(Object.keys(queues).length, 2 * SENDERS.length);
  });

  test('one queue per SDR, subscribed raw with a filter on the sender tag', () => {
    const subscriptions = Object.values(template.findResources('AWS::SNS::Subscription')).map((r) => r.Properties);
    assert.equal(subscriptions.length, SENDERS.length);
    const tags = {
      'ana@outbound.example.com': 'ana_40outbound_2eexample_2ecom',
      'Ben.Ng@outbound.example.com': 'ben_2eng_40outbound_2eexample_2ecom',
    };
    for (const sender of SENDERS) {
      const tag = tags[sender as keyof typeof tags];
      template.hasResourceProperties('AWS::SQS::Queue', { QueueName: `rampart-events-${tag}` });
      const subscription = subscriptions.find(
        (s) => JSON.stringify(s.FilterPolicy) === JSON.stringify({ mail: { tags: { sender: [tag] } } }),
      );
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
    assert.equal(
      feedbackQueueName(long),
      `rampart-events-${'y'.repeat(40)}-${createHash('sha256').update(long).digest('hex').slice(0, 24)}`,
    );
    assert.equal(feedbackQueueName(long).length, 80);
    const long2 = senderTag(`${'a'.repeat(50)}.two@outbound.example.com`);
    assert.notEqual(feedbackQueueName(senderTag(`${'a'.repeat(50)}.one@outbound.example.com`)), feedbackQueueName(long2));
  });

  test('a sender whose tag is too long for the role’s queue variable is refused at synth, not deployed unreadable', () => {
    // The role reaches `rampart-events-${aws:PrincipalTag/sender_tag}` only: that is the
    // member's queue for a tag of at most 65 characters; a longer tag's queue is hashed.
    const longest = `${'a'.repeat(35)}@outbound.example.com`; // 35 + 3 + 8 + 3 + 7 + 3 + 3 = 62
    const fits = synth({ senders: [longest, 'x'.repeat(65)] });
    for (const tag of [senderTag(longest), 'x'.repeat(65)])
      fits.hasResourceProperties('AWS::SQS::Queue', { QueueName: `rampart-events-${tag}` });
    const tooLong = `${'a'.repeat(50)}.one@outbound.example.com`;
    assert.ok(senderTag(tooLong).length > 65);
    assert.throws(() => synth({ senders: [tooLong] }), /rampart:senders: .*at most 65 characters/);
    assert.throws(() => synth({ senders: ['x'.repeat(66)] }), /rampart:senders: .*at most 65 characters/);
  });

  test('the contact list and its topic, and account suppression of bounces and complaints at deploy', () => {
    template.hasResourceProperties('AWS::SES::ContactList', {
      ContactListName: 'rampart',
      Topics: [Match.objectLike({ TopicName: 'outbound', DefaultSubscriptionStatus: 'OPT_IN' })],
    });
    const custom = Object.values(template.findResources('Custom::AWS')).map((r) => JSON.stringify(r.Properties));
    assert.ok(
      custom.some(
        (create) => create.includes('PutAccountSuppressionAttributes') && create.includes('BOUNCE') && create.includes('COMPLAINT'),
      ),
    );
  });

  test('the outputs the options page asks for', () => {
    for (const output of [
      'Region',
      'IdentityPoolId',
      'UserPoolId',
      'UserPoolClientId',
      'HostedUiDomain',
      'ConfigurationSetName',
      'ContactListName',
      'ContactTopic',
      'TeamSettingsBucket',
      'TeamSettingsKey',
    ]) {
      template.hasOutput(output, {});
    }
  });
});
