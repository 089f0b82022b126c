/**
 * Which servers an encryption sentence is about. "We use HTTPS for all communication between the app
 * and our servers" promises something about the service's own servers; "All data is encrypted in
 * transit" about every connection. Plain HTTP to an advertiser's server contradicts only the second
 * kind: the first says nothing about traffic to third parties (docs/rules/unencrypted-transport.md).
 * "Communications with our servers and with our service providers" names a second end: the recipients
 * it names are covered too, and only they.
 */

/** The service's own side of a connection: "our servers", "our website", "our data centres". */
const OWN_PLACE = String.raw`our\s+(?:own\s+)?(?:servers?|systems?|data\s*cent(?:er|re)s?|infrastructure|back-?\s?ends?|APIs?|web\s*sites?|sites?|web\s+pages?|platform\s+servers?|network)`;
/** "to our servers", "between the app and us", "communications with us": the other end is the service. */
const OWN_ENDPOINT = new RegExp(String.raw`\b(?:${OWN_PLACE}|(?:to|with|and)\s+us)\b`, 'i');

/** Kinds of recipient a sentence may name as the other end of a connection, as recipient categories name them. */
export type RecipientEnd = 'service-providers' | 'partners' | 'third-parties';

/**
 * "with our service providers", "and third parties", "to our partners": a recipient named as an end of the
 * connection, after a word that joins it to the other ends (not "data we share with service providers", which
 * says whose data, not whose servers: that sentence names no own end, so it is never read here).
 */
const RECIPIENT_ENDPOINT =
  /\b(?:to|with|and|between)\s+(?:(?:our|its|their|the|any|trusted|selected|external|third[-\s]party|cloud|hosting|payment|analytics|technology|infrastructure)\s+)*(service\s+providers?|providers?|(?:sub-?)?processors?|vendors?|suppliers?|contractors?|partners?|third[-\s]part(?:y|ies))\b/gi;

/** What may stand between an own end and a recipient coordinated with it: "our servers and with our service providers". */
const OWN_THEN_RECIPIENT = /^\s*,?\s*(?:(?:and|or|as\s+well\s+as)\s*)?$/i;
/** A verb right after a recipient (not the claim's own "are encrypted"): the recipient is a clause's subject. */
const OWN_VERB_AFTER =
  /^\s+(?:(?:may|might|will|would|can|could|also|then|do|does|did|should|must|often|usually)\s+)*(?!(?:is|are|was|were|be|been|and|or|as|in|on|at|by|for|with|to|from|of|that|who|which|whom|where|when|over|through|via|using)\b)[a-z]+\b/;
/**
 * True when the verb after a plural recipient is its own ("third parties receive data"), not the claim's predicate
 * ("…, our servers and our partners uses TLS": a singular verb; "… partners are encrypted", "… use TLS").
 */
function startsOwnClause(recipient: string, after: string): boolean {
  const verb = OWN_VERB_AFTER.exec(after);
  if (verb === null || /^\s+(?:\w+\s+){0,4}?(?:TLS|SSL|HTTPS|encrypt\w*)\b/i.test(after)) return false;
  const word = verb[0].trim().split(/\s+/).pop() ?? '';
  return !(/(?:s|ies)$/i.test(recipient) && /s$/.test(word));
}

/** And the other way round: "with our service providers and our servers". */
const RECIPIENT_THEN_OWN = /^\s*,?\s*(?:and|or|as\s+well\s+as)\s+(?:(?:with|to|between)\s+)?$/i;

/** The recipients a sentence names beside the service's own servers: their kinds and the words as written. */
export interface RecipientEnds {
  kinds: RecipientEnd[];
  /** The names as the sentence writes them ("our service providers"), joined with "and". */
  written: string;
}

/**
 * The path to data the service holds: LINE's "appropriate encryption measures in the access route to Personal Data"
 * (about companies in third countries reaching its data centres). That path runs to the service's own servers, not
 * from the app to an advertiser, so such a claim is compared with first-party hosts only (trial8 item 2).
 */
const STORED_DATA_ACCESS =
  /\baccess\s+(?:routes?|paths?|channels?)\s+(?:to|for|into)\b|\b(?:remote\s+)?access\s+to\s+(?:the\s+)?(?:personal\s+)?(?:data|information)\s+(?:stored|held|kept)\b/i;

/**
 * 'own-servers' when the sentence names the service's own servers (or "us") as the end of the
 * connection it protects, else null: such a claim is compared with all traffic, as a reader would take it.
 */
export function readEncryptedEndpoint(quote: string): 'own-servers' | null {
  return OWN_ENDPOINT.test(quote) || STORED_DATA_ACCESS.test(quote) ? 'own-servers' : null;
}

/**
 * The recipients a claim about the service's own servers also names as ends ("with our servers and with our
 * service providers"), or null when it names none, or names no own end (then it covers all traffic anyway).
 */
export function readRecipientEnds(quote: string): RecipientEnds | null {
  if (readEncryptedEndpoint(quote) === null) return null;
  const kinds = new Set<RecipientEnd>();
  const written: string[] = [];
  const own = [...quote.matchAll(new RegExp(OWN_ENDPOINT.source, 'gi'))].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  for (const match of quote.matchAll(RECIPIENT_ENDPOINT)) {
    // Only a recipient coordinated with the own end is an end of the same connection: "… and our servers, and we share
    // data with partners" speaks of partners in another clause.
    const start = match.index;
    const end = start + match[0].length;
    const coordinated = own.some((o) => OWN_THEN_RECIPIENT.test(quote.slice(o.end, start)) || RECIPIENT_THEN_OWN.test(quote.slice(end, o.start)));
    // "…to our servers, and third parties receive data over their own connections": after a bare "and", a recipient
    // with a verb of its own is the subject of a new clause, not a second end of the encrypted connection (review 8).
    if (!coordinated || (/^and\b/i.test(match[0]) && startsOwnClause(match[1] ?? '', quote.slice(end)))) continue;
    const noun = (match[1] ?? '').toLowerCase();
    kinds.add(/^third/.test(noun) ? 'third-parties' : /^partner/.test(noun) ? 'partners' : 'service-providers');
    written.push(match[0].replace(/^\S+\s+/, '').replace(/\s+/g, ' '));
  }
  return kinds.size > 0 ? { kinds: [...kinds], written: [...new Set(written)].join(' and ') } : null;
}

/**
 * "Data we share with service providers is encrypted in transit", "Information sent to our partners is protected by
 * TLS": a claim that names only recipients as where the data goes, and no own end. It covers those recipients and only
 * them, as a claim naming them beside "our servers" does, not the app's traffic to its own servers. A sentence about
 * all data ("All data, including data we share with partners, …") is left unscoped.
 */
const SENT_TO_RECIPIENT =
  /\b(?:share|shares|shared|sharing|send|sends|sent|disclose|discloses|disclosed|transfer|transfers|transferred|transmit|transmits|transmitted|provide|provides|provided|pass|passes|passed)\b(?:\s+(?!(?:and|or|but|while|whereas)\b)[\w'\u2019-]+){0,4}?\s+(?:with|to)\s+((?:(?:our|its|their|the|any|trusted|selected|external|third[-\s]party|cloud|hosting|payment|analytics|technology|infrastructure)\s+)*(service\s+providers?|providers?|(?:sub-?)?processors?|vendors?|suppliers?|contractors?|partners?|third[-\s]part(?:y|ies)))\b/gi;
const ALL_DATA = /\b(?:all|any|every)\s+(?:(?:of\s+)?(?:your|our|the)\s+)?(?:personal\s+)?(?:data|information|traffic|communications?|connections?|transmissions?)\b/i;

/** The recipients a claim with no own end names as where the data goes, or null when it names none (or is about all data). */
export function readDataRecipients(quote: string): RecipientEnds | null {
  if (readEncryptedEndpoint(quote) !== null || ALL_DATA.test(quote)) return null;
  const kinds = new Set<RecipientEnd>();
  const written: string[] = [];
  for (const match of quote.matchAll(SENT_TO_RECIPIENT)) {
    const noun = (match[2] ?? '').toLowerCase();
    kinds.add(/^third/.test(noun) ? 'third-parties' : /^partner/.test(noun) ? 'partners' : 'service-providers');
    written.push((match[1] ?? '').replace(/\s+/g, ' '));
  }
  return kinds.size > 0 ? { kinds: [...kinds], written: [...new Set(written)].join(' and ') } : null;
}
