import { CfnOutput, Duration, RemovalPolicy, SecretValue, Stack, type StackProps } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as cr from 'aws-cdk-lib/custom-resources';
import type { Construct } from 'constructs';
import { SES_ACCOUNT_ACTIONS, SES_CONTACT_ACTIONS, SES_IDENTITY_ACTIONS, SES_SEND_ACTION, SQS_ACTIONS } from './calls.ts';
import { SENDER_TAG, feedbackQueueName, senderTag } from './names.ts';

// Rampart's backend in one stack: sign-in (a user pool with a hosted UI, an identity
// pool for signed-in users only), the role those users get (exactly Rampart's calls,
// SendEmail only from the team's domain), the SES configuration set with its feedback
// fanned out to one SQS queue per SDR, the contact list for unsubscribes, and account
// suppression of bounces and complaints. Account-agnostic: nothing is looked up.

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
  readonly queues: sqs.Queue[] = [];

  constructor(scope: Construct, id: string, props: RampartStackProps) {
    super(scope, id, props);
    const configurationSetName = props.configurationSetName ?? 'rampart';
    const contactListName = props.contactListName ?? 'rampart';
    const contactTopicName = props.contactTopicName ?? 'outbound';

    // Sign-in. The team lead adds SDRs (no self sign-up), or they come through Google.
    this.userPool = new cognito.UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      removalPolicy: RemovalPolicy.RETAIN,
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
    });
    if (google) client.node.addDependency(google);
    let hostedUi: string | undefined;
    if (props.hostedUiDomainPrefix) {
      this.userPool.addDomain('HostedUi', { cognitoDomain: { domainPrefix: props.hostedUiDomainPrefix } });
      hostedUi = `${props.hostedUiDomainPrefix}.auth.${this.region}.amazoncognito.com`;
    }

    // Signed-in users only: no guest identities, so no unauthenticated role.
    this.identityPool = new cognito.CfnIdentityPool(this, 'Identities', {
      allowUnauthenticatedIdentities: false,
      cognitoIdentityProviders: [{ clientId: client.userPoolClientId, providerName: this.userPool.userPoolProviderName }],
    });
    this.authenticatedRole = new iam.Role(this, 'SignedInSdr', {
      description: 'Rampart: what the extension of a signed-in SDR may call',
      assumedBy: new iam.FederatedPrincipal(
        'cognito-identity.amazonaws.com',
        {
          StringEquals: { 'cognito-identity.amazonaws.com:aud': this.identityPool.ref },
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
        },
        'sts:AssumeRoleWithWebIdentity',
      ),
      maxSessionDuration: Duration.hours(1),
    });
    new cognito.CfnIdentityPoolRoleAttachment(this, 'Roles', {
      identityPoolId: this.identityPool.ref,
      roles: { authenticated: this.authenticatedRole.roleArn },
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
      ],
    });
    for (const sender of props.senders) {
      const tag = senderTag(sender);
      const name = feedbackQueueName(tag);
      const queue = new sqs.Queue(this, `Feedback-${name}`, {
        queueName: name,
        retentionPeriod: Duration.days(14),
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
      topics: [{ topicName: contactTopicName, displayName: 'Outbound', description: 'One-off outbound and follow-ups', defaultSubscriptionStatus: 'OPT_IN' }],
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
        new iam.PolicyStatement({ actions: ['ses:PutAccountSuppressionAttributes'], resources: ['*'] }),
      ]),
    });

    // The signed-in SDR's rights: Rampart's calls and nothing else.
    const arn = (resource: string) => `arn:${this.partition}:ses:${this.region}:${this.account}:${resource}`;
    const identity = arn(`identity/${props.sendingDomain}`);
    const contactList = arn(`contact-list/${contactListName}`);
    this.authenticatedRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'SendFromTheTeamDomainOnly',
        actions: [SES_SEND_ACTION],
        resources: [identity, arn(`identity/*@${props.sendingDomain}`), arn(`configuration-set/${configurationSetName}`), contactList],
        conditions: { StringLike: { 'ses:FromAddress': `*@${props.sendingDomain}` } },
      }),
    );
    this.authenticatedRole.addToPolicy(new iam.PolicyStatement({ sid: 'AccountPicture', actions: [...SES_ACCOUNT_ACTIONS], resources: ['*'] }));
    this.authenticatedRole.addToPolicy(new iam.PolicyStatement({ sid: 'SendingIdentity', actions: [...SES_IDENTITY_ACTIONS], resources: [identity] }));
    this.authenticatedRole.addToPolicy(new iam.PolicyStatement({ sid: 'Unsubscribes', actions: [...SES_CONTACT_ACTIONS], resources: [contactList] }));
    if (this.queues.length > 0) {
      this.authenticatedRole.addToPolicy(
        new iam.PolicyStatement({ sid: 'FeedbackQueues', actions: [...SQS_ACTIONS], resources: this.queues.map((q) => q.queueArn) }),
      );
    }

    // What the options page (or the managed policy) needs.
    new CfnOutput(this, 'Region', { value: this.region });
    new CfnOutput(this, 'IdentityPoolId', { value: this.identityPool.ref });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: client.userPoolClientId });
    if (hostedUi) new CfnOutput(this, 'HostedUiDomain', { value: hostedUi });
    new CfnOutput(this, 'ConfigurationSetName', { value: configurationSetName });
    new CfnOutput(this, 'ContactListName', { value: contactListName });
    new CfnOutput(this, 'ContactTopic', { value: contactTopicName });
  }
}
