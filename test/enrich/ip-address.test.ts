import { describe, expect, it } from 'vitest';
import { parseIp, parseIpv4, parseIpv6 } from '../../src/enrich/ip-address.js';
import { classifySpecialAddress, isPrivateAddress } from '../../src/enrich/private-address.js';

describe('IP parsing', () => {
  it('parses IPv4 strictly', () => {
    expect(parseIpv4('8.8.8.8')).toBe(0x08080808);
    expect(parseIpv4('255.255.255.255')).toBe(0xffffffff);
    expect(parseIpv4('01.2.3.4')).toBeNull();
    expect(parseIpv4('1.2.3')).toBeNull();
    expect(parseIpv4('1.2.3.256')).toBeNull();
  });

  it('parses IPv6 forms', () => {
    expect(parseIpv6('::')).toBe(0n);
    expect(parseIpv6('::1')).toBe(1n);
    expect(parseIpv6('2001:4860:4860::8888')).toBe(0x20014860486000000000000000008888n);
    expect(parseIpv6('1:2:3:4:5:6:7:8')).toBe(0x00010002000300040005000600070008n);
    expect(parseIpv6('::ffff:1.2.3.4')).toBe(0xffff01020304n);
    expect(parseIpv6('1::2::3')).toBeNull();
    expect(parseIpv6('1:2:3:4:5:6:7:8:9')).toBeNull();
    expect(parseIpv6('12345::')).toBeNull();
  });

  it('unwraps brackets, zones and IPv4-mapped addresses', () => {
    expect(parseIp('[::1]')).toEqual({ version: 6, value: 1n });
    expect(parseIp('fe80::1%en0')).toEqual({ version: 6, value: 0xfe800000000000000000000000000001n });
    expect(parseIp('::ffff:8.8.8.8')).toEqual({ version: 4, value: 0x08080808 });
    expect(parseIp('example.com')).toBeNull();
  });
});

describe('isPrivateAddress', () => {
  it.each([
    '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '127.0.0.1', '169.254.10.10', '100.64.0.1',
    '224.0.0.251', '239.255.255.250', '255.255.255.255', '0.0.0.0', '192.0.2.7', '::1', '::', 'fe80::1', 'fd00::1',
    'ff02::fb', '2001:db8::1', '::ffff:10.0.0.1',
  ])('%s is special-purpose', (ip) => {
    expect(isPrivateAddress(ip)).toBe(true);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2001:4860:4860::8888'])('%s is public', (ip) => {
    expect(isPrivateAddress(ip)).toBe(false);
  });

  it('names the range for evidence', () => {
    expect(classifySpecialAddress('192.168.0.10')?.kind).toBe('private-use');
    expect(classifySpecialAddress('fe80::1')?.kind).toBe('link-local');
    expect(classifySpecialAddress('224.0.0.1')?.kind).toBe('multicast');
  });
});
