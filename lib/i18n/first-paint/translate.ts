import { fill, type Params } from '@/lib/i18n/fill';
import type { Language } from '@/lib/i18n/pick-language';
import { firstPaintEn, type FirstPaintMessageKey, type FirstPaintMessages } from './en';
import { firstPaintEs } from './es';

// The popup's first paint's translator: the same lookup as lib/i18n/translate.ts over its
// few sentences only, so the classic script that paints it does not carry the rest.

export type FirstPaintTranslate = (key: FirstPaintMessageKey, params?: Params) => string;

const dictionaries: Record<Language, FirstPaintMessages> = { en: firstPaintEn, es: firstPaintEs };

export function firstPaintTranslator(language: Language): FirstPaintTranslate {
  const dictionary = dictionaries[language];
  const numbers = new Intl.NumberFormat(language);
  return (key, params) => fill(dictionary[key] ?? firstPaintEn[key], params, numbers);
}
