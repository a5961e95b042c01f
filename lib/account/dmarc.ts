import { dohQuery, NXDOMAIN, recordsOf, type Fetch } from '@/lib/aws/doh';

// The From domain's DMARC record, which SES does not report: a TXT record at
// `_dmarc.<domain>` that begins `v=DMARC1` (RFC 7489 §6.1), looked up over the same
// DNS-over-HTTPS resolver as the recipient check. A subdomain without one is covered by
// its organisational domain's policy: the parents are asked in turn, nearest first (the
// tree walk of DMARCbis), stopping short of a top-level domain.

/** One lookup of the whole walk is given up after this long: "could not look up". */
export const DMARC_TIMEOUT_MS = 4_000;

const isDmarc = (data: string) => /^v\s*=\s*DMARC1\s*(;|$)/i.test(data.replace(/^"|"$/g, '').replace(/"\s*"/g, '').trim());

/** The names the walk asks, nearest first: `_dmarc.a.b.example.com` … `_dmarc.example.com`. */
export function dmarcNames(domain: string): string[] {
  const labels = domain.toLowerCase().replace(/\.$/, '').split('.').filter(Boolean);
  const names: string[] = [];
  for (let i = 0; i <= labels.length - 2; i++) names.push(`_dmarc.${labels.slice(i).join('.')}`);
  return names;
}

/**
 * Whether `domain` (or a parent) publishes a DMARC record: true, false, or null when the
 * resolver could not say (failed, slow, an error status other than "no such name").
 */
export async function lookupDmarc(domain: string, resolver: string, fetcher: Fetch = (i, init) => fetch(i, init)): Promise<boolean | null> {
  const signal = AbortSignal.timeout(DMARC_TIMEOUT_MS);
  try {
    for (const name of dmarcNames(domain)) {
      // A record just fixed is seen at the next sync (Sync now), not once its TTL ran out here.
      const answer = await dohQuery(resolver, name, 'TXT', fetcher, signal, { fresh: true });
      if (answer.Status !== 0 && answer.Status !== NXDOMAIN) return null;
      if (recordsOf(answer, 'TXT').some((r) => isDmarc(r.data))) return true;
    }
    return false;
  } catch {
    return null;
  }
}
