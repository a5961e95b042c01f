// Which of Rampart's languages to show. Apart from the dictionaries, so the Gmail content
// script can choose its language without bundling every sentence.

export type Language = 'en' | 'es';
export const languages: readonly Language[] = ['en', 'es'];

/** Where the user's choice in options is kept, in browser.storage.local: 'auto', 'en' or 'es'. */
export const languageChoiceKey = 'rampart.language';

/**
 * The language to show: the user's choice in options, else the first of the browser's
 * languages (most preferred first) that Rampart speaks, else English.
 */
export function pickLanguage(choice: string | undefined, browserLanguages: readonly string[]): Language {
  if (choice && (languages as readonly string[]).includes(choice)) return choice as Language;
  for (const tag of browserLanguages) {
    const base = tag.toLowerCase().split(/[-_]/)[0];
    if ((languages as readonly string[]).includes(base ?? '')) return base as Language;
  }
  return 'en';
}
