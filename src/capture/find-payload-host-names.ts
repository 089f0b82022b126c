/**
 * Finds DNS-name-shaped strings in payloads no decoder understood (proprietary UDP voice/signalling protocols,
 * custom TCP framing). Such a name is weak evidence of who is on the other end, so it is recorded with its own
 * source ('payload-string'), and the shape test is strict enough that random or encrypted bytes rarely pass:
 * lower-case labels, a real ICANN public suffix, a registrable label of at least three characters.
 */
import { parse } from '../tldts.js';

/** Names reported per payload at most; a payload listing hundreds of names is a directory, not a peer. */
const MAX_NAMES_PER_PAYLOAD = 8;
const MIN_NAME_LENGTH = 8;
const MAX_NAME_LENGTH = 253;
const MIN_REGISTRABLE_LABEL = 3;

/** 1 for bytes that may appear in a lower-case host name: a–z, 0–9, '-', '.'. */
const NAME_BYTE = buildNameByteTable();

/** Returns the distinct plausible host names in `payload`, in order of appearance. */
export function findPayloadHostNames(payload: Uint8Array): string[] {
  const names: string[] = [];
  const length = payload.length;
  let i = 0;
  while (i < length) {
    if (NAME_BYTE[payload[i] as number] === 0) {
      i++;
      continue;
    }
    const start = i;
    let dots = 0;
    while (i < length && NAME_BYTE[payload[i] as number] !== 0) {
      if (payload[i] === 0x2e) dots++;
      i++;
    }
    if (dots === 0 || i - start < MIN_NAME_LENGTH || i - start > MAX_NAME_LENGTH) continue;
    const name = checkHostName(payload, start, i);
    if (name !== null && !names.includes(name)) {
      names.push(name);
      if (names.length >= MAX_NAMES_PER_PAYLOAD) break;
    }
  }
  return names;
}

/** Validates a run of name bytes as a host name under a real public suffix. */
function checkHostName(payload: Uint8Array, start: number, end: number): string | null {
  let text = '';
  for (let j = start; j < end; j++) text += String.fromCharCode(payload[j] as number);
  // A trailing dot (absolute name) or sentence full stop is not part of the name.
  text = text.replace(/\.+$/, '');
  const labels = text.split('.');
  if (labels.length < 2) return null;
  for (const label of labels) {
    if (label.length === 0 || label.length > 63 || label.startsWith('-') || label.endsWith('-')) return null;
  }
  if (!/^[a-z]{2,24}$/.test(labels[labels.length - 1] ?? '')) return null;
  const parsed = parse(text, { allowPrivateDomains: false });
  if (parsed.isIcann !== true || parsed.domain === null || parsed.isIp === true) return null;
  const registrable = parsed.domainWithoutSuffix ?? '';
  if (registrable.length < MIN_REGISTRABLE_LABEL || !/[a-z]/.test(registrable)) return null;
  return text;
}

function buildNameByteTable(): Uint8Array {
  const table = new Uint8Array(256);
  for (let b = 0x61; b <= 0x7a; b++) table[b] = 1;
  for (let b = 0x30; b <= 0x39; b++) table[b] = 1;
  table[0x2d] = 1;
  table[0x2e] = 1;
  return table;
}
