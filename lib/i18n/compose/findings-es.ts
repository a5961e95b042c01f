import type { FindingSentences } from './findings-en';

// Spanish for findings-en.ts. Typed as every English key: a missing line does not compile.

export const findingsEs: FindingSentences = {
  'compose.finding.runway-short':
    'Margen de reputación corto — rebotes permanentes hasta el nivel de alerta de Rampart ({alertPercent}) hoy: {alert} (hasta el nivel de revisión de AWS, {reviewPercent}: {review}); destinatarios de este borrador: {recipients}. Revisa las direcciones antes de enviar.',
  'compose.finding.undeliverable.nxdomain':
    '{email} no puede recibir correo: el dominio {domain} no existe. Enviarlo sería un rebote permanente seguro.',
  'compose.finding.undeliverable.null-mx':
    '{email} no puede recibir correo: {domain} declara que no acepta correo (MX nulo). Enviarlo sería un rebote permanente seguro.',
  'compose.finding.undeliverable.no-mail-server':
    '{email} no puede recibir correo: {domain} no tiene servidor de correo (ni registro MX, A ni AAAA). Enviarlo sería un rebote permanente seguro.',
  'compose.finding.unchecked': 'Sin comprobar: Rampart no pudo consultar a tiempo los servidores de correo de {domain}.',
  'compose.finding.disposable': '{email} es de {domain}, un servicio de direcciones desechables: esos buzones caducan y rebotan.',
  'compose.finding.gmail-from':
    'El remitente de Gmail es {gmail}, pero Enviar con SES envía desde {ses}, la identidad configurada en las opciones de Rampart.',
  'compose.finding.role': '{email} es una dirección genérica ({role}@): llega a un equipo o a una lista, no a una persona, y atrae quejas.',
  'compose.finding.typo': '{email} parece una errata: ¿querías decir {suggestion}?',
  'compose.finding.dmarc-missing': '{domain} no publica ningún registro DMARC; Gmail y Yahoo lo exigen a quien envía en volumen.',
  'compose.finding.dmarc-unknown': 'Rampart no pudo consultar el registro DMARC de {domain}.',
  'compose.finding.from-transactional-domain':
    'Envías desde {domain}, el dominio propio de la empresa: las quejas por la prospección dañarían el correo que depende de él. Envía desde el dominio de prospección.',
  'compose.finding.account-unknown':
    'Rampart aún no ha leído la cuenta de SES: su cuota, el sandbox y el estado de envío no se comprueban.',
  'compose.finding.account-shutdown':
    'AWS ha cerrado el envío de esta cuenta de SES; quien lidera el equipo debe contactar con AWS Support antes de que nadie pueda enviar.',
  'compose.finding.account-sending-disabled':
    'El envío está en pausa en esta cuenta de SES (SendingEnabled desactivado); no se puede enviar nada hasta que se reanude.',
  'compose.finding.account-probation':
    'AWS ha puesto esta cuenta de SES en revisión (periodo de prueba): aún envía, pero más rebotes o quejas pueden pausarla. Envía solo a personas que esperan tu mensaje.',
  'compose.finding.no-recipients': 'Añade al menos un destinatario (Para, Cc o Cco).',
  'compose.finding.too-many-recipients':
    'Este borrador tiene {count} destinatarios; SES acepta como máximo {max} en un mensaje (Para, Cc y Cco juntos).',
  'compose.finding.from-not-verified': 'SES no enviará desde {email}: su identidad {identity} no está verificada en esta cuenta de SES.',
  'compose.finding.sandbox-recipient':
    '{email} no es una identidad verificada, y esta cuenta de SES sigue en el sandbox, donde SES solo envía a direcciones y dominios verificados.',
  'compose.finding.suppressed.BOUNCE': '{email} está suprimida desde el {day} porque el correo enviado a esa dirección rebotó.',
  'compose.finding.suppressed.COMPLAINT': '{email} está suprimida desde el {day} porque su titular se quejó (marcó un mensaje como spam).',
  'compose.finding.suppressed.UNSUBSCRIBE': '{email} está suprimida desde el {day} porque su titular se dio de baja.',
  'compose.finding.suppressed.MANUAL': '{email} está suprimida desde el {day} porque se suprimió a mano.',
  'compose.finding.from-address-changed':
    'Este borrador sale de {email}, no de tu dirección fijada {pinned}; confirma para enviar desde la nueva dirección (el cambio queda registrado).',
  'compose.finding.from-name-changed':
    'Este borrador sale como «{name}», no con tu nombre fijado «{pinned}»; confirma para enviar con el nuevo nombre (el cambio queda registrado).',
  'compose.finding.from-name-removed':
    'Este borrador sale sin nombre de remitente, no con tu nombre fijado «{pinned}»; confirma para enviarlo sin él (el cambio queda registrado).',
  'compose.finding.cap-unknown':
    'Rampart aún no conoce el límite de hoy: no hay plan de rampa ni datos de la cuenta de SES. Pulsa «Sincronizar ahora» en la ventana de Rampart (y pide a quien lidera que guarde un plan de rampa); luego envía.',
  'compose.finding.cap-no-plan':
    'Nada limita los envíos de hoy: SES indica una cuota diaria ilimitada y no hay plan de rampa. Pide a quien lidera que guarde un plan de rampa en las opciones de Rampart; luego envía.',
  'compose.finding.replies-elsewhere':
    'Las respuestas van a {replies}, no a esta bandeja de Gmail ({inbox}), así que Rampart no vería el STOP de un contacto. Pon {inbox} como «Responder a» en las opciones de Rampart.',
};
