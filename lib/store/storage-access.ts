import type { WxtBrowser } from 'wxt/browser';

// Gmail's content script shares a renderer with Gmail's page, so it is no place for the
// settings, the clock offset of test builds or anything else in storage.local. Chromium
// lets an extension close a storage area to content scripts (StorageArea.setAccessLevel,
// TRUSTED_CONTEXTS: extension pages and the service worker only); storage.session is
// closed by default. Firefox offers setAccessLevel for storage.session only, so there
// lib/store/settings.ts (trustedTargets) keeps whatever a content script could write from
// redirecting a credential.

type AccessLevelArea = { setAccessLevel?: (options: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void> };

/** Close storage.local (and session, should a default ever change) to content scripts. Never throws. */
export async function restrictStorageToExtension(browser: WxtBrowser): Promise<{ local: boolean; session: boolean }> {
  const close = async (area: unknown): Promise<boolean> => {
    const set = (area as AccessLevelArea | undefined)?.setAccessLevel;
    if (typeof set !== 'function') return false;
    try {
      await set.call(area, { accessLevel: 'TRUSTED_CONTEXTS' });
      return true;
    } catch {
      // Not supported for this area in this browser.
      return false;
    }
  };
  const [local, session] = await Promise.all([close(browser.storage.local), close(browser.storage.session)]);
  return { local, session };
}
