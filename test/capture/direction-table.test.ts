import { describe, expect, it } from 'vitest';
import { DirectionTable } from '../../src/capture/direction-table.js';

/** An IPv4 header's address fields (source at byte 12, destination at 16) in a 20-byte header. */
function ipv4Addresses(src: number[], dst: number[]): Uint8Array {
  const header = new Uint8Array(20);
  header.set(src, 12);
  header.set(dst, 16);
  return header;
}

/** An IPv6 header's address fields (source at byte 8, destination at 24) in a 40-byte header. */
function ipv6Addresses(src: number[], dst: number[]): Uint8Array {
  const header = new Uint8Array(40);
  header.set(src, 8);
  header.set(dst, 24);
  return header;
}

describe('direction table', () => {
  it('numbers directions 0, 1, 2… in order of first sight and tells them apart by every part of the key', () => {
    const table = new DirectionTable();
    const client = [10, 0, 0, 1];
    const server = [93, 184, 216, 34];
    const out = ipv4Addresses(client, server);
    const back = ipv4Addresses(server, client);
    // An IPv6 address whose first four bytes are the IPv4 client's and whose rest is zero.
    const v6 = ipv6Addresses([...client, ...new Array<number>(12).fill(0)], [...server, ...new Array<number>(12).fill(0)]);
    expect(table.idOf(out, 12, 4, 'tcp', 40000, 443)).toBe(0);
    expect(table.idOf(back, 12, 4, 'tcp', 443, 40000)).toBe(1);
    expect(table.idOf(out, 12, 4, 'udp', 40000, 443)).toBe(2);
    expect(table.idOf(out, 12, 4, 'tcp', 40001, 443)).toBe(3);
    expect(table.idOf(out, 12, 4, 'tcp', 40000, 444)).toBe(4);
    expect(table.idOf(v6, 8, 16, 'tcp', 40000, 443)).toBe(5);
    expect(table.idOf(ipv4Addresses(client, [93, 184, 216, 35]), 12, 4, 'tcp', 40000, 443)).toBe(6);
    // Seen again, from another copy of the same bytes at another offset, each keeps its id.
    const shifted = new Uint8Array(34);
    shifted.set(out, 14);
    expect(table.idOf(shifted, 26, 4, 'tcp', 40000, 443)).toBe(0);
    expect(table.idOf(back, 12, 4, 'tcp', 443, 40000)).toBe(1);
    expect(table.idOf(v6, 8, 16, 'tcp', 40000, 443)).toBe(5);
    expect(table.size).toBe(7);
  });

  it('keeps every id through the table growing many times over', () => {
    const table = new DirectionTable();
    const header = new Uint8Array(40);
    const directions = 20000;
    const keyOf = (n: number): [number, number] => [n % 251, Math.floor(n / 251)];
    for (let n = 0; n < directions; n++) {
      const [host, port] = keyOf(n);
      header.set([2001 >> 8, 2001 & 0xff, 0, host], 8);
      expect(table.idOf(header, 8, 16, 'udp', port, 53)).toBe(n);
    }
    for (let n = directions - 1; n >= 0; n -= 7) {
      const [host, port] = keyOf(n);
      header.set([2001 >> 8, 2001 & 0xff, 0, host], 8);
      expect(table.idOf(header, 8, 16, 'udp', port, 53)).toBe(n);
    }
    expect(table.size).toBe(directions);
  });
});
