// The shapes auth/ shares between the sign-in state (auth/state.ts), the identity pool's
// logins (auth/logins.ts) and the checks on signed-in credentials (auth/access.ts). A
// leaf: it imports nothing from the emulator.

/** A signed-in user, as the identity pool knows them from their ID token. */
export interface Login {
  /** The user pool's `sub`: who the identity belongs to. */
  subject: string;
  email?: string;
  /** The role the identity pool maps the token to (`cognito:preferred_role`, else the authenticated role). */
  role: string;
  /** The session's principal tags, from the token's lead-set claims. */
  tags: Record<string, string>;
}
