// What SES says of the account and of the From's identity, as Rampart keeps it: plain
// data the store, the guardrails and the services share.

/** The SES account as `GetAccount` last reported it, and when Rampart read it. */
export interface AccountSnapshot {
  productionAccessEnabled: boolean;
  sendingEnabled: boolean;
  /** `HEALTHY`, `PROBATION` or `SHUTDOWN` (SES may add others). */
  enforcementStatus: string;
  /** SES reports -1 for an unlimited quota. */
  max24HourSend: number;
  /** Recipients per second. */
  maxSendRate: number;
  sentLast24Hours: number;
  /** ISO time of the `GetAccount` call this snapshot comes from. */
  syncedAt: string;
}

/** What `GetEmailIdentity` (and DNS) say about the From address's identity. */
export interface FromIdentityStatus {
  /** The identity SES matched: the address itself or its domain. */
  identity: string;
  /** `VerifiedForSendingStatus`: SES refuses a From whose identity is not verified. */
  verifiedForSending: boolean;
  /** `DkimAttributes.Status`: `SUCCESS`, `PENDING`, `FAILED`, `TEMPORARY_FAILURE`, `NOT_STARTED`. */
  dkimStatus: string;
  /** A custom MAIL FROM domain is set up and `SUCCESS` (SPF aligned with the From domain). */
  mailFromSet: boolean;
  /** A DMARC record was found for the From domain; null when it could not be looked up. */
  dmarcFound: boolean | null;
}

/** `GetAccount` as the background reads it, straight from SES (no sync time). */
export type AccountView = Omit<AccountSnapshot, 'syncedAt'>;

/** The From the first send went out as: a later change is flagged (SES mail from a new address reads as a new sender). */
export interface PinnedIdentity {
  name: string;
  address: string;
}
