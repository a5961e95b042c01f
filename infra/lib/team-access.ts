// Who may sign in, and what each signed-in member may do.
//
// - Sign-up: a pre sign-up trigger admits only the team's domains and invited addresses,
//   federated (Google) first sign-ins included.
// - Per-member rights through the identity pool's attributes for access control: the
//   lead sets two custom attributes on each member's user, Cognito copies them into the
//   ID token, and the identity pool turns them into principal tags of the session
//   (`aws:PrincipalTag/sending_address`, `aws:PrincipalTag/sender_tag`). The policies
//   below hold SendEmail to that From address and SQS to that tag's queue.
// - Roles: SDRs get the identity pool's authenticated role; members of the `leads` group
//   get the lead role through role-based access (`cognito:preferred_role`, mapping type
//   Token).
import { Duration } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import { SES_ACCOUNT_ACTIONS, SES_CONTACT_ACTIONS, SES_IDENTITY_ACTIONS, SES_LEAD_ACTIONS, SES_SEND_ACTION, SQS_ACTIONS } from './calls.ts';

/** The user-pool group whose members get the lead role. */
export const LEADS_GROUP = 'leads';

/** Custom attributes the lead sets on each member (only an administrator can write them). */
export const SENDING_ADDRESS_ATTRIBUTE = 'sending_address';
export const SENDER_TAG_ATTRIBUTE = 'sender_tag';

/** The session's principal tags, and the ID-token claim each comes from. */
export const PRINCIPAL_TAGS = {
  sending_address: `custom:${SENDING_ADDRESS_ATTRIBUTE}`,
  sender_tag: `custom:${SENDER_TAG_ATTRIBUTE}`,
} as const;

const principalTag = (name: keyof typeof PRINCIPAL_TAGS) => `\${aws:PrincipalTag/${name}}`;

/** Feedback queues are `rampart-events-<sender tag>`; a member's is found from their tag. */
export const FEEDBACK_QUEUE_PREFIX = 'rampart-events-';
/** The longest tag whose queue name is the tag itself (longer ones are shortened with a hash IAM cannot compute). */
export const MAX_BOUND_TAG_LENGTH = 80 - FEEDBACK_QUEUE_PREFIX.length;

/**
 * The sender tag of an entry of `rampart:senders`, if its member's role can reach its
 * queue. The role names the queue `rampart-events-${aws:PrincipalTag/sender_tag}` (see
 * memberStatements), which is the tag's queue only up to MAX_BOUND_TAG_LENGTH; a longer
 * tag's queue is named with a hash, so the stack would make a queue its member is always
 * refused. Throws instead, saying what to do: set that SDR a shorter tag by hand.
 */
export function reachableSenderTag(sender: string, tag: string): string {
  if (tag.length <= MAX_BOUND_TAG_LENGTH) return tag;
  throw new Error(
    `rampart:senders: the sender tag of "${sender}" is ${tag.length} characters, and a member's role reaches only the queue ${FEEDBACK_QUEUE_PREFIX}<their sender tag>, which needs a tag of at most ${MAX_BOUND_TAG_LENGTH} characters (a longer one gets a hashed queue name). Set this SDR a shorter tag by hand (custom:sender_tag and Rampart's options) and list that tag here instead of the address.`,
  );
}

export interface Team {
  /** Addresses at these domains may have a user (exact domain, lower case). */
  domains: string[];
  /** Addresses admitted one by one. */
  invited: string[];
}

/** Attaches the pre sign-up trigger that admits only the team. */
export function admitOnlyTheTeam(scope: Construct, userPool: cognito.UserPool, team: Team): lambda.Function {
  if (team.domains.length === 0 && team.invited.length === 0) {
    throw new Error('Name the team: at least one domain (teamDomains) or invited address (invited), or nobody can sign in.');
  }
  const fn = new lambda.Function(scope, 'AdmitTheTeam', {
    description: 'Rampart: refuses a new user outside the team (pre sign-up, federated sign-ins included)',
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromAsset(fileURLToPath(new URL('../lambda/pre-sign-up', import.meta.url))),
    timeout: Duration.seconds(5),
    memorySize: 128,
    environment: {
      RAMPART_TEAM_DOMAINS: team.domains.map((d) => d.trim().toLowerCase()).join(','),
      RAMPART_INVITED: team.invited.map((a) => a.trim().toLowerCase()).join(','),
    },
  });
  userPool.addTrigger(cognito.UserPoolOperation.PRE_SIGN_UP, fn);
  return fn;
}

/**
 * A role the identity pool hands signed-in users: trusted by Cognito Identity for this
 * pool's authenticated identities only, with `sts:TagSession` so that the pool may put
 * principal tags on the session (without it, credentials are refused once tags are mapped).
 */
export function identityPoolRole(scope: Construct, id: string, identityPool: cognito.CfnIdentityPool, description: string): iam.Role {
  return new iam.Role(scope, id, {
    description,
    assumedBy: new iam.FederatedPrincipal(
      'cognito-identity.amazonaws.com',
      {
        StringEquals: { 'cognito-identity.amazonaws.com:aud': identityPool.ref },
        'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
      },
      'sts:AssumeRoleWithWebIdentity',
    ).withSessionTags(),
    maxSessionDuration: Duration.hours(1),
  });
}

export interface MemberResources {
  /** `arn:<partition>:ses:<region>:<account>:` */
  sesArn: (resource: string) => string;
  /** `arn:<partition>:sqs:<region>:<account>:` */
  sqsArn: (resource: string) => string;
  sendingDomain: string;
  configurationSetName: string;
  contactListName: string;
}

/** What every signed-in member may do: their own From, their own queue, the team's shared reads. */
export function memberStatements(r: MemberResources): iam.PolicyStatement[] {
  const identity = r.sesArn(`identity/${r.sendingDomain}`);
  const contactList = r.sesArn(`contact-list/${r.contactListName}`);
  return [
    new iam.PolicyStatement({
      sid: 'SendFromOwnAddressOnly',
      actions: [SES_SEND_ACTION],
      // Only the team's configuration set may be named (any other is a resource not
      // listed here). IAM has no condition key for "a configuration set was named", so
      // events for every send come from the sending identity's default configuration set
      // (set at deploy, see the stack): SES applies it when a request names none.
      resources: [
        identity,
        r.sesArn(`identity/*@${r.sendingDomain}`),
        r.sesArn(`configuration-set/${r.configurationSetName}`),
        contactList,
      ],
      conditions: {
        // The lead-set address, compared without case (SES keeps the address as sent).
        StringEqualsIgnoreCase: { 'ses:FromAddress': principalTag('sending_address') },
        // And never outside the team's domain, whatever the lead typed.
        StringLike: { 'ses:FromAddress': `*@${r.sendingDomain}` },
        // No tag, no sending (a member the lead has not set up yet).
        Null: { 'aws:PrincipalTag/sending_address': 'false' },
      },
    }),
    // Resource `*`: SES defines no resource type for these actions (see calls.ts).
    new iam.PolicyStatement({ sid: 'AccountPicture', actions: [...SES_ACCOUNT_ACTIONS], resources: ['*'] }),
    new iam.PolicyStatement({ sid: 'SendingIdentity', actions: [...SES_IDENTITY_ACTIONS], resources: [identity] }),
    new iam.PolicyStatement({ sid: 'Unsubscribes', actions: [...SES_CONTACT_ACTIONS], resources: [contactList] }),
    new iam.PolicyStatement({
      sid: 'OwnFeedbackQueueOnly',
      actions: [...SQS_ACTIONS],
      resources: [r.sqsArn(`${FEEDBACK_QUEUE_PREFIX}${principalTag('sender_tag')}`)],
      conditions: { Null: { 'aws:PrincipalTag/sender_tag': 'false' } },
    }),
  ];
}

/** What only the lead may do on AWS, besides what every member may. */
export function leadStatements(): iam.PolicyStatement[] {
  // Resource `*`: DeleteSuppressedDestination has no resource type (see calls.ts).
  return [new iam.PolicyStatement({ sid: 'LeadSuppressionUndo', actions: [...SES_LEAD_ACTIONS], resources: ['*'] })];
}

/**
 * Principal tags from the ID token's lead-set claims, and the lead role for the `leads`
 * group (Token mapping: Cognito puts the group's role in `cognito:preferred_role`;
 * everyone else gets the authenticated role).
 */
export function mapIdentitiesToRoles(
  scope: Construct,
  props: {
    identityPool: cognito.CfnIdentityPool;
    userPool: cognito.UserPool;
    client: cognito.UserPoolClient;
    sdrRole: iam.Role;
    leadRole: iam.Role;
  },
): {
  group: cognito.CfnUserPoolGroup;
  principalTags: cognito.CfnIdentityPoolPrincipalTag;
  attachment: cognito.CfnIdentityPoolRoleAttachment;
} {
  const group = new cognito.CfnUserPoolGroup(scope, 'Leads', {
    userPoolId: props.userPool.userPoolId,
    groupName: LEADS_GROUP,
    description: 'Team leads: plan, shares, pause and resume, and taking addresses off the suppression list',
    roleArn: props.leadRole.roleArn,
    precedence: 0,
  });
  const principalTags = new cognito.CfnIdentityPoolPrincipalTag(scope, 'PrincipalTags', {
    identityPoolId: props.identityPool.ref,
    identityProviderName: props.userPool.userPoolProviderName,
    principalTags: { ...PRINCIPAL_TAGS },
    useDefaults: false,
  });
  const attachment = new cognito.CfnIdentityPoolRoleAttachment(scope, 'Roles', {
    identityPoolId: props.identityPool.ref,
    roles: { authenticated: props.sdrRole.roleArn },
    roleMappings: {
      userPool: {
        identityProvider: `${props.userPool.userPoolProviderName}:${props.client.userPoolClientId}`,
        type: 'Token',
        ambiguousRoleResolution: 'AuthenticatedRole',
      },
    },
  });
  return { group, principalTags, attachment };
}
