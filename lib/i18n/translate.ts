import { en, type MessageKey, type Messages } from './en';
import { es } from './es';

// Looking a sentence up and filling its placeholders. Hand-written: two languages and
// `{name}` placeholders do not need an i18n library in the popup's bundle.

export type Language = 'en' | 'es';
export const languages: readonly Language[] = ['en', 'es'];
export const dictionaries: Record<Language, Messages> = { en, es };

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

/** The placeholders a sentence uses, e.g. ['remaining', 'of']. */
export function placeholders(sentence: string): string[] {
  return [...sentence.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
}

export function translator(language: Language): Translate {
  const dictionary = dictionaries[language];
  const numbers = new Intl.NumberFormat(language);
  return (key, params) => {
    const sentence = dictionary[key] ?? en[key];
    if (!params) return sentence;
    return sentence.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      if (value === undefined) return whole;
      return typeof value === 'number' ? numbers.format(value) : value;
    });
  };
}

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
