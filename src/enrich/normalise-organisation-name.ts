/**
 * Loose comparison key for organisation names, so "Agora Lab, Inc.", "AGORA LAB" and "Agora Lab Inc"
 * meet, while "Agora TC Sp. z o.o." stays a different company from "Agora".
 */
import legalForms from './data/legal-forms.json' with { type: 'json' };
import { memoiseByText } from './memoise-by-text.js';

/** Legal-form suffixes as token sequences, longest first so "co ltd" is stripped before "ltd". */
const LEGAL_FORM_TOKENS: string[][] = legalForms.suffixes
  .map((s) => tokenise(s))
  .filter((t) => t.length > 0)
  .sort((a, b) => b.length - a.length);

/** Trailing business descriptions as token sequences, longest first. */
const DESCRIPTOR_TOKENS: string[][] = legalForms.descriptorWords
  .map((s) => tokenise(s))
  .filter((t) => t.length > 0)
  .sort((a, b) => b.length - a.length);

/** Lower-case, NFKC (full-width → ASCII), punctuation to spaces; letters of any script are kept. */
function tokenise(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((t) => t.length > 0);
}

/**
 * Suffix lists by their last token, each keeping the list's order (longest first). Only a suffix whose
 * last token is the name's last token can end the name, so the first match among these is the first
 * match in the whole list: the same answer, without testing every legal form against every name.
 */
function indexByLastToken(suffixes: readonly string[][]): Map<string, string[][]> {
  const index = new Map<string, string[][]>();
  for (const suffix of suffixes) {
    const last = suffix[suffix.length - 1] ?? '';
    const list = index.get(last);
    if (list) list.push(suffix);
    else index.set(last, [suffix]);
  }
  return index;
}

const LEGAL_FORMS_BY_LAST_TOKEN = indexByLastToken(LEGAL_FORM_TOKENS);
const LEGAL_FORMS_AND_DESCRIPTORS_BY_LAST_TOKEN = indexByLastToken([...LEGAL_FORM_TOKENS, ...DESCRIPTOR_TOKENS]);

/** The first suffix in `index`'s lists that ends tokens[0, end) and leaves something, or null. */
function findEndingSuffix(tokens: readonly string[], end: number, index: Map<string, string[][]>): string[] | null {
  for (const suffix of index.get(tokens[end - 1] ?? '') ?? []) {
    if (endsWithTokens(tokens.slice(0, end), suffix)) return suffix;
  }
  return null;
}

function endsWithTokens(tokens: readonly string[], suffix: string[]): boolean {
  if (suffix.length >= tokens.length) return false; // never strip a name down to nothing
  for (let i = 1; i <= suffix.length; i++) {
    if (tokens[tokens.length - i] !== suffix[suffix.length - i]) return false;
  }
  return true;
}

/**
 * Comparison key: case, punctuation, spacing, a leading "the" and trailing legal forms
 * ("Inc.", "Co., Ltd.", "GmbH", "Pte. Ltd.", "有限公司") removed, then spaces dropped so that
 * "SendBird" and "Send Bird" agree. Returns '' for text with no letters or digits.
 */
export function normaliseOrganisationName(name: string): string {
  return normaliseOnce(name);
}

// Rules compare the same few hundred names with every flow's organisation: remember the answers.
const normaliseOnce = memoiseByText((name: string): string => {
  // CJK legal forms are not space-separated, so they are cut from the raw text first.
  let raw = name.normalize('NFKC').trim();
  for (const cjk of legalForms.cjkSuffixes) {
    if (raw.endsWith(cjk) && raw.length > cjk.length) raw = raw.slice(0, -cjk.length);
  }
  let tokens = tokenise(raw);
  if (tokens[0] === 'the' && tokens.length > 1) tokens = tokens.slice(1);
  for (let suffix = findEndingSuffix(tokens, tokens.length, LEGAL_FORMS_BY_LAST_TOKEN); suffix !== null; suffix = findEndingSuffix(tokens, tokens.length, LEGAL_FORMS_BY_LAST_TOKEN)) {
    tokens = tokens.slice(0, tokens.length - suffix.length);
  }
  return tokens.join('');
});

/**
 * Keys under which a company that is not in the catalog may appear as a domain label: its
 * normalised name, the name without trailing business descriptions ("Intercom R&D Unlimited
 * Company" → "intercom"), and trade names in brackets ("Zeta Holdings Ltd (Zetadesk)" → "zetadesk").
 */
export function organisationNameKeys(name: string): readonly string[] {
  return organisationNameKeysOnce(name);
}

/** Frozen: callers share the answer for a name. */
const organisationNameKeysOnce = memoiseByText((name: string): readonly string[] => {
  const keys = new Set<string>();
  const brackets = [...name.matchAll(/\(([^()]+)\)/g)].map((m) => m[1] ?? '');
  const outside = name.replace(/\([^()]*\)/g, ' ');
  for (const part of [outside, ...brackets]) {
    const key = normaliseOrganisationName(part);
    if (key === '') continue;
    keys.add(key);
    const tokens = tokenise(part);
    let end = tokens.length;
    for (let suffix = end > 1 ? findEndingSuffix(tokens, end, LEGAL_FORMS_AND_DESCRIPTORS_BY_LAST_TOKEN) : null; suffix !== null; ) {
      end -= suffix.length;
      suffix = end > 1 ? findEndingSuffix(tokens, end, LEGAL_FORMS_AND_DESCRIPTORS_BY_LAST_TOKEN) : null;
    }
    keys.add(tokens.slice(0, end).join(''));
  }
  return Object.freeze([...keys].filter((k) => k.length >= 3));
});
