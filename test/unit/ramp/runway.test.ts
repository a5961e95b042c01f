import { describe, expect, it } from 'vitest';
import { defaultThresholds } from '@/lib/ramp/health';
import { eventsToReach, runway, shortForDraft, type RunwayCounts } from '@/lib/ramp/runway';

// docs/rules.md, "Reputation runway": the worked examples, each figure worked out by hand.
// Hard bounces ÷ sends: Rampart's alert 4%, AWS's review 5%. Complaints ÷ deliveries:
// Rampart's alert 0.08%, AWS's review 0.1%. The volume is the last 7 days plus the sends
// today's plan still allows.

describe('the runway, worked examples', () => {
  it.each<{
    name: string;
    counts: RunwayCounts;
    plannedSends: number;
    accountSends?: number;
    hardBounces: { alert: number; review: number; volume: number } | null;
    complaints: { alert: number; review: number; volume: number } | null;
  }>([
    {
      // The emulator profile's plan on day 1: 300 a day × 20% = 60, nothing sent yet.
      // 4% of 60 = 2.4 → 3; 5% of 60 = 3. Complaints: 0.048 → 1; 0.06 → 1.
      name: 'day 1 of 300 a day, nothing sent',
      counts: { sends: 0 },
      plannedSends: 60,
      hardBounces: { alert: 3, review: 3, volume: 60 },
      complaints: { alert: 1, review: 1, volume: 60 },
    },
    {
      // From day 8 the whole 300: 4% = 12, 5% = 15; complaints 0.24 → 1, 0.3 → 1.
      name: 'day 8 of 300 a day, nothing sent',
      counts: { sends: 0 },
      plannedSends: 300,
      hardBounces: { alert: 12, review: 15, volume: 300 },
      complaints: { alert: 1, review: 1, volume: 300 },
    },
    {
      // One of today's sends bounced (and was not delivered): 299 left, 300 in all.
      // 12 − 1 = 11, 15 − 1 = 14. Deliveries: none of the one send, so the planned 299 are
      // expected to deliver as it did (0): a volume of 0 counts as 1, one complaint.
      name: 'day 8, one send, one hard bounce',
      counts: { sends: 1, deliveries: 0, permanentBounces: 1, complaints: 0 },
      plannedSends: 299,
      hardBounces: { alert: 11, review: 14, volume: 300 },
      complaints: { alert: 1, review: 1, volume: 0 },
    },
    {
      // SES counts 48 sent in the last 24 hours that health's window does not show yet
      // (another member's, or VDM's lag); 12 left on day 1's 60. The volume is 60 again:
      // 3 and 3; deliveries 48 + 12 taken as delivered: 1 and 1.
      name: 'day 1, 48 counted by SES but not yet by health, 12 left',
      counts: { sends: 0 },
      accountSends: 48,
      plannedSends: 12,
      hardBounces: { alert: 3, review: 3, volume: 60 },
      complaints: { alert: 1, review: 1, volume: 60 },
    },
    {
      // SES's count below what health shows (health's window is 7 days, SES's 24 hours): no change.
      name: 'SES’s 24 hours inside health’s week',
      counts: { sends: 473, deliveries: 460, permanentBounces: 9, complaints: 0 },
      accountSends: 83,
      plannedSends: 142,
      hardBounces: { alert: 16, review: 22, volume: 615 },
      complaints: { alert: 1, review: 1, volume: 598 },
    },
    {
      // "142 of 225 left today — ramp day 5": 473 sent in the week, 9 hard bounces, 460
      // delivered. Sends 473 + 142 = 615: 4% = 24.6 → 25 − 9 = 16; 5% = 30.75 → 31 − 9 = 22.
      // Deliveries 460 + ⌊142 × 460 ÷ 473⌋ = 460 + 138 = 598: 0.08% = 0.48 → 1; 0.1% = 0.6 → 1.
      name: 'ramp day 5 of the 300-a-day plan, 142 left',
      counts: { sends: 473, deliveries: 460, permanentBounces: 9, complaints: 0 },
      plannedSends: 142,
      hardBounces: { alert: 16, review: 22, volume: 615 },
      complaints: { alert: 1, review: 1, volume: 598 },
    },
    {
      // A steady account: 9,000 sent, 180 hard bounces (2%), 8,800 delivered, 4 complaints,
      // 1,000 planned. Sends 10,000: 400 − 180 = 220; 500 − 180 = 320. Deliveries 8,800 +
      // ⌊1,000 × 8,800 ÷ 9,000⌋ = 9,777: 0.08% = 7.82 → 8 − 4 = 4; 0.1% = 9.78 → 10 − 4 = 6.
      name: 'a steady account with 1,000 planned',
      counts: { sends: 9000, deliveries: 8800, permanentBounces: 180, complaints: 4 },
      plannedSends: 1000,
      hardBounces: { alert: 220, review: 320, volume: 10000 },
      complaints: { alert: 4, review: 6, volume: 9777 },
    },
    {
      // Exactly on a level counts as reaching it (health's ≥): 40 of 1,000 sends is 4%.
      // Deliveries 960: 0.08% = 0.77 → 1; 0.1% = 0.96 → 1.
      name: 'exactly at the hard-bounce alert',
      counts: { sends: 1000, deliveries: 960, permanentBounces: 40, complaints: 0 },
      plannedSends: 0,
      hardBounces: { alert: 0, review: 10, volume: 1000 },
      complaints: { alert: 1, review: 1, volume: 960 },
    },
    {
      // 8 of 10,000 deliveries is exactly 0.08%, with no floating-point slip; 10 is 0.1%.
      // Sends 10,100 with 100 hard bounces: 404 − 100 = 304; 505 − 100 = 405.
      name: 'exactly at the complaint alert',
      counts: { sends: 10100, deliveries: 10000, permanentBounces: 100, complaints: 8 },
      plannedSends: 0,
      hardBounces: { alert: 304, review: 405, volume: 10100 },
      complaints: { alert: 0, review: 2, volume: 10000 },
    },
    {
      // Already past both: nothing left, never below 0.
      name: 'past the levels already',
      counts: { sends: 100, deliveries: 90, permanentBounces: 6, complaints: 1 },
      plannedSends: 0,
      hardBounces: { alert: 0, review: 0, volume: 100 },
      complaints: { alert: 0, review: 0, volume: 90 },
    },
    {
      // A source that counts sends but not bounces (the ledger before events arrive):
      // unknown, never read as zero bounces.
      name: 'bounces and complaints not known',
      counts: { sends: 50 },
      plannedSends: 10,
      hardBounces: null,
      complaints: null,
    },
    {
      // No plan and an unknown quota leave nothing planned; nothing sent either: the first
      // send that bounces would be 100%.
      name: 'nothing sent, nothing planned',
      counts: {},
      plannedSends: 0,
      hardBounces: { alert: 1, review: 1, volume: 0 },
      complaints: { alert: 1, review: 1, volume: 0 },
    },
  ])('$name', ({ counts, plannedSends, accountSends, hardBounces, complaints }) => {
    const r = runway({ counts, plannedSends, ...(accountSends === undefined ? {} : { accountSends }) });
    expect(r.plannedSends).toBe(plannedSends);
    expect(r.hardBounces && { alert: r.hardBounces.alert, review: r.hardBounces.review, volume: r.hardBounces.volume }).toEqual(
      hardBounces,
    );
    expect(r.complaints && { alert: r.complaints.alert, review: r.complaints.review, volume: r.complaints.volume }).toEqual(complaints);
  });

  it('follows configured alert levels', () => {
    const stricter = { ...defaultThresholds, hardBounce: { warn: 1, alert: 2 } };
    // 2% of 300 = 6; AWS's review stays at 5%.
    expect(runway({ counts: { sends: 0 }, plannedSends: 300, thresholds: stricter }).hardBounces).toMatchObject({ alert: 6, review: 15 });
  });

  it('counts whole events only', () => {
    expect(eventsToReach(0, 1, 4)).toBe(1);
    expect(eventsToReach(0, 25, 4)).toBe(1);
    expect(eventsToReach(0, 26, 4)).toBe(2);
    expect(eventsToReach(3, 25, 4)).toBe(0);
    expect(runway({ counts: { sends: 0 }, plannedSends: 59.9 }).plannedSends).toBe(59);
  });
});

describe('a short runway for a draft', () => {
  const day1 = runway({ counts: { sends: 0 }, plannedSends: 60 });
  it.each([
    // 3 hard bounces reach the 4% alert on day 1: a draft of 3 could do it alone.
    { recipients: 1, short: false },
    { recipients: 2, short: false },
    { recipients: 3, short: true },
    { recipients: 10, short: true },
    { recipients: 0, short: false },
  ])('$recipients recipients on day 1 → short: $short', ({ recipients, short }) => {
    expect(shortForDraft(day1, recipients)).toBe(short);
  });

  it('is not short when the bounces are unknown', () => {
    expect(shortForDraft(runway({ counts: { sends: 50 }, plannedSends: 10 }), 50)).toBe(false);
  });
});
