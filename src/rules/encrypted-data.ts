/**
 * Which data an encryption sentence is about: "Passwords are encrypted" promises something about
 * passwords, "We use industry-standard encryption to protect your information" about data in general.
 * Plain HTTP contradicts only the second kind: a capture cannot tell whether a request carried a
 * password (docs/rules/unencrypted-transport.md).
 */

/** "Passwords are encrypted", "Payment details are stored encrypted": the subject is the data. */
const PASSIVE = /^(.{1,80}?)\s+(?:is|are|will\s+be|shall\s+be|gets?|remains?)\s+(?:[\w-]+\s+){0,2}?(?:encrypted|hashed)\b/i;
/** "We encrypt passwords", "we hash and salt passwords": the object is the data. */
const ACTIVE = /\b(?:we|it|they)\s+(?:\w+\s+)?(?:encrypt|encrypts|hash|hashes)(?:\s+and\s+\w+)?\s+(.{1,80}?)(?=\s+(?:in|at|using|with|when|while|during|before|on|by|so)\b|[,.;:]|$)/i;
/** The named transport protections: "HTTPS", "SSL", "Secure Sockets Layer (SSL) technology". */
const TRANSPORT_PROTECTION = String.raw`(?:HTTPS|SSL|TLS|Secure\s+Sockets?\s+Layer|Transport\s+Layer\s+Security)(?:\s*\([^)]*\))?(?:\s+(?:technology|protocol|encryption|certificates?|connections?))?`;
/** "Passwords are transmitted over HTTPS", "Card details are sent using SSL": the subject is the data, on the wire. */
const PASSIVE_TRANSPORT = new RegExp(
  String.raw`^(.{1,80}?)\s+(?:is|are|will\s+be|shall\s+be|gets?)\s+(?:[\w-]+\s+){0,2}?(?:transmitted|sent|transferred|passed|submitted|communicated|protected|secured)\s+(?:[\w-]+\s+){0,5}?(?:over|via|using|with|through|by|under)\s+(?:an?\s+|the\s+)?(?:secure\s+|encrypted\s+)?(?:${TRANSPORT_PROTECTION}|encrypt\w*)`,
  'i',
);
/**
 * "encryption to protect your information", "encryption (TLS) for payment data", "SSL to protect payment information",
 * LINE's "Provision of encryption feature of messages".
 */
const PROTECTS = new RegExp(
  String.raw`\b(?:encryption|${TRANSPORT_PROTECTION})(?:\s+(?:features?|functions?|functionality|capabilit(?:y|ies)))?(?:\s*\([^)]*\))?\s+(?:to\s+(?:protect|secure|safeguard|help\s+protect|encrypt)|for|of)\s+(.{1,80}?)(?=\s+(?:in|at|from|against|using|with|when|while|during|on)\b|[,.;:]|$)`,
  'i',
);

/** "We cannot see the media as it is encrypted": the data is what cannot be seen, and the reason is its encryption. */
const UNSEEN = /\b(?:see|read|access|view|open)\s+(.{1,80}?)\s+(?:as|because|since)\s+(?:it|they)\s+(?:is|are)\s+(?:[\w-]+\s+){0,2}?encrypted\b/i;

/** "End-to-end encryption means that your calls, messages, media … are encrypted": a definition names its data, often a long list. */
const DEFINITION = /\bmeans\s+(?:that\s+)?(.{1,200}?)\s+(?:is|are)\s+(?:[\w-]+\s+){0,2}?encrypted\b/i;

/** "We temporarily store your messages in encrypted form": the data is what is kept. */
const KEPT_ENCRYPTED = /\b(?:store|stores|keep|keeps|hold|holds|save|saves)\s+(?:(?:them|it)\s+)?(.{1,80}?)\s+in\s+(?:an?\s+)?encrypted\s+(?:form|format|state)\b/i;

/**
 * "we store the encrypted message", "to decrypt your backed-up chat history", "(dialed phone number, encrypted
 * voice data)": the data is named beside the word.
 */
const NAMED_BESIDE = /\b(?:(?:store|stores|keep|keeps|hold|holds|send|sends)\s+(?:the|your|an?)\s+encrypted\s+([\w-]+)|decrypts?\s+(.{1,60}?)(?=[,.;:]|$)|encrypted\s+([\w-]+\s+data)\b)/i;

/** Words that do not narrow the data: determiners and "personal", "user". */
const NON_NARROWING =
  /^(?:(?:all|any|the|your|our|such|this|that|of|its|their|personal|user|users['\u2019]?|customer|sensitive|private|network|internet|online|web|app|electronic|digital|outgoing|incoming|inbound|outbound)\s+)*/i;
/** Head nouns that mean data in general, when nothing narrower comes before them. */
const GENERAL = /^(?:data|information|info|communications?|traffic|transmissions?|connections?|content|everything|it|them)\b/i;

/**
 * The data an encryption sentence narrows itself to, as written ("Passwords"), or null when it is about
 * data in general or does not say: such a claim is compared with all traffic, as a reader would take it.
 */
export function readEncryptedData(quote: string): string | null {
  const match = UNSEEN.exec(quote) ?? DEFINITION.exec(quote) ?? KEPT_ENCRYPTED.exec(quote) ?? PASSIVE.exec(quote) ?? PASSIVE_TRANSPORT.exec(quote) ?? ACTIVE.exec(quote) ?? PROTECTS.exec(quote);
  const beside = match ? null : NAMED_BESIDE.exec(quote);
  // The subject starts after any lead-in clause: "As always, your messages are encrypted".
  // A relative clause describes the data, it does not widen it: "Precise Location Information that you share … is encrypted".
  const phrase = (match?.[1] ?? beside?.[1] ?? beside?.[2] ?? beside?.[3])
    ?.split(/[,;:]\s+/)
    .pop()
    ?.replace(/\s+(?:that|which|who)\s[\s\S]*$/i, '')
    .trim()
    .replace(/\s+/g, ' ');
  if (!phrase) return null;
  const head = phrase.replace(NON_NARROWING, '');
  // "We use encryption" and similar: the subject is the company or the measure, not data.
  if (/^(?:we|it|they|encryption|industry|our\s+systems?|\w+-standard)\b/i.test(head) || head.split(' ').length > 8) return null;
  return GENERAL.test(head) ? null : phrase;
}
