// The user pool's pre sign-up trigger: only the team gets a user. Cognito calls it
// before it creates any user: on SignUp (PreSignUp_SignUp), on the first sign-in through
// a federated provider such as Google (PreSignUp_ExternalProvider; without this check
// every Google account would become a pool user, since turning self sign-up off stops
// only native sign-up) and on AdminCreateUser (PreSignUp_AdminCreateUser).
// Throwing refuses the user; the hosted UI then shows "PreSignUp failed with error
// <message>." Plain JavaScript with no dependencies, so the asset is this folder as is.

/**
 * @typedef {{ domains: string[]; invited: string[] }} Team
 * @typedef {{ triggerSource: string; userName?: string; request: { userAttributes?: Record<string, string | undefined> }; response?: Record<string, unknown> }} PreSignUpEvent
 */

/** A comma- or whitespace-separated list, lower-cased, without empty entries. */
export function listOf(/** @type {string | undefined} */ text) {
  return (text ?? '')
    .split(/[\s,]+/)
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '');
}

/** The team as the function's environment names it. */
export function teamOf(/** @type {Record<string, string | undefined>} */ env) {
  return { domains: listOf(env.RAMPART_TEAM_DOMAINS).map((d) => d.replace(/^@/, '')), invited: listOf(env.RAMPART_INVITED) };
}

/**
 * Whether an address may have a user: its domain is one of the team's (exactly: a
 * subdomain is another organisation's mail), or the address itself was invited.
 * @param {string | undefined} email
 * @param {Team} team
 */
export function admits(email, team) {
  const address = (email ?? '').trim().toLowerCase();
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) return false;
  return team.invited.includes(address) || team.domains.includes(address.slice(at + 1));
}

/** The sentence a refused person reads; the hosted UI shows "PreSignUp failed with error <this>." */
export function refusal(/** @type {string | undefined} */ email) {
  const who = email && email.trim() !== '' ? email.trim() : 'This account';
  return `${who} is not on this Rampart team. Sign in with your work account, or ask your team lead to invite this address`;
}

/**
 * The trigger. AdminCreateUser is the lead inviting someone with the account's own
 * credentials: it is admitted as it stands. Every other way in must pass `admits`.
 * @param {PreSignUpEvent} event
 */
export async function handler(event) {
  if (event.triggerSource === 'PreSignUp_AdminCreateUser') return event;
  const email = event.request?.userAttributes?.email;
  if (!admits(email, teamOf(process.env))) throw new Error(refusal(email));
  return event;
}
