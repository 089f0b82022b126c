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
/** "Your messages are never shared with Facebook": the data is the subject. */
const PASSIVE = new RegExp(
  `^(.*?)\\s+(?:is|are|will\\s+be|shall\\s+be|would\\s+be|be)\\s+(?:not|never)\\s+(?:ever\\s+)?(?:${VERBS})(?:d|ed)\\b`,
  'i',
);
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

/** Reads the scope of a denial from its quote and the conditions the extractor found in it. */
export function readDenialScope(quote: string, conditions: readonly ClaimCondition[] = []): DenialScope {
  const denial = DENIAL.exec(quote);
  const passive = PASSIVE.exec(quote);
  const verb = (passive ? PASSIVE_VERB.exec(quote)?.[1] : denial?.[1])?.toLowerCase().replace(/\s+/g, ' ').trim() ?? null;
  let object: string | null = null;
  let data: string | null = null;
  let understood = denial !== null;
  // Where the object ends: what follows names the recipient and may narrow the denial.
  let tail = '';
  if (passive) {
    understood = true;
    // The sentence's capital belongs to the sentence, not to the data: "Your messages" → "your messages".
    const subject = (passive[1] ?? '').trim().replace(/\s+/g, ' ').replace(/^(?:Your|The|Any|All|Such|This|That)\b/, (w) => w.toLowerCase());
    object = subject === '' ? null : subject;
    if (!GENERAL_DATA.test(subject)) data = subject;
    if (subject.split(' ').length > 8) understood = false;
    const verbAt = PASSIVE_VERB.exec(quote);
    tail = verbAt ? quote.slice(verbAt.index + verbAt[0].length) : '';
  } else if (denial) {
    const rest = quote.slice(denial.index + denial[0].length);
    const end = OBJECT_END.exec(rest);
    const written = (end ? rest.slice(0, end.index) : rest).trim().replace(/\s+/g, ' ');
    tail = end ? rest.slice(end.index) : '';
    object = written === '' ? null : written;
    if (written !== '' && !GENERAL_DATA.test(written)) data = written;
    // An object that runs on for more than a short noun phrase is a sentence we did not parse.
    if (written.split(' ').length > 8) understood = false;
  }
  const qualifier = readQualifier(tail, conditions);
  const allConditions = qualifier !== null ? [...conditions, qualifier] : [...conditions];
  const verbs = (verb ?? '').split(/[^a-z]+/).filter((w) => w !== '' && !/^(?:or|and|nor)$/.test(w));
  const onlyTransactions = verbs.length > 0 && verbs.every((v) => TRANSACTION_VERBS.test(v));
  const scoped = !understood || data !== null || allConditions.length > 0 || onlyTransactions;
  return { verb, object, data, conditions: allConditions, scoped };
}
