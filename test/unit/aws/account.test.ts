import type { GetAccountResponse } from '@aws-sdk/client-sesv2';
import { describe, expect, it } from 'vitest';
import { accountViewOf } from '@/lib/aws/account';
import { RampartError } from '@/lib/aws/errors';

// GetAccount as the SDK hands it over: it passes on what SES's JSON says, so a quota of
// "NaN", false or -5 arrives as such. Only -1 means unlimited; any other figure that is
// not a count is no reading at all (the sync keeps the last picture), never unlimited.

const answer = (quota: Record<string, unknown> | undefined, rest: Record<string, unknown> = {}) =>
  ({ SendQuota: quota, SendingEnabled: true, ProductionAccessEnabled: true, EnforcementStatus: 'HEALTHY', ...rest }) as GetAccountResponse;
const sane = { Max24HourSend: 200, MaxSendRate: 1, SentLast24Hours: 20 };

describe('reading GetAccount', () => {
  it('takes a sane quota as SES gave it, -1 as unlimited', () => {
    expect(accountViewOf(answer(sane))).toMatchObject({ max24HourSend: 200, maxSendRate: 1, sentLast24Hours: 20 });
    expect(accountViewOf(answer({ ...sane, Max24HourSend: -1 })).max24HourSend).toBe(-1);
  });

  it.each([
    ['Max24HourSend NaN', { ...sane, Max24HourSend: NaN }],
    ['Max24HourSend -5', { ...sane, Max24HourSend: -5 }],
    ['Max24HourSend Infinity', { ...sane, Max24HourSend: Infinity }],
    ['Max24HourSend a string', { ...sane, Max24HourSend: '200' }],
    ['SentLast24Hours false', { ...sane, SentLast24Hours: false }],
    ['SentLast24Hours negative', { ...sane, SentLast24Hours: -1000 }],
    ['MaxSendRate NaN', { ...sane, MaxSendRate: NaN }],
    ['SentLast24Hours missing', { Max24HourSend: 200, MaxSendRate: 1 }],
    ['no SendQuota', undefined],
  ])('refuses a quota it cannot read (%s), in a sentence', (_, quota) => {
    let thrown: unknown;
    try {
      accountViewOf(answer(quota));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RampartError);
    expect(thrown).toMatchObject({ code: 'account-unreadable', message: expect.stringMatching(/GetAccount answer holds no quota/) });
  });

  it('reads anything but true as the stricter state, and an enforcement status that is no string as unknown', () => {
    const view = accountViewOf(answer(sane, { SendingEnabled: 'true', ProductionAccessEnabled: 1, EnforcementStatus: 7 }));
    expect(view).toMatchObject({ sendingEnabled: false, productionAccessEnabled: false, enforcementStatus: 'UNKNOWN' });
  });
});
