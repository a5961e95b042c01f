import type { FirstPaintMessages } from './en';

// The popup's first paint in Spanish. Typed as every English first-paint key.

export const firstPaintEs: FirstPaintMessages = {
  'popup.title': 'Rampart',
  'cap.left-today': 'quedan hoy',
  'cap.of': 'de {of}',
  'cap.binding.mine': 'manda tu cuota',
  'cap.binding.team': 'manda el límite del equipo',
  'cap.binding.ses': 'manda la cuota de 24 h de SES',
  'cap.none': 'Aún no se conoce ningún límite: sincroniza con SES.',
  'ramp.title': 'Rampa',
  'ramp.day': 'Día de rampa',
  'ramp.status.not-started': 'sin empezar',
  'ramp.status.on-plan': 'según el plan',
  'ramp.status.behind-plan': 'por detrás del plan',
  'ramp.status.frozen': 'congelada',
  'ramp.status.held': 'retenida',
  'ramp.status.paused': 'en pausa',
};
