import type { CapView } from '@/lib/core/finding';
import type { CapInputs } from './context';
import type { Draft } from '@/lib/core/draft';

// Remaining for me today = the smallest of: my share − what I sent today; the team cap −
// SentLast24Hours; Max24HourSend − SentLast24Hours (docs/rules.md, "Team cap and my cap").
// All counted in recipients, as SES counts them.

type Limit = CapView['limit'];

/**
 * Today's remaining sends, which limit binds, and the sentence the compose panel and popup
 * show; null when nothing limits today (no plan and an unlimited SES quota).
 */
export function remainingToday(inputs: CapInputs): CapView | null {
  const candidates: { limit: Limit; remaining: number; of: number }[] = [];
  if (inputs.mine) {
    candidates.push({ limit: 'mine', remaining: inputs.mine.cap - inputs.mine.sent, of: inputs.mine.cap });
  }
  if (inputs.team) {
    candidates.push({
      limit: 'team',
      remaining: inputs.team.cap - inputs.ses.sentLast24Hours,
      of: inputs.team.cap,
    });
  }
  // SES: "A value of -1 signifies an unlimited quota."
  if (inputs.ses.max24HourSend >= 0) {
    candidates.push({
      limit: 'ses',
      remaining: inputs.ses.max24HourSend - inputs.ses.sentLast24Hours,
      of: inputs.ses.max24HourSend,
    });
  }

  // On a tie the nearer limit is named: mine before the team's, the team's before SES's.
  let binding = candidates[0];
  if (!binding) return null;
  for (const candidate of candidates.slice(1)) {
    if (candidate.remaining < binding.remaining) binding = candidate;
  }

  const remaining = Math.max(0, Math.floor(binding.remaining));
  const view: CapView = {
    remaining,
    of: binding.of,
    limit: binding.limit,
    sentence: capSentence(remaining, binding.of, binding.limit, inputs.rampDay),
  };
  if (inputs.rampDay !== undefined) view.rampDay = inputs.rampDay;
  return view;
}

function capSentence(remaining: number, of: number, limit: Limit, rampDay: number | undefined): string {
  const whose = { mine: '', team: ' on the team’s cap', ses: ' on SES’s 24-hour quota' }[limit];
  const day = rampDay !== undefined && limit !== 'ses' ? ` — ramp day ${rampDay}` : '';
  return `${remaining} of ${of} left today${whose}${day}`;
}

// The blocks when there is no cap to hold a draft to (no plan and no account picture; no
// plan and an unlimited SES quota) are compose.finding.cap-unknown and cap-no-plan
// (lib/i18n/compose/findings-en.ts), said in the reader's language.

/** How many recipients a draft counts for against the cap: To, Cc and Bcc, as SES counts. */
export function draftRecipientCount(draft: Pick<Draft, 'to' | 'cc' | 'bcc'>): number {
  return draft.to.length + draft.cc.length + draft.bcc.length;
}

/** The name of a limit in a sentence: "your cap of 225", "the team’s cap of 300", "SES’s quota of 300". */
export function describeLimit(cap: Pick<CapView, 'limit' | 'of' | 'rampDay'>): string {
  const day = cap.rampDay !== undefined && cap.limit !== 'ses' ? ` (ramp day ${cap.rampDay})` : '';
  switch (cap.limit) {
    case 'mine':
      return cap.of === 0 ? `your cap today${day}` : `your cap of ${cap.of} today${day}`;
    case 'team':
      return cap.of === 0 ? `the team’s cap today${day}` : `the team’s cap of ${cap.of} today${day}`;
    case 'ses':
      return `SES’s 24-hour quota of ${cap.of}`;
  }
}
