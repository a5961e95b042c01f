// What the emulator's DNS-over-HTTPS resolver knows: by default every name has a mail
// server (an MX record, and an address for every host), except names under `.invalid`,
// which do not exist (RFC 2606 reserves that TLD for names that must not resolve).
// `POST /_local/dns` sets what one name answers; a reset restores the start state.
import { isIPv4, isIPv6 } from 'node:net';
import { badRequest } from '../http/errors';

export interface NameRecords {
  exists: boolean;
  /** `preference host.` each, as the JSON API writes MX data. */
  mx: string[];
  a: string[];
  aaaa: string[];
  txt: string[];
}

/** Names set through `POST /_local/dns`: each field given replaces that type's default. */
export type DnsZone = Map<string, Partial<NameRecords>>;

/** Documentation addresses (RFC 5737): where every default mail host "is". */
const DEFAULT_ADDRESS = '192.0.2.25';

export function startDns(): DnsZone {
  return new Map([['_dmarc.outbound.example.com', { txt: ['v=DMARC1; p=none'] }]]);
}

const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;

/** A query or record name in canonical form (lower case, no final dot), or undefined when not a name. */
export function canonicalName(text: string): string | undefined {
  const name = text.trim().toLowerCase().replace(/\.$/, '');
  if (name === '' || name.length > 253) return undefined;
  return name.split('.').every((label) => LABEL.test(label)) ? name : undefined;
}

const isInvalid = (name: string) => name === 'invalid' || name.endsWith('.invalid');

function defaults(name: string): NameRecords {
  if (isInvalid(name)) return { exists: false, mx: [], a: [], aaaa: [], txt: [] };
  return { exists: true, mx: [`10 mx.${name}.`], a: [DEFAULT_ADDRESS], aaaa: [], txt: [] };
}

/** What `name` answers: its defaults, with whatever was set for it over them. */
export function recordsOf(zone: DnsZone, name: string): NameRecords {
  const set = zone.get(name);
  if (!set) return defaults(name);
  // A name that was given records exists, even under .invalid; its other types are empty there.
  const base = isInvalid(name) ? { exists: true, mx: [], a: [], aaaa: [], txt: [] } : defaults(name);
  const records = { ...base, ...set };
  return records.exists ? records : { exists: false, mx: [], a: [], aaaa: [], txt: [] };
}

function stringList(value: unknown, field: string, check: (item: string) => string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw badRequest(`${field} must be a list of strings.`);
  return value.map(check);
}

/** `10 mx.example.com.` from `10 mx.example.com` or `mx.example.com`; `0 .` is the null MX (RFC 7505). */
function mxRecord(text: string): string {
  const match = /^(?:(\d{1,5})\s+)?(\S+)$/.exec(text.trim());
  const preference = match?.[1] === undefined ? 10 : Number(match[1]);
  const host = match?.[2] === '.' ? '.' : match?.[2] ? canonicalName(match[2]) : undefined;
  if (!match || !host || preference > 65535)
    throw badRequest(`mx entries look like "10 mx.example.com" (or "0 ." for no mail): ${JSON.stringify(text)}`);
  return host === '.' ? `${preference} .` : `${preference} ${host}.`;
}

/** `POST /_local/dns`: `{ domain, mx?, a?, aaaa?, txt?, exists? }`; answers what the name now answers. */
export function setName(zone: DnsZone, body: Record<string, unknown>): unknown {
  const name = typeof body.domain === 'string' ? canonicalName(body.domain) : undefined;
  if (!name) throw badRequest(`domain must be a domain name: ${String(body.domain)}`);
  if (body.exists !== undefined && typeof body.exists !== 'boolean') throw badRequest('exists must be true or false.');
  const set: Partial<NameRecords> = {};
  const mx = stringList(body.mx, 'mx', mxRecord);
  const a = stringList(body.a, 'a', (ip) => {
    if (!isIPv4(ip)) throw badRequest(`a entries must be IPv4 addresses: ${ip}`);
    return ip;
  });
  const aaaa = stringList(body.aaaa, 'aaaa', (ip) => {
    if (!isIPv6(ip)) throw badRequest(`aaaa entries must be IPv6 addresses: ${ip}`);
    return ip;
  });
  const txt = stringList(body.txt, 'txt', (text) => text);
  if (mx) set.mx = mx;
  if (a) set.a = a;
  if (aaaa) set.aaaa = aaaa;
  if (txt) set.txt = txt;
  if (typeof body.exists === 'boolean') set.exists = body.exists;
  zone.set(name, set);
  return { domain: name, ...recordsOf(zone, name) };
}

/** `GET /_local/dns`: every name set since the last reset, with what it answers. */
export function listNames(zone: DnsZone): unknown {
  return [...zone.keys()].map((name) => ({ domain: name, ...recordsOf(zone, name) }));
}
