/**
 * The key an address is stored and looked up by: in the suppression cache, the ledger and
 * the guardrails' context. One function, so a cached suppression is always found again.
 */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}
