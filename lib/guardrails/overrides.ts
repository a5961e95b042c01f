import * as z from 'zod/mini';
import { severitySchema } from '@/lib/core/finding';

// The team's choice of severity per guardrail rule, keyed by rule id (lib/guardrails/rules):
// it replaces the rule's default severity; `off` silences the rule. Rules that guard what
// SES can send at all are not overridable and ignore it (lib/guardrails/rule.ts).

export const severityOverrideSchema = z.union([severitySchema, z.literal('off')]);
export type SeverityOverride = z.infer<typeof severityOverrideSchema>;

export const severityOverridesSchema = z.record(z.string(), severityOverrideSchema);
export type SeverityOverrides = Readonly<Partial<Record<string, SeverityOverride>>>;
