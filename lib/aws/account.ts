import { GetAccountCommand, type GetAccountResponse } from '@aws-sdk/client-sesv2';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { AccountView } from '@/lib/core/account';

// The account picture straight from SES (GetAccount): quota, sandbox, enforcement.
// SES is the shared truth: every SDR's extension reads the same account.

export function accountViewOf(response: GetAccountResponse): AccountView {
  return {
    productionAccessEnabled: response.ProductionAccessEnabled ?? false,
    sendingEnabled: response.SendingEnabled ?? false,
    enforcementStatus: response.EnforcementStatus ?? 'UNKNOWN',
    max24HourSend: response.SendQuota?.Max24HourSend ?? 0,
    maxSendRate: response.SendQuota?.MaxSendRate ?? 0,
    sentLast24Hours: response.SendQuota?.SentLast24Hours ?? 0,
  };
}

export async function fetchAccount(ses: SESv2Client): Promise<AccountView> {
  return accountViewOf(await ses.send(new GetAccountCommand({})));
}
