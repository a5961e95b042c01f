import { BODY, SUBJECT, queryFirst } from './selectors';

export function findBody(compose: ParentNode): HTMLElement | null {
  const body = queryFirst(compose, BODY);
  // The contenteditable fallback must not be the subject.
  if (body && SUBJECT.some((selector) => body.matches(selector))) return null;
  return body;
}

/**
 * The body as HTML and as text; null when no body is found. `rendered`: the text as the
 * reader sees it (innerText keeps its line breaks; textContent when not rendered), which
 * forces a layout of the page — paid when sending, not on every check, whose only use of
 * the text is the message's size (textContent differs by a line break per block).
 */
export function readBody(compose: ParentNode, rendered = true): { html: string; text: string } | null {
  const body = findBody(compose);
  if (!body) return null;
  const text = rendered ? body.innerText : (body.textContent ?? '');
  return { html: body.innerHTML, text: text.replace(/\u00a0/g, ' ') };
}
