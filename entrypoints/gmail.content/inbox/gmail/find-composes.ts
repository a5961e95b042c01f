import { countCallback } from '@/entrypoints/gmail.content/inbox/activity';
import type { Compose, ComposeKind } from '@/entrypoints/gmail.content/inbox/adapter';
import { findBody } from './read-body';
import { onPageChange } from './page-changes';
import { findSendButton } from './send-button';
import {
  COMPOSE_FORM_MARKERS,
  COMPOSE_ROOT_TOKENS,
  DIALOG,
  FULLSCREEN_CONTAINER,
  HIDDEN_COMPOSE_ID,
  INLINE_CONTAINER,
  THREAD_MESSAGE,
} from './selectors';

// Compose detection: one scan per animation frame after the page changed (the shared
// watch of page-changes.ts); each compose element is marked once and reported again only
// when it leaves the DOM. Everything stops when the content script's signal aborts.

const made = new WeakMap<Element, string>();
let madeCount = 0;

export function findComposes(
  root: Document,
  signal: AbortSignal,
  onAdded: (compose: Compose) => void,
  onRemoved: (compose: Compose) => void,
): void {
  if (signal.aborted) return;
  const live = new Map<HTMLElement, Compose>();
  const formOwner = new WeakMap<HTMLFormElement, HTMLElement>();
  const scan = () => {
    countCallback();
    for (const [element, compose] of live) {
      if (element.isConnected) continue;
      live.delete(element);
      onRemoved(compose);
    }
    for (const form of composeForms(root)) {
      // A form already reported keeps its compose, even if Gmail grows the DOM around it.
      const owner = formOwner.get(form);
      if (owner && live.has(owner) && owner.contains(form)) continue;
      const element = composeRoot(form);
      if (!isComposeForm(form, element)) continue;
      formOwner.set(form, element);
      if (live.has(element)) continue;
      const compose: Compose = { element, kind: composeKind(element), composeId: composeId(element) };
      live.set(element, compose);
      onAdded(compose);
    }
  };

  onPageChange(root, signal, scan);
  signal.addEventListener(
    'abort',
    () => {
      for (const compose of live.values()) onRemoved(compose);
      live.clear();
    },
    { once: true },
  );
  scan();
}

function composeForms(root: Document): HTMLFormElement[] {
  const forms = new Set<HTMLFormElement>();
  for (const marker of COMPOSE_FORM_MARKERS) {
    for (const field of root.querySelectorAll(marker)) {
      const form = field.closest('form');
      if (form) forms.add(form);
    }
  }
  return [...forms];
}

/**
 * The smallest ancestor of the form that holds the body and the Send button and no
 * other compose; where Gmail's structure hides one of them, the classic container tokens.
 */
export function composeRoot(form: HTMLFormElement): HTMLElement {
  let withBody: HTMLElement | null = null;
  for (let element = form.parentElement; element && element !== document.body; element = element.parentElement) {
    if (holdsOtherCompose(element, form)) break;
    if (findBody(element)) {
      if (findSendButton(element)) return element;
      withBody ??= element;
    }
  }
  if (withBody) return withBody;
  for (const token of COMPOSE_ROOT_TOKENS) {
    const container = form.closest<HTMLElement>(token);
    if (container) return container;
  }
  return form;
}

/**
 * A form with recipient fields is a compose only with Gmail's compose id or a message
 * body around it: a search or settings form with a "to" field is not.
 */
function isComposeForm(form: HTMLFormElement, root: HTMLElement): boolean {
  return form.querySelector(HIDDEN_COMPOSE_ID) !== null || findBody(root) !== null;
}

function holdsOtherCompose(element: Element, form: HTMLFormElement): boolean {
  for (const marker of COMPOSE_FORM_MARKERS) {
    for (const field of element.querySelectorAll(marker)) {
      if (field.closest('form') !== form) return true;
    }
  }
  return false;
}

export function composeKind(element: HTMLElement): ComposeKind {
  if (FULLSCREEN_CONTAINER.some((selector) => element.closest(selector))) return 'fullscreen';
  if (INLINE_CONTAINER.some((selector) => element.closest(selector))) return 'inline';
  if (element.closest(DIALOG) || element.matches(DIALOG) || element.querySelector(DIALOG)) return 'popout';
  // Not in a dialog but in a thread view: an inline reply whose container token changed.
  for (let ancestor = element.parentElement; ancestor; ancestor = ancestor.parentElement) {
    if (ancestor.querySelector(THREAD_MESSAGE)) return 'inline';
  }
  return 'popout';
}

function composeId(element: HTMLElement): string {
  const hidden = element.querySelector<HTMLInputElement>(HIDDEN_COMPOSE_ID);
  if (hidden?.value) return hidden.value;
  let id = made.get(element);
  if (!id) {
    madeCount += 1;
    id = `rampart-compose-${madeCount}`;
    made.set(element, id);
  }
  return id;
}
