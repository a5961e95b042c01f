// Everything `POST /_local/reset` puts back: the SES account and what it holds. The
// credential registry, the Cognito identities and the SQS queues (emptied, not removed)
// outlive a reset — see README.md, "What a reset keeps".

import { startDns, type DnsZone } from './dns/zone';
import { PUBLISHED_TYPES, type PublishedType } from './feedback/event-types';

export const LOCAL_ACCOUNT_ID = '000000000000';
export const IDENTITY_POOL_ID = 'us-east-1:00000000-0000-4000-8000-000000000000';
/** The identity pool of an emulator standing for `region`: a pool id starts with its region. */
export const identityPoolIdOf = (region: string) => `${region}${IDENTITY_POOL_ID.slice(IDENTITY_POOL_ID.indexOf(':'))}`;

export interface SendQuota {
  Max24HourSend: number;
  MaxSendRate: number;
}

export interface Account {
  ProductionAccessEnabled: boolean;
  EnforcementStatus: string;
  SendingEnabled: boolean;
  DedicatedIpAutoWarmupEnabled: boolean;
  SendQuota: SendQuota;
  /** The production quota, put back when production access is granted again. */
  productionQuota: SendQuota;
  SuppressionAttributes: { SuppressedReasons: string[] };
  VdmAttributes: {
    VdmEnabled: 'ENABLED' | 'DISABLED';
    DashboardAttributes: { EngagementMetrics: 'ENABLED' | 'DISABLED' };
    GuardianAttributes: { OptimizedSharedDelivery: 'ENABLED' | 'DISABLED' };
  };
  /** Anything else merged in through `POST /_local/account`, echoed by GetAccount. */
  extra: Record<string, unknown>;
}

/** What SES allows an account in the sandbox. */
export const SANDBOX_QUOTA: SendQuota = { Max24HourSend: 200, MaxSendRate: 1 };

export interface EmailIdentity {
  name: string;
  type: 'DOMAIN' | 'EMAIL_ADDRESS';
  verificationStatus: 'SUCCESS' | 'PENDING' | 'FAILED' | 'TEMPORARY_FAILURE' | 'NOT_STARTED';
  sendingEnabled: boolean;
  dkimStatus: 'SUCCESS' | 'PENDING' | 'FAILED' | 'TEMPORARY_FAILURE' | 'NOT_STARTED';
  dkimTokens: string[];
  mailFromDomain?: string;
  mailFromStatus: 'SUCCESS' | 'PENDING' | 'FAILED' | 'TEMPORARY_FAILURE';
  behaviorOnMxFailure: 'USE_DEFAULT_VALUE' | 'REJECT_MESSAGE';
  configurationSetName?: string;
  tags: { Key: string; Value: string }[];
  createdAtMs: number;
}

export interface SuppressedEntry {
  EmailAddress: string;
  Reason: 'BOUNCE' | 'COMPLAINT';
  lastUpdateMs: number;
  messageId?: string;
  feedbackId?: string;
}

export interface Topic {
  TopicName: string;
  DisplayName: string;
  Description?: string;
  DefaultSubscriptionStatus: 'OPT_IN' | 'OPT_OUT';
}

export interface TopicPreference {
  TopicName: string;
  SubscriptionStatus: 'OPT_IN' | 'OPT_OUT';
}

export interface Contact {
  EmailAddress: string;
  TopicPreferences: TopicPreference[];
  UnsubscribeAll: boolean;
  AttributesData?: string;
  createdMs: number;
  updatedMs: number;
}

export interface ContactList {
  name: string;
  description?: string;
  topics: Topic[];
  tags: { Key: string; Value: string }[];
  createdMs: number;
  updatedMs: number;
  contacts: Map<string, Contact>;
}

/** A message SES accepted, with what became of each recipient. */
export interface SentMessage {
  messageId: string;
  atMs: number;
  /** The From as given (display name included). */
  source: string;
  fromAddress: string;
  /** The verified identity that authorised the From (VDM's EMAIL_IDENTITY dimension). */
  identity: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  text?: string;
  html?: string;
  headers: { name: string; value: string }[];
  tags: Record<string, string>;
  configurationSet?: string;
  /** The ListManagementOptions it was sent with: where its unsubscribe link points. */
  listManagement?: { contactList: string; topic?: string };
  /** Recipients the mail reached (lowercased addresses). */
  delivered: Set<string>;
  raw?: string;
}

export interface SendAttempt {
  at: string;
  outcome: string;
  from: string | null;
  recipients: string[];
  messageId?: string;
}

export type VdmMetric = 'SEND' | 'DELIVERY' | 'PERMANENT_BOUNCE' | 'TRANSIENT_BOUNCE' | 'COMPLAINT';

export interface MetricPoint {
  atMs: number;
  metric: VdmMetric;
  identity?: string;
  configurationSet?: string;
  count: number;
}

export interface State {
  account: Account;
  /** Recipients counted toward the rolling 24 h quota and the per-second rate. */
  /** Each send: its recipients (the rate) and those of them the daily quota counts. */
  quotaLog: { atMs: number; recipients: number; daily?: number }[];
  identities: Map<string, EmailIdentity>;
  configurationSets: Set<string>;
  /** The event types each configuration set's event destination publishes (to the SNS topic). */
  eventDestinations: Map<string, Set<PublishedType>>;
  suppression: Map<string, SuppressedEntry>;
  contactLists: Map<string, ContactList>;
  messages: Map<string, SentMessage>;
  requests: SendAttempt[];
  metrics: MetricPoint[];
  pool: { id: string; allowUnauthenticated: boolean };
  /** What the DNS-over-HTTPS resolver answers, beyond its defaults (dns/). */
  dns: DnsZone;
}

export function startState(nowMs: number, region = 'us-east-1'): State {
  const productionQuota = { Max24HourSend: 300, MaxSendRate: 14 };
  return {
    account: {
      ProductionAccessEnabled: true,
      EnforcementStatus: 'HEALTHY',
      SendingEnabled: true,
      DedicatedIpAutoWarmupEnabled: false,
      SendQuota: { ...productionQuota },
      productionQuota,
      SuppressionAttributes: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
      VdmAttributes: {
        VdmEnabled: 'ENABLED',
        DashboardAttributes: { EngagementMetrics: 'ENABLED' },
        GuardianAttributes: { OptimizedSharedDelivery: 'ENABLED' },
      },
      extra: {},
    },
    quotaLog: [],
    identities: new Map([
      [
        'outbound.example.com',
        {
          name: 'outbound.example.com',
          type: 'DOMAIN',
          verificationStatus: 'SUCCESS',
          sendingEnabled: true,
          dkimStatus: 'SUCCESS',
          dkimTokens: ['rampartlocal1', 'rampartlocal2', 'rampartlocal3'],
          mailFromDomain: 'mail.outbound.example.com',
          mailFromStatus: 'SUCCESS',
          behaviorOnMxFailure: 'USE_DEFAULT_VALUE',
          configurationSetName: 'rampart',
          tags: [],
          createdAtMs: nowMs,
        },
      ],
    ]),
    configurationSets: new Set(['rampart']),
    eventDestinations: new Map([['rampart', new Set<PublishedType>(PUBLISHED_TYPES)]]),
    suppression: new Map(),
    contactLists: new Map([
      [
        'rampart',
        {
          name: 'rampart',
          description: 'Unsubscribes shared by every Rampart user of this account',
          topics: [
            {
              TopicName: 'outbound',
              DisplayName: 'Outbound',
              Description: 'One-off outbound and follow-ups',
              DefaultSubscriptionStatus: 'OPT_IN',
            },
          ],
          tags: [],
          createdMs: nowMs,
          updatedMs: nowMs,
          contacts: new Map(),
        },
      ],
    ]),
    messages: new Map(),
    requests: [],
    metrics: [],
    pool: { id: identityPoolIdOf(region), allowUnauthenticated: true },
    dns: startDns(),
  };
}
