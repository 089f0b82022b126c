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

/** The recipients a sentence names beside the service's own servers: their kinds and the words as written. */
export interface RecipientEnds {
  kinds: RecipientEnd[];
  /** The names as the sentence writes them ("our service providers"), joined with "and". */
  written: string;
}

/**
 * 'own-servers' when the sentence names the service's own servers (or "us") as the end of the
 * connection it protects, else null: such a claim is compared with all traffic, as a reader would take it.
 */
export function readEncryptedEndpoint(quote: string): 'own-servers' | null {
  return OWN_ENDPOINT.test(quote) ? 'own-servers' : null;
}

/**
 * The recipients a claim about the service's own servers also names as ends ("with our servers and with our
 * service providers"), or null when it names none, or names no own end (then it covers all traffic anyway).
 */
export function readRecipientEnds(quote: string): RecipientEnds | null {
  if (readEncryptedEndpoint(quote) === null) return null;
  const kinds = new Set<RecipientEnd>();
  const written: string[] = [];
  for (const match of quote.matchAll(RECIPIENT_ENDPOINT)) {
    const noun = (match[1] ?? '').toLowerCase();
    kinds.add(/^third/.test(noun) ? 'third-parties' : /^partner/.test(noun) ? 'partners' : 'service-providers');
    written.push(match[0].replace(/^\S+\s+/, '').replace(/\s+/g, ' '));
  }
  return kinds.size > 0 ? { kinds: [...kinds], written: [...new Set(written)].join(' and ') } : null;
}
