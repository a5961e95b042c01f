import { capInputs } from '../dashboard/cap-figures';
import { db, type RampartDb } from '../db';
import type { Draft } from '../draft';
import {
  defaultThresholds,
  distinctRecipients,
  recipientKey,
  sendingFrom,
  type AccountSnapshot,
  type GuardrailContext,
  type IdentitySettings,
  type SuppressionEntry,
} from '../guardrails/context';
import { localDay, runtimeTimeZone } from '../ramp/calendar';
import { currentRamp, type CurrentRamp } from '../ramp-store/ramp';
import { loadSettings, type Settings } from '../settings';
import { accountSnapshot } from '../sync/account';
import { fromIdentity, verifiedIdentities } from '../sync/identities';
import { readPinnedIdentity } from './pinned-identity';

// The guardrail context for one draft, gathered from IndexedDB: the synced account
// picture, the ramp, the ledger and the suppression cache. Only this draft's recipients
// are looked up (by key: `bulkGet` on the suppression cache, the ledger's multi-entry
// index), so a check costs the same with ten suppressed addresses or a million.

export interface GatherOptions {
  /** The settings to judge with (the send path has them already); default: stored. */
  settings?: Settings;
  /** The zone the ledger counts days in, when there is no plan; default the browser's. */
  timeZone?: string;
  database?: RampartDb;
}

/** The context and what it was built from, for the send path's reservation. */
export interface Gathered {
  context: GuardrailContext;
  account: AccountSnapshot | null;
  ramp: CurrentRamp | undefined;
  /** The calendar day the cap is counted on (the plan's zone). */
  capDay: string;
}

function identitySettings(settings: Settings): IdentitySettings {
  // Domains not to send outbound from, when the set-up names them.
  const avoid = (settings as Settings & { avoidFromDomains?: unknown }).avoidFromDomains;
  return {
    fromName: settings.fromName,
    fromAddress: settings.fromAddress,
    avoidFromDomains: Array.isArray(avoid) ? avoid.filter((d): d is string => typeof d === 'string') : [],
  };
}

/** This draft's recipients' suppression rows, by key. */
async function suppressionOf(keys: readonly string[], database: RampartDb): Promise<Map<string, SuppressionEntry>> {
  const rows = await database.suppression.bulkGet([...keys]);
  const found = new Map<string, SuppressionEntry>();
  rows.forEach((row, i) => {
    if (row) found.set(keys[i]!, { reason: row.reason, since: row.since });
  });
  return found;
}

/** When each of this draft's recipients was last sent to (ledger). */
async function lastSendsTo(keys: readonly string[], database: RampartDb): Promise<Map<string, string>> {
  const wanted = new Set(keys);
  const last = new Map<string, string>();
  if (keys.length === 0) return last;
  await database.ledger
    .where('recipients')
    .anyOf([...keys])
    .each((row) => {
      for (const recipient of row.recipients) {
        if (!wanted.has(recipient)) continue;
        const seen = last.get(recipient);
        if (!seen || row.sentAt > seen) last.set(recipient, row.sentAt);
      }
    });
  return last;
}

export async function gatherGuardrailContext(draft: Draft, now: Date, options: GatherOptions = {}): Promise<Gathered> {
  const database = options.database ?? db();
  const settings = options.settings ?? (await loadSettings());
  const keys = distinctRecipients(draft).map((a) => recipientKey(a.email));
  const from = sendingFrom({ settings: identitySettings(settings) });

  const [account, ramp, verified, fromStatus, suppression, recentSends, pinned] = await Promise.all([
    accountSnapshot(database),
    currentRamp(now, database),
    verifiedIdentities(database),
    fromIdentity(from.email, database),
    suppressionOf(keys, database),
    lastSendsTo(keys, database),
    readPinnedIdentity(database),
  ]);
  const cap = await capInputs({ ramp, account, senderTag: settings.senderTag, now, database });

  const context: GuardrailContext = {
    draft,
    settings: identitySettings(settings),
    thresholds: defaultThresholds,
    account,
    verifiedIdentities: verified,
    suppression,
    pinnedIdentity: pinned,
    fromIdentityStatus: fromStatus,
    recentSends,
    cap,
    now,
  };
  const timeZone = ramp?.plan.timeZone ?? options.timeZone;
  if (timeZone) context.timeZone = timeZone;
  const capDay = ramp?.today.day ?? localDay(now, timeZone ?? runtimeTimeZone());
  return { context, account, ramp, capDay };
}

/** The GuardrailContext lib/guardrails judges a draft by (lib/guardrails/context.ts). */
export async function buildGuardrailContext(draft: Draft, now: Date, options: GatherOptions = {}): Promise<GuardrailContext> {
  return (await gatherGuardrailContext(draft, now, options)).context;
}
