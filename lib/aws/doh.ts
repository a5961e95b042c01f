// DNS-over-HTTPS, the JSON API (`application/dns-json`: Google's format, which Cloudflare
// and the emulator follow): the one resolver Rampart reaches DNS through, for the
// recipient check's mail servers (lib/send/domain-check.ts) and the From domain's DMARC
// record (lib/account/dmarc.ts). The resolver is a setting (lib/store/settings.ts, dohResolver).

export const DNS_TYPE = { A: 1, TXT: 16, MX: 15, AAAA: 28 } as const;
export type DnsType = keyof typeof DNS_TYPE;
export const NXDOMAIN = 3;

export interface DnsJson {
  Status: number;
  Answer?: { type: number; data: string }[];
}

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/**
 * One question to the resolver. Throws when it cannot answer (HTTP error, not DNS JSON).
 * `fresh`: past the browser's HTTP cache, which keeps an answer for its TTL (`max-age`).
 */
export async function dohQuery(
  resolver: string,
  name: string,
  type: DnsType,
  fetcher: Fetch,
  signal: AbortSignal,
  options: { fresh?: boolean } = {},
): Promise<DnsJson> {
  const url = `${resolver}${resolver.includes('?') ? '&' : '?'}name=${encodeURIComponent(name)}&type=${type}`;
  const response = await fetcher(url, {
    headers: { accept: 'application/dns-json' },
    signal,
    ...(options.fresh ? { cache: 'no-cache' as const } : {}),
  });
  if (!response.ok) throw new Error(`the resolver answered HTTP ${response.status}`);
  const body = (await response.json()) as DnsJson;
  if (typeof body?.Status !== 'number') throw new Error('the resolver’s answer was not DNS JSON');
  return body;
}

/** The answer's records of one type (a CNAME chain's own records left out). */
export const recordsOf = (answer: DnsJson, type: DnsType) =>
  (Array.isArray(answer.Answer) ? answer.Answer : []).filter((r) => r.type === DNS_TYPE[type] && typeof r.data === 'string');
