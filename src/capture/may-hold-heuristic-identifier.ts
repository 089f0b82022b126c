/**
 * A byte-level pre-test for the heuristic identifier search: whether the first `length` bytes of a payload hold
 * the core that every heuristic pattern needs. Most payloads searched (media datagrams, binary framing) hold none,
 * and this spares them a latin1 string and half a dozen regular expressions. It must never say no to a payload a
 * pattern would match, so each test is a necessary part of a pattern in find-heuristic-identifiers.ts:
 *
 * - e-mail: a local-part character, `@` or `%40`, then domain characters reaching a `.` and two letters;
 * - phone: `+` or `%2B`/`%2b`, a digit 1–9 and seven more digits;
 * - UUID: eight hex digits, `-`, four hex digits, `-`;
 * - IMEI: fifteen digits in a row;
 * - coordinates (as a pair or after a lat/lon key): a digit, `.`, four digits.
 */

const CHAR_DIGIT = 1;
const CHAR_HEX = 2;
const CHAR_LETTER = 4;
/** `[A-Za-z0-9._+-]`, a character of an e-mail local part. */
const CHAR_LOCAL = 8;
/** `[A-Za-z0-9.-]`, a character of a domain (labels and dots). */
const CHAR_DOMAIN = 16;

const CHAR_CLASS = buildCharClasses();

/** Whether `bytes[0, length)` may hold an e-mail address, phone number, UUID, IMEI or coordinates. */
export function mayHoldHeuristicIdentifier(bytes: Uint8Array, length: number): boolean {
  let digitRun = 0;
  for (let i = 0; i < length; i++) {
    const byte = bytes[i] as number;
    if ((CHAR_CLASS[byte] as number) & CHAR_DIGIT) {
      digitRun += 1;
      if (digitRun >= 15) return true;
      continue;
    }
    digitRun = 0;
    switch (byte) {
      case 0x40: // @
        if (i > 0 && hasClass(bytes, i - 1, length, CHAR_LOCAL) && hasDomainAfter(bytes, i + 1, length)) return true;
        break;
      case 0x25: // %
        if (isPercentAt(bytes, i, length) && i > 0 && hasClass(bytes, i - 1, length, CHAR_LOCAL) && hasDomainAfter(bytes, i + 3, length)) return true;
        if (isPercentPlus(bytes, i, length) && hasPhoneDigits(bytes, i + 3, length)) return true;
        break;
      case 0x2b: // +
        if (hasPhoneDigits(bytes, i + 1, length)) return true;
        break;
      case 0x2d: // -
        if (i >= 8 && hasRun(bytes, i - 8, 8, length, CHAR_HEX) && hasRun(bytes, i + 1, 4, length, CHAR_HEX) && i + 5 < length && bytes[i + 5] === 0x2d) return true;
        break;
      case 0x2e: // .
        if (i > 0 && hasClass(bytes, i - 1, length, CHAR_DIGIT) && hasRun(bytes, i + 1, 4, length, CHAR_DIGIT)) return true;
        break;
    }
  }
  return false;
}

function hasClass(bytes: Uint8Array, at: number, length: number, charClass: number): boolean {
  return at < length && ((CHAR_CLASS[bytes[at] as number] as number) & charClass) !== 0;
}

function hasRun(bytes: Uint8Array, start: number, count: number, length: number, charClass: number): boolean {
  if (start + count > length) return false;
  for (let i = start; i < start + count; i++) if (((CHAR_CLASS[bytes[i] as number] as number) & charClass) === 0) return false;
  return true;
}

/** `%40` at `at`. */
function isPercentAt(bytes: Uint8Array, at: number, length: number): boolean {
  return at + 2 < length && bytes[at + 1] === 0x34 && bytes[at + 2] === 0x30;
}

/** `%2B` or `%2b` at `at`. */
function isPercentPlus(bytes: Uint8Array, at: number, length: number): boolean {
  return at + 2 < length && bytes[at + 1] === 0x32 && (bytes[at + 2] === 0x42 || bytes[at + 2] === 0x62);
}

/** A digit 1–9 then seven digits, the shortest number the phone pattern takes. */
function hasPhoneDigits(bytes: Uint8Array, at: number, length: number): boolean {
  return at < length && bytes[at] !== 0x30 && hasRun(bytes, at, 8, length, CHAR_DIGIT);
}

/** Domain characters from `at` that reach a `.` (not the first) followed by two letters. */
function hasDomainAfter(bytes: Uint8Array, at: number, length: number): boolean {
  for (let i = at; i < length && hasClass(bytes, i, length, CHAR_DOMAIN); i++) {
    if (bytes[i] === 0x2e && i > at && hasRun(bytes, i + 1, 2, length, CHAR_LETTER)) return true;
  }
  return false;
}

function buildCharClasses(): Uint8Array {
  const classes = new Uint8Array(256);
  const add = (from: string, to: string, charClass: number): void => {
    for (let c = from.charCodeAt(0); c <= to.charCodeAt(0); c++) classes[c] = (classes[c] ?? 0) | charClass;
  };
  add('0', '9', CHAR_DIGIT | CHAR_HEX | CHAR_LOCAL | CHAR_DOMAIN);
  add('a', 'f', CHAR_HEX);
  add('A', 'F', CHAR_HEX);
  add('a', 'z', CHAR_LETTER | CHAR_LOCAL | CHAR_DOMAIN);
  add('A', 'Z', CHAR_LETTER | CHAR_LOCAL | CHAR_DOMAIN);
  for (const c of '.-') add(c, c, CHAR_LOCAL | CHAR_DOMAIN);
  for (const c of '_+') add(c, c, CHAR_LOCAL);
  return classes;
}
