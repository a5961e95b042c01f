import type { LedgerRow } from '@/lib/store/db';
import type { Draft } from '@/lib/core/draft';
import type { AccountSnapshot } from '@/lib/guardrails/context';
import type { Settings } from '@/lib/store/settings';

// The demo SDR, a draft, an account snapshot and a ledger row, as the tests of the
// background's checks, cap and send path build them.

export const demoSettings: Settings = {
  region: 'us-east-1',
  identityPoolId: 'us-east-1:00000000-0000-4000-8000-000000000000',
  configurationSet: 'rampart',
  fromName: 'Demo SDR',
  fromAddress: 'sdr@outbound.example.com',
  senderTag: '',
  guardGmailSend: true,
};

export function draftOf(patch: Partial<Draft> = {}): Draft {
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
    ...patch,
  };
}

/** A healthy production account, read `syncedAt`. */
export function snapshotOf(syncedAt: string, patch: Partial<AccountSnapshot> = {}): AccountSnapshot {
  return {
    productionAccessEnabled: true,
    sendingEnabled: true,
    enforcementStatus: 'HEALTHY',
    max24HourSend: 300,
    maxSendRate: 14,
    sentLast24Hours: 0,
    syncedAt,
    ...patch,
  };
}

/** The demo SDR's send of `messageId` to `recipients` at `sentAt`. */
export function ledgerRowOf(messageId: string, recipients: string[], sentAt: Date): LedgerRow {
  return {
    messageId,
    outboxId: `o-${messageId}`,
    sentAt: sentAt.toISOString(),
    day: sentAt.toISOString().slice(0, 10),
    from: { email: demoSettings.fromAddress, name: demoSettings.fromName },
    recipients,
    recipientCount: recipients.length,
    subject: 'Earlier',
    senderTag: demoSettings.senderTag,
  };
}
