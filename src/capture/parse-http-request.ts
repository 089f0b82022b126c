/**
 * HTTP/1.x request head parsing (RFC 9112 §3 request line, §5 header fields) from the first TCP segment
 * of a request. Only what fits in the segment is read; that is enough for the request line and Host.
 */
import { Buffer } from 'node:buffer';

/** A plain-HTTP request head. */
export interface HttpRequestHead {
  method: string;
  /** Request target as sent (origin-form path or absolute-form URL). */
  target: string;
  /** Host header value (lower case), or the authority of an absolute-form target, or ''. */
  host: string;
  /** Header lines (without the request line) as text, CRLF-separated. */
  headersText: string;
  /** Offset of the body in the payload, or the payload length when the head was not complete. */
  bodyOffset: number;
}

const METHODS: ReadonlySet<string> = new Set([
  'GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH', 'CONNECT', 'TRACE',
  'PROPFIND', 'PROPPATCH', 'MKCOL', 'COPY', 'MOVE', 'LOCK', 'UNLOCK', 'REPORT', 'SEARCH',
]);
/** Longest request line we look at; real ones can be long because of query strings. */
const MAX_REQUEST_LINE = 16384;

/** True when `payload` starts with a known request method and a space: the start of a request head. */
export function startsWithHttpMethod(payload: Uint8Array): boolean {
  const first = payload[0];
  if (first === undefined || first < 0x41 || first > 0x5a) return false;
  for (let i = 1; i < Math.min(payload.length, 12); i++) {
    if (payload[i] === 0x20) return METHODS.has(latin1(payload, 0, i));
  }
  return false;
}

/** Parses the head of an HTTP/1.x request at the start of `payload`; null when it is not one. */
export function parseHttpRequest(payload: Uint8Array): HttpRequestHead | null {
  const first = payload[0];
  // Cheap rejection before any string work: methods start with an upper-case letter.
  if (first === undefined || first < 0x41 || first > 0x5a) return null;
  let space = -1;
  for (let i = 1; i < Math.min(payload.length, 12); i++) {
    if (payload[i] === 0x20) {
      space = i;
      break;
    }
  }
  if (space < 0) return null;
  const method = latin1(payload, 0, space);
  if (!METHODS.has(method)) return null;
  const lineEnd = indexOfCrlf(payload, space, Math.min(payload.length, MAX_REQUEST_LINE));
  if (lineEnd < 0) return null;
  const line = latin1(payload, space + 1, lineEnd);
  const versionAt = line.lastIndexOf(' HTTP/1.');
  if (versionAt <= 0) return null;
  const target = line.slice(0, versionAt);
  const headEnd = indexOfHeadEnd(payload, lineEnd);
  const headersEnd = headEnd < 0 ? payload.length : headEnd;
  const headersText = latin1(payload, Math.min(lineEnd + 2, headersEnd), headersEnd);
  let host = '';
  for (const header of headersText.split('\r\n')) {
    const colon = header.indexOf(':');
    if (colon > 0 && header.slice(0, colon).trim().toLowerCase() === 'host') {
      host = header.slice(colon + 1).trim().toLowerCase();
      break;
    }
  }
  if (host === '' && /^https?:\/\//i.test(target)) {
    const authority = target.replace(/^https?:\/\//i, '').split(/[/?#]/)[0] ?? '';
    host = authority.replace(/^[^@]*@/, '').toLowerCase();
  }
  return { method, target, host, headersText, bodyOffset: headEnd < 0 ? payload.length : headEnd + 4 };
}

/** The media type of a request body from its header lines (`Content-Type: Application/OCSP-Request; x=1` → `application/ocsp-request`); null when none. */
export function readContentType(headersText: string): string | null {
  for (const header of headersText.split('\r\n')) {
    const colon = header.indexOf(':');
    if (colon > 0 && header.slice(0, colon).trim().toLowerCase() === 'content-type') {
      const type = (header.slice(colon + 1).split(';')[0] ?? '').trim().toLowerCase();
      return type === '' ? null : type;
    }
  }
  return null;
}

/** Builds the absolute URL for a request seen on the wire. */
export function buildRequestUrl(head: HttpRequestHead, scheme: 'http' | 'https'): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(head.target)) return head.target;
  if (head.method === 'CONNECT' || head.host === '') return head.target;
  return `${scheme}://${head.host}${head.target.startsWith('/') ? '' : '/'}${head.target === '*' ? '' : head.target}`;
}

function indexOfCrlf(data: Uint8Array, from: number, to: number): number {
  for (let i = from; i + 1 < to; i++) if (data[i] === 0x0d && data[i + 1] === 0x0a) return i;
  return -1;
}

function indexOfHeadEnd(data: Uint8Array, from: number): number {
  for (let i = from; i + 3 < data.length; i++) {
    if (data[i] === 0x0d && data[i + 1] === 0x0a && data[i + 2] === 0x0d && data[i + 3] === 0x0a) return i;
  }
  return -1;
}

function latin1(data: Uint8Array, start: number, end: number): string {
  if (end <= start) return '';
  return Buffer.from(data.buffer, data.byteOffset + start, end - start).toString('latin1');
}
