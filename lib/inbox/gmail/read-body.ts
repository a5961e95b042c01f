import { BODY, SUBJECT, queryFirst } from './selectors';

export function findBody(compose: ParentNode): HTMLElement | null {
  const body = queryFirst(compose, BODY);
  // The contenteditable fallback must not be the subject.
  if (body && SUBJECT.some((selector) => body.matches(selector))) return null;
  return body;
}

/** The body as HTML and as text; null when no body is found. */
export function readBody(compose: ParentNode): { html: string; text: string } | null {
  const body = findBody(compose);
  if (!body) return null;
  // innerText keeps line breaks as the reader sees them (textContent when not rendered).
  return { html: body.innerHTML, text: body.innerText.replace(/\u00a0/g, ' ') };
}
