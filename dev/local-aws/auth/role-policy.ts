// The identity pool's authenticated role, as infra/ deploys it: SendEmail is allowed only
// with a From address in the team's sending domain (IAM condition
// `StringLike ses:FromAddress *@<domain>`; the emulator compares the address lowercased,
// as it keys identities). Other calls are allowed as the role lists them.
//
// Unauthenticated (guest) identities get credentials through Cognito's enhanced flow,
// which scopes them down with a session policy that allows no `ses:` and no `sqs:` action
// whatever their role says (Cognito developer guide, "IAM roles": the scope-down policy
// for unauthenticated identities): every SES and SQS call with them is AccessDenied.
import type { Emulator } from '../context';
import type { IssuedCredential } from '../credentials';
import { AwsError } from '../http/errors';
import { LOCAL_ACCOUNT_ID } from '../state';
import { parseMailbox } from '../ses/address';

export const AUTHENTICATED_ROLE = 'Rampart-Authenticated';
export const UNAUTHENTICATED_ROLE = 'Rampart-Unauthenticated';

/** Refuses any SES or SQS call made with a guest identity's credentials, in IAM's words. */
export function refuseGuest(emulator: Emulator, credential: IssuedCredential, action: string, resource: string): void {
  // Long-term keys (no identity) and a signed-in user's credentials pass.
  if (credential.identityId === undefined || emulator.auth.principals.has(credential.accessKeyId)) return;
  throw new AwsError(
    403,
    'AccessDeniedException',
    `User: arn:aws:sts::${LOCAL_ACCOUNT_ID}:assumed-role/${UNAUTHENTICATED_ROLE}/CognitoIdentityCredentials is not authorized to perform: ${action} on resource: ${resource} because no session policy allows the ${action} action`,
  );
}
export const DEFAULT_ALLOWED_FROM_DOMAIN = 'outbound.example.com';

export interface RolePolicy {
  /** `ses:FromAddress` must be `*@` this domain; null lifts the condition. */
  allowedFromDomain: string | null;
}

export const startPolicy = (): RolePolicy => ({ allowedFromDomain: DEFAULT_ALLOWED_FROM_DOMAIN });

/** Refuses a SendEmail the caller's role does not allow, with IAM's AccessDeniedException. */
export function authorizeSendEmail(emulator: Emulator, credential: IssuedCredential, input: Record<string, unknown>): void {
  const principal = emulator.auth.principals.get(credential.accessKeyId);
  if (!principal) return; // unauthenticated role or long-term keys: no From condition
  const domain = emulator.auth.policy.allowedFromDomain;
  if (domain === null) return;
  const from = typeof input.FromEmailAddress === 'string' ? parseMailbox(input.FromEmailAddress) : undefined;
  if (from !== undefined && from.domain === domain.toLowerCase()) return;
  const identity = from?.domain ?? 'unknown';
  throw new AwsError(
    403,
    'AccessDeniedException',
    `User: arn:aws:sts::${LOCAL_ACCOUNT_ID}:assumed-role/${AUTHENTICATED_ROLE}/CognitoIdentityCredentials is not authorized to perform: ses:SendEmail on resource: arn:aws:ses:${emulator.region}:${LOCAL_ACCOUNT_ID}:identity/${identity} because no identity-based policy allows the ses:SendEmail action`,
  );
}
