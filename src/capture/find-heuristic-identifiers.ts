/**
 * Finds personal identifiers nobody told us to look for: e-mail addresses, phone numbers in international form,
 * UUIDs (the shape of Android and iOS advertising IDs), IMEI-shaped numbers (15 digits with a GSMA reporting-body
 * prefix, passing the Luhn check) and
 * precise coordinates. Shapes, not proof: every hit is labelled heuristic, and only plaintext sent by the client is
 * searched (a response body or ciphertext says nothing about what the app gave away).
 */
import { Buffer } from 'node:buffer';
import { parse } from '../tldts.js';
import { mayHoldHeuristicIdentifier } from './may-hold-heuristic-identifier.js';

/** Kinds of identifier recognised by shape. */
export type HeuristicKind = 'email' | 'phone' | 'advertising-id' | 'uuid' | 'imei' | 'coordinates';

/** One identifier found by shape: the text as it appeared and where. */
export interface HeuristicMatch {
  kind: HeuristicKind;
  /** The matched text, URL-decoded where it was URL-encoded. */
  value: string;
  encoding: 'raw' | 'url-encoded';
  offset: number;
}

/** Payloads longer than this are searched only in their first part: request heads and small bodies carry IDs. */
const MAX_SEARCHED_BYTES = 64 * 1024;
const MAX_MATCHES = 32;

const EMAIL = /[A-Za-z0-9._+-]{1,64}(@|%40)[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}(?![A-Za-z0-9-])/g;
const PHONE = /(?<![\w+%])(\+|%2[Bb])[1-9][0-9]{7,14}(?![0-9])/g;
const UUID = /(?<![0-9A-Fa-f-])[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}(?![0-9A-Fa-f-])/g;
/** Keys apps and SDKs use for the advertising ID, seen just before the value. */
const ADVERTISING_KEY = /(?:adid|ad_id|advertising_?id|gaid|idfa|aaid|google_aid|ifa)["']?\s*[=:]\s*["']?$/i;
const IMEI = /(?<![0-9])[0-9]{15}(?![0-9])/g;
/** GSMA reporting-body identifiers, the first two digits of every allocated IMEI (TAC); most phones have 35 or 86. */
const IMEI_REPORTING_BODIES: ReadonlySet<string> = new Set(['01', '10', '30', '33', '35', '44', '45', '49', '50', '51', '52', '53', '54', '86', '91', '98', '99']);
const COORDINATE_PAIR = /(?<![0-9.])(-?[0-9]{1,2}\.[0-9]{4,})\s*(?:,|%2C|;)\s*(-?[0-9]{1,3}\.[0-9]{4,})(?![0-9])/g;
const LATITUDE_KEY = /\b(?:lat|latitude)["']?\s*[=:]\s*["']?(-?[0-9]{1,2}\.[0-9]{4,})/i;
const LONGITUDE_KEY = /\b(?:lon|lng|long|longitude)["']?\s*[=:]\s*["']?(-?[0-9]{1,3}\.[0-9]{4,})/i;

/** Finds identifiers by shape in `payload` (latin1 view of the bytes). */
export function findHeuristicIdentifiers(payload: Uint8Array): HeuristicMatch[] {
  const length = Math.min(payload.length, MAX_SEARCHED_BYTES);
  // Most payloads hold no identifier's core; they are skipped without decoding them to text.
  if (length < 8 || !mayHoldHeuristicIdentifier(payload, length)) return [];
  return findHeuristicIdentifiersInText(Buffer.from(payload.buffer, payload.byteOffset, length).toString('latin1'));
}

/** Finds identifiers by shape in text (a latin1 view of payload bytes), without the byte-level pre-test. */
export function findHeuristicIdentifiersInText(text: string): HeuristicMatch[] {
  const matches: HeuristicMatch[] = [];
  const push = (match: HeuristicMatch): void => {
    if (matches.length < MAX_MATCHES && !matches.some((m) => m.kind === match.kind && m.value === match.value)) matches.push(match);
  };
  if (text.includes('@') || /%40/.test(text)) {
    for (const m of text.matchAll(EMAIL)) {
      const encoded = m[1] === '%40';
      // The part after @ must be a real domain: `a@0.scroll` in a tracker's cookie is not an address.
      const domain = parse(m[0].slice(m[0].indexOf(m[1] ?? '@') + (m[1] ?? '@').length), { allowPrivateDomains: false });
      if (domain.isIcann !== true || domain.domain === null || !/[a-z]/i.test(domain.domainWithoutSuffix ?? '')) continue;
      push({ kind: 'email', value: encoded ? m[0].replace('%40', '@') : m[0], encoding: encoded ? 'url-encoded' : 'raw', offset: m.index });
    }
  }
  for (const m of text.matchAll(PHONE)) {
    const encoded = m[1] !== '+';
    push({ kind: 'phone', value: encoded ? `+${m[0].slice(3)}` : m[0], encoding: encoded ? 'url-encoded' : 'raw', offset: m.index });
  }
  for (const m of text.matchAll(UUID)) {
    // The nil UUID and all-same placeholders are what an app sends when tracking is limited.
    if (/^[0-]+$/i.test(m[0]) || /^([0-9a-f])\1{7}-\1{4}-\1{4}-\1{4}-\1{12}$/i.test(m[0])) continue;
    const before = text.slice(Math.max(0, m.index - 32), m.index);
    push({ kind: ADVERTISING_KEY.test(before) ? 'advertising-id' : 'uuid', value: m[0].toLowerCase(), encoding: 'raw', offset: m.index });
  }
  for (const m of text.matchAll(IMEI)) {
    if (IMEI_REPORTING_BODIES.has(m[0].slice(0, 2)) && passesLuhn(m[0]) && !/^(\d)\1+$/.test(m[0])) push({ kind: 'imei', value: m[0], encoding: 'raw', offset: m.index });
  }
  for (const m of text.matchAll(COORDINATE_PAIR)) {
    if (isCoordinatePair(m[1], m[2])) push({ kind: 'coordinates', value: `${m[1]},${m[2]}`, encoding: m[0].includes('%2C') ? 'url-encoded' : 'raw', offset: m.index });
  }
  const latitude = LATITUDE_KEY.exec(text);
  const longitude = LONGITUDE_KEY.exec(text);
  if (latitude !== null && longitude !== null && isCoordinatePair(latitude[1], longitude[1])) {
    push({ kind: 'coordinates', value: `${latitude[1]},${longitude[1]}`, encoding: 'raw', offset: Math.min(latitude.index, longitude.index) });
  }
  return matches.sort((a, b) => a.offset - b.offset);
}

/** Latitude within ±90 and longitude within ±180, not both zero (a default, not a place). */
function isCoordinatePair(latitude: string | undefined, longitude: string | undefined): boolean {
  const lat = Number(latitude);
  const lon = Number(longitude);
  return Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 && !(lat === 0 && lon === 0);
}

/** ISO/IEC 7812 Luhn check, which the 15th digit of an IMEI satisfies. */
function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
