import type { Address } from '../../draft';
import { parseAddressText } from './address-text';
import { FROM, queryFirst } from './selectors';

/**
 * Gmail's chosen From (`input[name=from]`, `Name <email>`). `found: false` when the
 * compose has no From field at all (Gmail shows none without aliases): the background
 * then uses the pinned identity. A field whose value is not an address is unreadable.
 */
export function readFrom(compose: ParentNode): { found: boolean; from: Address | null } {
  const input = queryFirst<HTMLInputElement>(compose, FROM);
  if (!input) return { found: false, from: null };
  if (!input.value.trim()) return { found: true, from: null };
  return { found: true, from: parseAddressText(input.value) };
}
