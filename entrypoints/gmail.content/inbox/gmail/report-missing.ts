// A target Rampart cannot find in a compose is logged once per compose, with the
// compose's DOM stripped of text and of attribute values that may carry personal data,
// so the selector can be fixed from a bug report without leaking the draft.

const reported = new WeakMap<Element, Set<string>>();

const KEPT_ATTRIBUTES = new Set(['class', 'role', 'name', 'type', 'g_editable', 'contenteditable', 'aria-haspopup', 'peoplekit-id']);

export function reportMissing(compose: Element, target: string): void {
  const seen = reported.get(compose) ?? new Set<string>();
  if (seen.has(target)) return;
  seen.add(target);
  reported.set(compose, seen);
  console.warn(`Rampart: cannot find the ${target} of a Gmail compose. Its structure:\n${strippedDom(compose)}`);
}

/** The element's markup with text removed and only structural attributes kept. */
export function strippedDom(element: Element, depth = 0, budget = { nodes: 400 }): string {
  if (budget.nodes-- <= 0) return '';
  const attributes = [...element.attributes]
    .filter((a) => KEPT_ATTRIBUTES.has(a.name) || a.name.startsWith('data-rampart'))
    .map((a) => (a.name === 'class' || a.name === 'role' || a.name === 'name' || a.name === 'type' ? `${a.name}="${a.value}"` : a.name))
    .join(' ');
  const tag = element.tagName.toLowerCase();
  const indent = '  '.repeat(depth);
  const children = [...element.children].map((child) => strippedDom(child, depth + 1, budget)).filter(Boolean);
  const open = `${indent}<${tag}${attributes ? ` ${attributes}` : ''}>`;
  return children.length ? `${open}\n${children.join('\n')}\n${indent}</${tag}>` : `${open}</${tag}>`;
}
