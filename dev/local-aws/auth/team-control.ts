// Control routes for the team (README.md): the pre sign-up rule (domains, invitations),
// the lead's settings on each member (sending address, sender tag, groups) and
// off-boarding (AdminDisableUser + AdminUserGlobalSignOut).
import type { Emulator } from '../context';
import { badRequest, notFound } from '../http/errors';
import { parseMailbox } from '../ses/address';
import { LEADS_GROUP, type Member } from './team';

const DOMAIN = /^[a-z0-9.-]+\.[a-z]{2,}$/i;
const SENDER_TAG = /^[A-Za-z0-9_-]{1,256}$/;

const view = (member: Member) => ({
  email: member.email,
  sendingAddress: member.sendingAddress,
  senderTag: member.senderTag,
  groups: member.groups,
  enabled: member.enabled,
});

export function describeTeam(emulator: Emulator): unknown {
  const team = emulator.auth.team;
  return { domains: team.domains, invited: team.invited, members: team.list().map(view) };
}

function addresses(value: unknown, field: string): string[] {
  if (!Array.isArray(value)) throw badRequest(`${field} must be a list of email addresses.`);
  return value.map((entry) => {
    const mailbox = typeof entry === 'string' ? parseMailbox(entry) : undefined;
    if (!mailbox) throw badRequest(`${field}: ${String(entry)} is not an email address.`);
    return mailbox.address.toLowerCase();
  });
}

/** `{domains?, invited?}`: who the pre sign-up rule admits. */
export function setTeam(emulator: Emulator, body: Record<string, unknown>): unknown {
  const team = emulator.auth.team;
  if (body.domains !== undefined) {
    if (!Array.isArray(body.domains) || body.domains.some((d) => typeof d !== 'string' || !DOMAIN.test(d))) {
      throw badRequest('domains must be a list of domains such as outbound.example.com.');
    }
    team.domains = (body.domains as string[]).map((d) => d.toLowerCase());
  }
  if (body.invited !== undefined) team.invited = addresses(body.invited, 'invited');
  return describeTeam(emulator);
}

/**
 * `{email, sendingAddress?, senderTag?, groups?, enabled?}`: what the lead sets on a
 * member (AdminCreateUser, AdminUpdateUserAttributes, AdminAddUserToGroup). A new member
 * starts with their own address and its tag, as the lead's invitation sets them.
 */
export function setMember(emulator: Emulator, body: Record<string, unknown>): unknown {
  const team = emulator.auth.team;
  const mailbox = typeof body.email === 'string' ? parseMailbox(body.email) : undefined;
  if (!mailbox) throw badRequest('email must be an email address.');
  const member = team.get(mailbox.address) ?? team.add(mailbox.address);
  if (body.sendingAddress !== undefined) {
    const from = typeof body.sendingAddress === 'string' ? parseMailbox(body.sendingAddress) : undefined;
    if (body.sendingAddress !== null && !from) throw badRequest('sendingAddress must be an email address, or null.');
    member.sendingAddress = from ? from.address.toLowerCase() : null;
  }
  if (body.senderTag !== undefined) {
    if (body.senderTag !== null && (typeof body.senderTag !== 'string' || !SENDER_TAG.test(body.senderTag))) {
      throw badRequest('senderTag must be 1 to 256 of A-Z a-z 0-9 _ -, or null.');
    }
    member.senderTag = body.senderTag as string | null;
  }
  if (body.groups !== undefined) {
    if (!Array.isArray(body.groups) || body.groups.some((g) => g !== LEADS_GROUP))
      throw badRequest(`groups must be a list of: ${LEADS_GROUP}.`);
    member.groups = [...new Set(body.groups as string[])];
  }
  if (body.enabled !== undefined) {
    if (typeof body.enabled !== 'boolean') throw badRequest('enabled must be true or false.');
    member.enabled = body.enabled;
  }
  return view(member);
}

/** `{email}`: AdminDisableUser + AdminUserGlobalSignOut. */
export function offboard(emulator: Emulator, body: Record<string, unknown>): unknown {
  const mailbox = typeof body.email === 'string' ? parseMailbox(body.email) : undefined;
  if (!mailbox) throw badRequest('email must be an email address.');
  const done = emulator.auth.offboard(mailbox.address);
  if (!done) throw notFound(`No member ${mailbox.address} in the user pool.`);
  return done;
}
