import { browser } from 'wxt/browser';

/** The browser's languages, most preferred first: navigator.languages, then the browser's UI language. */
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
