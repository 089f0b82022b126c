/**
 * Textual IP address parsing for the offline lookups.
 *
 * Captures give canonical text (dotted IPv4, RFC 5952 IPv6), but HAR files and user input may carry
 * brackets, zone ids or IPv4-mapped IPv6, so parsing is lenient about those and strict about the rest.
 */

import { memoiseByText } from './memoise-by-text.js';

/** A parsed address: IPv4 as an unsigned 32-bit number, IPv6 as a 128-bit bigint. */
export type ParsedIp = { version: 4; value: number } | { version: 6; value: bigint };

const IPV4_MAPPED_PREFIX = 0xffffn << 32n;

/**
 * Parse dotted-quad IPv4 text into an unsigned 32-bit integer.
 * Leading zeros are refused because some resolvers read them as octal, so their meaning is ambiguous.
 */
export function parseIpv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = value * 256 + octet;
  }
  return value;
}

/** Parse IPv6 text (with `::` compression and an optional dotted-quad tail) into a 128-bit bigint. */
export function parseIpv6(text: string): bigint | null {
  if (text.length === 0 || text.length > 45) return null;
  let head = text;
  let tailWords: number[] = [];
  const lastColon = head.lastIndexOf(':');
  if (lastColon >= 0 && head.includes('.', lastColon)) {
    const v4 = parseIpv4(head.slice(lastColon + 1));
    if (v4 === null) return null;
    tailWords = [Math.floor(v4 / 65536), v4 % 65536];
    head = head.slice(0, lastColon + 1) + '0';
    // The placeholder '0' keeps the split logic uniform; it is dropped again below.
  }
  const doubleColon = head.indexOf('::');
  if (doubleColon !== head.lastIndexOf('::')) return null;
  const parseGroups = (s: string): number[] | null => {
    if (s === '') return [];
    const groups: number[] = [];
    for (const g of s.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
      groups.push(parseInt(g, 16));
    }
    return groups;
  };
  let words: number[];
  const wanted = 8 - tailWords.length;
  if (doubleColon >= 0) {
    const left = parseGroups(head.slice(0, doubleColon));
    const right = parseGroups(head.slice(doubleColon + 2));
    if (left === null || right === null) return null;
    if (tailWords.length > 0) right.pop();
    const missing = wanted - left.length - right.length;
    if (missing < 1) return null;
    words = [...left, ...new Array<number>(missing).fill(0), ...right];
  } else {
    const all = parseGroups(head);
    if (all === null) return null;
    if (tailWords.length > 0) all.pop();
    if (all.length !== wanted) return null;
    words = all;
  }
  let value = 0n;
  for (const w of [...words, ...tailWords]) value = (value << 16n) | BigInt(w);
  return value;
}

/**
 * Parse any IP literal. Brackets (`[::1]`) and zone ids (`fe80::1%en0`) are stripped, and IPv4-mapped
 * IPv6 (`::ffff:1.2.3.4`) becomes IPv4, because that is the address the packet really went to.
 */
export function parseIp(text: string): ParsedIp | null {
  return parseIpOnce(text);
}

/** Answers are frozen: they are shared by every caller asking about the same text. */
const parseIpOnce = memoiseByText((text: string): ParsedIp | null => {
  const parsed = parseIpText(text);
  return parsed === null ? null : Object.freeze(parsed);
});

function parseIpText(text: string): ParsedIp | null {
  let s = text.trim();
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  if (!s.includes(':')) {
    const v4 = parseIpv4(s);
    return v4 === null ? null : { version: 4, value: v4 };
  }
  const v6 = parseIpv6(s);
  if (v6 === null) return null;
  if (v6 >> 32n === IPV4_MAPPED_PREFIX >> 32n) return { version: 4, value: Number(v6 & 0xffffffffn) };
  return { version: 6, value: v6 };
}

/** True when the text is an IPv4 or IPv6 literal (host names that merely look numeric are not). */
export function isIpLiteral(text: string): boolean {
  return parseIp(text) !== null;
}
