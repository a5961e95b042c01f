import { ask } from '@/lib/protocol/ask';
import { browserLanguages } from '@/lib/i18n/browser-languages';
import { pickLanguage, type Language } from '@/lib/i18n/pick-language';

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
