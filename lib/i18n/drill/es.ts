import type { drillEn } from './en';

// Las frases del simulacro (opciones), en español.

export const drillEs: Record<keyof typeof drillEn, string> = {
  'drill.title': 'Simulacro',
  'drill.intro':
    'Comprueba el circuito de avisos en esta cuenta de SES: un mensaje a cada dirección del simulador de buzones de SES (entrega, rebote, queja, en la lista de supresión), que no cuentan ni en la cuota ni en la reputación, y luego cada evento de vuelta. Nada de lo que ve se cuenta, se suprime ni se comparte.',
  'drill.start': 'Hacer el simulacro',
  'drill.starting': 'Enviando los mensajes del simulacro…',
  'drill.none': 'Aún no se ha hecho ningún simulacro en este navegador.',
  'drill.state.running': 'En curso…',
  'drill.state.passed': 'Superado: el circuito de avisos funciona.',
  'drill.state.failed': 'Fallido: corrige el paso marcado abajo y vuelve a hacer el simulacro.',
  'drill.mark.passed': 'Hecho',
  'drill.mark.failed': 'Fallido',
  'drill.mark.waiting': 'Esperando',
  'drill.step.send': 'SES acepta los mensajes del simulacro',
  'drill.step.events': 'Cada evento vuelve por la cola de este remitente',
  'drill.step.suppression': 'El rebote y la queja suprimirían su dirección',
  'drill.step.counts': 'La fuente de registro y eventos los contaría',
  'drill.step.vdm': 'VDM cuenta los envíos de la cuenta',
  'drill.detail.sent': 'SES aceptó {count} mensajes.',
  'drill.detail.sending': '{sent} de {of} enviados…',
  'drill.detail.send-refused': 'SES rechazó el mensaje a {address}: {reason}',
  'drill.detail.interrupted':
    'El simulacro se detuvo tras {sent} de {of} mensajes (el navegador o el proceso de Rampart se detuvo a mitad): vuelve a hacerlo.',
  'drill.detail.events': 'Volvieron {count} eventos.',
  'drill.detail.waiting': 'Esperando {missing} ({seconds} s de {limit} s).',
  'drill.detail.no-events':
    'No volvió ningún evento en {minutes} minutos. El conjunto de configuración «{set}» necesita un destino de eventos (SNS) que publique en la cola de este remitente, y el filtro de la suscripción de la cola debe coincidir con la etiqueta de remitente «{tag}».',
  'drill.detail.missing-events':
    'Algunos eventos no volvieron: el destino de eventos del conjunto de configuración «{set}» no publica {types}.',
  'drill.detail.nothing-sent': 'No se aceptó ningún mensaje: no hay nada que esperar.',
  'drill.detail.suppressed': 'Rampart suprimiría {addresses}, como con un rebote o una queja reales; el simulacro no cambió ninguna lista.',
  'drill.detail.not-suppressed': '{address} volvió como {came}: Rampart no la suprimiría. Revisa el contenido de los eventos de SES.',
  'drill.detail.after-events': 'Se comprueba cuando vuelvan los eventos.',
  'drill.detail.counted':
    'Contaría {sent} enviados, {deliveries} entregados, {bounces} rebote definitivo, {complaints} queja (aparte de suppressionlist@); el simulacro no contó nada.',
  'drill.detail.miscounted': 'Contaría {got} (enviados / entregados / rebotes definitivos / quejas); se esperaba {expected}.',
  'drill.detail.vdm-on': 'VDM está activado: las tasas de la ventana emergente son las de toda la cuenta.',
  'drill.detail.vdm-off':
    'VDM está desactivado: las tasas de la ventana emergente solo salen de los envíos y eventos de este navegador. Activa Virtual Deliverability Manager en la consola de SES.',
  'drill.detail.vdm-unknown': 'Rampart no pudo leer si VDM está activado. {reason}',
};
