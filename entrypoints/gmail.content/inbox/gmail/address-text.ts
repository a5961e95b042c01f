import type { Address } from '@/lib/core/draft';

// Gmail writes addresses as `Name <email>` in its hidden inputs (From, older recipient
// chips). Parsed by hand: an address-parsing library would cost more bundle than these
// lines, and Gmail's own format is narrow. Anything else is not an address: null.

const BARE = /^[^\s@<>"]+@[^\s@<>"]+$/;

export function looksLikeEmail(text: string): boolean {
  return BARE.test(text.trim());
}

export function parseAddressText(value: string): Address | null {
  const text = value.trim();
  if (!text) return null;
  if (looksLikeEmail(text)) return { email: text };
  const match = /^(.*)<([^<>]+)>\s*$/.exec(text);
  if (!match) return null;
  const email = (match[2] ?? '').trim();
  if (!looksLikeEmail(email)) return null;
  const rawName = (match[1] ?? '').trim();
  const quoted = rawName.length >= 2 && rawName.startsWith('"') && rawName.endsWith('"');
  // An unquoted name holding angle brackets is two addresses run together, not a name.
  if (!quoted && /[<>]/.test(rawName)) return null;
  const name = unquote(rawName);
  return name && name !== email ? { email, name } : { email };
}

function unquote(name: string): string {
  if (name.length >= 2 && name.startsWith('"') && name.endsWith('"')) {
    return name.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  return name;
}
