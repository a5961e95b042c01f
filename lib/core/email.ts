/**
 * The key an address is stored and looked up by: in the suppression cache, the ledger and
 * the guardrails' context. One function, so a cached suppression is always found again.
 */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Looks like an address (`local@host.tld`, no space or angle bracket): the loose shape the
 * settings' From and the Gmail page's account are held to. The strict check that decides
 * whether SES may send to an address is lib/core/address.ts's addressProblem.
 */
export function looksLikeEmail(value: string): boolean {
  return /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(value);
}
