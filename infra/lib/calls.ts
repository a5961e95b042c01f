// Exactly the AWS calls Rampart makes (DESIGN.md, "AWS surface"), as IAM actions. The
// authenticated role is allowed these and nothing else; a test keeps the list honest
// (no wildcards).

/** Account-wide SES calls: they have no resource narrower than the account. */
export const SES_ACCOUNT_ACTIONS = [
  'ses:GetAccount',
  'ses:ListSuppressedDestinations',
  'ses:GetSuppressedDestination',
  'ses:PutSuppressedDestination',
  'ses:DeleteSuppressedDestination',
  'ses:ListEmailIdentities',
  'ses:BatchGetMetricData',
] as const;

/** On the team's sending identity. */
export const SES_IDENTITY_ACTIONS = ['ses:GetEmailIdentity'] as const;

/** On the team's contact list: unsubscribes shared by the team. */
export const SES_CONTACT_ACTIONS = ['ses:GetContact', 'ses:CreateContact', 'ses:UpdateContact'] as const;

/** SendEmail: with `ses:FromAddress` held to the sending domain. */
export const SES_SEND_ACTION = 'ses:SendEmail';

/** The feedback queues (DeleteMessageBatch is authorised as DeleteMessage). */
export const SQS_ACTIONS = ['sqs:GetQueueUrl', 'sqs:ReceiveMessage', 'sqs:DeleteMessage'] as const;
