import { describe, expect, it } from 'vitest';
import * as rule from '@/lib/guardrails/rules/reputation-runway';
import { runway } from '@/lib/ramp/runway';
import { findingsEn } from '@/lib/i18n/compose/findings-en';
import { findingsEs } from '@/lib/i18n/compose/findings-es';
import { fill } from '@/lib/i18n/fill';
import { address, contextOf as context, ruleDraftOf as draft } from '../../support/builders';

const recipients = (n: number) => Array.from({ length: n }, (_, i) => address(`p${i}@prospect.example`));

// Day 1 of the emulator's plan (60 planned, nothing sent): 3 hard bounces reach the 4%
// alert, 3 AWS's 5% review (docs/rules.md, "Reputation runway").
const day1 = runway({ counts: { sends: 0 }, plannedSends: 60 });
// Day 8 (300 planned): 12 reach the alert, 15 the review.
const day8 = runway({ counts: { sends: 0 }, plannedSends: 300 });

describe('reputation-runway', () => {
  it('warns by default', () => {
    expect([rule.id, rule.defaultSeverity]).toEqual(['reputation-runway', 'warn']);
  });

  it.each([
    { case: 'one recipient, 3 bounces of runway', runway: day1, count: 1, warns: false },
    { case: 'two recipients, 3 bounces of runway', runway: day1, count: 2, warns: false },
    { case: 'three recipients, 3 bounces of runway', runway: day1, count: 3, warns: true },
    { case: 'eleven recipients, 12 bounces of runway', runway: day8, count: 11, warns: false },
    { case: 'twelve recipients, 12 bounces of runway', runway: day8, count: 12, warns: true },
    { case: 'runway unknown', runway: runway({ counts: { sends: 40 }, plannedSends: 20 }), count: 50, warns: false },
    { case: 'runway not read', runway: null, count: 50, warns: false },
  ])('$case → warns: $warns', ({ runway: r, count, warns }) => {
    const findings = rule.check(context({ draft: draft({ to: recipients(count) }), runway: r }));
    expect(findings.map((f) => [f.code, f.severity])).toEqual(warns ? [['reputation-runway-short', 'warn']] : []);
  });

  it('sizes its sentence to the draft, in English and Spanish', () => {
    const [finding] = rule.check(context({ draft: draft({ to: recipients(5) }), runway: day1 }));
    expect(finding!.message).toBe(
      'Short reputation runway — hard bounces to Rampart’s 4% alert level today: 3 (to AWS’s 5% review level: 3); recipients of this draft: 5. Check the addresses before sending.',
    );
    expect(finding!.sentence?.key).toBe('compose.finding.runway-short');
    const key = finding!.sentence!.key as keyof typeof findingsEn;
    const params = finding!.sentence!.params;
    expect(fill(findingsEn[key], params, new Intl.NumberFormat('en'))).toBe(finding!.message);
    expect(fill(findingsEs[key], params, new Intl.NumberFormat('es'))).toBe(
      'Margen de reputación corto — rebotes permanentes hasta el nivel de alerta de Rampart (4%) hoy: 3 (hasta el nivel de revisión de AWS, 5%: 3); destinatarios de este borrador: 5. Revisa las direcciones antes de enviar.',
    );
  });
});
