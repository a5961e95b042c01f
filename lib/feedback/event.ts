// An SES feedback event as the configuration set publishes it (SES event publishing JSON,
// through SNS to this SDR's SQS queue, or through EventBridge), reduced to what Rampart
// applies. Parsed by hand: the few fields we read are checked one by one, and anything
// else in the event is ignored, as SES adds fields over time.

export type FeedbackKind =
  'Send' | 'Delivery' | 'Bounce' | 'Complaint' | 'Reject' | 'RenderingFailure' | 'DeliveryDelay' | 'Subscription' | 'Other';
export type BounceType = 'Permanent' | 'Transient' | 'Undetermined';

export interface FeedbackEvent {
  /** Stable across redeliveries: the bounce/complaint feedbackId, else the SQS MessageId. */
  id: string;
  kind: FeedbackKind;
  /** The SES MessageId of the message the event is about (joins the ledger). */
  messageId?: string;
  /** When it happened (the event's own timestamp, else the mail's). */
  at: string;
  /** Lower-cased addresses the event is about. */
  recipients: string[];
  bounceType?: BounceType;
  /** `OnAccountSuppressionList`: SES did not even try, the address was already suppressed. */
  bounceSubType?: string;
  /** The message's `outbox` tag: the outbox row of the send (Send, Reject, Rendering Failure settle it). */
  outboxId?: string;
  /** The message's `drill` tag: a fire drill's message (lib/feedback/drill.ts), applied to nothing else. */
  drillId?: string;
  /** Why SES refused the message it took (Reject's reason, a rendering failure's message). */
  reason?: string;
  /** A contact changed its preferences through SES's unsubscribe link or header. */
  subscription?: SubscriptionChange;
}

/** What a Subscription event's new topic preferences say (SES event data, `subscription`). */
export interface SubscriptionChange {
  contactList?: string;
  unsubscribeAll: boolean;
  /** Topics the new preferences opt the contact out of. */
  optedOutTopics: string[];
}

export type ParsedFeedback = { ok: true; event: FeedbackEvent } | { ok: false; reason: string };

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const KINDS: readonly FeedbackKind[] = [
  'Send',
  'Delivery',
  'Bounce',
  'Complaint',
  'Reject',
  'RenderingFailure',
  'DeliveryDelay',
  'Subscription',
];
const OUTBOX_ID = /^[A-Za-z0-9_-]{1,128}$/;

function addresses(list: unknown, field?: string): string[] {
  if (!Array.isArray(list)) return [];
  return list
    .map((item) => (field ? (isObject(item) ? item[field] : undefined) : item))
    .filter((value): value is string => typeof value === 'string' && value.includes('@'))
    .map((value) => bareAddress(value).toLowerCase());
}

/** `Name <a@b>` → `a@b` (SES's `destination` keeps what the sender wrote). */
function bareAddress(value: string): string {
  const angle = /<([^>]+)>\s*$/.exec(value);
  return (angle ? angle[1]! : value).trim();
}

/**
 * Parse one SQS message body. Raw message delivery puts the event itself in the body; an
 * SNS subscription without it wraps the event in an SNS notification (`Message`); an
 * EventBridge rule puts it under `detail` of its envelope (`source` `aws.ses`).
 */
export function parseFeedback(body: string, sqsMessageId: string): ParsedFeedback {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { ok: false, reason: 'the body is not JSON' };
  }
  if (isObject(parsed) && parsed.Type === 'Notification' && typeof parsed.Message === 'string') {
    return parseFeedback(parsed.Message, text(parsed.MessageId) ?? sqsMessageId);
  }
  if (isObject(parsed) && typeof parsed['detail-type'] === 'string' && 'detail' in parsed) {
    if (parsed.source !== 'aws.ses') return { ok: false, reason: `the EventBridge event comes from ${String(parsed.source)}, not SES` };
    if (!isObject(parsed.detail)) return { ok: false, reason: 'the EventBridge event has no detail' };
    parsed = parsed.detail;
  }
  if (!isObject(parsed)) return { ok: false, reason: 'the body is not an object' };
  // SES event publishing says `eventType`; SES notifications (identity feedback) say `notificationType`.
  const type = text(parsed.eventType) ?? text(parsed.notificationType);
  if (!type) return { ok: false, reason: 'the event has no eventType' };
  // SES spells one type with a space: `Rendering Failure`.
  const named = type === 'Rendering Failure' ? 'RenderingFailure' : type;
  const kind: FeedbackKind = (KINDS as readonly string[]).includes(named) ? (named as FeedbackKind) : 'Other';
  const mail = isObject(parsed.mail) ? parsed.mail : {};
  const messageId = text(mail.messageId);
  const mailAt = text(mail.timestamp);

  const event: FeedbackEvent = { id: `sqs:${sqsMessageId}`, kind, at: mailAt ?? new Date(0).toISOString(), recipients: [] };
  if (messageId) event.messageId = messageId;
  // SES puts each tag's values in a list (event publishing's `mail.tags`).
  const outboxTag = isObject(mail.tags) && Array.isArray(mail.tags.outbox) ? mail.tags.outbox[0] : undefined;
  if (typeof outboxTag === 'string' && OUTBOX_ID.test(outboxTag)) event.outboxId = outboxTag;
  const drillTag = isObject(mail.tags) && Array.isArray(mail.tags.drill) ? mail.tags.drill[0] : undefined;
  if (typeof drillTag === 'string' && OUTBOX_ID.test(drillTag)) event.drillId = drillTag;

  switch (kind) {
    case 'Bounce': {
      const bounce = isObject(parsed.bounce) ? parsed.bounce : {};
      const bounceType = text(bounce.bounceType);
      event.bounceType = bounceType === 'Transient' || bounceType === 'Undetermined' ? bounceType : 'Permanent';
      if (text(bounce.bounceSubType)) event.bounceSubType = text(bounce.bounceSubType);
      event.recipients = addresses(bounce.bouncedRecipients, 'emailAddress');
      event.at = text(bounce.timestamp) ?? event.at;
      if (text(bounce.feedbackId)) event.id = `feedback:${text(bounce.feedbackId)}`;
      break;
    }
    case 'Complaint': {
      const complaint = isObject(parsed.complaint) ? parsed.complaint : {};
      event.recipients = addresses(complaint.complainedRecipients, 'emailAddress');
      event.at = text(complaint.timestamp) ?? event.at;
      if (text(complaint.feedbackId)) event.id = `feedback:${text(complaint.feedbackId)}`;
      break;
    }
    case 'Delivery': {
      const delivery = isObject(parsed.delivery) ? parsed.delivery : {};
      event.recipients = addresses(delivery.recipients);
      event.at = text(delivery.timestamp) ?? event.at;
      // One delivery per message: the message id names it across redeliveries.
      if (messageId) event.id = `delivery:${messageId}:${event.recipients.join(',')}`;
      break;
    }
    case 'DeliveryDelay': {
      const delay = isObject(parsed.deliveryDelay) ? parsed.deliveryDelay : {};
      event.recipients = addresses(delay.delayedRecipients, 'emailAddress');
      event.at = text(delay.timestamp) ?? event.at;
      break;
    }
    case 'Reject':
    case 'RenderingFailure': {
      const block = isObject(parsed.reject) ? parsed.reject : isObject(parsed.failure) ? parsed.failure : {};
      const reason = text(block.reason) ?? text(block.errorMessage);
      if (reason) event.reason = reason;
      event.recipients = addresses(mail.destination);
      break;
    }
    case 'Subscription': {
      // The contact is the message's recipient: SES's list management sends to one.
      const change = isObject(parsed.subscription) ? parsed.subscription : {};
      const preferences = isObject(change.newTopicPreferences) ? change.newTopicPreferences : {};
      const statuses = Array.isArray(preferences.topicSubscriptionStatus) ? preferences.topicSubscriptionStatus : [];
      event.recipients = addresses(mail.destination);
      event.at = text(change.timestamp) ?? event.at;
      event.subscription = {
        ...(text(change.contactList) ? { contactList: text(change.contactList) } : {}),
        unsubscribeAll: preferences.unsubscribeAll === true,
        optedOutTopics: statuses
          .filter((status): status is Json => isObject(status) && status.subscriptionStatus === 'OptOut')
          .map((status) => text(status.topicName))
          .filter((name): name is string => name !== undefined),
      };
      break;
    }
    default:
      event.recipients = addresses(mail.destination);
  }
  if ((kind === 'Bounce' || kind === 'Complaint' || kind === 'Subscription') && event.recipients.length === 0) {
    return { ok: false, reason: `the ${kind.toLowerCase()} names no recipient` };
  }
  return { ok: true, event };
}
