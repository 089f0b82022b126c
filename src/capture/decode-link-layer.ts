/**
 * Finds the network-layer packet inside a link-layer frame. Link types are the LINKTYPE_* values of
 * https://www.tcpdump.org/linktypes.html.
 */

/** LINKTYPE_* values we decode. */
export const LINK_TYPE = {
  NULL: 0,
  ETHERNET: 1,
  RAW: 101,
  /** OpenBSD and some older systems wrote DLT_RAW as 12 or 14. */
  RAW_OPENBSD: 12,
  RAW_ALT: 14,
  LOOP: 108,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;

/** EtherType values (IEEE 802 numbers). */
export const ETHER_TYPE = {
  IPV4: 0x0800,
  IPV6: 0x86dd,
  VLAN: 0x8100,
  QINQ: 0x88a8,
  QINQ_OLD: 0x9100,
  PPPOE_SESSION: 0x8864,
} as const;

/** Where the IP packet starts, or why there is none. */
export type NetworkLayer =
  | { readonly kind: 'ip'; readonly version: 4 | 6; readonly offset: number }
  | { kind: 'not-ip' }
  | { kind: 'unsupported-link' }
  | { kind: 'truncated' };

const NOT_IP: NetworkLayer = { kind: 'not-ip' };
const UNSUPPORTED: NetworkLayer = { kind: 'unsupported-link' };
const TRUNCATED: NetworkLayer = { kind: 'truncated' };
/** IP locations at the offsets link layers use (0 to 63 bytes), made once and shared instead of one per frame. */
const SHARED_OFFSETS = 64;
const IPV4_AT: NetworkLayer[] = Array.from({ length: SHARED_OFFSETS }, (_, offset) => ({ kind: 'ip', version: 4, offset }));
const IPV6_AT: NetworkLayer[] = Array.from({ length: SHARED_OFFSETS }, (_, offset) => ({ kind: 'ip', version: 6, offset }));

function ipAt(version: 4 | 6, offset: number): NetworkLayer {
  const shared = offset < SHARED_OFFSETS ? (version === 4 ? IPV4_AT : IPV6_AT)[offset] : undefined;
  return shared ?? { kind: 'ip', version, offset };
}

/** Locates the IPv4/IPv6 header in a captured frame of the given link type. */
export function locateNetworkLayer(linkType: number, data: Uint8Array): NetworkLayer {
  switch (linkType) {
    case LINK_TYPE.ETHERNET:
      return locateInEthernet(data);
    case LINK_TYPE.RAW:
    case LINK_TYPE.RAW_OPENBSD:
    case LINK_TYPE.RAW_ALT:
      return locateByVersionNibble(data, 0);
    case LINK_TYPE.IPV4:
      return data.length >= 1 ? ipAt(4, 0) : TRUNCATED;
    case LINK_TYPE.IPV6:
      return data.length >= 1 ? ipAt(6, 0) : TRUNCATED;
    case LINK_TYPE.LINUX_SLL:
      // Linux "cooked" v1: 16-byte header, protocol (an EtherType) in the last two bytes.
      if (data.length < 16) return TRUNCATED;
      return fromEtherType(((data[14] ?? 0) << 8) | (data[15] ?? 0), data, 16);
    case LINK_TYPE.LINUX_SLL2:
      // Linux "cooked" v2: 20-byte header, protocol first.
      if (data.length < 20) return TRUNCATED;
      return fromEtherType(((data[0] ?? 0) << 8) | (data[1] ?? 0), data, 20);
    case LINK_TYPE.NULL:
    case LINK_TYPE.LOOP:
      return locateInLoopback(linkType, data);
    default:
      return UNSUPPORTED;
  }
}

/** Ethernet II with any number of 802.1Q / 802.1ad tags, and PPPoE sessions. */
function locateInEthernet(data: Uint8Array): NetworkLayer {
  if (data.length < 14) return TRUNCATED;
  let offset = 12;
  let etherType = ((data[12] ?? 0) << 8) | (data[13] ?? 0);
  // Bounded so a frame of repeated tags cannot spin.
  for (let tags = 0; tags < 8 && (etherType === ETHER_TYPE.VLAN || etherType === ETHER_TYPE.QINQ || etherType === ETHER_TYPE.QINQ_OLD); tags++) {
    offset += 4;
    if (data.length < offset + 2) return TRUNCATED;
    etherType = ((data[offset] ?? 0) << 8) | (data[offset + 1] ?? 0);
  }
  offset += 2;
  if (etherType === ETHER_TYPE.PPPOE_SESSION) {
    // RFC 2516 §4: 6-byte PPPoE header, then the 2-byte PPP protocol (0x0021 IPv4, 0x0057 IPv6).
    if (data.length < offset + 8) return TRUNCATED;
    const ppp = ((data[offset + 6] ?? 0) << 8) | (data[offset + 7] ?? 0);
    if (ppp === 0x0021) return ipAt(4, offset + 8);
    if (ppp === 0x0057) return ipAt(6, offset + 8);
    return NOT_IP;
  }
  return fromEtherType(etherType, data, offset);
}

function fromEtherType(etherType: number, data: Uint8Array, offset: number): NetworkLayer {
  if (etherType === ETHER_TYPE.IPV4) return data.length > offset ? ipAt(4, offset) : TRUNCATED;
  if (etherType === ETHER_TYPE.IPV6) return data.length > offset ? ipAt(6, offset) : TRUNCATED;
  return NOT_IP;
}

function locateByVersionNibble(data: Uint8Array, offset: number): NetworkLayer {
  const first = data[offset];
  if (first === undefined) return TRUNCATED;
  const version = first >> 4;
  if (version === 4) return ipAt(4, offset);
  if (version === 6) return ipAt(6, offset);
  return NOT_IP;
}

/**
 * BSD loopback: a 4-byte address family. LINKTYPE_NULL stores it in the capturing host's byte order,
 * which the file does not record, so both orders are tried; LINKTYPE_LOOP is always big-endian.
 */
function locateInLoopback(linkType: number, data: Uint8Array): NetworkLayer {
  if (data.length < 5) return TRUNCATED;
  const big = (((data[0] ?? 0) << 24) | ((data[1] ?? 0) << 16) | ((data[2] ?? 0) << 8) | (data[3] ?? 0)) >>> 0;
  const little = (((data[3] ?? 0) << 24) | ((data[2] ?? 0) << 16) | ((data[1] ?? 0) << 8) | (data[0] ?? 0)) >>> 0;
  const family = linkType === LINK_TYPE.LOOP || big <= 0xff ? big : little;
  // AF_INET is 2 everywhere; AF_INET6 is 24 (NetBSD/OpenBSD), 28 (FreeBSD), 30 (macOS), 10 (Linux).
  if (family === 2) return ipAt(4, 4);
  if (family === 24 || family === 28 || family === 30 || family === 10) return ipAt(6, 4);
  return locateByVersionNibble(data, 4);
}
