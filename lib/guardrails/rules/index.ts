import type { GuardrailRule } from '@/lib/guardrails/rule';
import * as draftUnreadable from './draft-unreadable';
import * as noRecipients from './no-recipients';
import * as malformedHeader from './malformed-header';
import * as tooManyRecipients from './too-many-recipients';
import * as suppressedRecipient from './suppressed-recipient';
import * as sandboxRecipient from './sandbox-recipient';
import * as undeliverableDomain from './undeliverable-domain';
import * as likelyTypo from './likely-typo';
import * as disposableDomain from './disposable-domain';
import * as roleAddress from './role-address';
import * as mailUnchecked from './mail-unchecked';
import * as accountNotSending from './account-not-sending';
import * as accountUnderReview from './account-under-review';
import * as accountSnapshotAge from './account-snapshot-age';
import * as dailyCap from './daily-cap';
import * as reputationRunway from './reputation-runway';
import * as fromUnverified from './from-unverified';
import * as fromIdentityChanged from './from-identity-changed';
import * as gmailFromDiffers from './gmail-from-differs';
import * as fromTransactionalDomain from './from-transactional-domain';
import * as fromDomainAuth from './from-domain-auth';
import * as repliesElsewhere from './replies-elsewhere';
import * as duplicateFollowUp from './duplicate-follow-up';

// Every guardrail, in the order its findings are listed within a severity: the draft
// itself, then its recipients, then the account, then the sender.
export const rules: readonly GuardrailRule[] = [
  draftUnreadable,
  noRecipients,
  malformedHeader,
  tooManyRecipients,
  suppressedRecipient,
  sandboxRecipient,
  undeliverableDomain,
  likelyTypo,
  disposableDomain,
  roleAddress,
  mailUnchecked,
  accountNotSending,
  accountUnderReview,
  accountSnapshotAge,
  dailyCap,
  reputationRunway,
  fromUnverified,
  fromIdentityChanged,
  gmailFromDiffers,
  fromTransactionalDomain,
  fromDomainAuth,
  repliesElsewhere,
  duplicateFollowUp,
];

/** Each rule's default severity, by id: what the options page shows before any override. */
export const defaultSeverities: Readonly<Record<string, GuardrailRule['defaultSeverity']>> = Object.fromEntries(
  rules.map((rule) => [rule.id, rule.defaultSeverity]),
);
