import type { Language } from '@/lib/i18n/pick-language';

// Where the build writes a compose dictionary other than English, inside the extension
// (wxt.config.ts), and where the Gmail content script fetches it from. Apart from the
// translator so the build config does not load the content script's browser code.

export type FetchedLanguage = Exclude<Language, 'en'>;

export const composeDictionaryFile = (language: FetchedLanguage) => `i18n/compose.${language}.json` as const;
