/**
 * Finds user-supplied identifiers in payloads, however they were encoded on the way out: as is, in
 * another letter case, URL-encoded, base64 (any alignment, standard or URL-safe alphabet), hex, or hashed
 * (MD5 / SHA-1 / SHA-256 hex, of the value and of its trimmed lower-case form, as hashed e-mail
 * addresses are). All variants of all needles are found in one pass over the bytes (Aho–Corasick over a
 * case-folded, compacted alphabet), then checked exactly where the encoding is case-sensitive.
 */
import { createHash } from 'node:crypto';
import { Buffer } from 'node:buffer';
import type { IdentifierEncoding, IdentifierNeedle } from '../model/capture-summary.js';

/** One identifier occurrence in a searched buffer. */
export interface IdentifierMatch {
  label: string;
  value: string;
  encoding: IdentifierEncoding;
  /** Byte offset of the first matched byte. */
  offset: number;
  length: number;
}

/** One way a folded pattern can be read; `exact` null means any letter case is accepted. */
interface Reading {
  needle: IdentifierNeedle;
  encoding: IdentifierEncoding;
  exact: Uint8Array | null;
}

interface Pattern {
  length: number;
  readings: Reading[];
}

/** Compiled, immutable search automaton for a set of needles; build once, search many payloads. */
export interface IdentifierPatterns {
  /** True when there is nothing to look for, so callers can skip the pass. */
  readonly empty: boolean;
  /** Number of distinct encoded patterns searched for. */
  readonly patternCount: number;
  /** Length of the longest pattern: a match can reach back this many bytes minus one into earlier data. */
  readonly maxPatternLength: number;
  /** @internal */ readonly classes: Uint8Array;
  /** @internal */ readonly classCount: number;
  /**
   * @internal The complete transition table, states pre-multiplied by `classCount` so the hot loop indexes it with
   * one addition: entry `state + class` is the next state, or `-(next) - 1` when the next state or its failure chain
   * ends a pattern, so the loop tests only the sign.
   */
  readonly transitions: Int32Array;
  /** @internal Pattern ids ending at each state, own ones only. */ readonly outputs: (number[] | null)[];
  /** @internal Nearest state on the failure chain that has outputs, or -1. */ readonly outputLink: Int32Array;
  /** @internal */ readonly patterns: Pattern[];
}

/** Base64 variants shorter than this match random text too often to be evidence. */
const MIN_BASE64_LENGTH = 6;
const FOLD = buildFoldTable();

/** Lists the encoded forms searched for a needle, strongest first (exposed for tests and reports). */
export function listIdentifierVariants(needle: IdentifierNeedle): { encoding: IdentifierEncoding; text: string; caseSensitive: boolean }[] {
  const value = needle.value;
  const raw = Buffer.from(value, 'utf8');
  const variants: { encoding: IdentifierEncoding; text: string; caseSensitive: boolean }[] = [];
  if (raw.length === 0) return variants;
  variants.push({ encoding: 'raw', text: value, caseSensitive: true });
  if (/[A-Za-z]/.test(value)) variants.push({ encoding: 'case-insensitive', text: value, caseSensitive: false });
  const urlEncoded = encodeURIComponent(value);
  if (urlEncoded !== value) {
    const lowerHex = urlEncoded.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
    const forms = [urlEncoded, lowerHex];
    // application/x-www-form-urlencoded writes spaces as '+'.
    if (value.includes(' ')) forms.push(urlEncoded.replace(/%20/g, '+'), lowerHex.replace(/%20/g, '+'));
    for (const text of new Set(forms)) variants.push({ encoding: 'url-encoded', text, caseSensitive: true });
  }
  for (const text of encodeBase64Alignments(raw)) {
    variants.push({ encoding: 'base64', text, caseSensitive: true });
    const urlSafe = text.replace(/\+/g, '-').replace(/\//g, '_');
    if (urlSafe !== text) variants.push({ encoding: 'base64', text: urlSafe, caseSensitive: true });
  }
  variants.push({ encoding: 'hex', text: raw.toString('hex'), caseSensitive: false });
  const normalized = value.trim().toLowerCase();
  for (const source of normalized === value ? [value] : [value, normalized]) {
    variants.push({ encoding: 'md5', text: createHash('md5').update(source, 'utf8').digest('hex'), caseSensitive: false });
    variants.push({ encoding: 'sha1', text: createHash('sha1').update(source, 'utf8').digest('hex'), caseSensitive: false });
    variants.push({ encoding: 'sha256', text: createHash('sha256').update(source, 'utf8').digest('hex'), caseSensitive: false });
  }
  return variants;
}

/**
 * The base64 text that encodes `raw` wherever it sits in a longer encoded buffer: for each of the three
 * byte alignments, only the characters determined by `raw` alone are kept.
 */
function encodeBase64Alignments(raw: Uint8Array): string[] {
  const out: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const padded = new Uint8Array(shift + raw.length);
    padded.set(raw, shift);
    const encoded = Buffer.from(padded).toString('base64');
    const start = Math.ceil((shift * 8) / 6);
    const end = Math.floor(((shift + raw.length) * 8) / 6);
    const text = encoded.slice(start, end);
    if (text.length >= MIN_BASE64_LENGTH && !out.includes(text)) out.push(text);
  }
  return out;
}

/** Builds the automaton for all variants of all needles. */
export function compileIdentifierPatterns(needles: IdentifierNeedle[]): IdentifierPatterns {
  // Patterns are keyed by their case-folded bytes; each keeps every reading that folds to it.
  const byKey = new Map<string, { folded: Uint8Array; readings: Reading[] }>();
  for (const needle of needles) {
    for (const variant of listIdentifierVariants(needle)) {
      const bytes = Buffer.from(variant.text, 'utf8');
      const folded = Uint8Array.from(bytes, (b) => FOLD[b] ?? b);
      const key = Buffer.from(folded).toString('latin1');
      let entry = byKey.get(key);
      if (entry === undefined) {
        entry = { folded, readings: [] };
        byKey.set(key, entry);
      }
      const exact = variant.caseSensitive ? new Uint8Array(bytes) : null;
      const duplicate = entry.readings.some(
        (r) => r.needle === needle && r.encoding === variant.encoding && sameBytes(r.exact, exact),
      );
      if (!duplicate) entry.readings.push({ needle, encoding: variant.encoding, exact });
    }
  }
  const entries = [...byKey.values()];

  // Compact alphabet: one class per folded byte value that occurs in some pattern, 0 for all others.
  const classes = new Uint8Array(256);
  let classCount = 1;
  for (const { folded } of entries) {
    for (const b of folded) {
      if (classes[b] === 0) classes[b] = classCount++;
    }
  }
  for (let b = 0; b < 256; b++) classes[b] = classes[FOLD[b] ?? b] ?? 0;

  const totalStates = 1 + entries.reduce((n, e) => n + e.folded.length, 0);
  const delta = new Int32Array(totalStates * classCount).fill(-1);
  const outputs: (number[] | null)[] = [null];
  let stateCount = 1;
  const patterns: Pattern[] = [];
  entries.forEach((entry, id) => {
    patterns.push({ length: entry.folded.length, readings: entry.readings });
    let state = 0;
    for (const b of entry.folded) {
      const c = classes[b] ?? 0;
      let next = delta[state * classCount + c] ?? -1;
      if (next < 0) {
        next = stateCount++;
        outputs.push(null);
        delta[state * classCount + c] = next;
      }
      state = next;
    }
    (outputs[state] ??= []).push(id);
  });

  // Breadth-first: failure links, then complete the transition table so the search never backtracks.
  const fail = new Int32Array(stateCount);
  const outputLink = new Int32Array(stateCount).fill(-1);
  const queue: number[] = [];
  for (let c = 0; c < classCount; c++) {
    const next = delta[c] ?? -1;
    if (next < 0) delta[c] = 0;
    else {
      fail[next] = 0;
      queue.push(next);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head] ?? 0;
    const failState = fail[state] ?? 0;
    outputLink[state] = outputs[failState] !== null ? failState : (outputLink[failState] ?? -1);
    for (let c = 0; c < classCount; c++) {
      const at = state * classCount + c;
      const next = delta[at] ?? -1;
      const viaFail = delta[failState * classCount + c] ?? 0;
      if (next < 0) delta[at] = viaFail;
      else {
        fail[next] = viaFail;
        queue.push(next);
      }
    }
  }
  const transitions = new Int32Array(stateCount * classCount);
  for (let at = 0; at < transitions.length; at++) {
    const next = delta[at] ?? 0;
    const reports = outputs[next] !== null || (outputLink[next] ?? -1) >= 0;
    transitions[at] = reports ? -(next * classCount) - 1 : next * classCount;
  }
  return {
    empty: patterns.length === 0,
    patternCount: patterns.length,
    maxPatternLength: patterns.reduce((n, p) => Math.max(n, p.length), 0),
    classes,
    classCount,
    transitions,
    outputs,
    outputLink,
    patterns,
  };
}

/**
 * Searches `payload` for every compiled pattern in one pass and returns the matches in order of their
 * end position. A case-sensitive reading is reported only where the bytes match exactly.
 */
export function searchIdentifiers(compiled: IdentifierPatterns, payload: Uint8Array, limit = 1000): IdentifierMatch[] {
  const matches: IdentifierMatch[] = [];
  searchIdentifiersFrom(compiled, 0, EMPTY, payload, limit, matches);
  return matches;
}

const EMPTY = new Uint8Array(0);

/**
 * Continues a search over a byte stream cut into pieces (TCP segments): `state` is the automaton state after
 * the previous piece (0 to start) and `prefix` its last bytes (at least `maxPatternLength - 1` of them, or all there
 * were). Appends matches to `out`, at most `limit` in all; a match that began in earlier pieces has a negative
 * offset, counted back from the start of `payload`. Returns the state to continue from (opaque: pass it back).
 */
export function searchIdentifiersFrom(
  compiled: IdentifierPatterns,
  state: number,
  prefix: Uint8Array,
  payload: Uint8Array,
  limit: number,
  out: IdentifierMatch[],
): number {
  if (compiled.empty) return 0;
  const { classes, classCount, transitions, outputs, outputLink, patterns } = compiled;
  const length = payload.length;
  let at = state;
  for (let i = 0; i < length; i++) {
    // Indices are in range by construction; the casts spare the hottest loop the `?? 0` branches.
    at = transitions[at + (classes[payload[i] as number] as number)] as number;
    if (at >= 0) continue;
    at = -at - 1;
    let probe = at / classCount;
    if (outputs[probe] === null) probe = outputLink[probe] ?? -1;
    while (probe >= 0) {
      for (const id of outputs[probe] ?? []) {
        const pattern = patterns[id];
        if (pattern === undefined) continue;
        const start = i - pattern.length + 1;
        // The automaton state may remember bytes older than the prefix kept; such a match cannot be checked.
        if (start < -prefix.length) continue;
        reportReadings(pattern, prefix, payload, start, out);
        if (out.length >= limit) return at;
      }
      probe = outputLink[probe] ?? -1;
    }
  }
  return at;
}

/** Reports, per needle, the strongest reading that holds at `start` (negative: inside `prefix`). */
function reportReadings(pattern: Pattern, prefix: Uint8Array, payload: Uint8Array, start: number, out: IdentifierMatch[]): void {
  const reported = new Set<IdentifierNeedle>();
  for (const reading of pattern.readings) {
    if (reported.has(reading.needle)) continue;
    if (reading.exact !== null && !matchesAcross(prefix, payload, start, reading.exact)) continue;
    reported.add(reading.needle);
    out.push({ label: reading.needle.label, value: reading.needle.value, encoding: reading.encoding, offset: start, length: pattern.length });
  }
}

function matchesAcross(prefix: Uint8Array, payload: Uint8Array, start: number, expected: Uint8Array): boolean {
  if (start >= 0) return matchesAt(payload, start, expected);
  for (let j = 0; j < expected.length; j++) {
    const at = start + j;
    const byte = at < 0 ? prefix[prefix.length + at] : payload[at];
    if (byte !== expected[j]) return false;
  }
  return true;
}

function matchesAt(payload: Uint8Array, start: number, expected: Uint8Array): boolean {
  for (let j = 0; j < expected.length; j++) if (payload[start + j] !== expected[j]) return false;
  return true;
}

function sameBytes(a: Uint8Array | null, b: Uint8Array | null): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && matchesAt(a, 0, b);
}

/** ASCII upper case folded to lower case; every other byte maps to itself. */
function buildFoldTable(): Uint8Array {
  const table = new Uint8Array(256);
  for (let b = 0; b < 256; b++) table[b] = b >= 0x41 && b <= 0x5a ? b + 0x20 : b;
  return table;
}
