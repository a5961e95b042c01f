import { browser, type PublicPath } from 'wxt/browser';
import { fill, type Params } from '@/lib/i18n/fill';
import type { Language } from '@/lib/i18n/pick-language';
import { composeDictionaryFile, type FetchedLanguage } from './dictionary-file';
import { composeEn, type ComposeMessageKey, type ComposeMessages } from './en';

// The compose panel's translator: the same lookup as lib/i18n/translate.ts over the
// compose sentences only, so the Gmail content script does not carry the rest.
//
// English is bundled: it is the default and the fallback for every key. Another language
// is a JSON file the build writes from its dictionary (wxt.config.ts), fetched when it is
// the one shown, so the content script does not carry every language for the one it uses.

export type ComposeTranslate = ((key: ComposeMessageKey, params?: Params) => string) & {
  /**
   * A finding's sentence (lib/i18n/compose/findings-en.ts) in the fetched language; undefined
   * in English, or where the dictionary lacks it: the finding's own English is shown.
   */
  finding: (key: string, params?: Params) => string | undefined;
};

async function fetchDictionary(language: FetchedLanguage): Promise<Partial<ComposeMessages> | null> {
  try {
    // A file the build writes: WXT's PublicPath lists only public/ and the entrypoints.
    const response = await fetch(browser.runtime.getURL(`/${composeDictionaryFile(language)}` as PublicPath));
    return response.ok ? ((await response.json()) as Partial<ComposeMessages>) : null;
  } catch {
    return null;
  }
}

/** The translator for `language`; English if its sentences cannot be loaded. */
export async function composeTranslator(language: Language): Promise<ComposeTranslate> {
  const dictionary = language === 'en' ? composeEn : await fetchDictionary(language);
  const shown = dictionary ? language : 'en';
  const numbers = new Intl.NumberFormat(shown);
  const fetched = language === 'en' ? undefined : (dictionary as Record<string, string> | null);
  return Object.assign((key: ComposeMessageKey, params?: Params) => fill(dictionary?.[key] ?? composeEn[key], params, numbers), {
    finding: (key: string, params?: Params) => {
      const sentence = fetched?.[key];
      return typeof sentence === 'string' ? fill(sentence, params, numbers) : undefined;
    },
  });
}
