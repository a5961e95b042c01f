import type { Finding, Severity } from '@/lib/core/finding';
import type { GuardrailContext } from '@/lib/guardrails/context';

// The inbox adapter lists what it could not read from the compose window (Gmail changed
// its markup, a chip still being typed). A draft only partly read cannot be judged, and
// sending it would send something other than what the SDR sees.

export const id = 'draft-unreadable';
export const title = 'Draft could not be read';
export const defaultSeverity: Severity = 'block';
export const overridable = false;

export function check(ctx: GuardrailContext): Finding[] {
  if (ctx.draft.unreadable.length === 0) return [];
  return [
    {
      code: 'draft-unreadable',
      severity: defaultSeverity,
      message: `Rampart could not read this draft’s ${joinWords(ctx.draft.unreadable)}, so it cannot check or send it; send it from Gmail or reopen the draft.`,
    },
  ];
}

function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
