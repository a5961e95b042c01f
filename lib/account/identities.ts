import {
  GetEmailIdentityCommand,
  NotFoundException,
  paginateListEmailIdentities,
  type GetEmailIdentityResponse,
  type SESv2Client,
} from '@aws-sdk/client-sesv2';
import { db, type RampartDb } from '@/lib/store/db';
import { pageTokens } from '@/lib/aws/pages';
import type { FromIdentityStatus } from '@/lib/guardrails/context';
import {
  FROM_IDENTITY_KEY,
  IDENTITIES_KEY,
  readRecord,
  writeRecord,
  type FromIdentityRecord,
  type IdentitiesRecord,
  type IdentitySummary,
  deleteRecord,
} from '@/lib/store/records';

// Verified identities (ListEmailIdentities): in the sandbox SES delivers only to them,
// so the sandbox rule checks recipients against this list. And the From domain's own
// standing (GetEmailIdentity): verified for sending, DKIM, custom MAIL FROM; and its
// DMARC record, which only DNS knows (lib/account/dmarc.ts).

// SES's largest page for ListEmailIdentities.
const PAGE_SIZE = 1000;

/** Whether a domain publishes DMARC (lib/account/dmarc.ts); null when it could not be looked up. */
export type DmarcLookup = (domain: string) => Promise<boolean | null>;

export async function syncIdentities(
  ses: SESv2Client,
  fromAddress: string,
  now: () => Date,
  database: RampartDb = db(),
  dmarc?: DmarcLookup,
): Promise<{ identities: IdentitiesRecord; from: FromIdentityRecord | null }> {
  const identities: IdentitySummary[] = [];
  const followed = pageTokens('list of identities');
  for await (const page of paginateListEmailIdentities({ client: ses, pageSize: PAGE_SIZE }, {})) {
    followed(page.NextToken);
    for (const identity of page.EmailIdentities ?? []) {
      // The SDK passes on what SES's JSON says, wrong types included: only strings are names and types.
      if (typeof identity.IdentityName !== 'string' || !identity.IdentityName) continue;
      identities.push({
        name: identity.IdentityName.toLowerCase(),
        type: typeof identity.IdentityType === 'string' ? identity.IdentityType : 'EMAIL_ADDRESS',
        // VerificationStatus is the newer field; older answers only say SendingEnabled.
        verified: identity.VerificationStatus ? identity.VerificationStatus === 'SUCCESS' : identity.SendingEnabled === true,
        sendingEnabled: identity.SendingEnabled === true,
      });
    }
  }

  const from = fromAddress ? await fromIdentityStatus(ses, fromAddress.toLowerCase(), identities, dmarc) : null;
  const at = now();
  const record: IdentitiesRecord = { identities, syncedAt: at.toISOString() };
  const fromRecord: FromIdentityRecord | null = from
    ? { ...from, fromAddress: fromAddress.toLowerCase(), syncedAt: at.toISOString() }
    : null;
  await database.transaction('rw', database.kv, async () => {
    await writeRecord(IDENTITIES_KEY, record, at, database);
    if (fromRecord) await writeRecord(FROM_IDENTITY_KEY, fromRecord, at, database);
    else await deleteRecord(FROM_IDENTITY_KEY, database);
  });
  return { identities: record, from: fromRecord };
}

/**
 * The From address's identity as SES sees it: its domain (where DKIM and MAIL FROM
 * live), else the address verified on its own; neither means SES will refuse the From.
 */
async function fromIdentityStatus(
  ses: SESv2Client,
  fromAddress: string,
  identities: readonly IdentitySummary[],
  dmarc: DmarcLookup | undefined,
): Promise<FromIdentityStatus> {
  const domain = fromAddress.slice(fromAddress.lastIndexOf('@') + 1);
  // DMARC is the From domain's, whichever identity SES signs with: asked alongside SES.
  const dmarcFound = dmarc ? dmarc(domain) : Promise.resolve(null);
  const known = new Set(identities.map((i) => i.name));
  for (const name of [domain, fromAddress]) {
    if (!known.has(name)) continue;
    const response = await getIdentity(ses, name);
    if (response) return { ...statusOf(name, response), dmarcFound: await dmarcFound };
  }
  return { identity: domain, verifiedForSending: false, dkimStatus: 'NOT_STARTED', mailFromSet: false, dmarcFound: await dmarcFound };
}

async function getIdentity(ses: SESv2Client, name: string): Promise<GetEmailIdentityResponse | null> {
  try {
    return await ses.send(new GetEmailIdentityCommand({ EmailIdentity: name }));
  } catch (error) {
    // Deleted between the list and this call.
    if (error instanceof NotFoundException) return null;
    throw error;
  }
}

function statusOf(identity: string, response: GetEmailIdentityResponse): FromIdentityStatus {
  return {
    identity,
    verifiedForSending: response.VerifiedForSendingStatus === true,
    dkimStatus: typeof response.DkimAttributes?.Status === 'string' ? response.DkimAttributes.Status : 'NOT_STARTED',
    mailFromSet: Boolean(response.MailFromAttributes?.MailFromDomain) && response.MailFromAttributes?.MailFromDomainStatus === 'SUCCESS',
    // A DNS record SES does not report: looked up over DNS-over-HTTPS (fromIdentityStatus).
    dmarcFound: null,
  };
}

/** Verified identities (addresses and domains), lower-cased; empty before the first sync. */
export async function verifiedIdentities(database: RampartDb = db()): Promise<string[]> {
  const record = await readRecord(IDENTITIES_KEY, database);
  return (record?.identities ?? []).filter((i) => i.verified).map((i) => i.name);
}

/** The From identity's status, when it was read for this From address. */
export async function fromIdentity(fromAddress: string, database: RampartDb = db()): Promise<FromIdentityRecord | null> {
  const record = await readRecord(FROM_IDENTITY_KEY, database);
  return record && record.fromAddress === fromAddress.toLowerCase() ? record : null;
}
