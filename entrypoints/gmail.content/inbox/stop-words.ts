// Does a prospect's reply ask to stop? English and Spanish, the way people write it:
// "STOP", "unsubscribe", "remove me from your list", "take me off", "please stop
// emailing me"; "baja", "darme de baja", "no me escribas", "no me contactes más".
//
// Only the reply's own words are read: quoted history ("> …", "On … wrote:", "El …
// escribió:") is cut first, or the SDR's own "reply STOP to opt out" would match.
// Single words that also mean something else ("stop by", "temporada baja") count only
// when they are the whole message or its first words, or in a phrase that asks to stop.

export interface StopRequest {
  /** The words that matched, as written in the reply. */
  phrase: string;
  language: 'en' | 'es';
}

/** The reply without what it quotes: everything from the first quote marker on. */
export function ownWords(body: string): string {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed.startsWith('>')) break;
    if (/^(on\b.*\bwrote:|el\b.*\bescribi[oó]:|-{2,}\s*(original message|mensaje original)\s*-{2,})/i.test(trimmed)) break;
    if (/^(from|de):\s.*@/i.test(trimmed)) break;
    kept.push(line);
  }
  return kept.join('\n').trim();
}

/** Lower case, accents off, curly quotes straight, spaces collapsed. */
function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

interface Pattern {
  language: 'en' | 'es';
  regex: RegExp;
}

// Matched against the normalised text (no accents, lower case).
const PATTERNS: readonly Pattern[] = [
  // The whole reply (or its opening words) is the single word.
  { language: 'en', regex: /^(?:please[ ,]*)?(stop|unsubscribe|remove|opt[ -]?out)\b(?![ -](by|in|over)\b)/ },
  { language: 'es', regex: /^(?:por favor[ ,]*)?(baja|alto|basta)\b(?! (temporada|de precio|calidad)\b)/ },
  // Phrases that ask to stop, anywhere in the reply.
  { language: 'en', regex: /\bunsubscribe\b/ },
  { language: 'en', regex: /\b(remove|delete|take) (me|my (e-?mail|address))\b( from| off)?/ },
  { language: 'en', regex: /\btake me off\b/ },
  { language: 'en', regex: /\bopt(ing)?[ -]?out\b/ },
  { language: 'en', regex: /\b(stop|quit) (e-?mailing|emails|messaging|contacting|sending|writing|spamming|reaching out)\b/ },
  { language: 'en', regex: /\b(do not|don'?t|never) (e-?mail|contact|message|write to|reach out to) me\b/ },
  { language: 'en', regex: /\bno (more|further) (e-?mails|messages|contact)\b/ },
  { language: 'en', regex: /\bplease stop\b/ },
  { language: 'es', regex: /\b(dar(me)?|dame|den(me)?|darnos) de baja\b/ },
  { language: 'es', regex: /\b(la|mi) baja\b/ },
  {
    language: 'es',
    regex:
      /\bno me (escribas|escriban|escriba|contactes|contacten|contacte|envies|envien|envie|mandes|manden|mande|molestes|molesten|moleste)\b/,
  },
  { language: 'es', regex: /\bno (vuelvas?|vuelvan) a (escribir|contactar|enviar)me\b/ },
  { language: 'es', regex: /\b(quita|quitame|quitenme|borra|borrame|borrenme|elimina|eliminame|eliminenme|saca|sacame|saquenme) de\b/ },
  { language: 'es', regex: /\bno (quiero|deseo) (recibir|mas correos|mas mensajes|que me (escriban|contacten))\b/ },
  { language: 'es', regex: /\bno mas (correos|mensajes|e-?mails)\b/ },
  { language: 'es', regex: /\b(cancelar|anular) (la |mi )?suscripcion\b/ },
  { language: 'es', regex: /\bdesuscrib(ir|irme|ame|anme)\b/ },
];

/** The stop request in a reply's own words, or null when it asks nothing of the kind. */
export function findStopRequest(body: string): StopRequest | null {
  const text = normalise(ownWords(body));
  if (text === '') return null;
  for (const { language, regex } of PATTERNS) {
    const match = regex.exec(text);
    if (match) return { phrase: match[0].trim(), language };
  }
  return null;
}
