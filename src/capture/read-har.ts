/**
 * HAR 1.2 reader (http://www.softwareishard.com/blog/har-12-spec/). A HAR records requests, not packets,
 * so each entry yields an `http-request`, a `host` (source 'har-url') and one `packet` standing in for
 * its connection, which lets flows and endpoints line up with what a packet capture of the same session gives.
 */
import { Buffer } from 'node:buffer';
import { ImportError } from '../model/errors.js';
import type { DirectionTotals } from '../model/capture-summary.js';
import type { Observation } from '../model/observation.js';
import { normalizeIpAddress } from './format-ip-address.js';
import { JsonArrayStream, JsonStreamError } from './stream-json-array.js';
import type { ReadStats } from './link-frame.js';

/**
 * HARs do not record the client's address; this placeholder keeps the observation shape (an address)
 * while being obviously not a real peer.
 */
export const HAR_CLIENT_ADDRESS = '0.0.0.0';
/** Entries are yielded in batches of this size. */
const BATCH_SIZE = 256;

interface HarHeader {
  name?: unknown;
  value?: unknown;
}

/** Response bodies are never read (only request fields and response sizes are), so they are not kept. */
const DROPPED_STRINGS = [['response', 'content', 'text']] as const;
/** A request field longer than this is not searched (postData of a huge upload); the entry is still read. */
const MAX_KEPT_STRING_BYTES = 64 * 1024 * 1024;

/**
 * Reads a HAR file from a byte stream, one entry at a time (src/capture/stream-json-array.ts): memory holds one
 * entry, never the document, so a HAR of any size is read, and response bodies (most of a HAR saved with
 * content) are scanned for syntax but never kept.
 * @throws ImportError when the bytes are not JSON or have no `log.entries` array.
 */
export async function* readHar(source: AsyncIterable<Uint8Array>, file: string, stats?: ReadStats): AsyncGenerator<Observation[]> {
  const reader = new JsonArrayStream({ arrayPath: ['log', 'entries'], droppedStrings: DROPPED_STRINGS, maxStringBytes: MAX_KEPT_STRING_BYTES });
  let batch: Observation[] = [];
  const clientPorts = new Map<string, number>();
  let frame = 0;
  const take = (): void => {
    for (const entry of reader.elements) {
      frame += 1;
      if (stats !== undefined) stats.frames = frame;
      observeEntry(entry, frame, batch, stats, clientPorts);
    }
    reader.elements.length = 0;
    for (const { element, path } of reader.oversized) {
      batch.push({ kind: 'warning', offset: element, where: 'entry', message: `${path} is longer than ${MAX_KEPT_STRING_BYTES / (1024 * 1024)} MiB; not searched` });
    }
    reader.oversized.length = 0;
  };
  try {
    for await (const chunk of source) {
      reader.write(chunk);
      take();
      if (batch.length >= BATCH_SIZE) {
        yield batch;
        batch = [];
      }
    }
    reader.end();
  } catch (error) {
    if (!(error instanceof JsonStreamError)) throw error;
    const detail = error.atEnd
      ? `line ${error.line}: not valid JSON: the document ends early (the file looks truncated)`
      : `line ${error.line}, column ${error.column}: not valid JSON: unexpected ${JSON.stringify(error.character)}`;
    throw new ImportError(file, detail, 'export the HAR again or check that the file is complete');
  }
  if (!reader.sawArray) {
    throw new ImportError(file, 'JSON has no log.entries array, so it is not a HAR file', 'use --format to pick another reader');
  }
  take();
  if (batch.length > 0) yield batch;
}

/**
 * A HAR names no client port, and one server address often serves several host names (a CDN, a platform's shared
 * IP). Each server, port and host name gets its own placeholder client port (1, 2, … in order of appearance), so it
 * becomes its own flow with its own host, and no host name is lost behind another on the same address.
 */
function clientPortFor(clientPorts: Map<string, number>, server: string, port: number, host: string, protocol: string): number {
  const key = `${protocol}|${server}|${port}|${host}`;
  let clientPort = clientPorts.get(key);
  if (clientPort === undefined) {
    // A placeholder, not a real port: it may pass 65535 in a HAR of that many hosts rather than merge two of them.
    clientPort = clientPorts.size + 1;
    clientPorts.set(key, clientPort);
  }
  return clientPort;
}

function observeEntry(entry: unknown, frame: number, out: Observation[], stats: ReadStats | undefined, clientPorts: Map<string, number>): void {
  const warn = (message: string): void => {
    out.push({ kind: 'warning', offset: frame, where: 'entry', message });
  };
  const urlText = getPath(entry, ['request', 'url']);
  if (typeof urlText !== 'string') {
    warn('no request.url; skipped');
    return;
  }
  let url: URL;
  try {
    url = new URL(urlText);
  } catch {
    warn('request.url is not a valid URL; skipped');
    return;
  }
  const scheme = url.protocol.replace(/:$/, '');
  if (!['http', 'https', 'ws', 'wss'].includes(scheme)) return;
  const encrypted = scheme === 'https' || scheme === 'wss';
  const hostname = url.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  const port = url.port === '' ? (encrypted ? 443 : 80) : Number(url.port);

  const started = getPath(entry, ['startedDateTime']);
  const millis = typeof started === 'string' ? Date.parse(started) : NaN;
  let time = Number.isFinite(millis) ? millis / 1000 : 0;
  if (!Number.isFinite(millis)) {
    warn('startedDateTime missing or invalid; time set to the previous entry');
    time = stats?.lastTime ?? 0;
  }
  if (stats !== undefined) {
    if (stats.firstTime === null || time < stats.firstTime) stats.firstTime = time;
    if (stats.lastTime === null || time > stats.lastTime) stats.lastTime = time;
  }

  const serverIp = getPath(entry, ['serverIPAddress']);
  const normalizedIp = typeof serverIp === 'string' ? normalizeIpAddress(serverIp) : null;
  const server = normalizedIp ?? hostname;
  const httpVersion = String(getPath(entry, ['request', 'httpVersion']) ?? getPath(entry, ['response', 'httpVersion']) ?? '');
  const overUdp = /^(h3|http\/3|quic)/i.test(httpVersion);
  const method = String(getPath(entry, ['request', 'method']) ?? 'GET').toUpperCase();
  const body = readPostData(getPath(entry, ['request', 'postData']));
  const headers = getPath(entry, ['request', 'headers']);
  const clientPort = clientPortFor(clientPorts, server, port, hostname, overUdp ? 'udp' : 'tcp');
  const headersText = Array.isArray(headers)
    ? (headers as HarHeader[])
        .filter((h) => typeof h?.name === 'string')
        .map((h) => `${String(h.name)}: ${typeof h.value === 'string' ? h.value : ''}`)
        .join('\r\n')
    : '';

  const exchange = measureEntryExchange(entry, `${method} ${url.pathname}${url.search} HTTP/1.1\r\n${headersText}\r\n\r\n`, body);
  out.push({
    kind: 'packet',
    frame,
    time,
    protocol: overUdp ? 'udp' : 'tcp',
    ipProtocol: overUdp ? 17 : 6,
    src: HAR_CLIENT_ADDRESS,
    dst: server,
    srcPort: clientPort,
    dstPort: port,
    frameLength: exchange.clientToServer.bytes + exchange.serverToClient.bytes,
    payload: body,
    tcpFlags: 0,
    exchange,
  });
  out.push({
    kind: 'host',
    frame,
    time,
    host: hostname,
    source: 'har-url',
    client: HAR_CLIENT_ADDRESS,
    clientPort,
    server,
    serverPort: port,
    protocol: overUdp ? 'udp' : 'tcp',
  });
  out.push({
    kind: 'http-request',
    frame,
    time,
    method,
    url: urlText,
    host: hostname,
    encrypted,
    client: HAR_CLIENT_ADDRESS,
    clientPort,
    server,
    serverPort: port,
    headersText,
    body,
    protocol: overUdp ? 'udp' : 'tcp',
  });
}

/** Request body bytes from `postData` (text, possibly base64 per the `encoding` extension). */
function readPostData(postData: unknown): Uint8Array {
  const text = getPath(postData, ['text']);
  if (typeof text !== 'string' || text.length === 0) return new Uint8Array(0);
  const encoding = getPath(postData, ['encoding']);
  return encoding === 'base64' ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8');
}

/**
 * What each end of an entry sent, from the sizes the HAR gives (-1 means unknown in HAR): the request's headers and
 * body as sent (when the HAR leaves their sizes unknown, as browsers do for HTTP/2, the request line, recorded
 * headers and body measured as HTTP/1.1 would send them: a request always sends something), and the response as received (its transfer size, else headers and body). A HAR records messages, not
 * packets: each direction counts one, and its bytes are HTTP bytes (headers and body), not frames.
 */
function measureEntryExchange(entry: unknown, requestHead: string, body: Uint8Array): { clientToServer: DirectionTotals; serverToClient: DirectionTotals } {
  const size = (path: string[]): number | null => {
    const value = getPath(entry, path);
    return typeof value === 'number' && value >= 0 ? value : null;
  };
  const requestHeaders = size(['request', 'headersSize']) ?? Buffer.byteLength(requestHead, 'utf8');
  const requestBody = size(['request', 'bodySize']) ?? body.length;
  const response = size(['response', '_transferSize']) || (size(['response', 'headersSize']) ?? 0) + (size(['response', 'bodySize']) ?? 0);
  return {
    clientToServer: { packets: 1, bytes: requestHeaders + requestBody, payloadBytes: requestHeaders + requestBody },
    serverToClient: { packets: 1, bytes: response, payloadBytes: response },
  };
}

function getPath(value: unknown, path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
