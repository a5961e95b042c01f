import type { AccountSnapshot, CapInputs } from '@/lib/guardrails/context';
import type { ReservationLimits } from './reservations';

// What a reservation is checked against, from the same figures the verdict showed
// (docs/rules.md, "Team cap and my cap"): my share against my ledger of the day, and the
// account-wide limits — the team cap and SES's Max24HourSend, both less SentLast24Hours —
// against what was sent since the account snapshot that SentLast24Hours comes from.

const DAY_MS = 24 * 60 * 60_000;

export function reservationLimits(inputs: CapInputs | null, account: AccountSnapshot | null, now: Date): ReservationLimits {
  const limits: ReservationLimits = {};
  if (!inputs) return limits;
  if (inputs.mine) limits.mine = { cap: inputs.mine.cap };

  const accountCaps = [inputs.team?.cap, account && account.max24HourSend >= 0 ? account.max24HourSend : undefined].filter(
    (n): n is number => n !== undefined,
  );
  if (accountCaps.length === 0) return limits;
  const smallest = Math.min(...accountCaps);
  limits.account = account
    ? { remaining: smallest - account.sentLast24Hours, snapshotAt: account.syncedAt }
    : // No snapshot yet: the team cap against this browser's own last 24 hours.
      { remaining: smallest, snapshotAt: new Date(now.getTime() - DAY_MS).toISOString() };
  return limits;
}
