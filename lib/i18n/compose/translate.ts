import { fill, type Params } from '../fill';
import type { Language } from '../pick-language';
import { composeEn, type ComposeMessageKey, type ComposeMessages } from './en';
import { composeEs } from './es';

// The compose panel's translator: the same lookup as lib/i18n/translate.ts over the
// compose sentences only, so the Gmail content script does not carry the rest.

export type ComposeTranslate = (key: ComposeMessageKey, params?: Params) => string;

const dictionaries: Record<Language, ComposeMessages> = { en: composeEn, es: composeEs };

export function composeTranslator(language: Language): ComposeTranslate {
  const dictionary = dictionaries[language];
  const numbers = new Intl.NumberFormat(language);
  return (key, params) => fill(dictionary[key] ?? composeEn[key], params, numbers);
}
