import { GetAccountCommand, type GetAccountResponse } from '@aws-sdk/client-sesv2';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { AccountView } from '@/lib/core/account';
import { RampartError } from './errors';

// The account picture straight from SES (GetAccount): quota, sandbox, enforcement.
// SES is the shared truth: every SDR's extension reads the same account.

export function accountViewOf(response: GetAccountResponse): AccountView {
  const quota = response.SendQuota;
  // The SDK passes on what SES's JSON says, NaN and wrong types included: a quota that is
  // not a count is no reading at all (kept out of the picture, which stays as last read),
  // never an unlimited one. Only -1 means unlimited.
  const max24HourSend = quota?.Max24HourSend;
  const maxSendRate = quota?.MaxSendRate;
  const sentLast24Hours = quota?.SentLast24Hours;
  if (!(max24HourSend === -1 || isCount(max24HourSend)) || !isCount(maxSendRate) || !isCount(sentLast24Hours)) {
    throw new RampartError(
      'account-unreadable',
      `SES’s GetAccount answer holds no quota Rampart can read (Max24HourSend ${String(max24HourSend)}, MaxSendRate ${String(maxSendRate)}, SentLast24Hours ${String(sentLast24Hours)}).`,
    );
  }
  return {
    // Anything but true reads as the stricter state: sandbox, not sending.
    productionAccessEnabled: response.ProductionAccessEnabled === true,
    sendingEnabled: response.SendingEnabled === true,
    enforcementStatus: typeof response.EnforcementStatus === 'string' ? response.EnforcementStatus : 'UNKNOWN',
    max24HourSend,
    maxSendRate,
    sentLast24Hours,
  };
}

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0;

export async function fetchAccount(ses: SESv2Client): Promise<AccountView> {
  return accountViewOf(await ses.send(new GetAccountCommand({})));
}
