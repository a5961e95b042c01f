// SES event publishing's JSON (what a configuration set's event destination sends to
// SNS, and what SQS then holds with raw message delivery).
import { iso } from '../clock';
import { LOCAL_ACCOUNT_ID, type SentMessage } from '../state';
import { sesId } from '../ses/message-id';
import type { BounceType, EventType } from './event-types';

export interface Feedback {
  type: EventType;
  atMs: number;
  /** The recipients this event is about (every destination for Send and Reject). */
  recipients: string[];
  bounceType?: BounceType;
  bounceSubType?: string;
  /** The message the event belongs to, when known. */
  message?: SentMessage;
  /** The sender tag, for an event injected without a message. */
  sender?: string;
  /** The From address of such an event, when the injection named one. */
  source?: string;
}

const BOUNCE_DETAILS: Record<string, { status: string; diagnosticCode: string }> = {
  Permanent: { status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' },
  Transient: { status: '4.2.2', diagnosticCode: 'smtp; 452 4.2.2 mailbox full' },
  Undetermined: { status: '5.0.0', diagnosticCode: 'smtp; 550 5.0.0 undetermined' },
};

/** The `mail` object every event carries: the message's, or one made up for an event injected without it. */
export function mailBlock(feedback: Pick<Feedback, 'atMs' | 'recipients' | 'message' | 'sender' | 'source'>, region: string) {
  const { message } = feedback;
  if (!message) {
    return {
      timestamp: iso(feedback.atMs),
      source: feedback.source ?? 'unknown@local',
      sendingAccountId: LOCAL_ACCOUNT_ID,
      messageId: sesId(feedback.atMs),
      destination: [...feedback.recipients],
      headersTruncated: false,
      headers: [],
      commonHeaders: {},
      tags: feedback.sender ? { sender: [feedback.sender] } : {},
    };
  }
  const tags: Record<string, string[]> = {
    'ses:operation': ['SendEmail'],
    'ses:source-ip': ['127.0.0.1'],
    'ses:from-domain': [message.fromAddress.slice(message.fromAddress.indexOf('@') + 1)],
    'ses:caller-identity': ['rampart-local'],
  };
  if (message.configurationSet) tags['ses:configuration-set'] = [message.configurationSet];
  for (const [name, value] of Object.entries(message.tags)) tags[name] = [value];
  return {
    timestamp: iso(message.atMs),
    source: message.source,
    sourceArn: `arn:aws:ses:${region}:${LOCAL_ACCOUNT_ID}:identity/${message.identity}`,
    sendingAccountId: LOCAL_ACCOUNT_ID,
    messageId: message.messageId,
    destination: [...message.to, ...message.cc, ...message.bcc],
    headersTruncated: false,
    headers: message.headers.map((h) => ({ ...h })),
    commonHeaders: {
      from: [message.source],
      to: [...message.to],
      ...(message.cc.length ? { cc: [...message.cc] } : {}),
      messageId: message.messageId,
      subject: message.subject,
    },
    tags,
  };
}

/** The event as SES publishes it: `eventType`, `mail`, and the block named after the type. */
export function eventRecord(feedback: Feedback, region: string): Record<string, unknown> {
  const at = iso(feedback.atMs);
  // SES spells this one type with a space in `eventType` (SES event publishing, "Contents of event data").
  const eventType = feedback.type === 'RenderingFailure' ? 'Rendering Failure' : feedback.type;
  const record: Record<string, unknown> = { eventType, mail: mailBlock(feedback, region) };
  switch (feedback.type) {
    case 'Send':
      record.send = {};
      break;
    case 'Delivery':
      record.delivery = {
        timestamp: at,
        processingTimeMillis: 0,
        recipients: [...feedback.recipients],
        smtpResponse: '250 2.6.0 Message received',
        reportingMTA: 'local-aws.rampart.local',
      };
      break;
    case 'Bounce': {
      const bounceType = feedback.bounceType ?? 'Permanent';
      const details = BOUNCE_DETAILS[bounceType]!;
      record.bounce = {
        bounceType,
        bounceSubType: feedback.bounceSubType ?? 'General',
        bouncedRecipients: feedback.recipients.map((emailAddress) => ({ emailAddress, action: 'failed', ...details })),
        timestamp: at,
        feedbackId: sesId(feedback.atMs),
        reportingMTA: 'dns; local-aws.rampart.local',
      };
      break;
    }
    case 'Complaint':
      record.complaint = {
        complainedRecipients: feedback.recipients.map((emailAddress) => ({ emailAddress })),
        timestamp: at,
        feedbackId: sesId(feedback.atMs),
        complaintSubType: null,
        complaintFeedbackType: 'abuse',
        userAgent: 'local-aws',
        arrivalDate: at,
      };
      break;
    case 'Reject':
      record.reject = { reason: 'Bad content' };
      break;
    case 'RenderingFailure':
      record.failure = { templateName: 'none', errorMessage: 'The message could not be rendered.' };
      break;
    case 'DeliveryDelay':
      record.deliveryDelay = {
        timestamp: at,
        delayType: 'TransientCommunicationFailure',
        expirationTime: iso(feedback.atMs + 14 * 60 * 60 * 1000),
        delayedRecipients: feedback.recipients.map((emailAddress) => ({
          emailAddress,
          status: '4.4.1',
          diagnosticCode: 'smtp; 421 4.4.1 try again later',
        })),
      };
      break;
  }
  return record;
}
