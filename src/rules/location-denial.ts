/**
 * Whether a sentence denies that data goes to a place: a negator right before a storage or transfer verb ("we do
 * not transfer", "is never stored", "will not sell or transfer", "don't have servers"). The extractor's negation
 * reads any negator shortly before the verb, so "We cannot guarantee that data transferred to the United States
 * …" is a negative claim to it; printed as "the policy says data does not go there" that would be false.
 */

/** Negator, then only auxiliaries and adverbs, then the verb (or another verb coordinated with it). */
const DENIED_CUE = new RegExp(
  String.raw`\b(?:not|never|no\s+longer|cannot|can['’]t|won['’]t|don['’]t|doesn['’]t|isn['’]t|aren['’]t|wasn['’]t|weren['’]t)\s+` +
    String.raw`(?:(?:be|been|being|ever|currently|otherwise|knowingly|intentionally|actively|physically|routinely)\s+)*` +
    String.raw`(?:(?:sell|sold|rent|rented|share|shared|disclose|disclosed)\s*,?\s+(?:or|and|nor)\s+)?` +
    String.raw`(?:transfer|stor(?:e|ed|es|ing)|send|sent|host|process|keep|kept|move|transmit|export|locat(?:e|ed)|have\s+(?:any\s+)?(?:servers|data\s+cent))`,
  'i',
);

/** True when the text denies storing or sending data: a negator governs a storage or transfer verb in it. */
export function deniesLocation(text: string): boolean {
  return DENIED_CUE.test(text);
}
