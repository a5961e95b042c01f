import type { Address, Draft } from '@/lib/core/draft';
import type { AccountSnapshot } from '@/lib/core/account';
import type { LedgerRow } from '@/lib/store/rows';
import type { RampartDb } from '@/lib/store/db';
import type { Settings } from '@/lib/store/settings';
import { defaultThresholds, type GuardrailContext, type SuppressionEntry } from '@/lib/guardrails/context';
import { VDM_METRICS_KEY, type VdmRecord } from '@/lib/account/vdm';
import type { DailyCounts } from '@/lib/ramp/health';
import { ACCOUNT_KEY } from '@/lib/store/records';

// The unit tests' one set of builders: the demo SDR's settings, a draft, an account
// snapshot, a ledger row and a guardrail context, each healthy by default. A test changes
// only what it tests, by passing overrides.

/** The demo SDR: what the tests of the background's checks, cap and send path configure. */
export const demoSettings: Settings = {
  region: 'us-east-1',
  identityPoolId: 'us-east-1:00000000-0000-4000-8000-000000000000',
  configurationSet: 'rampart',
  fromName: 'Demo SDR',
  fromAddress: 'sdr@outbound.example.com',
  senderTag: '',
  guardGmailSend: true,
};

export function settingsOf(overrides: Partial<Settings> = {}): Settings {
  return { ...demoSettings, ...overrides };
}

export function address(email: string, name?: string): Address {
  return name === undefined ? { email } : { email, name };
}

/** A one-recipient popout draft with no From chosen (the identity is the settings'). */
export function draftOf(overrides: Partial<Draft> = {}): Draft {
  return {
    composeId: 'c1',
    kind: 'popout',
    from: null,
    to: [{ email: 'ana@prospect.example' }],
    cc: [],
    bcc: [],
    subject: 'Hello',
    html: '<p>Hi</p>',
    text: 'Hi',
    hasAttachments: false,
    isReply: false,
    unreadable: [],
    ...overrides,
  };
}

/** When the guardrail context is checked, unless a test says otherwise. */
export const contextNow = new Date('2026-11-28T10:00:00Z');

/** A healthy production account, read five minutes before `contextNow`. */
export function snapshotOf(overrides: Partial<AccountSnapshot> = {}): AccountSnapshot {
  return {
    productionAccessEnabled: true,
    sendingEnabled: true,
    enforcementStatus: 'HEALTHY',
    max24HourSend: 300,
    maxSendRate: 14,
    sentLast24Hours: 0,
    syncedAt: new Date(contextNow.getTime() - 5 * 60_000).toISOString(),
    ...overrides,
  };
}

/**
 * The demo SDR's send, an hour before `contextNow`. `outboxId`, `day` and
 * `recipientCount` follow `messageId`, `sentAt` and `recipients` unless given.
 */
export function ledgerRowOf(overrides: Partial<LedgerRow> = {}): LedgerRow {
  const messageId = overrides.messageId ?? 'm1';
  const sentAt = overrides.sentAt ?? '2026-11-28T09:00:00.000Z';
  const recipients = overrides.recipients ?? ['ana@prospect.example'];
  return {
    messageId,
    outboxId: `o-${messageId}`,
    sentAt,
    day: sentAt.slice(0, 10),
    from: { email: demoSettings.fromAddress, name: demoSettings.fromName },
    recipients,
    recipientCount: recipients.length,
    subject: 'Earlier',
    senderTag: demoSettings.senderTag,
    ...overrides,
  };
}

/** The draft of the rule tables: from the configured identity, to Ana. */
export function ruleDraftOf(overrides: Partial<Draft> = {}): Draft {
  return draftOf({
    composeId: 'compose-1',
    from: address('sdr@outbound.example.com', 'Demo SDR'),
    to: [address('ana@prospect.example')],
    subject: 'Quick question about your pipeline',
    html: '<p>Hi Ana</p>',
    text: 'Hi Ana',
    ...overrides,
  });
}

/**
 * A healthy starting point for rule tables: the emulator's start state
 * (docs/test-surface.md) and a one-recipient draft from the configured identity.
 */
export function contextOf(overrides: Partial<GuardrailContext> = {}): GuardrailContext {
  return {
    draft: ruleDraftOf(),
    settings: { fromName: 'Demo SDR', fromAddress: 'sdr@outbound.example.com', avoidFromDomains: ['example.com'] },
    thresholds: defaultThresholds,
    account: snapshotOf(),
    verifiedIdentities: ['outbound.example.com'],
    suppression: new Map<string, SuppressionEntry>(),
    pinnedIdentity: { name: 'Demo SDR', address: 'sdr@outbound.example.com' },
    fromIdentityStatus: {
      identity: 'outbound.example.com',
      verifiedForSending: true,
      dkimStatus: 'SUCCESS',
      mailFromSet: true,
      dmarcFound: true,
    },
    recentSends: new Map<string, string>(),
    cap: {
      mine: { cap: 225, sent: 83 },
      team: { cap: 225 },
      ses: { max24HourSend: 300, sentLast24Hours: 83 },
      rampDay: 5,
    },
    now: contextNow,
    ...overrides,
  };
}

// What the popup's figures are read from, written as sync and sends write it: on
// 2026-11-20 at noon UTC, for the demo SDR.

export const dashboardNow = new Date('2026-11-20T12:00:00.000Z');
export const dashboardToday = '2026-11-20';
export const dashboardSender = demoSettings.fromAddress;

/** The account snapshot, read an hour before `dashboardNow`. */
export async function storeAccount(database: RampartDb, patch: Partial<AccountSnapshot> = {}): Promise<void> {
  const snapshot = snapshotOf({ syncedAt: '2026-11-20T11:00:00.000Z', ...patch });
  await database.kv.put({ key: ACCOUNT_KEY, value: snapshot, updatedAt: snapshot.syncedAt });
}

export async function storeSend(database: RampartDb, messageId: string, sentAt: string, recipients: string[]): Promise<void> {
  const sender = dashboardSender;
  const row = ledgerRowOf({
    messageId,
    outboxId: messageId,
    sentAt,
    from: { email: sender },
    recipients,
    subject: 'Hello',
    senderTag: sender,
  });
  await database.ledger.put(row);
}

/** VDM's daily counts of the last two weeks. */
export async function storeVdm(database: RampartDb, counts: DailyCounts[]): Promise<void> {
  const record: VdmRecord = { enabled: true, syncedAt: dashboardNow.toISOString(), from: '2026-11-07', to: dashboardToday, counts };
  await database.kv.put({ key: VDM_METRICS_KEY, value: record, updatedAt: record.syncedAt });
}
