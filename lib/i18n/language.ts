import { storage } from '#imports';
import { browserLanguages } from './browser-languages';
import { languageChoiceKey, pickLanguage, type Language } from './pick-language';

export { browserLanguages } from './browser-languages';

// Which language the UI speaks: the browser's (navigator.languages, then the browser's UI
// language), unless the user chose one in options. Kept in its own storage item: the
// choice is the user's, not part of the team's AWS set-up.

export type LanguageChoice = 'auto' | Language;

export const languageChoiceItem = storage.defineItem<LanguageChoice>(`local:${languageChoiceKey}`, { fallback: 'auto' });

export async function currentLanguage(): Promise<Language> {
  const choice = await languageChoiceItem.getValue();
  return pickLanguage(choice === 'auto' ? undefined : choice, browserLanguages());
}
