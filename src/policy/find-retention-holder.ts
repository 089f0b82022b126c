import type { RetentionHolder } from '../model/claim.js';
import type { PhraseMatch } from './compile-phrase-pattern.js';
import { isOwnName } from './detect-first-party-names.js';
import firstParty from './lexicons/first-party-names.json' with { type: 'json' };
import functionWords from './lexicons/function-words.json' with { type: 'json' };
import retention from './lexicons/retention-terms.json' with { type: 'json' };
import type { SentenceContext } from './sentence-context.js';

/**
 * Descriptions of an organisation other than the service: "service providers", "our vendor", "the third party
 * service", "payment processors", "fulfillment partners". The head noun decides; up to two modifiers before it
 * belong to the name ("age verification vendors"), but not words that end a noun phrase ("share data with").
 */
const MODIFIER = String.raw`(?:(?!(?:with|to|and|or|by|of|from|we|us|our|you|your|data|information|that|which|who|the|a|an|use|uses|share|shares|engage|engages|hire|hires|disclose|discloses|send|sends|provide|provides|allow|allows|rely|relies|on)\b)[\w-]+\s+)`;
const HEAD =
  String.raw`(?:service\s+providers?|(?:[\w-]+\s+)?providers?|partners?|vendors?|processors?|contractors?|suppliers?|(?:other|these|such|those)\s+companies|recruiters|employers|advertisers|` +
  String.raw`third[\s-]part(?:y|ies)(?:\s+(?:services?|sites?|websites?|apps?|applications?|vendors?|providers?|partners?|companies|processors?|platforms?|advertisers?|ad\s+servers?|networks?))?|` +
  String.raw`(?:these|other|such|those)\s+(?:web\s*)?sites)`;
const DETERMINER = String.raw`(?:(?:the|our|its|their|these|such|those|other|some|certain|a|an|any|relevant)\s+)*`;
const ORGANISATION = `${DETERMINER}${MODIFIER}{0,2}${HEAD}`;

/** Words between a subject and its verb that do not change who acts: "may also", "will not", "continue to". */
const AUXILIARIES = String.raw`(?:(?:may|might|will|would|can|could|shall|should|must|also|only|still|then|generally|typically|usually|not|never|do|does|did|continue\s+to|in\s+turn|themselves|itself|always|often|sometimes)\s+)*`;
/** The subject right before the verb is another organisation: "our vendor may retain", "providers who store". */
const OTHER_SUBJECT = new RegExp(`(?:^|[^\\w-])(${ORGANISATION})\\s*,?\\s+(?:(?:who|that|which)\\s+)?${AUXILIARIES}$`, 'i');
/** "We require our fulfillment vendor not to retain, share, store or use your information": the vendor is the one kept from retaining. */
const INSTRUCTED_SUBJECT = new RegExp(`\\b(?:require|requires|required|instruct|instructs|oblige|obliges|obligate|obligates|ask|asks|direct|directs|prohibit|prohibits|permit|permits|allow|allows)\\s+(${ORGANISATION})\\s+(?:not\\s+)?to\\s+$`, 'i');
/** "These service providers are required to … and are prohibited from retaining, using, or disclosing your information". */
const PROHIBITED_SUBJECT = new RegExp(`^\\s*(${ORGANISATION})\\b[^;:]{0,160}?\\b(?:are|is)\\s+(?:also\\s+)?(?:prohibited|barred|forbidden|precluded)\\s+from\\s+(?:\\w+ing\\s*,?\\s*(?:or\\s+|and\\s+|and/or\\s+)?)*$`, 'i');
/** "…, they may retain data": a pronoun standing for an organisation named before it in the sentence. */
const PRONOUN_SUBJECT = new RegExp(`\\b(?:they|these\\s+(?:companies|parties|providers|partners|services)|such\\s+(?:companies|parties|providers|partners))\\s+${AUXILIARIES}$`, 'i');
const ORGANISATION_ANYWHERE = new RegExp(`(?:^|[^\\w-])(${ORGANISATION})(?![\\w-])`, 'gi');
/** "we and our partners may store": the service keeps it too, so the statement is the service's. */
const SERVICE_SUBJECT = new RegExp(`\\b(?:we|us)\\s+(?:(?:and|&|or|and/or)\\s+.{0,60})?${AUXILIARIES}$`, 'i');
/** "stored by our payment processor", "kept with the third party service": the agent of a passive. */
const AGENT = new RegExp(`^(?:\\s*(?:,|and/or|and|or)\\s*[a-z]+)*\\s+(?:by|with)\\s+(${ORGANISATION})(?![\\w-])`, 'i');
/** "third parties who assist us with fulfilling orders, …, store and maintain our database records". */
const ASSISTING_SUBJECT = new RegExp(`(?:^|[^\\w-])(${ORGANISATION})\\s+(?:who|that|which)\\s+(?:assist|help|work\\s+with)\\s+us\\b[^.;]*$`, 'i');
/** "… by the relevant Official Account or Mini Program in accordance with their own privacy policies". */
const OWN_POLICIES = /\b(?:their|its)\s+own\s+(?:privacy|retention|data)\s+(?:polic(?:y|ies)|practices|terms)|\bproviders['’]\s+own\b/i;
/** "fulfillment partners may keep and use", "these companies do not retain": a few words between, in one comma clause. */
const LOOSE_SUBJECT = new RegExp(`(?:^|[^\\w-])(${ORGANISATION})\\s+(?:(?!(?:we|us|you|to)\\b)[\\w'’-]+\\s+){0,4}$`, 'i');
/** A processor keeping data for the service keeps it on the service's behalf: the retention is the service's. */
const ON_BEHALF = /\bon\s+(?:our|its|the\s+company['’]s)\s+behalf\b|\bfor\s+us\b/i;
const NAMED_AGENT = /^(?:\s*(?:,|and\/or|and|or)\s*[a-z]+)*\s+by\s+((?:the\s+)?(?:relevant\s+)?\p{Lu}[\p{L}\p{N}-]*(?:\s+(?:or|and|of)?\s*\p{Lu}[\p{L}\p{N}-]*){0,5})/u;
const PASSIVE = /\b(?:is|are|was|were|be|been|being|gets?)\s+(?:\w+ly\s+|not\s+|never\s+|only\s+|also\s+)*$/i;
const SERVICE: RetentionHolder = { kind: 'service' };

/**
 * Who keeps the data a retention verb is about: another organisation when it is the verb's subject ("Stripe
 * retains", "the third party service may store", "…, they may retain data" after "other third parties") or the
 * agent of a passive ("retained by our vendor", "stored with the third party service"); otherwise the service
 * itself. Named organisations are the entity catalog's, never the policy's own names ("Tumblr will retain").
 */
export function findRetentionHolder(context: SentenceContext, verb: PhraseMatch | undefined): RetentionHolder {
  if (verb === undefined) return SERVICE;
  const text = context.sentence.text;
  const head = text.slice(0, verb.start);
  // Only the verb's own clause: "We use vendors; we keep logs" is the service's.
  const clause = head.slice(Math.max(head.lastIndexOf(';'), head.lastIndexOf(':')) + 1);
  const after = text.slice(verb.end, verb.end + 160);
  if (/^\s+by\s+(?:us|ourselves)\b/i.test(after) || ON_BEHALF.test(text)) return SERVICE;

  // A list item with no subject of its own ("access or retain information …") acts for its lead-in's subject.
  if (SUBJECTLESS_ITEM.test(clause)) {
    const fromLeadIn = leadInSubject(context);
    if (fromLeadIn !== null) return fromLeadIn;
  }
  // A passive's subject is the data ("information shared with third parties is retained"): only its agent can be the holder.
  if (!PASSIVE.test(clause)) {
    const named = namedSubject(context, clause);
    if (named !== null) return named;
    if (SERVICE_SUBJECT.test(clause)) return SERVICE;
    const subject = OTHER_SUBJECT.exec(clause) ?? ASSISTING_SUBJECT.exec(clause) ?? INSTRUCTED_SUBJECT.exec(clause) ?? PROHIBITED_SUBJECT.exec(clause);
    if (subject?.[1] !== undefined) return unnamed(subject[1]);
    if (PRONOUN_SUBJECT.test(clause)) {
      const earlier = [...clause.matchAll(ORGANISATION_ANYWHERE)].at(-1)?.[1];
      if (earlier !== undefined) return unnamed(earlier);
    }
    const loose = LOOSE_SUBJECT.exec(clause.split(',').pop() ?? '')?.[1];
    if (loose !== undefined) return unnamed(loose);
  }
  const agent = AGENT.exec(after)?.[1];
  if (agent !== undefined) return namedAgent(context, agent) ?? unnamed(agent);
  // A passive whose agent is no organisation word, in a sentence saying the agent has its own policies.
  const proper = NAMED_AGENT.exec(after)?.[1];
  if (proper !== undefined) {
    const found = namedAgent(context, proper);
    if (found !== null) return found;
    if (OWN_POLICIES.test(text) && !isOwnName(proper.replace(/^the\s+(?:relevant\s+)?/i, ''), context.firstPartyNames)) return unnamed(proper);
  }
  return SERVICE;
}

/** Nothing but a list marker and perhaps a coordinated verb before the retention verb: "- access or ", "• ". */
const SUBJECTLESS_ITEM = /^[\s\-\u2013\u2014\u2022*|>]*(?:\p{Ll}+\s+(?:or|and|and\/or)\s+)?$/u;
/** "Your domain administrator may be able to:", "Our service providers may:": the subject of a list's lead-in. */
const LEAD_IN_SUBJECT =
  /(?:^|[.!?]\s+)([^.!?:]{2,80}?)\s+(?:may|might|can|could|will|shall|must)(?:\s+(?:also|be\s+able\s+to|have\s+the\s+(?:right|ability)\s+to))*\s*:\s*$/i;

/**
 * The keeper named as the subject of a list's lead-in (google.com: "Your domain administrator may be able to: … access
 * or retain information stored as part of your account."): a catalogued or described organisation, or the party the
 * lead-in names; the service when it is "we"; nothing (left to the item) when it is the reader.
 */
function leadInSubject(context: SentenceContext): RetentionHolder | null {
  const subject = LEAD_IN_SUBJECT.exec(context.leadIns?.[0] ?? '')?.[1]?.trim();
  if (subject === undefined || /^(?:you|users?|visitors?|members?)\b/i.test(subject)) return null;
  if (/^(?:we|us)\b/i.test(subject)) return SERVICE;
  const named = namedSubject(context, `${subject} `);
  if (named !== null) return named;
  const described = OTHER_SUBJECT.exec(`${subject} `)?.[1];
  return unnamed(described ?? subject);
}

/** "Acme Payments, Inc. may retain": a company outside the catalog, known as one by its legal form. */
const LEGAL_NAME_SUBJECT = new RegExp(
  `((?:\\p{Lu}[\\p{L}\\p{N}&'’-]*\\s+){0,4}\\p{Lu}[\\p{L}\\p{N}&'’-]*,?\\s+(?:Inc\\.?|LLC|L\\.L\\.C\\.|Ltd\\.?|Limited|GmbH|AG|S\\.A\\.|B\\.V\\.|Corp(?:oration|\\.)?|PLC|plc))\\s*,?\\s+${AUXILIARIES}$`,
  'u',
);

/**
 * "Zendesk retains", "Acme Analytics keeps", "we use Zendesk, which retains": capitalised words right before the verb
 * (or before "which"/"who"/"that" after them), at the start of their clause.
 */
const CAPITALISED_RUN = String.raw`((?:\p{Lu}[\p{L}\p{N}&'’.-]*\s+){0,4}\p{Lu}[\p{L}\p{N}&'’-]*)`;
const CAPITALISED_SUBJECT = new RegExp(
  `(?:(?:^|[,;:(]\\s*|[.!?]\\s+|\\b(?:and|but|while|whereas|although|because|since|where|when|if)\\s+)${CAPITALISED_RUN}|(?<![\\p{L}\\p{N}])${CAPITALISED_RUN}\\s*,\\s+(?:which|who))\\s+${AUXILIARIES}$`,
  'u',
);
/** Pronouns, determiners and other function words: the subject itself when one stands right before the verb. */
const FUNCTION_WORDS = new Set(
  [
    ...functionWords.languages.en,
    ...['i', 'he', 'she', 'they', 'them', 'those', 'some', 'each', 'every', 'certain', 'many', 'most', 'no', 'none', 'both', 'either', 'neither', 'note', 'then', 'only', 'once', 'while', 'although', 'because', 'since', 'unless'],
  ].map((w) => w.toLowerCase()),
);
/** Words that are never a company's name however they are written: function words, data and storage nouns, title words. */
const NEVER_A_NAME = new Set(
  [
    ...FUNCTION_WORDS,
    ...firstParty.genericWords,
    ...firstParty.leadingNoise,
    ...retention.dataNouns.flatMap((n) => n.split(/\s+/)),
    ...retention.storageNouns.flatMap((n) => n.split(/\s+/)),
    ...retention.retentionNouns.flatMap((n) => n.split(/\s+/)),
  ].map((w) => w.toLowerCase()),
);

/**
 * A company outside the catalog named without a legal form ("Zendesk retains ticket data for 12 months"): capitalised
 * words of which at least one the policy never writes in lower case, which makes them a name and not a sentence's or a
 * heading's first words ("Backups retain …"). Title words before the name are a fused heading and are dropped ("Data
 * Retention Zendesk …"); the policy's own names, their initials ("SRL" for Sports Reference LLC) and products named
 * after them ("Acme Analytics" in Acme's policy) stay the service's.
 */
function properNameSubject(context: SentenceContext, clause: string): RetentionHolder | null {
  // Only a policy whose own names are known can tell another company's name from its own ("The National Archives
  // Trust Fund will retain …" on archives.gov, where no own name was detected, is the operator's division).
  if (context.firstPartyNames.length === 0) return null;
  const found = CAPITALISED_SUBJECT.exec(clause);
  const run = found?.[1] ?? found?.[2];
  if (run === undefined) return null;
  const ordinary = context.ordinaryWords ?? new Set<string>();
  const isOrdinary = (word: string): boolean => {
    const lower = word.toLowerCase().replace(/['’]s$/, '');
    return NEVER_A_NAME.has(lower) || ordinary.has(lower) || ordinary.has(lower.replace(/s$/, ''));
  };
  const words = run.split(/\s+/);
  // "Data Retention We keep …": a pronoun or common word right before the verb is the subject, whatever precedes it.
  if (FUNCTION_WORDS.has((words.at(-1) ?? '').toLowerCase())) return null;
  // A heading fused with the sentence ("Data Retention Zendesk may retain …") loses its title words.
  while (words.length > 0 && NEVER_A_NAME.has((words[0] ?? '').toLowerCase())) words.shift();
  // Title-cased words of the policy's own vocabulary ("Member Stations", "Backups") name no company.
  if (words.every(isOrdinary)) return null;
  const name = words.join(' ');
  return isOwnName(name, context.firstPartyNames) || isOwnInitials(name, context.firstPartyNames) ? SERVICE : { kind: 'named', name };
}

/** "SRL does not store …" in Sports Reference LLC's policy: the initials of an own name, legal form included or not. */
function isOwnInitials(name: string, firstPartyNames: readonly string[]): boolean {
  if (!/^\p{Lu}{2,6}$/u.test(name)) return false;
  const initials = (words: readonly string[]): string => words.map((w) => w[0] ?? '').join('');
  return firstPartyNames.some((own) => {
    const words = own.split(/[\s,.]+/).filter((w) => /^\p{L}/u.test(w));
    return [initials(words), initials(words.slice(0, -1))].includes(name.toLowerCase());
  });
}

/** "Stripe retains", "Google Analytics, Inc. may store": a catalog organisation, not the policy's own, right before the verb. */
/** ", our real-time audio partner," ", the payment processor,": a described aside between a name and its verb. */
const APPOSITIVE = String.raw`(?:\s*,\s*(?:our|the|a|an|its|their)\s+[^,;:.()]{1,60}?,)`;

function namedSubject(context: SentenceContext, clause: string): RetentionHolder | null {
  const last = context.organisations.find(clause).at(-1);
  if (last === undefined) {
    const legal = LEGAL_NAME_SUBJECT.exec(clause)?.[1];
    if (legal === undefined) return properNameSubject(context, clause);
    return isOwnName(legal, context.firstPartyNames) ? SERVICE : { kind: 'named', name: legal.replace(/\s+/g, ' ').trim() };
  }
  const between = clause.slice(last.end);
  // "Agora, our real-time audio partner, stores call metadata": the description beside the name is an aside; the named
  // company is the holder (trial 8, task item 4).
  if (!new RegExp(`^(?:\\s*,?\\s*(?:Inc\\.?|LLC|Ltd\\.?|Limited|Corp(?:oration|\\.)?)\\s*,?)?${APPOSITIVE}?\\s+${AUXILIARIES}$`, 'i').test(between)) return null;
  if (isOwnName(last.text, context.firstPartyNames)) return SERVICE;
  return { kind: 'named', name: last.text, entityId: last.entityId };
}

function namedAgent(context: SentenceContext, agent: string): RetentionHolder | null {
  const found = context.organisations.find(agent)[0];
  if (found === undefined) return null;
  return isOwnName(found.text, context.firstPartyNames) ? SERVICE : { kind: 'named', name: found.text, entityId: found.entityId };
}

function unnamed(phrase: string): RetentionHolder {
  return { kind: 'unnamed', name: phrase.replace(/\s+/g, ' ').trim() };
}
