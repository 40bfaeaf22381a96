/**
 * Just enough of RFC 5322 and MIME to read a comment sent by e-mail and saved
 * as an .eml file: the `Date` and `Subject` headers (with RFC 2047 encoded
 * words) and the text/plain body, in quoted-printable, base64 or 8-bit, in
 * UTF-8, ISO-8859-1 or Windows-1252, found inside multipart messages.
 *
 * TODO(lead): no maintained mail parser is installed (neither `postal-mime`
 * nor `mailparser` is in node_modules). Replace `parseEmail` with
 * `PostalMime.parse` (postal-mime, no dependencies) when it is added; this
 * reader covers what mail clients usually save, not every corner of MIME.
 *
 * The sender's address and name are read by no one: a comment carries only
 * what its author agreed to publish.
 */

export interface ParsedEmail {
  /** `Date` header as an ISO time, when present and readable. */
  date?: string;
  subject?: string;
  /** The text/plain body (or the HTML body stripped of tags when there is no text part), `\n` line ends. */
  text: string;
}

interface Part {
  headers: Map<string, string>;
  body: string;
}

/** Reads an .eml file's text (decoded as latin1 so every byte survives; parts are decoded by their own charset). */
export function parseEmail(raw: string): ParsedEmail {
  const message = splitPart(raw.replace(/\r\n?/g, '\n'));
  const date = message.headers.get('date');
  const parsedDate = date ? new Date(date.replace(/\s*\([^)]*\)\s*$/, '')) : undefined;
  const subject = message.headers.get('subject');
  const text = textOf(message);
  return {
    ...(parsedDate && !Number.isNaN(parsedDate.getTime()) ? { date: parsedDate.toISOString() } : {}),
    ...(subject ? { subject: decodeWords(subject) } : {}),
    text: text ?? '',
  };
}

function splitPart(raw: string): Part {
  const end = raw.indexOf('\n\n');
  const head = end === -1 ? raw : raw.slice(0, end);
  const body = end === -1 ? '' : raw.slice(end + 2);
  const headers = new Map<string, string>();
  // Folded headers continue on lines that start with white space.
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function parameter(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  const match = new RegExp(`;\\s*${name}\\s*=\\s*("([^"]*)"|[^;\\s]+)`, 'i').exec(header);
  return match ? (match[2] ?? match[1]) : undefined;
}

/** The text of a part: its own text/plain body, or the first text/plain inside it, else HTML made plain. */
function textOf(part: Part): string | undefined {
  const type = (part.headers.get('content-type') ?? 'text/plain').toLowerCase();
  if (type.startsWith('multipart/')) {
    const boundary = parameter(part.headers.get('content-type'), 'boundary');
    if (!boundary) return undefined;
    const children = part.body
      .split(`--${boundary}`)
      .slice(1)
      .filter((chunk) => !chunk.startsWith('--'))
      .map((chunk) => splitPart(chunk.replace(/^\n/, '')));
    const plain = children.map((child) => ({ child, type: (child.headers.get('content-type') ?? 'text/plain').toLowerCase() }));
    for (const { child, type: t } of plain) if (t.startsWith('text/plain') || t.startsWith('multipart/')) {
      const text = textOf(child);
      if (text !== undefined) return text;
    }
    for (const { child, type: t } of plain) if (t.startsWith('text/html')) return textOf(child);
    return undefined;
  }
  if (!type.startsWith('text/')) return undefined;
  const decoded = decodeBody(part.body, part.headers.get('content-transfer-encoding'), parameter(part.headers.get('content-type'), 'charset'));
  return type.startsWith('text/html') ? htmlToText(decoded) : decoded.replace(/\n+$/, '');
}

function decodeBody(body: string, encoding: string | undefined, charset: string | undefined): string {
  const bytes = bytesOf(body, (encoding ?? '7bit').toLowerCase().trim());
  return decodeCharset(bytes, charset);
}

function bytesOf(body: string, encoding: string): Uint8Array {
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64');
  if (encoding === 'quoted-printable') {
    const soft = body.replace(/=\n/g, '');
    const out: number[] = [];
    for (let i = 0; i < soft.length; i++) {
      const hex = soft[i] === '=' ? /^[0-9A-Fa-f]{2}/.exec(soft.slice(i + 1, i + 3)) : null;
      if (hex) {
        out.push(parseInt(hex[0], 16));
        i += 2;
      } else out.push(soft.charCodeAt(i) & 0xff);
    }
    return Uint8Array.from(out);
  }
  return Buffer.from(body, 'latin1');
}

function decodeCharset(bytes: Uint8Array, charset: string | undefined): string {
  const name = (charset ?? 'utf-8').toLowerCase();
  try {
    return new TextDecoder(name === 'us-ascii' ? 'utf-8' : name).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** RFC 2047 encoded words: `=?utf-8?Q?Comment=20on?=` and `=?UTF-8?B?...?=`. */
export function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, charset: string, kind: string, text: string) => {
      const bytes =
        kind.toUpperCase() === 'B'
          ? Buffer.from(text, 'base64')
          : bytesOf(text.replace(/_/g, ' '), 'quoted-printable');
      return decodeCharset(bytes, charset);
    });
}

function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/p>|<\/div>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
