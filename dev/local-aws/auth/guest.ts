// Unauthenticated (guest) identities get credentials through Cognito's enhanced flow,
// which scopes them down with a session policy that allows no `ses:` and no `sqs:` action
// whatever their role says (Cognito developer guide, "IAM roles": the scope-down policy
// for unauthenticated identities): every SES and SQS call with them is AccessDenied.
import type { Emulator } from '../context';
import type { IssuedCredential } from '../credentials';
import { AwsError } from '../http/errors';
import { LOCAL_ACCOUNT_ID } from '../state';
import { UNAUTHENTICATED_ROLE } from './role-policy';

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
