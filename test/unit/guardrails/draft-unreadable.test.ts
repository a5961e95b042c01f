import { describe, expect, it } from 'vitest';
import * as rule from '@/lib/guardrails/rules/draft-unreadable';
import { contextOf as context, ruleDraftOf as draft } from '../../support/builders';

describe('draft-unreadable', () => {
  it('blocks, and cannot be lowered', () => {
    expect([rule.id, rule.defaultSeverity, rule.overridable]).toEqual(['draft-unreadable', 'block', false]);
  });

  it.each([
    { unreadable: [], says: null },
    { unreadable: ['recipients'], says: 'read this draft’s recipients,' },
    { unreadable: ['recipients', 'body'], says: 'recipients and body' },
    { unreadable: ['from', 'recipients', 'body'], says: 'from, recipients and body' },
  ])('unreadable $unreadable', ({ unreadable, says }) => {
    const findings = rule.check(context({ draft: draft({ unreadable }) }));
    if (says === null) {
      expect(findings).toEqual([]);
      return;
    }
    expect(findings).toEqual([expect.objectContaining({ code: 'draft-unreadable', severity: 'block' })]);
    expect(findings[0]!.message).toContain(says);
  });
});
