// Exactly the AWS calls Rampart makes (../docs/architecture.md, "AWS surface"), as IAM actions. The
// authenticated role is allowed these and nothing else; a test keeps the list honest
// (no wildcards).

/**
 * Account-wide SES calls every member makes. None of them has a resource type in SES's
 * IAM reference (Service Authorization Reference, "Actions defined by Amazon Simple Email
 * Service v2"), so IAM allows nothing narrower than `Resource: *` for them.
 */
export const SES_ACCOUNT_ACTIONS = [
  'ses:GetAccount',
  'ses:ListSuppressedDestinations',
  'ses:GetSuppressedDestination',
  'ses:PutSuppressedDestination',
  'ses:ListEmailIdentities',
  'ses:BatchGetMetricData',
] as const;

/**
 * The lead's account-wide calls: taking an address off the suppression list (an undo, or
 * clearing a complaint) is the lead's decision. No resource type either: `Resource: *`.
 */
export const SES_LEAD_ACTIONS = ['ses:DeleteSuppressedDestination'] as const;

/** Every action the template may grant on `Resource: *`, because AWS allows nothing narrower for it. */
export const ACTIONS_WITHOUT_RESOURCE_TYPES: readonly string[] = [
  ...SES_ACCOUNT_ACTIONS,
  ...SES_LEAD_ACTIONS,
  // The deploy-time custom resource's one call (account-level suppression).
  'ses:PutAccountSuppressionAttributes',
];

/** On the team's sending identity. */
export const SES_IDENTITY_ACTIONS = ['ses:GetEmailIdentity'] as const;

/** On the team's contact list: unsubscribes shared by the team. */
export const SES_CONTACT_ACTIONS = ['ses:GetContact', 'ses:CreateContact', 'ses:UpdateContact'] as const;

/** SendEmail: with `ses:FromAddress` held to the member's own sending address (a principal tag). */
export const SES_SEND_ACTION = 'ses:SendEmail';

/** The member's own feedback queue (DeleteMessageBatch is authorised as DeleteMessage). */
export const SQS_ACTIONS = ['sqs:GetQueueUrl', 'sqs:ReceiveMessage', 'sqs:DeleteMessage'] as const;

/** The team's settings object: every member reads it. */
export const TEAM_SETTINGS_READ_ACTIONS = ['s3:GetObject'] as const;

/** Only the lead writes it (plan, shares, pause and resume). */
export const TEAM_SETTINGS_WRITE_ACTIONS = ['s3:PutObject'] as const;
