/**
 * Special-purpose (private, loopback, link-local, multicast, documentation, reserved) address ranges.
 * Such addresses have no network owner and no country: a lookup must say so plainly instead of
 * returning whatever public allocation the data set happens to list nearby.
 */
import { parseIp, parseIpv4, parseIpv6 } from './ip-address.js';
import { memoiseByText } from './memoise-by-text.js';
import specialPurpose from './data/special-purpose-addresses.json' with { type: 'json' };

/** Kind of special-purpose range, following the IANA registry's names where it has them. */
export type SpecialAddressKind =
  | 'unspecified'
  | 'private-use'
  | 'shared-address-space'
  | 'loopback'
  | 'link-local'
  | 'reserved'
  | 'documentation'
  | 'benchmarking'
  | 'multicast'
  | 'broadcast';

/** One special-purpose range an address fell into. */
export interface SpecialAddressRange {
  cidr: string;
  kind: SpecialAddressKind;
  /** Human-readable name with its RFC, for evidence strings. */
  label: string;
}

interface CompiledRange {
  range: SpecialAddressRange;
  version: 4 | 6;
  first: bigint;
  last: bigint;
}

/** Compile the JSON table once; a malformed entry is a packaging bug, so it throws. */
function compileRanges(): CompiledRange[] {
  return specialPurpose.ranges.map((entry) => {
    const [base = '', bitsText = ''] = entry.cidr.split('/');
    const bits = Number(bitsText);
    const v4 = base.includes(':') ? null : parseIpv4(base);
    const v6 = base.includes(':') ? parseIpv6(base) : null;
    const width = v4 !== null ? 32 : 128;
    const start = v4 !== null ? BigInt(v4) : v6;
    if (start === null || !Number.isInteger(bits) || bits < 0 || bits > width) {
      throw new Error(`special-purpose-addresses.json: bad CIDR ${entry.cidr}`);
    }
    const size = 1n << BigInt(width - bits);
    return {
      range: { cidr: entry.cidr, kind: entry.kind as SpecialAddressKind, label: entry.label },
      version: v4 !== null ? 4 : 6,
      first: start,
      last: start + size - 1n,
    };
  });
}

const RANGES = compileRanges();

/**
 * The special-purpose range an address belongs to, or null for a globally routable address
 * (and for text that is not an IP address at all).
 */
export function classifySpecialAddress(ip: string): SpecialAddressRange | null {
  return classifyOnce(ip);
}

const classifyOnce = memoiseByText((ip: string): SpecialAddressRange | null => {
  const parsed = parseIp(ip);
  if (parsed === null) return null;
  const value = BigInt(parsed.value);
  for (const r of RANGES) {
    if (r.version === parsed.version && value >= r.first && value <= r.last) return r.range;
  }
  return null;
});

/**
 * True for private, shared (CGN), loopback, link-local, multicast, documentation, benchmarking and
 * reserved addresses: anything that cannot name a server on the public internet.
 */
export function isPrivateAddress(ip: string): boolean {
  return classifySpecialAddress(ip) !== null;
}
