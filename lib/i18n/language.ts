import { storage } from '#imports';
import { pickLanguage, type Language } from './translate';

// Which language the UI speaks: the browser's (navigator.languages, then the browser's UI
// language), unless the user chose one in options. Kept in its own storage item: the
// choice is the user's, not part of the team's AWS set-up.

export type LanguageChoice = 'auto' | Language;

export const languageChoiceItem = storage.defineItem<LanguageChoice>('local:rampart.language', { fallback: 'auto' });

export function browserLanguages(): string[] {
  const fromNavigator = typeof navigator === 'undefined' ? [] : [...(navigator.languages ?? []), navigator.language];
  let ui: string | undefined;
  try {
    ui = browser.i18n?.getUILanguage();
  } catch {
    ui = undefined;
  }
  return [...fromNavigator, ...(ui ? [ui] : [])].filter((tag): tag is string => typeof tag === 'string' && tag !== '');
}

export async function currentLanguage(): Promise<Language> {
  const choice = await languageChoiceItem.getValue();
  return pickLanguage(choice === 'auto' ? undefined : choice, browserLanguages());
}
