import { describe, expect, it } from 'vitest';
import { findingsEn } from '@/lib/i18n/compose/findings-en';
import { findingsEs } from '@/lib/i18n/compose/findings-es';
import { placeholders } from '@/lib/i18n/fill';

// The findings' sentences (the background writes their English, the compose panel their
// Spanish from the fetched dictionary): every one in both, with the same figures.

describe('the findings’ sentences', () => {
  it.each(Object.keys(findingsEn) as (keyof typeof findingsEn)[])('%s has Spanish with the same placeholders', (key) => {
    expect(findingsEs[key]).toBeTruthy();
    expect(findingsEs[key]).not.toBe(findingsEn[key]);
    expect(placeholders(findingsEs[key])).toEqual(placeholders(findingsEn[key]));
  });
});
