import { useEffect, useMemo, useState } from 'react';
import { browserLanguages, languageChoiceItem } from './language';
import { pickLanguage, translator, type Language, type Translate } from './translate';

/** The language and its translate function; follows a change made in options. */
export function useI18n(): { language: Language; t: Translate } {
  const [language, setLanguage] = useState<Language>(() => pickLanguage(undefined, browserLanguages()));
  useEffect(() => {
    const apply = (choice: string) => setLanguage(pickLanguage(choice === 'auto' ? undefined : choice, browserLanguages()));
    void languageChoiceItem.getValue().then(apply);
    return languageChoiceItem.watch((choice) => apply(choice));
  }, []);
  const t = useMemo(() => translator(language), [language]);
  return { language, t };
}
