import Dexie, { type EntityTable } from 'dexie';

// What the recipient check learned of each domain's mail servers, kept across worker
// lives in a database of its own: it is a cache of DNS, not Rampart's state, so a write
// to it does not drop what the compose check holds (lib/store/changes.ts), and clearing
// it loses nothing but lookups.

export const DOMAIN_CACHE_DB = 'rampart-domains';

export type NoMailReason = 'nxdomain' | 'null-mx' | 'no-mail-server';

export interface DomainCacheRow {
  /** Lower-cased domain. */
  domain: string;
  /** `found`: at least one mail server (MX, else an address); `none`: no mail can be delivered. */
  mail: 'found' | 'none';
  /** Why there is no mail server: no such domain, a null MX (RFC 7505), or no MX, A or AAAA record. */
  reason?: NoMailReason;
  /** Epoch milliseconds past which the answer is looked up again. */
  expiresAt: number;
}

export class DomainCacheDb extends Dexie {
  domains!: EntityTable<DomainCacheRow, 'domain'>;
  constructor(name = DOMAIN_CACHE_DB) {
    super(name);
    this.version(1).stores({ domains: 'domain, expiresAt' });
  }
}

let instance: DomainCacheDb | undefined;
export function domainCacheDb(): DomainCacheDb {
  instance ??= new DomainCacheDb();
  return instance;
}
