/**
 * Certificate-status traffic: OCSP (RFC 6960) and CRL (RFC 5280) fetches a TLS stack makes to check that a server's
 * certificate was not revoked. They are plain HTTP by design (the answers are signed) and carry certificate serial
 * numbers, not user data, so they are the device's TLS infrastructure, not a recipient the app chose
 * (docs/decisions/0008-device-background-traffic.md). Recognised by host (`data/certificate-status.json`, hosts that
 * serve nothing else) or by the shape of every plain HTTP request on the flow, so an authority missing from the list
 * is still recognised.
 */
import { Buffer } from 'node:buffer';
import type { FlowSummary } from '../model/capture-summary.js';
import statusData from './data/certificate-status.json' with { type: 'json' };
import type { DeviceBackgroundHost } from './device-background.js';
import { memoiseByText } from './memoise-by-text.js';
import { normaliseHostName } from './registrable-domain.js';

type StatusKind = 'ocsp' | 'crl';

interface StatusHost {
  host?: string;
  suffix?: string;
  operator: string;
  kind: string;
  source: string;
}

const HOSTS: readonly StatusHost[] = statusData.hosts;
const REQUEST_CONTENT_TYPES: ReadonlySet<string> = new Set(statusData.requestContentTypes);
const CRL_PATH_SUFFIXES: readonly string[] = statusData.crlPathSuffixes;
const SHAPE_SOURCE = 'RFC 6960 appendix A.1 (OCSP over HTTP) and RFC 5280 §4.2.1.13 (CRL distribution points), recognised by the request';

/** DER object identifiers of the hash algorithms an OCSP CertID uses (SHA-1 and SHA-256), with their tag and length. */
const CERT_ID_HASH_OIDS: readonly Buffer[] = [Buffer.from('06052b0e03021a', 'hex'), Buffer.from('0609608648016503040201', 'hex')];

function kindOf(text: string): StatusKind {
  return text === 'crl' ? 'crl' : 'ocsp';
}

function toBackgroundEntry(kind: StatusKind, operator: string, source: string): DeviceBackgroundHost {
  return { operator, purpose: statusData.purpose[kind], source };
}

const entryOfHost = memoiseByText((host: string): DeviceBackgroundHost | null => {
  const name = normaliseHostName(host);
  const found = HOSTS.find((e) => (e.host !== undefined && name === e.host) || (e.suffix !== undefined && (name === e.suffix || name.endsWith(`.${e.suffix}`))));
  return found === undefined ? null : toBackgroundEntry(kindOf(found.kind), found.operator, found.source);
});

/**
 * True when a request path's last segment is an OCSP request in the GET form (RFC 6960 A.1: the URL-encoded base64 of
 * the DER OCSPRequest): it must decode to one DER SEQUENCE filling the bytes and hold a CertID hash algorithm, so an
 * ordinary base64 token in a path is not taken for one.
 */
function isOcspGetPath(path: string): boolean {
  const segment = path.slice(path.lastIndexOf('/') + 1);
  if (segment.length < 40) return false;
  let text: string;
  try {
    text = decodeURIComponent(segment);
  } catch {
    return false;
  }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return false;
  const der = Buffer.from(text, 'base64');
  if (der[0] !== 0x30 || der.length < 2) return false;
  const first = der[1] ?? 0;
  let length: number;
  let header: number;
  if (first < 0x80) {
    length = first;
    header = 2;
  } else {
    const bytes = first & 0x7f;
    if (bytes === 0 || bytes > 2 || der.length < 2 + bytes) return false;
    length = bytes === 1 ? (der[2] ?? 0) : ((der[2] ?? 0) << 8) | (der[3] ?? 0);
    header = 2 + bytes;
  }
  return header + length === der.length && CERT_ID_HASH_OIDS.some((oid) => der.includes(oid));
}

/** Method, path and body type of one request, or null for a request target that is not a URL. */
function readRequest(request: FlowSummary['httpRequests'][number]): { method: string; host: string; path: string; contentType: string | undefined } | null {
  try {
    const url = new URL(request.url);
    return { method: request.method.toUpperCase(), host: url.hostname, path: url.pathname, contentType: request.contentType };
  } catch {
    return null;
  }
}

/** The kind of certificate-status request this is, by its shape alone; null for any other request. */
function classifyRequest(request: FlowSummary['httpRequests'][number]): StatusKind | null {
  const read = readRequest(request);
  if (read === null) return null;
  if (read.method === 'POST' && read.contentType !== undefined && REQUEST_CONTENT_TYPES.has(read.contentType)) return 'ocsp';
  if (read.method !== 'GET') return null;
  const lower = read.path.toLowerCase();
  if (CRL_PATH_SUFFIXES.some((suffix) => lower.endsWith(suffix))) return 'crl';
  return isOcspGetPath(read.path) ? 'ocsp' : null;
}

/**
 * The certificate-status entry a flow belongs to, with the host that named it: a listed host (the one attribution
 * chose, else the Host of every plain HTTP request), else plain HTTP whose every request is an OCSP or CRL request.
 * Null for any other flow.
 */
export function matchCertificateStatus(flow: FlowSummary, selectedHost: string | null): { entry: DeviceBackgroundHost; host: string } | null {
  if (selectedHost !== null) {
    const entry = entryOfHost(selectedHost);
    if (entry !== null) return { entry, host: normaliseHostName(selectedHost) };
  }
  const requests = flow.httpRequests.map(readRequest);
  const firstHost = requests[0]?.host;
  if (firstHost !== undefined && firstHost !== '') {
    const entry = entryOfHost(firstHost);
    if (entry !== null && requests.every((r) => r !== null && entryOfHost(r.host) === entry)) return { entry, host: normaliseHostName(firstHost) };
  }
  if (flow.encryption !== 'none' || flow.httpRequests.length === 0) return null;
  const kinds = flow.httpRequests.map(classifyRequest);
  if (kinds.some((k) => k === null)) return null;
  const kind = kinds.includes('ocsp') ? 'ocsp' : 'crl';
  const host = selectedHost ?? (firstHost !== undefined && firstHost !== '' ? firstHost : flow.server);
  return { entry: toBackgroundEntry(kind, 'certificate authority', SHAPE_SOURCE), host: normaliseHostName(host) };
}
