import { useEffect, useState } from 'react';
import { languageChoiceItem, type LanguageChoice as Choice } from '@/lib/i18n/language';
import type { Translate } from '@/lib/i18n/translate';

// The UI's language: the browser's, unless the user picks one here.

export function LanguageChoice({ t }: { t: Translate }) {
  const [choice, setChoice] = useState<Choice>('auto');
  useEffect(() => {
    void languageChoiceItem.getValue().then(setChoice);
  }, []);
  return (
    <label className="field" data-rampart="language">
      <span className="label">{t('options.language')}</span>
      <select
        value={choice}
        onChange={(e) => {
          const next = e.target.value as Choice;
          setChoice(next);
          void languageChoiceItem.setValue(next);
        }}
      >
        <option value="auto">{t('options.language.auto')}</option>
        <option value="en">English</option>
        <option value="es">Español</option>
      </select>
    </label>
  );
}
