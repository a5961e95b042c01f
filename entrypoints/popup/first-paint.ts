import type { CapTodayView } from '@/lib/dashboard/view';
import { browserLanguages } from '@/lib/i18n/browser-languages';
import { firstPaintTranslator } from '@/lib/i18n/first-paint/translate';
import { pickLanguage } from '@/lib/i18n/pick-language';

// The popup's first paint when today's cap arrives before React has loaded (React is
// most of the popup's script): the cap's line and the ramp day, in plain DOM, with the
// same figures and words as CapSummary.tsx and Popup.tsx. React replaces it with the
// whole popup, drawn from the same view, in its first commit. Hand-written: the few
// nodes do not justify making the number the popup is opened for wait on React. Its
// words are lib/i18n/first-paint's alone: it runs in the classic script of popup.html's
// head too (first-request.ts), which carries nothing else.

type Child = Node | string;

function el(tag: string, attributes: Record<string, string>, children: Child[] = []): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** Paint `view` into `root`, in the browser's language, as React's own first render (useI18n) is. */
export function paintCapToday(root: HTMLElement, view: CapTodayView): void {
  const t = firstPaintTranslator(pickLanguage(undefined, browserLanguages()));
  const cap = view.cap.view;
  const capLines = cap
    ? [
        el('p', { class: 'cap-main' }, [
          el('strong', { 'data-rampart': 'cap-remaining', 'data-limit': cap.limit }, [String(cap.remaining)]),
          ' ',
          el('span', {}, [t('cap.left-today')]),
          ' ',
          el('span', { class: 'muted' }, [t('cap.of', { of: cap.of })]),
        ]),
        el('p', { class: 'muted binding' }, [t(`cap.binding.${cap.limit}`)]),
      ]
    : [el('p', { class: 'muted' }, [t('cap.none')])];
  const ramp = view.ramp
    ? [
        el('h2', {}, [t('ramp.title')]),
        el('p', {}, [
          `${t('ramp.day')} `,
          el('strong', { 'data-rampart': 'ramp-day' }, [String(view.ramp.rampDay)]),
          ' ',
          el('span', { class: `ramp-status status-${view.ramp.status}`, 'data-rampart': 'ramp-status', 'data-status': view.ramp.status }, [
            t(`ramp.status.${view.ramp.status}`),
          ]),
        ]),
      ]
    : [];
  root.replaceChildren(
    el('main', { class: 'popup' }, [
      el('header', {}, [el('h1', {}, [t('popup.title')])]),
      el('section', { class: 'cap' }, capLines),
      el('section', { class: 'ramp' }, ramp),
    ]),
  );
}
