/**
 * DNS response decoding (RFC 1035 §4.1), limited to what ties names to addresses: A, AAAA and CNAME
 * answers. Name compression (§4.1.4) is followed with loop protection.
 */
import { formatIpv4, formatIpv6 } from './format-ip-address.js';

/** One answer record tying a name to an address or to another name. */
export interface DnsAnswerRecord {
  /** Owner name, lower case, no trailing dot. */
  name: string;
  type: 'A' | 'AAAA' | 'CNAME';
  /** Address text for A/AAAA, target name for CNAME. */
  value: string;
  ttl: number;
}

const TYPE_A = 1;
const TYPE_CNAME = 5;
const TYPE_AAAA = 28;
const CLASS_IN = 1;
/** §2.3.4: names are at most 255 octets. */
const MAX_NAME_LENGTH = 255;
/** More pointer hops than a legal name could need means a loop. */
const MAX_POINTER_HOPS = 64;

/** True when the UDP payload looks like a DNS response (QR bit set, standard header present). */
export function isDnsResponse(payload: Uint8Array): boolean {
  return payload.length >= 12 && ((payload[2] ?? 0) & 0x80) !== 0;
}

/** One question of a DNS message. */
export interface DnsQuestion {
  /** Queried name, lower case, no trailing dot. */
  name: string;
  /** Type mnemonic, or `TYPE<n>` (RFC 3597 §5) for types we have no name for. */
  type: string;
}

/** What a DNS message says about names: its questions, and for responses the answer records. */
export interface DnsMessage {
  response: boolean;
  questions: DnsQuestion[];
  answers: DnsAnswerRecord[];
}

/** Question types worth naming in reports; the rest print as TYPE<n>. */
const TYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [1, 'A'], [2, 'NS'], [5, 'CNAME'], [6, 'SOA'], [12, 'PTR'], [15, 'MX'], [16, 'TXT'], [28, 'AAAA'],
  [33, 'SRV'], [35, 'NAPTR'], [43, 'DS'], [48, 'DNSKEY'], [64, 'SVCB'], [65, 'HTTPS'], [255, 'ANY'],
]);

/**
 * Decodes the A, AAAA and CNAME records of a DNS response's answer section. Returns an error string for a
 * malformed message; records decoded before the damage are not returned, so a bad packet adds nothing.
 */
export function decodeDnsAnswers(payload: Uint8Array): DnsAnswerRecord[] | string {
  const message = decodeDnsMessage(payload);
  return typeof message === 'string' ? message : message.answers;
}

/**
 * Decodes the question section of any DNS message and, for a response, the A, AAAA and CNAME records of
 * its answer section. Returns an error string for a malformed message (nothing from it is kept then).
 */
export function decodeDnsMessage(payload: Uint8Array): DnsMessage | string {
  if (payload.length < 12) return 'DNS message shorter than its header';
  const response = ((payload[2] ?? 0) & 0x80) !== 0;
  const questionCount = readUint16(payload, 4);
  const answerCount = response ? readUint16(payload, 6) : 0;
  const questions: DnsQuestion[] = [];
  let pos = 12;
  for (let i = 0; i < questionCount; i++) {
    const name = readName(payload, pos);
    if (typeof name === 'string') return name;
    pos = name.next + 4;
    if (pos > payload.length) return 'DNS question runs past the message';
    const type = readUint16(payload, pos - 4);
    questions.push({ name: name.name, type: TYPE_NAMES.get(type) ?? `TYPE${type}` });
  }
  const records: DnsAnswerRecord[] = [];
  for (let i = 0; i < answerCount; i++) {
    const owner = readName(payload, pos);
    if (typeof owner === 'string') return owner;
    pos = owner.next;
    if (pos + 10 > payload.length) return 'DNS answer header runs past the message';
    const type = readUint16(payload, pos);
    // mDNS uses the top class bit as "cache flush" (RFC 6762 §10.2).
    const klass = readUint16(payload, pos + 2) & 0x7fff;
    const ttl = readUint32(payload, pos + 4);
    const dataLength = readUint16(payload, pos + 8);
    const dataStart = pos + 10;
    pos = dataStart + dataLength;
    if (pos > payload.length) return 'DNS answer data runs past the message';
    if (klass !== CLASS_IN) continue;
    if (type === TYPE_A && dataLength === 4) {
      records.push({ name: owner.name, type: 'A', value: formatIpv4(payload, dataStart), ttl });
    } else if (type === TYPE_AAAA && dataLength === 16) {
      records.push({ name: owner.name, type: 'AAAA', value: formatIpv6(payload, dataStart), ttl });
    } else if (type === TYPE_CNAME) {
      const target = readName(payload, dataStart);
      if (typeof target === 'string') return target;
      records.push({ name: owner.name, type: 'CNAME', value: target.name, ttl });
    }
  }
  return { response, questions, answers: records };
}

/**
 * Reads a possibly compressed domain name at `start`. `next` is the position after the name as written
 * at `start` (after the first pointer, if any).
 */
export function readName(message: Uint8Array, start: number): { name: string; next: number } | string {
  let pos = start;
  let next = -1;
  let hops = 0;
  let length = 0;
  let name = '';
  for (;;) {
    const labelLength = message[pos];
    if (labelLength === undefined) return 'DNS name runs past the message';
    if (labelLength === 0) {
      if (next < 0) next = pos + 1;
      break;
    }
    const kind = labelLength & 0xc0;
    if (kind === 0xc0) {
      const low = message[pos + 1];
      if (low === undefined) return 'DNS name pointer runs past the message';
      const target = ((labelLength & 0x3f) << 8) | low;
      // Pointers must go backwards; together with the hop limit this rules out loops.
      if (target >= pos || ++hops > MAX_POINTER_HOPS) return 'DNS name compression loop';
      if (next < 0) next = pos + 2;
      pos = target;
      continue;
    }
    if (kind !== 0) return 'DNS name uses an unsupported label type';
    if (pos + 1 + labelLength > message.length) return 'DNS label runs past the message';
    length += labelLength + 1;
    if (length > MAX_NAME_LENGTH) return 'DNS name longer than 255 octets';
    let label = '';
    for (let i = pos + 1; i <= pos + labelLength; i++) {
      let c = message[i] ?? 0;
      if (c >= 0x41 && c <= 0x5a) c += 0x20;
      label += String.fromCharCode(c);
    }
    name = name.length === 0 ? label : `${name}.${label}`;
    pos += 1 + labelLength;
  }
  return { name, next };
}

function readUint16(data: Uint8Array, at: number): number {
  return ((data[at] ?? 0) << 8) | (data[at + 1] ?? 0);
}

function readUint32(data: Uint8Array, at: number): number {
  return (((data[at] ?? 0) << 24) | ((data[at + 1] ?? 0) << 16) | ((data[at + 2] ?? 0) << 8) | (data[at + 3] ?? 0)) >>> 0;
}
