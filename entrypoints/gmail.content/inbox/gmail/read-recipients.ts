import type { Address } from '@/lib/core/draft';
import { looksLikeEmail, parseAddressText } from './address-text';
import {
  CURRENT_UI_CHIP,
  CURRENT_UI_MARKER,
  CURRENT_UI_TYPING,
  RECIPIENT_FIELDS,
  currentUiField,
  olderUiChip,
  olderUiTyping,
  queryFirst,
  type RecipientField,
} from './selectors';

export interface Recipients {
  ui: 'current' | 'older';
  to: Address[];
  cc: Address[];
  bcc: Address[];
  /** A chip whose address could not be read: the recipients are not known. */
  unreadableChip: boolean;
  /** Text typed into a recipient field that is not a chip yet. */
  pending: boolean;
}

/** The recipients in either of Gmail's recipient UIs; null when neither is found. */
export function readRecipients(compose: ParentNode): Recipients | null {
  if (queryFirst(compose, CURRENT_UI_MARKER)) return readCurrentUi(compose);
  const older = RECIPIENT_FIELDS.some((field) => queryFirst(compose, [...olderUiChip(field), olderUiTyping(field)]) !== null);
  if (older) return readOlderUi(compose);
  return null;
}

function readCurrentUi(compose: ParentNode): Recipients {
  const result: Recipients = { ui: 'current', to: [], cc: [], bcc: [], unreadableChip: false, pending: false };
  for (const field of RECIPIENT_FIELDS) {
    const container = queryFirst(compose, [currentUiField(field)]);
    if (!container) continue;
    for (const chip of container.querySelectorAll<HTMLElement>(CURRENT_UI_CHIP)) {
      const email = chip.getAttribute('data-hovercard-id') ?? '';
      if (!looksLikeEmail(email)) {
        result.unreadableChip = true;
        continue;
      }
      const name = chip.getAttribute('data-name')?.trim();
      result[field].push(name && name !== email ? { email, name } : { email });
    }
    const typing = container.querySelector<HTMLInputElement>(CURRENT_UI_TYPING);
    if (typing && typing.value.trim()) result.pending = true;
  }
  return result;
}

function readOlderUi(compose: ParentNode): Recipients {
  const result: Recipients = { ui: 'older', to: [], cc: [], bcc: [], unreadableChip: false, pending: false };
  for (const field of RECIPIENT_FIELDS) {
    for (const input of chipInputs(compose, field)) {
      const address = parseAddressText(input.value);
      if (address) result[field].push(address);
      else result.unreadableChip = true;
    }
    const typing = compose.querySelector<HTMLTextAreaElement>(olderUiTyping(field));
    if (typing && typing.value.trim()) result.pending = true;
  }
  return result;
}

function chipInputs(compose: ParentNode, field: RecipientField): HTMLInputElement[] {
  for (const selector of olderUiChip(field)) {
    const inputs = [...compose.querySelectorAll<HTMLInputElement>(selector)];
    if (inputs.length) return inputs;
  }
  return [];
}
