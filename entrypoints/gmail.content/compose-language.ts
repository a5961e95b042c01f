import { ask } from '@/lib/protocol/ask';
import { browserLanguages } from '@/lib/i18n/browser-languages';
import { pickLanguage, type Language } from '@/lib/i18n/pick-language';
import { composeTranslator, type ComposeTranslate } from '@/lib/i18n/compose/translate';

// The Gmail content script's language: the same choice as lib/i18n/language.ts, asked of
// the background, since storage.local is closed to content scripts where the browser
// allows it (entrypoints/background.ts).

export async function composeLanguage(): Promise<Language> {
  let choice: unknown;
  try {
    choice = (await ask('composeLanguage', {})).choice;
  } catch {
    choice = undefined;
  }
  return pickLanguage(typeof choice === 'string' && choice !== 'auto' ? choice : undefined, browserLanguages());
}

let translator: Promise<ComposeTranslate> | undefined;

/**
 * The content script's one translator, for the compose panels and the STOP banners alike:
 * the language asked of the background and its sentences fetched once per page. Decided
 * once: a change in options reaches Gmail's tabs on their next load.
 */
export function composeTranslate(): Promise<ComposeTranslate> {
  translator ??= composeLanguage().then(composeTranslator, () => composeTranslator('en'));
  return translator;
}
