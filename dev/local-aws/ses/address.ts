// Mailbox parsing for SendEmail: `Name <local@domain>`, `"Last, First" <a@b>` or a bare
// address, and comma-separated lists of them (raw To/Cc headers).

const ADDR_SPEC = /^[^\s@<>(),;:"[\]\\]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z0-9-]{2,}$/;

export interface Mailbox {
  /** As given, display name included. */
  text: string;
  /** The addr-spec, lowercased: the key SES matches identities and suppression on. */
  address: string;
  domain: string;
}

/** The mailbox in `text`, or undefined if it is not a well-formed one (or tries header injection). */
export function parseMailbox(text: string): Mailbox | undefined {
  if (/[\r\n\0]/.test(text)) return undefined;
  const trimmed = text.trim();
  const angle = /<([^<>]*)>\s*$/.exec(trimmed);
  const spec = (angle ? angle[1]! : trimmed).trim();
  if (!ADDR_SPEC.test(spec)) return undefined;
  const address = spec.toLowerCase();
  return { text: trimmed, address, domain: address.slice(address.lastIndexOf('@') + 1) };
}

/** Splits an address-list header on the commas that are outside quotes and angle brackets. */
export function splitAddressList(header: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let angle = false;
  for (let i = 0; i < header.length; i++) {
    const c = header[i]!;
    if (c === '\\' && quoted && i + 1 < header.length) {
      current += c + header[++i];
      continue;
    }
    if (c === '"') quoted = !quoted;
    else if (c === '<' && !quoted) angle = true;
    else if (c === '>' && !quoted) angle = false;
    if (c === ',' && !quoted && !angle) {
      if (current.trim()) parts.push(current.trim());
      current = '';
    } else {
      current += c;
    }
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}
