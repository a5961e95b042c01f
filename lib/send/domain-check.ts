import { browser, type PublicPath } from 'wxt/browser';
import type { DomainFacts } from '@/lib/guardrails/context';
import { domainCacheDb, type DomainCacheDb, type DomainCacheRow } from '@/lib/store/domain-cache';
import { dohQuery, NXDOMAIN, recordsOf, type Fetch } from '@/lib/aws/doh';
import { DISPOSABLE_DOMAINS_FILE } from './disposable-file';

export type { Fetch };

// The recipient check before the bounce: for each recipient domain, its mail servers over
// DNS-over-HTTPS (the JSON API, `application/dns-json`) and whether it is a
// disposable-address domain. A domain with no mail server is a certain hard bounce; a
// lookup that fails or is slow is "not checked" and never blocks a send on its own.
//
// Answers are cached per domain in memory and in IndexedDB (domain-cache.ts), so a
// domain seen before adds nothing to the verdict's latency. The disposable list is a
// file the build writes from the npm package (wxt.config.ts), fetched once per worker:
// thousands of domains that do not belong in the background's bundle.

// How long an answer is kept: a domain with mail servers rarely loses them; one without
// may be fixed by its owner, so it is asked again sooner. A failed lookup is not kept.
export const FOUND_TTL_MS = 24 * 3_600_000;
export const NONE_TTL_MS = 3_600_000;
/** One lookup (MX, then A and AAAA) is given up after this long: "not checked". */
export const LOOKUP_TIMEOUT_MS = 4_000;

/**
 * Whether `domain` has a mail server, as a sending server decides (RFC 5321 §5.1): its MX
 * records; a lone null MX (`0 .`, RFC 7505) means it accepts no mail; with no MX at all,
 * its address (A or AAAA) is the mail server. Throws when the resolver cannot say.
 */
export async function lookupMail(
  domain: string,
  resolver: string,
  fetcher: Fetch,
  signal: AbortSignal,
): Promise<Pick<DomainCacheRow, 'mail' | 'reason'>> {
  const mx = await dohQuery(resolver, domain, 'MX', fetcher, signal);
  if (mx.Status === NXDOMAIN) return { mail: 'none', reason: 'nxdomain' };
  if (mx.Status !== 0) throw new Error(`the resolver answered DNS status ${mx.Status}`);
  const exchanges = recordsOf(mx, 'MX').map((r) => r.data.trim().split(/\s+/));
  if (exchanges.length > 0) {
    const nullMx = exchanges.every(([, host]) => host === '.' || host === '');
    return nullMx ? { mail: 'none', reason: 'null-mx' } : { mail: 'found' };
  }
  const [a, aaaa] = await Promise.all([
    dohQuery(resolver, domain, 'A', fetcher, signal),
    dohQuery(resolver, domain, 'AAAA', fetcher, signal),
  ]);
  if (a.Status !== 0 && a.Status !== NXDOMAIN) throw new Error(`the resolver answered DNS status ${a.Status}`);
  if (recordsOf(a, 'A').length > 0 || recordsOf(aaaa, 'AAAA').length > 0) return { mail: 'found' };
  return { mail: 'none', reason: 'no-mail-server' };
}

/** The domain or one of its parents is on the list (`x.mailinator.com` is mailinator's). */
export function onList(domain: string, list: ReadonlySet<string>): boolean {
  const labels = domain.split('.');
  for (let i = 0; i < labels.length - 1; i++) if (list.has(labels.slice(i).join('.'))) return true;
  return false;
}

export interface DomainCheckSources {
  /** The resolver's URL (lib/store/settings.ts dohResolver), read per check. */
  resolver: () => Promise<string>;
  fetch?: Fetch;
  now?: () => number;
  /** The disposable-address domains, or null when they cannot be read. */
  disposableDomains?: () => Promise<ReadonlySet<string> | null>;
  database?: () => DomainCacheDb;
  timeoutMs?: number;
}

/** Each domain's facts; an uncached domain is waited on at most `waitMs`, else "not checked". */
export type DomainReader = (domains: readonly string[], waitMs: number) => Promise<Map<string, DomainFacts>>;

export function createDomainCheck(sources: DomainCheckSources): DomainReader {
  const fetcher: Fetch = sources.fetch ?? ((input, init) => fetch(input, init));
  const now = sources.now ?? Date.now;
  const database = sources.database ?? domainCacheDb;
  const timeoutMs = sources.timeoutMs ?? LOOKUP_TIMEOUT_MS;
  const disposable = once(sources.disposableDomains ?? fetchDisposableDomains);
  const memory = new Map<string, DomainCacheRow>();
  /** Lookups under way: a second check of the same domain waits on the first. */
  const pending = new Map<string, Promise<DomainCacheRow | null>>();

  const fresh = (row: DomainCacheRow | undefined) => (row && row.expiresAt > now() ? row : undefined);

  async function stored(domains: readonly string[]): Promise<void> {
    const missing = domains.filter((d) => !fresh(memory.get(d)));
    if (missing.length === 0) return;
    try {
      const rows = await database().domains.bulkGet(missing);
      for (const row of rows) if (fresh(row)) memory.set(row!.domain, row!);
    } catch {
      // IndexedDB unavailable: the lookup answers instead.
    }
  }

  function look(domain: string): Promise<DomainCacheRow | null> {
    let lookup = pending.get(domain);
    if (lookup) return lookup;
    lookup = (async () => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      try {
        const answer = await lookupMail(domain, await sources.resolver(), fetcher, controller.signal);
        const row: DomainCacheRow = { domain, ...answer, expiresAt: now() + (answer.mail === 'found' ? FOUND_TTL_MS : NONE_TTL_MS) };
        memory.set(domain, row);
        void database()
          .domains.put(row)
          .catch(() => undefined);
        return row;
      } catch {
        return null;
      } finally {
        clearTimeout(timer);
        pending.delete(domain);
      }
    })();
    pending.set(domain, lookup);
    return lookup;
  }

  return async (domains, waitMs) => {
    const wanted = [...new Set(domains.filter((d) => d.includes('.')))];
    const [list] = await Promise.all([disposable(), stored(wanted)]);
    const uncached = wanted.filter((d) => !fresh(memory.get(d)));
    if (uncached.length > 0) {
      // Started for every uncached domain; waited on only so long. A late answer is cached
      // for the next check (and the send's own check).
      const all = Promise.all(uncached.map(look));
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([all, new Promise((resolve) => (timer = setTimeout(resolve, waitMs)))]);
      clearTimeout(timer);
    }
    const facts = new Map<string, DomainFacts>();
    for (const domain of wanted) {
      const row = fresh(memory.get(domain));
      facts.set(domain, {
        mail: row ? row.mail : 'unchecked',
        ...(row?.reason ? { reason: row.reason } : {}),
        disposable: list ? onList(domain, list) : null,
      });
    }
    return facts;
  };
}

/** Loaded once; a failure (null) is tried again at the next check. */
function once<T>(load: () => Promise<T | null>): () => Promise<T | null> {
  let loaded: Promise<T | null> | undefined;
  return () => {
    const current = (loaded ??= load());
    void current.then((value) => {
      if (value === null && loaded === current) loaded = undefined;
    });
    return current;
  };
}

async function fetchDisposableDomains(): Promise<ReadonlySet<string> | null> {
  try {
    // A file the build writes: WXT's PublicPath lists only what is in public/.
    const response = await fetch(browser.runtime.getURL(`/${DISPOSABLE_DOMAINS_FILE}` as PublicPath));
    if (!response.ok) return null;
    const domains = (await response.json()) as unknown;
    return Array.isArray(domains) ? new Set(domains.filter((d): d is string => typeof d === 'string').map((d) => d.toLowerCase())) : null;
  } catch {
    return null;
  }
}
