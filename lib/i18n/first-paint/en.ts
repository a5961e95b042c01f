// The popup's first paint in English (entrypoints/popup/first-paint.ts): the cap's line
// and the ramp day, apart from the rest so the classic script that paints them before the
// popup's modules load (entrypoints/popup-first-paint.ts) carries only these.
// lib/i18n/en.ts spreads them into the full dictionary.

export const firstPaintEn = {
  'popup.title': 'Rampart',
  'cap.left-today': 'left today',
  'cap.of': 'of {of}',
  'cap.binding.mine': 'your share binds',
  'cap.binding.team': 'the team’s cap binds',
  'cap.binding.ses': 'SES’s 24-hour quota binds',
  'cap.none': 'No limit known yet: sync with SES.',
  'ramp.title': 'Ramp',
  'ramp.day': 'Ramp day',
  'ramp.status.not-started': 'not started',
  'ramp.status.on-plan': 'on plan',
  'ramp.status.behind-plan': 'behind plan',
  'ramp.status.frozen': 'frozen',
  'ramp.status.held': 'held',
  'ramp.status.paused': 'paused',
} as const;

export type FirstPaintMessageKey = keyof typeof firstPaintEn;
export type FirstPaintMessages = Record<FirstPaintMessageKey, string>;
