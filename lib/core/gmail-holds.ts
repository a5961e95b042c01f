import type { Verdict } from './finding';

// Its own module, free of zod: the content script imports it, and finding.ts's schemas
// would add 6 KB to what Gmail's page loads.

/**
 * Statuses that make an address bad whichever way the mail goes (suppressed, unsubscribed,
 * malformed, without a mail server): Gmail's own Send is held for these alone. The
 * sandbox, the cap, a pause or the account's state are SES's limits: they block Send via
 * SES and leave Gmail's Send to the SDR.
 */
const BAD_EITHER_WAY: ReadonlySet<string> = new Set(['suppressed', 'invalid', 'undeliverable']);

/** Whether the verdict names an address Gmail's own Send must not go to either. */
export function gmailHolds(verdict: Pick<Verdict, 'recipients'> | null | undefined): boolean {
  return verdict?.recipients.some((r) => BAD_EITHER_WAY.has(r.status)) ?? false;
}
