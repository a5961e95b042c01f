import type { Finding } from '@/lib/core/finding';
import { findingsEn, type FindingSentenceKey } from '@/lib/i18n/compose/findings-en';
import { fill, type Params } from '@/lib/i18n/fill';

// A finding's sentence as a key of the findings' dictionaries with its figures, and its
// English: the compose panel says it in the reader's language (components/compose).

const englishNumbers = new Intl.NumberFormat('en');

export function findingSentence(key: FindingSentenceKey, params: Params): Pick<Finding, 'message' | 'sentence'> {
  return { message: fill(findingsEn[key], params, englishNumbers), sentence: { key, params } };
}
