import { browser } from 'wxt/browser';
import { browserLanguages } from '../browser-languages';
import { languageChoiceKey, pickLanguage, type Language } from '../pick-language';

// The Gmail content script's language: the same choice as lib/i18n/language.ts, read
// straight from browser.storage.local so the content script does not bundle WXT's
// storage layer for one value.

export async function composeLanguage(): Promise<Language> {
  let choice: unknown;
  try {
    choice = (await browser.storage.local.get(languageChoiceKey))[languageChoiceKey];
  } catch {
    choice = undefined;
  }
  return pickLanguage(typeof choice === 'string' && choice !== 'auto' ? choice : undefined, browserLanguages());
}
