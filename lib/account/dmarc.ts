import { dohQuery, NXDOMAIN, recordsOf, type Fetch } from '@/lib/aws/doh';

// The From domain's DMARC record, which SES does not report: a TXT record at
// `_dmarc.<domain>` that begins `v=DMARC1` (RFC 7489 §6.1), looked up over the same
// DNS-over-HTTPS resolver as the recipient check. A subdomain without one is covered by
// its organisational domain's policy: the parents are asked in turn, nearest first (the
// tree walk of DMARCbis), stopping short of a top-level domain; a public suffix's own
// policy (`psd=y`, RFC 9091) met on the way is not the domain's.

/** One lookup of the whole walk is given up after this long: "could not look up". */
export const DMARC_TIMEOUT_MS = 4_000;

/** A TXT record's text, its quoted chunks joined (`"v=DMARC1;" "p=none"`). */
const textOf = (data: string) => data.replace(/^"|"$/g, '').replace(/"\s*"/g, '').trim();
/** RFC 7489 §6.4: the record begins `v=DMARC1`, exactly so. */
const isDmarc = (text: string) => /^v\s*=\s*DMARC1\s*(;|$)/.test(text);
/** RFC 9091: a public suffix's own policy (`psd=y`), which speaks for no registered domain. */
const isPublicSuffixPolicy = (text: string) => /(^|;)\s*psd\s*=\s*y\s*(;|$)/i.test(text);

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
  const names = dmarcNames(domain);
  // Not a domain DNS could answer for: unknown, not missing.
  if (names.length === 0) return null;
  const signal = AbortSignal.timeout(DMARC_TIMEOUT_MS);
  try {
    for (const [i, name] of names.entries()) {
      // A record just fixed is seen at the next sync (Sync now), not once its TTL ran out here.
      const answer = await dohQuery(resolver, name, 'TXT', fetcher, signal, { fresh: true });
      if (answer.Status !== 0 && answer.Status !== NXDOMAIN) return null;
      const records = recordsOf(answer, 'TXT')
        .map((r) => textOf(r.data))
        .filter(isDmarc)
        .filter((text) => i === 0 || !isPublicSuffixPolicy(text));
      // One record applies; two or more at one name are none (RFC 7489 §6.6.3).
      if (records.length === 1) return true;
      if (records.length > 1) return false;
    }
    return false;
  } catch {
    return null;
  }
}
