/**
 * What a denial naming a recipient denies, read from its sentence: "We do not share your messages with
 * Facebook" denies one kind of data, "We never share your information with Facebook" denies all of it.
 * Traffic to the company contradicts only an unscoped denial of sharing: a capture shows that the app
 * contacted the company, not which data it sent or whether it was sold (docs/rules/undisclosed-recipient.md).
 */
import type { ClaimCondition } from '../model/claim.js';

/** The scope of one denial, as written. */
export interface DenialScope {
  /** The verb as written ("share", "sell or share"), or null when the sentence does not say it plainly. */
  verb: string | null;
  /** What the denial says is not shared, as written ("your messages", "your information"); null when it does not say. */
  object: string | null;
  /** The object when it is one kind of data rather than data in general ("your messages"), else null. */
  data: string | null;
  /** Conditions, exceptions and purposes the sentence attaches ("unless you link your account"). */
  conditions: ClaimCondition[];
  /** True when traffic to the company alone cannot show the denial false. */
  scoped: boolean;
}

const VERBS = 'share|sell|disclose|transfer|rent|provide|give|send|pass|trade|transmit|lease';
/** "we do not share", "we will never sell", "we don't disclose", "we won't ever rent". */
const VERB_FORM = `(?:${VERBS})(?:s|d|ed)?`;
const DENIAL = new RegExp(
  `\\b(?:(?:do|does|did|will|shall|would|can|could|may)\\s+not|don['\u2019]t|doesn['\u2019]t|won['\u2019]t|never|cannot)\\s+(?:ever\\s+|currently\\s+|otherwise\\s+)*(${VERB_FORM}(?:\\s*\\(?\\s*(?:or|and|and\\/or|nor)\\s+${VERB_FORM}\\s*\\)?)*)\\b`,
  'i',
);
/** Where the object of the verb ends: the recipient ("with", "to") or a clause of its own. */
const OBJECT_END = /\s+(?:with|to|for|in\s+exchange|unless|except|without|if|when|outside)\b|\s*[,;.:()]/i;
/** "Your messages are never shared with Facebook": the data is the subject of "not/never" + participle after "be". */
const PASSIVE_VERB = new RegExp(`\\b(?:not|never)\\s+(?:ever\\s+)?(${VERBS})(?:d|ed)\\b`, 'i');
/** Objects that mean any data at all. */
const GENERAL_DATA =
  /^(?:(?:any|all)\s+of\s+)?(?:(?:any|all|your|the|such|this|that|our\s+users['\u2019]?|users['\u2019]?)\s+)*(?:(?:personal|personally\s+identifiable|user|customer|private)\s+)*(?:data|information|info|details|anything|it|them)(?:\s+(?:about|of)\s+(?:you|our\s+users|users))?$/i;
/** Verbs whose denial a capture cannot contradict: a sale or a rental is a transaction, not a packet. */
const TRANSACTION_VERBS = /^(?:sell|sells|sold|rent|rents|rented|trade|trades|traded|lease|leases|leased)$/i;

/**
 * A clause after the recipient that narrows the denial: "with Google for advertising purposes", "to third parties
 * unless you agree", "for its own marketing". The recipient phrase ("with Google", "to them") may come first.
 */
const QUALIFIER =
  /^\s*(?:(?:with|to)\s+[^,;.()]*?)?\s*,?\s*\b(for|unless|except|other\s+than|when|if|in\s+order\s+to|without|outside|so\s+that|in\s+exchange\s+for|as\s+part\s+of)\b([^.;]*)/i;
const QUALIFIER_KINDS: Record<string, ClaimCondition['kind']> = { unless: 'exception', except: 'exception', 'other than': 'exception', when: 'condition', if: 'condition' };

/** The qualifier after the object, unless the extractor already recorded the same clause. */
function readQualifier(tail: string, conditions: readonly ClaimCondition[]): ClaimCondition | null {
  const match = QUALIFIER.exec(tail);
  if (!match) return null;
  const marker = (match[1] ?? '').toLowerCase().replace(/\s+/g, ' ');
  const text = `${marker}${(match[2] ?? '').replace(/\s+/g, ' ').trimEnd()}`;
  if (conditions.some((c) => c.text.toLowerCase().includes(text.toLowerCase()) || text.toLowerCase().includes(c.text.toLowerCase()))) return null;
  return { kind: QUALIFIER_KINDS[marker] ?? 'purpose', text };
}

/** One denial in the quote: where its verb is, the verb, and for a passive the data that is its subject. */
interface DenialAt {
  /** Where the denial's words start (the negator of an active denial, the subject's clause of a passive one). */
  start: number;
  /** Where its verb ends: the object (active) or the recipient (passive) comes after. */
  verbEnd: number;
  verb: string;
  /** A passive denial's subject as written ("Your messages"); undefined for an active one. */
  subject?: string;
}

const DENIALS = new RegExp(DENIAL.source, 'gi');
const PASSIVE_VERBS = new RegExp(PASSIVE_VERB.source, 'gi');
/** Where a passive denial's subject starts: after the last clause break before it ("…, and your audio is never shared"). */
const CLAUSE_BREAK = /(?:[;:]|,\s*(?:and|but|while|whereas)\s|\sbut\s)\s*/gi;
const PASSIVE_BE_BEFORE = /\S\s+(?:is|are|will\s+be|shall\s+be|would\s+be|be)\s+$/i;

/** Every denial of the quote, in order. */
function findDenials(quote: string): DenialAt[] {
  const found: DenialAt[] = [];
  for (const m of quote.matchAll(DENIALS)) found.push({ start: m.index, verbEnd: m.index + m[0].length, verb: m[1] ?? '' });
  for (const m of quote.matchAll(PASSIVE_VERBS)) {
    // "… is not shared", "are never sold": only after a form of "be" with a subject; the subject is its clause's.
    if (!PASSIVE_BE_BEFORE.test(quote.slice(0, m.index))) continue;
    let subjectStart = 0;
    for (const b of quote.slice(0, m.index).matchAll(CLAUSE_BREAK)) subjectStart = b.index + b[0].length;
    const subject = /^(.*?)\s+(?:is|are|will\s+be|shall\s+be|would\s+be|be)\s*$/is.exec(quote.slice(subjectStart, m.index))?.[1] ?? '';
    found.push({ start: subjectStart, verbEnd: m.index + m[0].length, verb: m[1] ?? '', subject });
  }
  // "are never shared" also reads as an active "never shared": the passive reading, which knows the subject, wins.
  const passiveEnds = new Set(found.filter((d) => d.subject !== undefined).map((d) => d.verbEnd));
  return found.filter((d) => d.subject !== undefined || !passiveEnds.has(d.verbEnd)).sort((a, b) => a.verbEnd - b.verbEnd);
}

/**
 * The denial that governs the recipient: the last one whose verb comes before the recipient's name ("We do not sell
 * your data, and we never share your audio with advertisers": "share" governs advertisers), else the first.
 */
function chooseDenial(quote: string, recipient: string | undefined): DenialAt | undefined {
  const denials = findDenials(quote);
  const at = recipient === undefined ? -1 : quote.toLowerCase().indexOf(recipient.toLowerCase());
  if (at < 0) return denials[0];
  return denials.filter((d) => d.verbEnd <= at).pop() ?? denials[0];
}

/**
 * Reads the scope of a denial from its quote and the conditions the extractor found in it. With `recipient` (the name
 * as the sentence writes it), the denial is the one of the recipient's own clause (docs/decisions/0012): in "We do not
 * sell X, and we do not share Y with advertisers except …" the advertisers' denial is "share" Y, not "sell" X.
 */
export function readDenialScope(quote: string, conditions: readonly ClaimCondition[] = [], recipient?: string): DenialScope {
  const denial = chooseDenial(quote, recipient);
  const verb = denial?.verb.toLowerCase().replace(/\s+/g, ' ').trim() ?? null;
  let object: string | null = null;
  let data: string | null = null;
  const understood = denial !== undefined;
  let parsed = true;
  // Where the object ends: what follows names the recipient and may narrow the denial.
  let tail = '';
  if (denial?.subject !== undefined) {
    // The sentence's capital belongs to the sentence, not to the data: "Your messages" → "your messages".
    const subject = denial.subject.trim().replace(/\s+/g, ' ').replace(/^(?:Your|The|Any|All|Such|This|That)\b/, (w) => w.toLowerCase());
    object = subject === '' ? null : subject;
    if (!GENERAL_DATA.test(subject)) data = subject;
    if (subject.split(' ').length > 8) parsed = false;
    tail = quote.slice(denial.verbEnd);
  } else if (denial !== undefined) {
    const rest = quote.slice(denial.verbEnd);
    const end = OBJECT_END.exec(rest);
    const written = (end ? rest.slice(0, end.index) : rest).trim().replace(/\s+/g, ' ');
    tail = end ? rest.slice(end.index) : '';
    object = written === '' ? null : written;
    if (written !== '' && !GENERAL_DATA.test(written)) data = written;
    // An object that runs on for more than a short noun phrase is a sentence we did not parse.
    if (written.split(' ').length > 8) parsed = false;
  }
  const qualifier = readQualifier(tail, conditions);
  const allConditions = qualifier !== null ? [...conditions, qualifier] : [...conditions];
  const verbs = (verb ?? '').split(/[^a-z]+/).filter((w) => w !== '' && !/^(?:or|and|nor)$/.test(w));
  const onlyTransactions = verbs.length > 0 && verbs.every((v) => TRANSACTION_VERBS.test(v));
  const scoped = !understood || !parsed || data !== null || allConditions.length > 0 || onlyTransactions;
  return { verb, object, data, conditions: allConditions, scoped };
}
