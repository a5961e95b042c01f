import type { Address, Draft } from '@/lib/core/draft';
import {
  defaultThresholds,
  type AccountSnapshot,
  type GuardrailContext,
  type SuppressionEntry,
} from '@/lib/guardrails/context';
import { snapshotOf } from '../send/fixtures';

// A healthy starting point for rule tables: the emulator's start state (docs/test-surface.md) and a
// one-recipient draft from the configured identity. Each case changes only what it tests.

export const now = new Date('2026-11-28T10:00:00Z');

export function address(email: string, name?: string): Address {
  return name === undefined ? { email } : { email, name };
}

export function draft(overrides: Partial<Draft> = {}): Draft {
  return {
    composeId: 'compose-1',
    kind: 'popout',
    from: address('sdr@outbound.example.com', 'Demo SDR'),
    to: [address('ana@prospect.example')],
    cc: [],
    bcc: [],
    subject: 'Quick question about your pipeline',
    html: '<p>Hi Ana</p>',
    text: 'Hi Ana',
    hasAttachments: false,
    isReply: false,
    unreadable: [],
    ...overrides,
  };
}

export function account(overrides: Partial<AccountSnapshot> = {}): AccountSnapshot {
  return snapshotOf(new Date(now.getTime() - 5 * 60_000).toISOString(), overrides);
}

export function context(overrides: Partial<GuardrailContext> = {}): GuardrailContext {
  return {
    draft: draft(),
    settings: { fromName: 'Demo SDR', fromAddress: 'sdr@outbound.example.com', avoidFromDomains: ['example.com'] },
    thresholds: defaultThresholds,
    account: account(),
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
    now,
    ...overrides,
  };
}
