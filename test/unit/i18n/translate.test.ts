import { describe, expect, it } from 'vitest';
import { en } from '@/lib/i18n/en';
import { es } from '@/lib/i18n/es';
import { pickLanguage, placeholders, translator } from '@/lib/i18n/translate';

describe('the Spanish dictionary', () => {
  const englishKeys = Object.keys(en).sort();

  it('has every English key and no other', () => {
    expect(Object.keys(es).sort()).toEqual(englishKeys);
  });

  it.each(englishKeys)('%s: a Spanish sentence, with the same placeholders', (key) => {
    const spanish = es[key as keyof typeof es];
    expect(spanish.trim()).not.toBe('');
    expect(placeholders(spanish)).toEqual(placeholders(en[key as keyof typeof en]));
  });
});

describe('translating', () => {
  it('fills placeholders, numbers in the language’s own format', () => {
    expect(translator('en')('cap.row.value', { remaining: 1234, cap: 2000 })).toBe('1,234 of 2,000');
    expect(translator('es')('cap.row.value', { remaining: 57, cap: 60 })).toBe('57 de 60');
  });

  it('leaves a placeholder it was not given visible rather than blank', () => {
    expect(translator('en')('cap.of', {})).toBe('of {of}');
  });
});

describe('choosing the language', () => {
  it.each([
    { choice: undefined, browser: ['es-ES', 'en-US'], language: 'es' },
    { choice: undefined, browser: ['es-419'], language: 'es' },
    { choice: undefined, browser: ['fr-FR', 'es-MX', 'en'], language: 'es' },
    { choice: undefined, browser: ['fr-FR', 'de'], language: 'en' },
    { choice: undefined, browser: [], language: 'en' },
    { choice: 'en', browser: ['es-ES'], language: 'en' },
    { choice: 'es', browser: ['en-US'], language: 'es' },
    { choice: 'pt', browser: ['es-ES'], language: 'es' },
  ])('options $choice, browser $browser → $language', ({ choice, browser, language }) => {
    expect(pickLanguage(choice, browser)).toBe(language);
  });
});
