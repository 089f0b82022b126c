/**
 * Which servers an encryption sentence is about. "We use HTTPS for all communication between the app
 * and our servers" promises something about the service's own servers; "All data is encrypted in
 * transit" about every connection. Plain HTTP to an advertiser's server contradicts only the second
 * kind: the first says nothing about traffic to third parties (docs/rules/unencrypted-transport.md).
 */

/** The service's own side of a connection: "our servers", "our website", "our data centres". */
const OWN_PLACE = String.raw`our\s+(?:own\s+)?(?:servers?|systems?|data\s*cent(?:er|re)s?|infrastructure|back-?\s?ends?|APIs?|web\s*sites?|sites?|web\s+pages?|platform\s+servers?|network)`;
/** "to our servers", "between the app and us", "communications with us": the other end is the service. */
const OWN_ENDPOINT = new RegExp(String.raw`\b(?:${OWN_PLACE}|(?:to|with|and)\s+us)\b`, 'i');

/**
 * 'own-servers' when the sentence names the service's own servers (or "us") as the end of the
 * connection it protects, else null: such a claim is compared with all traffic, as a reader would take it.
 */
export function readEncryptedEndpoint(quote: string): 'own-servers' | null {
  return OWN_ENDPOINT.test(quote) ? 'own-servers' : null;
}
