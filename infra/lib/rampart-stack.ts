import { CfnOutput, Duration, RemovalPolicy, SecretValue, Stack, type StackProps } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as cr from 'aws-cdk-lib/custom-resources';
import type { Construct } from 'constructs';
import { SENDER_TAG, feedbackQueueName, senderTag } from './names.ts';
import {
  SENDER_TAG_ATTRIBUTE,
  SENDING_ADDRESS_ATTRIBUTE,
  admitOnlyTheTeam,
  identityPoolRole,
  leadStatements,
  mapIdentitiesToRoles,
  memberStatements,
  reachableSenderTag,
} from './team-access.ts';
import { TEAM_SETTINGS_KEY, teamSettingsStore } from './team-settings.ts';

// Rampart's backend in one stack: sign-in for the team only (a user pool with a hosted
// UI and a pre sign-up check, an identity pool for signed-in users only), the roles
// those users get (exactly Rampart's calls; each SDR sends from their own address and
// reads their own queue, through principal tags; the lead group may also undo
// suppressions), the SES configuration set with its feedback fanned out to one SQS queue
// per SDR, the contact list for unsubscribes, and account suppression of bounces and
// complaints. Account-agnostic: nothing is looked up.

export interface GoogleSignIn {
  clientId: string;
  /** A Secrets Manager secret holding the Google OAuth client secret (plain text). */
  clientSecretName: string;
}

export interface RampartStackProps extends StackProps {
  /** The team's verified sending domain: SendEmail is allowed from `*@` it only. */
  sendingDomain: string;
  /** Every SDR's From address (or the `sender` tag set for them by hand): one feedback queue each. */
  senders: string[];
  /**
   * Who may have a user: addresses at these domains (the company's Google Workspace
   * domain, as a rule). Default: the sending domain, unless `invited` names someone.
   */
  teamDomains?: string[];
  /** Addresses admitted one by one, whatever their domain. */
  invited?: string[];
  /** The extension's sign-in redirects: `https://<extension id>.chromiumapp.org/`. */
  callbackUrls: string[];
  /** A Cognito domain prefix for the hosted UI (`<prefix>.auth.<region>.amazoncognito.com`); none: no hosted UI domain. */
  hostedUiDomainPrefix?: string;
  /** Google as an identity provider of the user pool. */
  google?: GoogleSignIn;
  configurationSetName?: string;
  contactListName?: string;
  contactTopicName?: string;
}

export class RampartStack extends Stack {
  readonly userPool: cognito.UserPool;
  readonly identityPool: cognito.CfnIdentityPool;
  readonly authenticatedRole: iam.Role;
  readonly leadRole: iam.Role;
  readonly queues: sqs.Queue[] = [];

  constructor(scope: Construct, id: string, props: RampartStackProps) {
    super(scope, id, props);
    const configurationSetName = props.configurationSetName ?? 'rampart';
    const contactListName = props.contactListName ?? 'rampart';
    const contactTopicName = props.contactTopicName ?? 'outbound';

    // Sign-in. The team lead adds SDRs (no self sign-up), or they come through Google;
    // either way only the team's addresses get a user (the pre sign-up check below).
    // The lead sets each member's sending address and sender tag (custom attributes the
    // app client cannot write); they reach IAM as principal tags.
    this.userPool = new cognito.UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: {
        [SENDING_ADDRESS_ATTRIBUTE]: new cognito.StringAttribute({ minLen: 3, maxLen: 254, mutable: true }),
        [SENDER_TAG_ATTRIBUTE]: new cognito.StringAttribute({ minLen: 1, maxLen: 256, mutable: true }),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    admitOnlyTheTeam(this, this.userPool, {
      domains: props.teamDomains ?? (props.invited?.length ? [] : [props.sendingDomain]),
      invited: props.invited ?? [],
    });
    const providers = [cognito.UserPoolClientIdentityProvider.COGNITO];
    let google: cognito.UserPoolIdentityProviderGoogle | undefined;
    if (props.google) {
      google = new cognito.UserPoolIdentityProviderGoogle(this, 'Google', {
        userPool: this.userPool,
        clientId: props.google.clientId,
        clientSecretValue: SecretValue.secretsManager(props.google.clientSecretName),
        scopes: ['openid', 'email'],
        attributeMapping: { email: cognito.ProviderAttribute.GOOGLE_EMAIL },
      });
      providers.push(cognito.UserPoolClientIdentityProvider.GOOGLE);
    }
    // A public client (an extension keeps no secret): authorization code with PKCE only.
    const client = this.userPool.addClient('Extension', {
      generateSecret: false,
      authFlows: {},
      supportedIdentityProviders: providers,
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL],
        callbackUrls: props.callbackUrls,
        logoutUrls: props.callbackUrls,
      },
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      preventUserExistenceErrors: true,
      // The ID token carries the lead-set attributes; the extension may write none of
      // them (Google's sign-in may still write the mapped email).
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true })
        .withCustomAttributes(SENDING_ADDRESS_ATTRIBUTE, SENDER_TAG_ATTRIBUTE),
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true }),
    });
    if (google) client.node.addDependency(google);
    let hostedUi: string | undefined;
    if (props.hostedUiDomainPrefix) {
      this.userPool.addDomain('HostedUi', { cognitoDomain: { domainPrefix: props.hostedUiDomainPrefix } });
      hostedUi = `${props.hostedUiDomainPrefix}.auth.${this.region}.amazoncognito.com`;
    }

    // Signed-in users only: no guest identities, so no unauthenticated role. The server
    // side token check makes the pool refuse the ID token of a user the lead signed out
    // everywhere (off-boarding: AdminDisableUser + AdminUserGlobalSignOut).
    this.identityPool = new cognito.CfnIdentityPool(this, 'Identities', {
      allowUnauthenticatedIdentities: false,
      cognitoIdentityProviders: [
        { clientId: client.userPoolClientId, providerName: this.userPool.userPoolProviderName, serverSideTokenCheck: true },
      ],
    });
    this.authenticatedRole = identityPoolRole(
      this,
      'SignedInSdr',
      this.identityPool,
      'Rampart: what the extension of a signed-in SDR may call',
    );
    this.leadRole = identityPoolRole(
      this,
      'SignedInLead',
      this.identityPool,
      'Rampart: what the extension of a signed-in team lead may call',
    );
    mapIdentitiesToRoles(this, {
      identityPool: this.identityPool,
      userPool: this.userPool,
      client,
      sdrRole: this.authenticatedRole,
      leadRole: this.leadRole,
    });

    // Feedback: the configuration set publishes SES's events to one topic; each SDR's
    // queue subscribes with a filter on the message's `sender` tag (in the body: SES puts
    // tags under mail.tags as lists), raw, so the queue holds SES's own JSON.
    const events = new sns.Topic(this, 'Events', { displayName: 'Rampart SES events' });
    const configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName,
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    configurationSet.addEventDestination('ToTopic', {
      destination: ses.EventDestination.snsTopic(events),
      events: [
        ses.EmailSendingEvent.SEND,
        ses.EmailSendingEvent.DELIVERY,
        ses.EmailSendingEvent.BOUNCE,
        ses.EmailSendingEvent.COMPLAINT,
        ses.EmailSendingEvent.REJECT,
        ses.EmailSendingEvent.DELIVERY_DELAY,
        // With SEND and REJECT, what settles a send whose answer was lost (its `outbox` tag names the row).
        ses.EmailSendingEvent.RENDERING_FAILURE,
        // SES's one-click unsubscribe: the extension applies it as an unsubscribe.
        ses.EmailSendingEvent.SUBSCRIPTION,
      ],
    });
    for (const sender of props.senders) {
      const tag = reachableSenderTag(sender, senderTag(sender));
      const name = feedbackQueueName(tag);
      // A message the extension cannot read is left in the queue, not deleted: after five
      // receives SQS moves it here, where the lead can look at it.
      const deadLetters = new sqs.Queue(this, `FeedbackDeadLetters-${name}`, {
        retentionPeriod: Duration.days(14),
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
      });
      const queue = new sqs.Queue(this, `Feedback-${name}`, {
        queueName: name,
        retentionPeriod: Duration.days(14),
        deadLetterQueue: { queue: deadLetters, maxReceiveCount: 5 },
        // The extension long-polls (WaitTimeSeconds 20) and deletes after applying.
        receiveMessageWaitTime: Duration.seconds(20),
        visibilityTimeout: Duration.minutes(2),
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
      });
      events.addSubscription(
        new subscriptions.SqsSubscription(queue, {
          rawMessageDelivery: true,
          filterPolicyWithMessageBody: {
            mail: sns.FilterOrPolicy.policy({
              tags: sns.FilterOrPolicy.policy({
                [SENDER_TAG]: sns.FilterOrPolicy.filter(sns.SubscriptionFilter.stringFilter({ allowlist: [tag] })),
              }),
            }),
          },
        }),
      );
      this.queues.push(queue);
    }

    // Unsubscribes shared by the team (UnsubscribeAll / the topic's preference).
    new ses.CfnContactList(this, 'ContactList', {
      contactListName,
      description: 'Unsubscribes shared by every Rampart user of this account',
      topics: [
        {
          topicName: contactTopicName,
          displayName: 'Outbound',
          description: 'One-off outbound and follow-ups',
          defaultSubscriptionStatus: 'OPT_IN',
        },
      ],
    });

    // Account-level suppression has no CloudFormation resource: one SESv2 call at deploy.
    new cr.AwsCustomResource(this, 'AccountSuppression', {
      installLatestAwsSdk: false,
      onUpdate: {
        service: 'SESv2',
        action: 'PutAccountSuppressionAttributes',
        parameters: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
        physicalResourceId: cr.PhysicalResourceId.of('rampart-account-suppression'),
      },
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        // Resource `*`: PutAccountSuppressionAttributes has no resource type in SES's IAM reference.
        new iam.PolicyStatement({ actions: ['ses:PutAccountSuppressionAttributes'], resources: ['*'] }),
      ]),
    });

    // Events for every send: IAM has no condition key that requires a configuration set
    // on SendEmail, so the sending identity's default configuration set is ours, and SES
    // applies it to every message that names none. The identity is verified outside this
    // stack, hence one SESv2 call at deploy (on that identity only).
    new cr.AwsCustomResource(this, 'IdentityDefaultConfigurationSet', {
      installLatestAwsSdk: false,
      onUpdate: {
        service: 'SESv2',
        action: 'PutEmailIdentityConfigurationSetAttributes',
        parameters: { EmailIdentity: props.sendingDomain, ConfigurationSetName: configurationSetName },
        physicalResourceId: cr.PhysicalResourceId.of(`rampart-default-configuration-set-${props.sendingDomain}`),
      },
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({
          actions: ['ses:PutEmailIdentityConfigurationSetAttributes'],
          resources: [`arn:${this.partition}:ses:${this.region}:${this.account}:identity/${props.sendingDomain}`],
        }),
      ]),
    }).node.addDependency(configurationSet);

    // The signed-in member's rights: Rampart's calls and nothing else, each SDR on their
    // own address and queue; the lead role adds the lead's own calls.
    const resources = {
      sesArn: (resource: string) => `arn:${this.partition}:ses:${this.region}:${this.account}:${resource}`,
      sqsArn: (resource: string) => `arn:${this.partition}:sqs:${this.region}:${this.account}:${resource}`,
      sendingDomain: props.sendingDomain,
      configurationSetName,
      contactListName,
    };
    for (const statement of memberStatements(resources)) this.authenticatedRole.addToPolicy(statement);
    for (const statement of [...memberStatements(resources), ...leadStatements()]) this.leadRole.addToPolicy(statement);

    // The team's settings (plan, shares, pause and resume): every member reads, the lead writes.
    const teamSettings = teamSettingsStore(this, { sdr: this.authenticatedRole, lead: this.leadRole });

    // What the options page (or the managed policy) needs.
    new CfnOutput(this, 'Region', { value: this.region });
    new CfnOutput(this, 'IdentityPoolId', { value: this.identityPool.ref });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: client.userPoolClientId });
    if (hostedUi) new CfnOutput(this, 'HostedUiDomain', { value: hostedUi });
    new CfnOutput(this, 'ConfigurationSetName', { value: configurationSetName });
    new CfnOutput(this, 'ContactListName', { value: contactListName });
    new CfnOutput(this, 'ContactTopic', { value: contactTopicName });
    new CfnOutput(this, 'TeamSettingsBucket', { value: teamSettings.bucketName });
    new CfnOutput(this, 'TeamSettingsKey', { value: TEAM_SETTINGS_KEY });
  }
}
