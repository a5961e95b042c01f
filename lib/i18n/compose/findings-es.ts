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
};
