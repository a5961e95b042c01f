import { describe, expect, it } from 'vitest';
import * as rule from '@/lib/guardrails/rules/mail-unchecked';
import { address, contextOf as context, ruleDraftOf as draft } from '../../support/builders';

describe('mail-unchecked', () => {
  it('is a note, never a hold', () => {
    expect([rule.id, rule.defaultSeverity, rule.recipientStatus]).toEqual(['mail-unchecked', 'info', 'unchecked']);
  });

  it.each([
    { mail: 'unchecked' as const, noted: true },
    { mail: 'found' as const, noted: false },
    { mail: 'none' as const, noted: false },
  ])('$mail → noted: $noted', ({ mail, noted }) => {
    const findings = rule.check(
      context({
        draft: draft({ to: [address('ana@slow.example')] }),
        recipientDomains: new Map([['slow.example', { mail, disposable: null }]]),
      }),
    );
    expect(findings.map((f) => [f.severity, f.message])).toEqual(
      noted ? [['info', 'Not checked: Rampart could not look up the mail servers of slow.example in time.']] : [],
    );
  });
});
