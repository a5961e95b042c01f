// The identity pool's roles' From condition, as infra/ deploys it in both the member and
// the lead role: SendEmail is allowed only with a From address in the team's sending
// domain (IAM condition `StringLike ses:FromAddress *@<domain>`; the emulator compares the
// address lowercased, as it keys identities). auth/access.ts checks it with the rest of
// SendEmail's statement, so that a refusal names the caller's role. Guest identities'
// scope-down is auth/guest.ts. A leaf: auth/state.ts holds the policy.

export const AUTHENTICATED_ROLE = 'Rampart-Authenticated';
export const UNAUTHENTICATED_ROLE = 'Rampart-Unauthenticated';

export const DEFAULT_ALLOWED_FROM_DOMAIN = 'outbound.example.com';

export interface RolePolicy {
  /** `ses:FromAddress` must be `*@` this domain, for the member and the lead role; null lifts the condition. */
  allowedFromDomain: string | null;
}

export const startPolicy = (): RolePolicy => ({ allowedFromDomain: DEFAULT_ALLOWED_FROM_DOMAIN });
