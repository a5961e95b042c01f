// A strict addr-spec check, written by hand: the libraries that parse RFC 5322 in full
// accept quoted local parts, comments and address literals that SES or Gmail then refuse,
// and cost more bundle than these few lines. What passes here is a dot-atom local part
// and a DNS host name, the subset every mail system agrees on.

/** CR, LF or NUL: a header value that carries one can start a header of its own. */
const headerBreak = /[\r\n\0]/;
/** Other control characters, never meaningful in a header value. */
const controlCharacter = /[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]/;
// RFC 5322 atext: the characters of a dot-atom's parts.
const atom = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+$/;
// A DNS label: letters, digits and inner hyphens (RFC 1035, RFC 1123).
const label = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;
const nonAscii = /[^\x00-\x7f]/;

export function hasHeaderBreak(value: string): boolean {
  return headerBreak.test(value);
}

export function hasControlCharacter(value: string): boolean {
  return controlCharacter.test(value);
}

/** Why an address is not a plain addr-spec, as the end of a sentence; null when it is one. */
export function addressProblem(address: string): string | null {
  if (address === '') return 'it is empty';
  if (hasHeaderBreak(address) || hasControlCharacter(address)) return 'it contains a control character';
  if (/\s/.test(address)) return 'it contains a space';
  const at = address.lastIndexOf('@');
  if (at < 0) return 'it has no @';
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local === '') return 'nothing comes before the @';
  if (domain === '') return 'nothing comes after the @';
  // RFC 5321 §4.5.3.1: 64 octets of local part, 254 of path between the angle brackets.
  if (address.length > 254) return 'it is longer than 254 characters';
  // SES has no SMTPUTF8: the local part must be 7-bit ASCII, the domain written in Punycode.
  if (nonAscii.test(local)) return 'the part before the @ has non-ASCII characters, which SES cannot send to';
  if (nonAscii.test(domain)) return 'the domain has non-ASCII characters (write it in Punycode, xn--…)';
  if (local.length > 64) return 'the part before the @ is longer than 64 characters';
  if (local.includes('@') || local.startsWith('"')) return 'the part before the @ is quoted or has a second @';
  if (!local.split('.').every((part) => atom.test(part))) {
    return 'the part before the @ has a character or a dot out of place';
  }
  return hostNameProblem(domain);
}

/** Why a domain is not a DNS host name SES can send to, as the end of a sentence; null when it is one. */
export function hostNameProblem(domain: string): string | null {
  if (domain.startsWith('[')) return 'the domain is an IP address literal';
  if (domain.length > 253) return 'the domain is longer than 253 characters';
  const labels = domain.split('.');
  if (labels.length < 2) return 'the domain has no dot';
  if (!labels.every((l) => l.length <= 63 && label.test(l))) return 'the domain is not a valid host name';
  if (/^\d+$/.test(labels[labels.length - 1]!)) return 'the domain ends in a number';
  return null;
}

/** The domain of an address, lower-cased ('' when there is no @). */
export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0
    ? ''
    : address
        .slice(at + 1)
        .trim()
        .toLowerCase();
}
