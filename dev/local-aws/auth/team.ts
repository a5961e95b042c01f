// The team behind the user pool, as infra/ deploys it: who may get a user (the pre
// sign-up check: the team's domains and invited addresses), what the lead set on each
// member (custom:sending_address, custom:sender_tag: they become the ID token's claims,
// then the session's principal tags), who is in the `leads` group (mapped to the lead
// role through cognito:preferred_role), and off-boarding (AdminDisableUser +
// AdminUserGlobalSignOut).
import { tagOfAddress } from '../feedback/sender-tag';
import { LOCAL_ACCOUNT_ID } from '../state';
import { AUTHENTICATED_ROLE } from './role-policy';
import type { StoredObject } from '../s3/stored-object';

export const LEADS_GROUP = 'leads';
export const LEAD_ROLE = 'Rampart-Lead';
export const START_TEAM_DOMAINS = ['outbound.example.com'];
/** The hosted UI's start user leads a one-person team, so that every lead call works in the start state. */
export const START_LEAD = 'sdr@outbound.example.com';

export const roleArnOf = (role: string) => `arn:aws:iam::${LOCAL_ACCOUNT_ID}:role/${role}`;

export interface Member {
  email: string;
  /** `custom:sending_address`: the only From this member may send as. */
  sendingAddress: string | null;
  /**
   * `custom:sender_tag`: names the member's feedback queue, `rampart-events-<tag>`. By
   * default their address's tag, by the one rule feedback routes events with
   * (feedback/sender-tag.ts).
   */
  senderTag: string | null;
  groups: string[];
  enabled: boolean;
  /** Emulator-clock time of the last AdminUserGlobalSignOut; tokens issued before it are refused. */
  signedOutAtMs: number | null;
}

/** The sentence a refused person reads (as infra/'s pre sign-up function words it; Cognito adds the full stop). */
export const refusalOf = (email: string) =>
  `${email} is not on this Rampart team. Sign in with your work account, or ask your team lead to invite this address`;

export class Team {
  domains: string[] = [...START_TEAM_DOMAINS];
  invited: string[] = [];
  /** The team's settings object (s3/team-settings.ts): none until a lead writes it. */
  settings: StoredObject | null = null;
  private readonly members = new Map<string, Member>();

  constructor() {
    this.reset();
  }

  /** Back to the start: the start domain, nobody invited, the start lead alone. */
  reset(): void {
    this.domains = [...START_TEAM_DOMAINS];
    this.invited = [];
    this.settings = null;
    this.members.clear();
    this.add(START_LEAD).groups.push(LEADS_GROUP);
  }

  /** The pre sign-up rule: the address's domain is the team's (exactly), or the address was invited. */
  admits(email: string): boolean {
    const address = email.trim().toLowerCase();
    const at = address.lastIndexOf('@');
    if (at <= 0 || at === address.length - 1) return false;
    return this.invited.includes(address) || this.domains.includes(address.slice(at + 1));
  }

  get(email: string): Member | undefined {
    return this.members.get(email.trim().toLowerCase());
  }

  list(): Member[] {
    return [...this.members.values()];
  }

  /** A user as the lead invites them: their own address and its tag set as their attributes. */
  add(email: string): Member {
    const key = email.trim().toLowerCase();
    const member: Member = {
      email: key,
      sendingAddress: key,
      senderTag: tagOfAddress(key),
      groups: [],
      enabled: true,
      signedOutAtMs: null,
    };
    this.members.set(key, member);
    return member;
  }

  /** The claims the lead's settings put in the member's ID token. */
  claimsOf(member: Member): Record<string, unknown> {
    const lead = member.groups.includes(LEADS_GROUP);
    return {
      ...(member.sendingAddress !== null ? { 'custom:sending_address': member.sendingAddress } : {}),
      ...(member.senderTag !== null ? { 'custom:sender_tag': member.senderTag } : {}),
      ...(member.groups.length
        ? {
            'cognito:groups': [...member.groups],
            ...(lead ? { 'cognito:roles': [roleArnOf(LEAD_ROLE)], 'cognito:preferred_role': roleArnOf(LEAD_ROLE) } : {}),
          }
        : {}),
    };
  }
}

/** The role the identity pool maps a token to (mapping type Token; ambiguous → the authenticated role). */
export function roleOfClaims(claims: Record<string, unknown>): string {
  return claims['cognito:preferred_role'] === roleArnOf(LEAD_ROLE) ? LEAD_ROLE : AUTHENTICATED_ROLE;
}
