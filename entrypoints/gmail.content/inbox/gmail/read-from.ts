import type { Address } from '@/lib/core/draft';
import { parseAddressText } from './address-text';
import { FROM, queryFirst } from './selectors';

/**
 * Gmail's chosen From (`input[name=from]`, `Name <email>`).
 * - `found: false`: the compose has no From field at all;
 * - `own: true`: the field is there and empty, as Gmail leaves it for an account without
 *   send-as aliases (InboxSDK and gmail.js read it so too): the account's own address;
 * - otherwise the address, or null when the value is not one (unreadable).
 * Either way SES sends from the identity configured in Rampart, never from this field.
 */
export function readFrom(compose: ParentNode): { found: boolean; own: boolean; from: Address | null } {
  const input = queryFirst<HTMLInputElement>(compose, FROM);
  if (!input) return { found: false, own: false, from: null };
  if (!input.value.trim()) return { found: true, own: true, from: null };
  return { found: true, own: false, from: parseAddressText(input.value) };
}
