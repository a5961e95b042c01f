import Dexie from 'dexie';
import { DOMAIN_CACHE_DB } from './domain-cache';

// What the worker holds between requests (the compose check's account picture, the
// popup's cap of today) is read from Rampart's database and extension storage, and from
// nothing else the worker can be told about. Both holders drop what they hold on the
// same signal, defined here once: any write to the database from any extension context
// (Dexie's `storagemutated`, fired in the writing context as the transaction commits and
// carried to the others over a BroadcastChannel) and any change to extension storage
// (settings, managed policy, the test clock).

/**
 * Call `listener` whenever what a held read was read from may have changed.
 * `onStorageChanged` subscribes to extension storage (browser.storage.onChanged).
 */
export function onStoredStateChange(onStorageChanged: (listener: () => void) => void, listener: () => void): void {
  Dexie.on('storagemutated', (parts) => {
    // The recipient check's DNS cache (domain-cache.ts) is read per check, never held.
    if (!onlyDomainCache(parts)) listener();
  });
  onStorageChanged(listener);
}

const domainCachePrefix = `idb://${DOMAIN_CACHE_DB}/`;
function onlyDomainCache(parts: Record<string, unknown>): boolean {
  const keys = Object.keys(parts);
  return keys.length > 0 && keys.every((key) => key.startsWith(domainCachePrefix));
}
