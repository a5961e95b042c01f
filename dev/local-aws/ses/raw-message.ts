// Just enough MIME to read a raw SendEmail: headers (unfolded), the From and the
// recipients, the subject, and the text and HTML parts of a (possibly multipart) body.

export interface RawMessage {
  headers: { name: string; value: string }[];
  header(name: string): string | undefined;
  text?: string;
  html?: string;
}

function splitHeadAndBody(source: string): [string, string] {
  const match = /\r?\n\r?\n/.exec(source);
  if (!match) return [source, ''];
  return [source.slice(0, match.index), source.slice(match.index + match[0].length)];
}

function parseHeaders(head: string): { name: string; value: string }[] {
  const headers: { name: string; value: string }[] = [];
  for (const line of head.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && headers.length > 0) {
      headers[headers.length - 1]!.value += ' ' + line.trim();
      continue;
    }
    const colon = line.indexOf(':');
    if (colon > 0) headers.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
  }
  return headers;
}

const find = (headers: { name: string; value: string }[], name: string) =>
  headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;

function parameter(headerValue: string | undefined, name: string): string | undefined {
  if (!headerValue) return undefined;
  const match = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]*))`, 'i').exec(headerValue);
  return match ? (match[1] ?? match[2]) : undefined;
}

function decodeTransfer(body: string, encoding: string | undefined, charset: string | undefined): string {
  const enc = (encoding ?? '7bit').toLowerCase();
  let bytes: Buffer;
  if (enc === 'base64') bytes = Buffer.from(body.replace(/\s+/g, ''), 'base64');
  else if (enc === 'quoted-printable') {
    const softBreaksRemoved = body.replace(/=\r?\n/g, '');
    const out: number[] = [];
    for (let i = 0; i < softBreaksRemoved.length; i++) {
      const c = softBreaksRemoved[i]!;
      const hex = softBreaksRemoved.slice(i + 1, i + 3);
      if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
        out.push(parseInt(hex, 16));
        i += 2;
      } else out.push(...Buffer.from(c, 'utf8'));
    }
    bytes = Buffer.from(out);
  } else bytes = Buffer.from(body, 'binary');
  const label = (charset ?? 'utf-8').toLowerCase();
  return bytes.toString(label === 'iso-8859-1' || label === 'latin1' ? 'latin1' : 'utf8');
}

function collectParts(head: { name: string; value: string }[], body: string, into: { text?: string; html?: string }): void {
  const contentType = find(head, 'content-type') ?? 'text/plain';
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type.startsWith('multipart/')) {
    const boundary = parameter(contentType, 'boundary');
    if (!boundary) return;
    const sections = body.split(new RegExp(`\\r?\\n?--${boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:--)?[ \\t]*\\r?\\n?`));
    for (const section of sections.slice(1)) {
      if (!section.trim()) continue;
      const [partHead, partBody] = splitHeadAndBody(section);
      collectParts(parseHeaders(partHead), partBody, into);
    }
    return;
  }
  const disposition = find(head, 'content-disposition') ?? '';
  if (/^attachment/i.test(disposition)) return;
  const decoded = decodeTransfer(body, find(head, 'content-transfer-encoding'), parameter(contentType, 'charset'));
  if (type === 'text/plain' && into.text === undefined) into.text = decoded;
  if (type === 'text/html' && into.html === undefined) into.html = decoded;
}

export function parseRawMessage(source: string): RawMessage {
  const [head, body] = splitHeadAndBody(source);
  const headers = parseHeaders(head);
  const parts: { text?: string; html?: string } = {};
  collectParts(headers, body, parts);
  return { headers, header: (name) => find(headers, name), ...parts };
}

/** Decodes RFC 2047 encoded-words (`=?utf-8?B?…?=`, `=?utf-8?Q?…?=`) in a header value. */
export function decodeEncodedWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_whole, charset: string, encoding: string, text: string) => {
    const bytes =
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64')
        : Buffer.from(
            text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          );
    return bytes.toString(/^(iso-8859-1|latin1)$/i.test(charset) ? 'latin1' : 'utf8');
  });
}
