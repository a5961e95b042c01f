import { describe, expect, it } from 'vitest';
import { capFigures, capInputsOf } from '@/lib/send/cap-figures';

// SES's quota figures are doubles (SendQuota: Max24HourSend, SentLast24Hours). What is
// left on SES's quota is counted in whole recipients, as the cap's own view counts it.

const figures = (max24HourSend: number, sentLast24Hours: number) =>
  capFigures(
    capInputsOf(
      {
        ramp: undefined,
        account: {
          max24HourSend,
          sentLast24Hours,
          maxSendRate: 1,
          productionAccessEnabled: true,
          sendingEnabled: true,
          enforcementStatus: 'HEALTHY',
          syncedAt: '2026-03-02T10:00:00.000Z',
        },
        senderTag: 's',
      },
      { today: 0, sinceSnapshot: 0 },
    ),
  );

describe('SES’s remainder in the cap figures', () => {
  it.each([
    [200, 20, 180],
    [200.7, 20, 180],
    [5e-324, 0, 0],
    [10, 9.5, 0],
  ])('Max24HourSend %s, SentLast24Hours %s: %s whole recipients left, the same as the binding view', (max, sent, left) => {
    const result = figures(max, sent);
    expect(result.ses?.remaining).toBe(left);
    expect(result.view?.remaining).toBe(left);
  });

  it('-1 is unlimited: no remainder, and nothing binds without a plan', () => {
    expect(figures(-1, 50)).toMatchObject({ view: null, ses: { remaining: null } });
  });
});
