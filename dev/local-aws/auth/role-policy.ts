// The identity pool's roles' From condition, as infra/ deploys it in both the member and
// the lead role: SendEmail is allowed only with a From address in the team's sending
// domain (IAM condition `StringLike ses:FromAddress *@<domain>`; the emulator compares the
// address lowercased, as it keys identities). auth/access.ts checks it with the rest of
// SendEmail's statement, so that a refusal names the caller's role.
//
// Unauthenticated (guest) identities get credentials through Cognito's enhanced flow,
// which scopes them down with a session policy that allows no `ses:` and no `sqs:` action
// whatever their role says (Cognito developer guide, "IAM roles": the scope-down policy
// for unauthenticated identities): every SES and SQS call with them is AccessDenied.
import type { Emulator } from '../context';
import type { IssuedCredential } from '../credentials';
import { AwsError } from '../http/errors';
import { LOCAL_ACCOUNT_ID } from '../state';

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
  /** `ses:FromAddress` must be `*@` this domain, for the member and the lead role; null lifts the condition. */
  allowedFromDomain: string | null;
}

export const startPolicy = (): RolePolicy => ({ allowedFromDomain: DEFAULT_ALLOWED_FROM_DOMAIN });
