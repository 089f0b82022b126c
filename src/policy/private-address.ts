import { parseIp } from '../enrich/ip-address.js';

/** One range a page linked from a public policy must never make claimcheck connect to. */
interface RefusedRange {
  cidr: string;
  /** What the range is, for the one-line refusal ("loopback", "carrier-grade NAT"). */
  name: string;
  version: 4 | 6;
  first: bigint;
  last: bigint;
}

/**
 * The special-purpose ranges a careful SSRF guard refuses: anything that reaches the local machine,
 * the user's own or the provider's network (private, CGNAT, link-local with cloud metadata), or is not
 * a unicast server on the internet at all. Documentation ranges are left alone: they route nowhere.
 */
const REFUSED: readonly [cidr: string, name: string][] = [
  ['0.0.0.0/8', '"this network" (0.0.0.0 reaches the local machine)'],
  ['10.0.0.0/8', 'private network'],
  ['100.64.0.0/10', 'carrier-grade NAT shared address space'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local (cloud metadata)'],
  ['172.16.0.0/12', 'private network'],
  ['192.0.0.0/24', 'IETF protocol assignments'],
  ['192.168.0.0/16', 'private network'],
  ['198.18.0.0/15', 'benchmarking'],
  ['224.0.0.0/4', 'multicast'],
  // Broadcast before the reserved block that contains it, so the refusal names it.
  ['255.255.255.255/32', 'broadcast'],
  ['240.0.0.0/4', 'reserved'],
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['fc00::/7', 'unique local'],
  ['fe80::/10', 'link-local'],
  // Deprecated (RFC 3879) but still routed within a site by some networks.
  ['fec0::/10', 'site-local'],
  ['ff00::/8', 'multicast'],
  // NAT64 local use (RFC 8215): a translator the operator runs, leading into its own network.
  ['64:ff9b:1::/48', 'local-use NAT64'],
];

/**
 * IPv6 forms that carry an IPv4 address a host or translator may connect to instead: each is judged by
 * that address first, so that `::127.0.0.1` is refused as loopback. IPv4-mapped ::ffff:0:0/96 is not
 * listed: parseIp already reads it as the IPv4 address it is.
 */
interface EmbeddingForm {
  cidr: string;
  name: string;
  /** Whether the form is refused whatever address it carries (deprecated forms no server is reached by). */
  refusedAlways: boolean;
  matches(value: bigint): boolean;
  embedded(value: bigint): bigint;
}

const LOW_32_BITS = 0xffffffffn;
const topBits = (value: bigint, bits: bigint): bigint => value >> (128n - bits);
const EMBEDDING_FORMS: readonly EmbeddingForm[] = [
  // RFC 6052 well-known prefix: a NAT64 translator connects to the last 32 bits.
  { cidr: '64:ff9b::/96', name: 'NAT64', refusedAlways: false, matches: (v) => topBits(v, 96n) === 0x64ff9bn << 64n, embedded: (v) => v & LOW_32_BITS },
  // RFC 4291 IPv4-compatible (deprecated): some stacks still send it to the IPv4 address.
  { cidr: '::/96', name: 'IPv4-compatible', refusedAlways: true, matches: (v) => topBits(v, 96n) === 0n, embedded: (v) => v & LOW_32_BITS },
  // RFC 2765 IPv4-translated (SIIT), ::ffff:0:a.b.c.d.
  { cidr: '::ffff:0:0:0/96', name: 'IPv4-translated', refusedAlways: true, matches: (v) => topBits(v, 96n) === 0xffff0000n, embedded: (v) => v & LOW_32_BITS },
  // RFC 3056 6to4: a host with a 6to4 interface tunnels to the IPv4 address in bits 16-47.
  { cidr: '2002::/16', name: '6to4', refusedAlways: false, matches: (v) => topBits(v, 16n) === 0x2002n, embedded: (v) => (v >> 80n) & LOW_32_BITS },
];

function compile(cidr: string, name: string): RefusedRange {
  const [base = '', bits = ''] = cidr.split('/');
  const parsed = parseIp(base);
  if (parsed === null) throw new Error(`private-address.ts: bad range ${cidr}`);
  const width = parsed.version === 4 ? 32n : 128n;
  const first = BigInt(parsed.value);
  return { cidr, name, version: parsed.version, first, last: first + (1n << (width - BigInt(bits))) - 1n };
}

const RANGES = REFUSED.map(([cidr, name]) => compile(cidr, name));

/**
 * Why claimcheck must not connect to this address, e.g. "carrier-grade NAT shared address space
 * (100.64.0.0/10)", or null for a public unicast address. IPv6 forms that carry an IPv4 address
 * (IPv4-mapped, IPv4-compatible, IPv4-translated, NAT64 64:ff9b::/96, 6to4) are judged by the address
 * they carry, however written; the deprecated IPv4-compatible and IPv4-translated forms are refused
 * whatever they carry. Text that is not an address is refused, since nothing can be said to be safe about it.
 */
export function describeRefusedAddress(address: string): string | null {
  const parsed = parseIp(address);
  if (parsed === null) return 'not an IP address';
  const value = BigInt(parsed.value);
  const direct = findRange(parsed.version, value);
  if (direct !== null || parsed.version === 4) return direct;
  const form = EMBEDDING_FORMS.find((f) => f.matches(value));
  if (form === undefined) return null;
  const carried = findRange(4, form.embedded(value));
  if (carried !== null) return `${carried}, as ${form.name} (${form.cidr})`;
  return form.refusedAlways ? `${form.name}, deprecated (${form.cidr})` : null;
}

function findRange(version: 4 | 6, value: bigint): string | null {
  const range = RANGES.find((r) => r.version === version && value >= r.first && value <= r.last);
  return range ? `${range.name} (${range.cidr})` : null;
}

/** Whether an address is one a page linked from a public policy must not reach (see {@link describeRefusedAddress}). */
export function isPrivateAddress(address: string): boolean {
  return describeRefusedAddress(address) !== null;
}
