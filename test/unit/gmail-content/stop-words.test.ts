import { describe, expect, it } from 'vitest';
import { findStopRequest, ownWords } from '@/entrypoints/gmail.content/inbox/stop-words';

// A table of replies: what a prospect writes when they want no more mail, in English and
// Spanish, beside replies that use the same words for something else.

const stops: Array<[string, 'en' | 'es']> = [
  ['STOP', 'en'],
  ['Stop.', 'en'],
  ['stop!!!', 'en'],
  ['Please stop', 'en'],
  ['Unsubscribe', 'en'],
  ['unsubscribe me please', 'en'],
  ['Please remove me from your list.', 'en'],
  ['Remove my email from your database', 'en'],
  ['Take me off your mailing list', 'en'],
  ['Kindly stop emailing me.', 'en'],
  ["Don't contact me again", 'en'],
  ['Do not email me.', 'en'],
  ['opt out', 'en'],
  ['No more emails, thanks', 'en'],
  ['Hi, I am not the right person. Please stop sending these.', 'en'],
  ['BAJA', 'es'],
  ['Baja por favor', 'es'],
  ['Quiero darme de baja', 'es'],
  ['Por favor, dame de baja de su lista', 'es'],
  ['Solicito la baja', 'es'],
  ['No me escribas más', 'es'],
  ['No me contactes', 'es'],
  ['no me contacten más, gracias', 'es'],
  ['No me envíes más correos', 'es'],
  ['Quítame de tu lista', 'es'],
  ['Elimíname de la base de datos', 'es'],
  ['No quiero recibir más correos', 'es'],
  ['No más correos por favor', 'es'],
  ['Cancelar suscripción', 'es'],
];

const notStops = [
  'Sounds good, can we talk Tuesday?',
  'Feel free to stop by our booth at the conference.',
  'We are in low season (temporada baja) right now, try again in March.',
  'Who is the best person to contact about this?',
  'I cannot stop thinking about your demo, send pricing.',
  'Thanks! Forwarding to my colleague.',
  '',
  // The SDR's own footer, quoted below the prospect's reply.
  'Interested, send details.\n\nOn Tue, Mar 3, 2026 at 10:00 AM Demo SDR <sdr@outbound.example.com> wrote:\n> Reply STOP to unsubscribe.',
  'Me interesa.\n\nEl mar, 3 mar 2026 a las 10:00, Demo SDR escribió:\n> Responde BAJA para darte de baja.',
  'Sure.\n> please remove me',
];

describe('findStopRequest', () => {
  it.each(stops)('finds a stop request in %j', (body, language) => {
    expect(findStopRequest(body)).toMatchObject({ language });
  });

  it.each(notStops)('finds none in %j', (body) => {
    expect(findStopRequest(body)).toBeNull();
  });

  it('says which words matched', () => {
    expect(findStopRequest('Hola. Por favor, no me escribas más.')?.phrase).toBe('no me escribas');
  });
});

describe('ownWords', () => {
  it('cuts what the reply quotes', () => {
    expect(ownWords('Stop.\r\n\r\nOn Mon, Demo wrote:\r\n> Hi')).toBe('Stop.');
    expect(ownWords('Baja\n-----Mensaje original-----\nDe: x')).toBe('Baja');
  });
});
