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
  ['ff00::/8', 'multicast'],
];

/** NAT64 (RFC 6052): the last 32 bits are the IPv4 address a translator connects to. */
const NAT64_PREFIX = 0x0064ff9bn << 96n;
const LOW_32_BITS = 0xffffffffn;

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
 * (100.64.0.0/10)", or null for a public unicast address. IPv4-mapped (::ffff:0:0/96) and NAT64
 * (64:ff9b::/96) addresses are judged by the IPv4 address they carry; text that is not an address is
 * refused, since nothing can be said to be safe about it.
 */
export function describeRefusedAddress(address: string): string | null {
  const parsed = parseIp(address);
  if (parsed === null) return 'not an IP address';
  let version = parsed.version;
  let value = BigInt(parsed.value);
  if (version === 6 && value >> 32n === NAT64_PREFIX >> 32n) {
    version = 4;
    value &= LOW_32_BITS;
  }
  const range = RANGES.find((r) => r.version === version && value >= r.first && value <= r.last);
  return range ? `${range.name} (${range.cidr})` : null;
}

/** Whether an address is one a page linked from a public policy must not reach (see {@link describeRefusedAddress}). */
export function isPrivateAddress(address: string): boolean {
  return describeRefusedAddress(address) !== null;
}
