import { en, type MessageKey, type Messages } from './en';
import { es } from './es';
import { fill, type Params } from './fill';
import type { Language } from './pick-language';

// Looking a sentence up and filling its placeholders. Hand-written: two languages and
// `{name}` placeholders do not need an i18n library in the popup's bundle.

export { languages, pickLanguage, type Language } from './pick-language';
export { placeholders, type Params } from './fill';

export const dictionaries: Record<Language, Messages> = { en, es };

export type Translate = (key: MessageKey, params?: Params) => string;

export function translator(language: Language): Translate {
  const dictionary = dictionaries[language];
  const numbers = new Intl.NumberFormat(language);
  return (key, params) => fill(dictionary[key] ?? en[key], params, numbers);
}
