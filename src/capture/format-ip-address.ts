/**
 * Canonical text for IP addresses, so that every importer (pcap, HAR, Zeek) produces the same strings:
 * dotted quad for IPv4, RFC 5952 for IPv6.
 */

/**
 * Recently formatted addresses, in direct-mapped tables indexed by a hash of the address bytes: a capture talks to
 * few addresses many times, and formatting two per packet is a measurable share of import time. A table slot holds
 * the address bytes and their text; a colliding address simply replaces it, so memory stays fixed and no key
 * (string or boxed number) is built per lookup.
 */
const CACHE_SLOTS = 4096;
const CACHE_MASK = CACHE_SLOTS - 1;
const ipv4Keys = new Int32Array(CACHE_SLOTS);
const ipv4Texts: (string | undefined)[] = new Array<string | undefined>(CACHE_SLOTS).fill(undefined);
const ipv6Keys = new Int32Array(CACHE_SLOTS * 4);
const ipv6Texts: (string | undefined)[] = new Array<string | undefined>(CACHE_SLOTS).fill(undefined);

/** Slot of a 32-bit value (Knuth's multiplicative hash, top bits). */
function slotOf(value: number): number {
  return (Math.imul(value, 0x9e3779b1) >>> 20) & CACHE_MASK;
}

/** Formats 4 bytes at `at` as dotted-quad IPv4. */
export function formatIpv4(bytes: Uint8Array, at: number): string {
  const a = bytes[at] ?? 0;
  const b = bytes[at + 1] ?? 0;
  const c = bytes[at + 2] ?? 0;
  const d = bytes[at + 3] ?? 0;
  const value = (a << 24) | (b << 16) | (c << 8) | d;
  const slot = slotOf(value);
  const cached = ipv4Texts[slot];
  if (cached !== undefined && ipv4Keys[slot] === value) return cached;
  const text = `${a}.${b}.${c}.${d}`;
  ipv4Keys[slot] = value;
  ipv4Texts[slot] = text;
  return text;
}

/** Formats 16 bytes at `at` as IPv6 text per RFC 5952 (§4: lower case, no leading zeros, longest zero run as `::`). */
export function formatIpv6(bytes: Uint8Array, at: number): string {
  const w0 = readWord(bytes, at);
  const w1 = readWord(bytes, at + 4);
  const w2 = readWord(bytes, at + 8);
  const w3 = readWord(bytes, at + 12);
  const slot = slotOf(w0 ^ Math.imul(w1, 31) ^ Math.imul(w2, 961) ^ Math.imul(w3, 29791));
  const keyAt = slot * 4;
  const cached = ipv6Texts[slot];
  if (cached !== undefined && ipv6Keys[keyAt] === w0 && ipv6Keys[keyAt + 1] === w1 && ipv6Keys[keyAt + 2] === w2 && ipv6Keys[keyAt + 3] === w3) {
    return cached;
  }
  const text = formatIpv6Groups(bytes, at);
  ipv6Keys[keyAt] = w0;
  ipv6Keys[keyAt + 1] = w1;
  ipv6Keys[keyAt + 2] = w2;
  ipv6Keys[keyAt + 3] = w3;
  ipv6Texts[slot] = text;
  return text;
}

function readWord(bytes: Uint8Array, at: number): number {
  return ((bytes[at] ?? 0) << 24) | ((bytes[at + 1] ?? 0) << 16) | ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0);
}

function formatIpv6Groups(bytes: Uint8Array, at: number): string {
  const groups: number[] = [];
  for (let i = 0; i < 8; i++) groups.push(((bytes[at + i * 2] ?? 0) << 8) | (bytes[at + i * 2 + 1] ?? 0));
  // RFC 5952 §5: IPv4-mapped addresses keep the dotted suffix.
  if (groups[0] === 0 && groups[1] === 0 && groups[2] === 0 && groups[3] === 0 && groups[4] === 0 && groups[5] === 0xffff) {
    return `::ffff:${formatIpv4(bytes, at + 12)}`;
  }
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    // §4.2.2: a single zero group is not shortened; §4.2.3: the first of equal runs wins.
    if (j - i > bestLength && j - i >= 2) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/**
 * Normalises address text from text formats (HAR `serverIPAddress`, Zeek logs) to the same canonical form,
 * stripping brackets and zone ids. Returns null when the text is not an IP address.
 */
export function normalizeIpAddress(text: string): string | null {
  let value = text.trim();
  if (value.startsWith('[') && value.endsWith(']')) value = value.slice(1, -1);
  const zone = value.indexOf('%');
  if (zone >= 0) value = value.slice(0, zone);
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(value)) {
    const parts = value.split('.').map(Number);
    if (parts.some((p) => p > 255)) return null;
    return parts.join('.');
  }
  if (!value.includes(':')) return null;
  const bytes = parseIpv6Text(value);
  return bytes === null ? null : formatIpv6(bytes, 0);
}

function parseIpv6Text(text: string): Uint8Array | null {
  let body = text;
  const lastColon = body.lastIndexOf(':');
  const dotted = body.slice(lastColon + 1);
  if (dotted.includes('.')) {
    // An embedded IPv4 suffix is rewritten as two hex groups so one parser handles both forms.
    const parts = dotted.split('.').map(Number);
    if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return null;
    const hi = (((parts[0] ?? 0) << 8) | (parts[1] ?? 0)).toString(16);
    const lo = (((parts[2] ?? 0) << 8) | (parts[3] ?? 0)).toString(16);
    body = `${body.slice(0, lastColon + 1)}${hi}:${lo}`;
  }
  const halves = body.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string | undefined): number[] | null => {
    if (part === undefined || part === '') return [];
    const out: number[] = [];
    for (const g of part.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = parse(halves[0]);
  const right = parse(halves[1]);
  if (head === null || right === null) return null;
  const missing = 8 - head.length - right.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...new Array<number>(missing).fill(0), ...right];
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    bytes[i * 2] = g >>> 8;
    bytes[i * 2 + 1] = g & 0xff;
  });
  return bytes;
}
