import { describe, expect, it } from 'vitest';
import { describeRefusedAddress, isPrivateAddress } from '../../src/policy/private-address.js';

describe('describeRefusedAddress (where a page linked from a public policy may not lead)', () => {
  it.each([
    ['0.0.0.0', '"this network"'],
    ['0.255.255.255', '"this network"'],
    ['10.1.2.3', 'private network (10.0.0.0/8)'],
    ['100.64.0.0', 'carrier-grade NAT shared address space (100.64.0.0/10)'],
    ['100.127.255.255', 'carrier-grade NAT'],
    ['127.0.0.1', 'loopback (127.0.0.0/8)'],
    ['127.255.0.9', 'loopback'],
    ['169.254.169.254', 'link-local (cloud metadata) (169.254.0.0/16)'],
    ['172.16.0.1', 'private network (172.16.0.0/12)'],
    ['172.31.255.255', 'private network (172.16.0.0/12)'],
    ['192.0.0.170', 'IETF protocol assignments (192.0.0.0/24)'],
    ['192.168.1.1', 'private network (192.168.0.0/16)'],
    ['198.18.0.1', 'benchmarking (198.18.0.0/15)'],
    ['198.19.255.255', 'benchmarking'],
    ['224.0.0.251', 'multicast (224.0.0.0/4)'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved (240.0.0.0/4)'],
    ['255.255.255.255', 'broadcast (255.255.255.255/32)'],
    ['255.255.255.254', 'reserved (240.0.0.0/4)'],
    ['::', 'unspecified (::/128)'],
    ['::1', 'loopback (::1/128)'],
    ['[::1]', 'loopback (::1/128)'],
    ['fc00::1', 'unique local (fc00::/7)'],
    ['fd12:3456::1', 'unique local (fc00::/7)'],
    ['fe80::1%eth0', 'link-local (fe80::/10)'],
    ['febf::1', 'link-local (fe80::/10)'],
    ['ff02::1', 'multicast (ff00::/8)'],
    // IPv4-mapped and NAT64 addresses are judged by the IPv4 address they carry, however written.
    ['::ffff:127.0.0.1', 'loopback (127.0.0.0/8)'],
    ['::ffff:7f00:1', 'loopback (127.0.0.0/8)'],
    ['::ffff:a9fe:a9fe', 'link-local (cloud metadata)'],
    ['64:ff9b::10.0.0.1', 'private network (10.0.0.0/8)'],
    ['64:ff9b::6440:1', 'carrier-grade NAT'],
    ['64:ff9b::a9fe:a9fe', 'link-local (cloud metadata)'],
    ['64:ff9b::127.0.0.1', 'loopback (127.0.0.0/8), as NAT64 (64:ff9b::/96)'],
    ['64:ff9b:0:0:0:0:c0a8:101', 'private network (192.168.0.0/16), as NAT64'],
    // IPv4-compatible (deprecated): judged by the IPv4 address it carries, and refused whatever it carries.
    ['::127.0.0.1', 'loopback (127.0.0.0/8), as IPv4-compatible (::/96)'],
    ['::7f00:1', 'loopback (127.0.0.0/8), as IPv4-compatible'],
    ['[::a9fe:a9fe]', 'link-local (cloud metadata) (169.254.0.0/16), as IPv4-compatible'],
    ['::8.8.8.8', 'IPv4-compatible, deprecated (::/96)'],
    // IPv4-translated (SIIT, ::ffff:0:0:0/96), likewise.
    ['::ffff:0:127.0.0.1', 'loopback (127.0.0.0/8), as IPv4-translated (::ffff:0:0:0/96)'],
    ['::ffff:0:a00:1', 'private network (10.0.0.0/8), as IPv4-translated'],
    ['::ffff:0:8.8.8.8', 'IPv4-translated, deprecated (::ffff:0:0:0/96)'],
    // NAT64 local use (RFC 8215) leads into the operator's own network, whatever it embeds.
    ['64:ff9b:1::1', 'local-use NAT64 (64:ff9b:1::/48)'],
    ['64:ff9b:1:ffff:ffff:ffff:ffff:ffff', 'local-use NAT64'],
    ['64:ff9b:1::808:808', 'local-use NAT64'],
    // Site-local (deprecated, RFC 3879).
    ['fec0::1', 'site-local (fec0::/10)'],
    ['feff:ffff::1', 'site-local (fec0::/10)'],
    // 6to4 tunnels to the IPv4 address in bits 16-47.
    ['2002:7f00:1::1', 'loopback (127.0.0.0/8), as 6to4 (2002::/16)'],
    ['2002:a9fe:a9fe::', 'link-local (cloud metadata) (169.254.0.0/16), as 6to4'],
    ['localhost', 'not an IP address'],
    ['', 'not an IP address'],
  ])('refuses %s: %s', (address, reason) => {
    expect(describeRefusedAddress(address)).toContain(reason);
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each([
    '1.1.1.1',
    '9.255.255.255',
    '11.0.0.0',
    '100.63.255.255',
    '100.128.0.0',
    '126.255.255.255',
    '128.0.0.0',
    '169.253.255.255',
    '172.15.255.255',
    '172.32.0.0',
    '192.0.1.0',
    '192.167.255.255',
    '198.17.255.255',
    '198.20.0.0',
    '223.255.255.255',
    '2606:4700:4700::1111',
    '2a00:1450:4001:80b::200e',
    'fbff::1',
    'fe7f:ffff::1',
    '64:ff9b:2::1',
    '2002:808:808::1',
    '::ffff:8.8.8.8',
    '64:ff9b::8.8.8.8',
    '64:ff9b::808:808',
  ])('allows the public address %s', (address) => {
    expect(describeRefusedAddress(address)).toBeNull();
    expect(isPrivateAddress(address)).toBe(false);
  });
});
