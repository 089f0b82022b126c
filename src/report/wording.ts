/**
 * Every sentence claimcheck says about a finding lives here, so wording can be reviewed (by an
 * editor or a lawyer) in one place. Wording states what was observed and what the policy says,
 * and avoids asserting intent.
 */
import { nameCountryList } from './name-country-list.js';
import { describeRetentionLimit, isPlural } from './describe-retention-limit.js';
import { nameRegion } from './report-wording.js';
import { trimDanglingWords } from './trim-dangling-words.js';

/** Title and plain-language explanation of one finding. */
export interface FindingWording {
  title: string;
  explanation: string;
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** English name of an ISO 3166-1 alpha-2 code, e.g. "CN" → "China". */
export function nameCountry(code: string): string {
  try {
    return regionNames.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/**
 * The label cell of a recipient: its consistency label, or, when every flow to it carried nothing from the device,
 * that it was only contacted (it has no label and no finding then: nothing shows it received data).
 */
export function describeRecipientLabel(recipient: { label: string | null; noDataSent?: true }): string {
  return recipient.noDataSent ? 'contacted, no data sent in the capture' : (recipient.label ?? '—');
}

/**
 * Bytes of some traffic, saying which way they went: "3.6 KB sent, 29.4 KB in all" when what the device sent is known,
 * else "29.4 KB in both directions" (flows stored before claimcheck counted directions). A total alone would be read
 * as data sent, while most of it is usually what the servers sent back.
 */
export function describeTrafficBytes(bytes: number, bytesSent: number | undefined): string {
  return bytesSent === undefined ? `${formatBytes(bytes)} in both directions` : `${formatBytes(bytesSent)} sent, ${formatBytes(bytes)} in all`;
}

/** What the device sent to all these recipients, when each one's is known (the sum the traffic line states). */
export function sumRecipientBytesSent(recipients: readonly { bytesSent?: number }[]): number | undefined {
  let sum = 0;
  for (const r of recipients) {
    if (r.bytesSent === undefined) return undefined;
    sum += r.bytesSent;
  }
  return sum;
}

/** Where in a packet an identifier was found, as evidence names it: "TLS ClientHello", "DNS name", else the context as stored ("payload", "http-url"). */
export function describeHitContext(context: string): string {
  return { 'tls-client-hello': 'TLS ClientHello', 'tls-handshake': 'TLS handshake', 'dns-name': 'DNS name' }[context] ?? context;
}

/** Human-readable byte count, e.g. 12345 → "12.1 KB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** Ends a sentence with one full stop, even after a name that ends in one ("Agora, Inc."). */
function endSentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** What a denial naming a recipient says, as far as its sentence could be read. */
export interface DenialWording {
  /** "share", "sell", …; null when the sentence does not say it plainly. */
  verb: string | null;
  /** What is not shared, as written ("your messages"); null when it does not say. */
  object: string | null;
  /** Conditions, exceptions and purposes as written ("unless you link your account"). */
  conditions: string[];
  /** The recipient as the denial names it ("Google"), when that differs from the organisation observed ("Google Analytics"). */
  recipient?: string;
}

/** "does not share your messages with Meta (unless you link your account)", from the denial as written. */
function restateDenial(denial: DenialWording, recipient: string): string {
  const verb = denial.verb ?? 'share';
  const preposition = /\b(?:share|trade)$/.test(verb) ? 'with' : 'to';
  const conditions = denial.conditions.length > 0 ? ` (${denial.conditions.join('; ')})` : '';
  return `does not ${verb} ${denial.object ?? 'data'} ${preposition} ${recipient}${conditions}`;
}

export function describeUndisclosedRecipient(facts: {
  organisation: string;
  label: 'vague' | 'omitted' | 'incorrect';
  flowCount: number;
  bytes: number;
  /** Bytes the device sent on those connections, when every one's direction split is known. */
  bytesSent?: number;
  hosts: string[];
  categories: string[];
  /** The denial that names the recipient: for 'incorrect', and for 'omitted' when the policy names it only in a narrower denial. */
  denial?: DenialWording | null;
  /** How the policy names the recipient as a service the user chooses ("Google"), when it does. */
  userChosenName?: string;
  /** True when claimcheck does not know what the recipient does, so cannot tell whether `categories` cover it. */
  unjudgedCategory?: boolean;
  /** How the policy names the recipient only in passing ("Google", "as an example of something else"), when it does. */
  passing?: { name: string; reason: string } | null;
  /** True when the only sentences whose category could cover it share aggregated or de-identified data; `categories` are theirs. */
  aggregateOnly?: boolean;
  /** Other products or companies of the recipient's group the policy names as recipients ("Google Marketing Platform"), and the group's name. */
  related?: { names: string[]; group: string };
}): FindingWording {
  const traffic = endSentence(
    `The capture shows ${plural(facts.flowCount, 'connection')} (${describeTrafficBytes(facts.bytes, facts.bytesSent)}) to ${facts.organisation}${
      facts.hosts.length > 0 ? ` (${facts.hosts.slice(0, 5).join(', ')})` : ''
    }`,
  );
  const denial = facts.denial ?? null;
  const quoted = uniqueCategoryNames(facts.categories)
    .slice(0, 3)
    .map((c) => `"${c}"`)
    .join(', ');
  // A sign-in, backup or player the user picks is that company's service to the user, not the app sharing data with it.
  const chosen =
    facts.userChosenName === undefined
      ? ''
      : ` The policy names ${facts.userChosenName} only as a service the user may choose to use (quoted below); that is not the app sending it data.`;
  const passing = facts.passing
    ? ` The policy mentions ${facts.passing.name} only in passing, ${facts.passing.reason} (quoted below); it never says the app sends it data.`
    : '';
  // "Does not name it" would be untrue to a reader who finds "Google Marketing Platform" in the policy: say what it names.
  const related = facts.related
    ? `The policy names ${listNames(facts.related.names.map((n) => `\u201c${n}\u201d`))}, ${facts.related.names.length === 1 ? 'a product' : 'products'} of ${
        facts.related.group
      }, but not ${facts.organisation === facts.related.group ? `${facts.organisation} itself` : facts.organisation}; naming one product is not taken to disclose another product or the company behind it (quoted below).`
    : null;
  if (facts.label === 'vague' && facts.unjudgedCategory) {
    return {
      title: `${facts.organisation} receives data but is covered only by a generic category, if at all (what it does is unknown)`,
      explanation: `${traffic} The policy does not name it. claimcheck does not know what ${facts.organisation} does, so it cannot tell whether the policy's ${quoted} covers it; check what the company does before relying on either reading.${chosen}${passing}`,
    };
  }
  if (facts.label === 'omitted' && !denial && facts.aggregateOnly) {
    return {
      title: `${facts.organisation} receives data; the policy shares only aggregated or de-identified data with ${quoted}`,
      explanation: `${traffic} ${related ?? 'The policy does not name it.'} The only sentences whose category could cover it (${quoted}) share aggregated or de-identified data, which does not disclose the app's own traffic to it.${chosen}${passing}`,
    };
  }
  if (facts.label === 'omitted' && !denial && facts.userChosenName !== undefined) {
    return {
      title: `${facts.organisation} receives data; the policy names ${facts.userChosenName} only as a service the user may choose`,
      explanation: `${traffic}${chosen}${passing} No other sentence of the policy names this recipient or a category that covers it.`,
    };
  }
  if (facts.label === 'omitted' && !denial && facts.passing) {
    return {
      title: `${facts.organisation} receives data; the policy mentions ${facts.passing.name} only in passing, never as a recipient`,
      explanation: `${traffic}${passing} No other sentence of the policy names this recipient or a category that covers it.`,
    };
  }
  switch (facts.label) {
    case 'incorrect':
      return {
        // The denial restated with the name it uses: "with Google" must not be printed as "with Google Analytics".
        title:
          denial?.recipient !== undefined
            ? `Policy says it ${restateDenial(denial, denial.recipient)}, but the app sends data to ${facts.organisation}`
            : `Policy says it ${restateDenial(denial ?? { verb: null, object: null, conditions: [] }, facts.organisation)}, but the app sends it data`,
        explanation: `${traffic} The policy says it ${restateDenial(denial ?? { verb: null, object: null, conditions: [] }, denial?.recipient ?? 'this organisation')}.`,
      };
    case 'vague':
      return {
        title: `${facts.organisation} receives data but is covered only by a generic category`,
        explanation: related
          ? `${traffic} ${related} Only a generic category (${quoted}) could cover it.${chosen}${passing}`
          : `${traffic} The policy does not name it; only a generic category (${quoted}) could cover it.${chosen}${passing}`,
      };
    case 'omitted':
      if (denial) {
        const said = denial.verb !== null || denial.object !== null ? `says it ${restateDenial(denial, 'it')}` : 'names it in a denial (quoted below)';
        return {
          title: `${facts.organisation} receives data; the policy only ${said}`,
          explanation:
            `${traffic} The policy names this organisation only to say it ${restateDenial(denial, 'it')}. ` +
            'The capture shows the app contacting it, not which data was sent, so it neither confirms nor contradicts that statement; ' +
            'no other sentence of the policy names this recipient or a category that covers it.',
        };
      }
      if (related && facts.related) {
        return {
          title: `${facts.organisation} receives data; the policy names only ${listNames(facts.related.names)}, not ${facts.organisation}`,
          explanation: `${traffic} ${related} No generic category of the policy covers it.`,
        };
      }
      return {
        title: `${facts.organisation} receives data but the policy never names it`,
        explanation: `${traffic} The policy names no such recipient and no generic category that covers it.`,
      };
  }
}

/** Last word in the singular, lower case: "Third Parties" and "third party" are one category. */
function categoryKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/ies$/, 'y')
    .replace(/(?<=[^s])s$/, '');
}

/** Category names as written, each kind once ("partners", "Partners" and "partner" are one), first spelling kept. */
export function uniqueCategoryNames(names: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const name of names) if (!seen.has(categoryKey(name))) seen.set(categoryKey(name), name);
  return [...seen.values()];
}

export function describeMissingRetention(): FindingWording {
  return {
    title: 'The policy says nothing about how long data is kept',
    explanation: 'No sentence in the policy states a retention period or a retention limit.',
  };
}

export function describeVagueRetention(facts: {
  dataKind: string | null;
  vagueness: 'limited' | 'indefinite' | 'unspecified';
  trigger: string;
  mediaFlowCount: number;
}): FindingWording {
  const what = facts.dataKind ?? 'data';
  // The matched words can stop mid-phrase ("for a period of time that"): end the quote where the phrase does.
  const trigger = trimDanglingWords(facts.trigger);
  const how: Record<typeof facts.vagueness, string> = {
    limited: `says ${what} ${describeRetentionLimit(trigger, facts.dataKind)}`,
    indefinite: `says ${what} may be kept "${trigger}", with no end`,
    // vague-retention shows an unspecified claim only when its trigger is a length without a number ("for a long period").
    unspecified: `says ${what} ${isPlural(facts.dataKind) ? 'are' : 'is'} kept "${trigger}", a length it never states`,
  };
  const media =
    facts.mediaFlowCount > 0
      ? ` The capture shows media traffic to a real-time communications provider (${plural(facts.mediaFlowCount, 'flow')}), so this data does leave the device.`
      : '';
  return {
    title: `Vague retention of ${what}: "${trigger}"`,
    explanation: `The policy ${how[facts.vagueness]}.${media}`,
  };
}

/**
 * Retention by another organisation ("the third party service may store a copy", "Stripe retains card details for
 * 7 years"): worded as that organisation's, never as the app's own promise, because whoever keeps the data is
 * what a reader needs to know.
 */
export function describeOtherHolderRetention(facts: {
  holder: string;
  named: boolean;
  dataKind: string | null;
  vagueness: 'stated' | 'limited' | 'indefinite' | 'unspecified';
  trigger: string;
  flowCount: number;
}): FindingWording {
  const what = facts.dataKind ?? 'data';
  const who = facts.named ? facts.holder : `an organisation it does not name ("${facts.holder}")`;
  const how: Record<typeof facts.vagueness, string> = {
    stated: `keeps ${what} "${facts.trigger}"`,
    limited: `keeps ${what} "${facts.trigger}" without stating for how long`,
    indefinite: `may keep ${what} "${facts.trigger}", with no end`,
    unspecified: `keeps ${what}, with no period or limit stated`,
  };
  const traffic =
    facts.flowCount > 0 ? ` The capture shows ${plural(facts.flowCount, 'connection')} to ${facts.holder}, so the app does communicate with it directly.` : '';
  return {
    title: `Data kept by another organisation: ${facts.holder}`,
    explanation:
      `The policy says ${who} ${how[facts.vagueness]}. This is that organisation\u2019s retention, not the app\u2019s own: ` +
      `it is shown for context and is not counted as a retention statement of the app.${traffic}`,
  };
}

/** The encryption claim a finding compares traffic with: its sentence, and whether it names the network. */
export interface EncryptionClaimWording {
  quote: string;
  /** True when the sentence says in transit, TLS, HTTPS or end-to-end; false for unscoped "encryption". */
  explicit: boolean;
  /**
   * Set when the sentence is about the service's own servers and some recipients it names ("our service providers"),
   * and the server is not the service's own: it is compared as one of them, which the catalog may not confirm.
   */
  asRecipient?: { written: string; confirmed: boolean; ownEnd?: boolean };
  /** True when the sentence names encryption only as one safeguard among others: quoted, never said to be contradicted. */
  generalMention?: boolean;
  /** The recipients a claim about the service's own servers also names ("our service providers"), as written. */
  alsoNames?: string;
  /** The recipients a claim names as the only place its data goes ("Data we share with service providers …"), as written. */
  onlyNames?: string;
}

/** Longest quote shown inside an explanation; the finding's evidence quotes the sentence in full. */
const MAX_INLINE_QUOTE = 200;

/** A policy sentence in curly quotes, shortened at a word when long (the evidence keeps it whole). */
/** The policy's words for unnamed destinations, quoted after a comma, or nothing when unknown. */
function describeUnnamedPlaces(phrase: string | null | undefined, scope?: UnnamedPlacesScope | null): string {
  return (phrase ? ` (${quoteInline(phrase)})` : '') + describeUnnamedScope(scope);
}

/** Who a statement of unnamed places places there, when that is all it says ("service providers", for customer support). */
export interface UnnamedPlacesScope {
  recipients: string;
  purpose: string | null;
}

/** ", but only as where its service providers are, for customer support": the statement's own limit, restated. */
function describeUnnamedScope(scope: UnnamedPlacesScope | null | undefined): string {
  if (!scope) return '';
  const recipients = /^(?:its|their|our|the)\s/i.test(scope.recipients) ? scope.recipients.replace(/^\S+/, 'its') : `its ${scope.recipients}`;
  return `, but only as where ${recipients} are${scope.purpose ? `, ${scope.purpose}` : ''}`;
}

export function quoteInline(text: string): string {
  // The sentence's own full stop would sit oddly inside ours: “… your information”, without saying ….
  const flat = text.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
  if (flat.length <= MAX_INLINE_QUOTE) return `\u201c${flat}\u201d`;
  const cut = flat.slice(0, MAX_INLINE_QUOTE);
  return `\u201c${cut.slice(0, Math.max(cut.lastIndexOf(' '), MAX_INLINE_QUOTE / 2))} \u2026\u201d`;
}

/** What the policy said about encryption, as it said it: no scope is added that the sentence lacks. */
function restateEncryptionClaim(claim: EncryptionClaimWording): string {
  return claim.asRecipient ? `${endSentence(restateClaimText(claim))} ${describeRecipientScope(claim.asRecipient)}` : restateClaimText(claim);
}

/** Says which ends the claim names and why this server is compared with it, without adding a scope the sentence lacks. */
function describeRecipientScope(scope: { written: string; confirmed: boolean; ownEnd?: boolean }): string {
  return (
    (scope.ownEnd === false
      ? `That sentence is about data sent to \u201c${scope.written}\u201d, so this server is compared as one of \u201c${scope.written}\u201d`
      : `That sentence names the service\u2019s own servers and \u201c${scope.written}\u201d as the ends it protects; this server is not the service\u2019s own, so it is compared as one of \u201c${scope.written}\u201d`) +
    (scope.confirmed ? '' : ' (claimcheck\u2019s entity catalog does not know this company, so it cannot confirm that it is one)')
  );
}

function restateClaimText(claim: EncryptionClaimWording): string {
  if (claim.generalMention === true) {
    return `The policy mentions encryption only as one safeguard among others (${quoteInline(claim.quote)}), which does not say that data the app sends over the network is encrypted, so the finding does not say the policy is contradicted.`;
  }
  return claim.explicit
    ? `The policy says ${quoteInline(claim.quote)}`
    : // Unscoped: the label is 'incorrect' because a general claim covers this traffic too; say so, rather than doubt it.
      `The policy says ${quoteInline(claim.quote)} without limiting that to stored data or to some kinds of data, so the claim covers data the app sends over the network.`;
}

/** ", 1 of them from the server to the device", when the server sent some of an identifier's occurrences. */
function describeFromServer(identifier: { count: number; fromServer?: number }): string {
  const from = identifier.fromServer ?? 0;
  if (from === 0) return '';
  return from === identifier.count ? ', all from the server to the device' : `, ${from} of them from the server to the device`;
}

export function describePlaintextIdentifier(facts: {
  /**
   * `capped`: hits of this identifier went past the capture's stored-hit cap, so `count` is a lower bound.
   * `fromServer`: how many of `count` the server sent to the device (absent: none, or direction unknown).
   */
  identifiers: { label: string; value: string; count: number; capped?: boolean; fromServer?: number }[];
  encodings: string[];
  /** What carried the values: "udp", "tcp", or "http" for a HAR (which records requests, not their transport). */
  protocol: string;
  destination: string;
  /** True when `destination` is only the cloud or CDN network the server runs on, not who receives the data. */
  destinationIsHosting?: boolean;
  country: string | null;
  /** The encryption claim the traffic is compared with, if the policy makes one that could cover it. */
  encryptionClaim: EncryptionClaimWording | null;
  /** A claim the policy limits to its own servers, shown as context when it does not cover this destination. */
  ownServersClaim?: EncryptionClaimWording | null;
  /** Host of the device's own background traffic (a connectivity check) the identifiers travelled in, if they did. */
  deviceBackgroundHost?: string | null;
  /** True when only such traffic carried them: the title says so, and no policy claim is compared. */
  deviceBackgroundOnly?: boolean;
  /** Set when every connection was DNS: the resolver relays the names, so the wording names them and their domains instead. */
  dns?: DnsExposureWording | null;
  /** True when every hit was in a TLS/DTLS handshake record (a ClientHello's server name) of an otherwise encrypted connection. */
  inHandshake?: boolean;
}): FindingWording {
  if (facts.dns) return describeDnsPlaintextIdentifier({ ...facts, dns: facts.dns });
  const background = facts.deviceBackgroundHost
    ? ` ${facts.deviceBackgroundHost} is normally the device's own background traffic (a connectivity check or network time), not the app's, but the identifier travels in it: check which software put it there.` +
      (facts.deviceBackgroundOnly === true ? ' The app did not send this traffic, so the finding does not judge the app\u2019s policy on it.' : '')
    : '';
  const where = facts.country ? ` in ${nameCountry(facts.country)}` : '';
  // A cloud network only says where the server runs (decision 0002): the data goes to a customer of it, unnamed.
  const destination = facts.destinationIsHosting === true ? `a server hosted on ${facts.destination}` : facts.destination;
  const labels = facts.identifiers.map((i) => i.label).join(' and ');
  const listed = facts.identifiers.map((i) => `${i.label} ("${i.value}", ${i.capped === true ? 'at least ' : ''}${plural(i.count, 'time')}${describeFromServer(i)})`).join(', ');
  // A value the server sent back to the device was not "sent to" the server: say both ways when any was.
  const both = facts.identifiers.some((i) => (i.fromServer ?? 0) > 0);
  // The device's own background traffic is named as such first: the app is not who sent it.
  const title =
    facts.deviceBackgroundOnly === true && facts.deviceBackgroundHost
      ? `${labels} ${both ? 'travelled' : 'sent'} unencrypted in the device's own background traffic to ${facts.deviceBackgroundHost} (${destination}${where})`
      : both
        ? `${labels} travelled unencrypted between the device and ${destination}${where}`
        : `${labels} sent unencrypted to ${destination}${where}`;
  return {
    title,
    explanation:
      `${facts.identifiers.length === 1 ? 'The identifier' : 'The identifiers'} ${listed} ${facts.identifiers.length === 1 ? 'appears' : 'appear'} unencrypted ` +
      `(${facts.encodings.join(', ')}) in ${facts.protocol.toUpperCase()} traffic ${both ? 'between the device and' : 'to'} ${endSentence(`${destination}${where}`)} Anyone on the network path can read ${facts.identifiers.length === 1 ? 'it' : 'them'}.` +
      // The connection is encrypted, but its handshake is not: a reader checking "TLS" in Wireshark must see why.
      (facts.inHandshake === true ? ' The connection is encrypted, but the value is in its TLS handshake (the ClientHello, with the server name), which is sent before encryption starts.' : '') +
      (facts.encryptionClaim ? ` ${endSentence(restateEncryptionClaim(facts.encryptionClaim))}` : '') +
      (!facts.encryptionClaim && facts.ownServersClaim
        ? ` The policy says ${quoteInline(facts.ownServersClaim.quote)}, which is about ${
            facts.ownServersClaim.onlyNames !== undefined
              ? `data sent to \u201c${facts.ownServersClaim.onlyNames}\u201d`
              : `its own servers${facts.ownServersClaim.alsoNames ? ` and \u201c${facts.ownServersClaim.alsoNames}\u201d` : ''}`
          }, not this one, so the finding does not contradict it.`
        : '') +
      background,
  };
}

/** Identifiers found in DNS messages to one resolver: the names looked up and whether the values are the services' own names. */
export interface DnsExposureWording {
  resolver: string;
  /** True for a resolver on a private address (the router or a local forwarder). */
  local: boolean;
  names: string[];
  domains: string[];
  serviceName: boolean;
}

/** A short list of names: all of up to three, else three and how many more. */
function listNames(names: readonly string[]): string {
  if (names.length <= 3) return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
  return `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}

/**
 * An identifier in a DNS name: it leaves the device in clear, and the resolver (usually the router) passes the name
 * on to upstream resolvers and to the name servers of its domain. The resolver is named as the way it went, not as
 * the recipient (docs/rules/plaintext-identifier.md).
 */
function describeDnsPlaintextIdentifier(facts: {
  identifiers: { label: string; value: string; count: number; capped?: boolean; fromServer?: number }[];
  encodings: string[];
  destination: string;
  country: string | null;
  encryptionClaim: EncryptionClaimWording | null;
  ownServersClaim?: EncryptionClaimWording | null;
  dns: DnsExposureWording;
}): FindingWording {
  const { dns } = facts;
  const labels = facts.identifiers.map((i) => i.label).join(' and ');
  // A DNS answer repeats the question: a value in it was not sent by anyone else.
  const answers = (i: { count: number; fromServer?: number }): string =>
    (i.fromServer ?? 0) === 0 ? '' : `, ${i.fromServer === i.count ? 'all' : `${i.fromServer} of them`} in the resolver's answer, which repeats the question`;
  const listed = facts.identifiers.map((i) => `${i.label} ("${i.value}", ${i.capped === true ? 'at least ' : ''}${plural(i.count, 'time')}${answers(i)})`).join(', ');
  const where = facts.country ? ` in ${nameCountry(facts.country)}` : '';
  const operator = facts.destination !== dns.resolver ? ` (${facts.destination}${where})` : where;
  const resolver = dns.local ? `the local resolver ${dns.resolver}` : `the resolver ${dns.resolver}${operator}`;
  const names = listNames(dns.names);
  const query = dns.names.length === 0 ? 'DNS traffic' : dns.names.length === 1 ? `a DNS query for ${names}` : `DNS queries for ${names}`;
  const one = facts.identifiers.length === 1;
  const nameServers = dns.domains.length === 0 ? 'the name servers of the domain looked up' : `the name servers of ${listNames(dns.domains)}`;
  return {
    title: `${labels} sent unencrypted in ${query} through ${resolver}`,
    explanation:
      `${one ? 'The identifier' : 'The identifiers'} ${listed} ${one ? 'appears' : 'appear'} unencrypted (${facts.encodings.join(', ')}) in ${query}, ` +
      `sent through ${resolver}${dns.local ? ' (an address on the local network, normally the router)' : ''}. ` +
      `The resolver is not the recipient: it passes the name on, unencrypted, to upstream resolvers and to ${nameServers}, and anyone on that path can read it.` +
      (dns.serviceName
        ? ` The value is part of the domain name itself (${listNames(dns.domains)}), so every lookup of that service carries it, whoever the user is: it shows which service the app contacted, not who the user is, unless the value given with --identifier really is one of the user's.`
        : '') +
      (facts.encryptionClaim && !dns.serviceName ? ` ${endSentence(restateEncryptionClaim(facts.encryptionClaim))}` : '') +
      (!facts.encryptionClaim && facts.ownServersClaim
        ? ` The policy says ${quoteInline(facts.ownServersClaim.quote)}, which is about ${
            facts.ownServersClaim.onlyNames !== undefined ? `data sent to \u201c${facts.ownServersClaim.onlyNames}\u201d` : 'its own servers'
          }, not this one, so the finding does not contradict it.`
        : ''),
  };
}

export function describeUnencryptedTransport(facts: {
  host: string;
  requestCount: number;
  firstRequest: { method: string; url: string } | null;
  encryptionClaim: EncryptionClaimWording;
}): FindingWording {
  const example = facts.firstRequest ? ` (e.g. ${facts.firstRequest.method} ${facts.firstRequest.url})` : '';
  return {
    title:
      facts.encryptionClaim.generalMention === true
        ? `Plain HTTP to ${facts.host}; the policy mentions encryption only among its safeguards`
        : `Plain HTTP to ${facts.host} despite ${facts.encryptionClaim.explicit ? 'a claim of encryption in transit' : 'a general encryption claim'}`,
    explanation: `The app made ${plural(facts.requestCount, 'unencrypted HTTP request')} to ${facts.host}${example}. ${endSentence(restateEncryptionClaim(facts.encryptionClaim))}`,
  };
}

/** A policy sentence that names a country without saying data goes there, with where it stands and why. */
export interface DiscountedMentionWording {
  quote: string;
  span: { start: number; end: number };
  reason: 'audience' | 'origin' | 'market' | 'postal-address' | 'denial' | 'company' | 'heading';
}

const DISCOUNTED_HOW: Record<DiscountedMentionWording['reason'], string> = {
  audience: 'only as where users live or whose law applies',
  origin: 'only as where data is transferred from, not to',
  market: 'only as where the service is offered or available, not as where data goes',
  'postal-address': 'only in a postal address',
  denial: 'only to say data does not go there',
  company: 'only in a company name, as a company\u2019s seat or as where its representative is',
  heading: 'only as a heading or a list entry, not in a sentence about where data goes',
};

/**
 * Why a named country still counts as undisclosed, with the sentence that names it, so a reader can check
 * the reading: the sentence is not a claim, so it appears here rather than among the policy evidence.
 */
function describeDiscountedMention(name: string, mention: DiscountedMentionWording): string {
  return `It mentions ${name} ${DISCOUNTED_HOW[mention.reason]}: ${quoteInline(mention.quote)} (characters ${mention.span.start}\u2013${mention.span.end} of the same policy text).`;
}

/**
 * " used by Agora, Inc., and to servers hosted by Google LLC": a cloud network only hosts its servers, whose customer
 * is not identified, so it is not said to use them; "and to servers" keeps them apart from the users' servers.
 */
function describeServerOrganisations(organisations: readonly string[], hosting: readonly string[]): string {
  const shown = organisations.slice(0, 4);
  const users = shown.filter((o) => !hosting.includes(o));
  const hosts = shown.filter((o) => hosting.includes(o));
  const used = users.length > 0 ? ` used by ${users.join(', ')}` : '';
  // The sentence must not read as the whole list (trial 9: 4 of 8 organisations named, nothing said of the rest).
  const rest = organisations.length - shown.length;
  const more = rest > 0 ? `, and ${rest} more ${rest === 1 ? 'organisation' : 'organisations'}` : '';
  if (hosts.length === 0) return `${used}${more}`;
  return `${used === '' ? ` hosted by ${hosts.join(', ')}` : `${used}, and to servers hosted by ${hosts.join(', ')}`}${more}`;
}

/** A denial of a country as a finding restates it: what it denies, and how the capture stands against it. */
export interface CountryDenialWording {
  /** What the denial says does not happen there. */
  action: 'storage' | 'transfer' | 'processing';
  quote: string;
  /** The clause that limits it ("unless you travel there"), as written; null when it has none. */
  condition: string | null;
  /** The one kind of data it is about ("your voice recordings"); null when it is about data in general. */
  data: string | null;
  /** True when it speaks of "it" or "such data", named in another sentence. */
  unclear?: boolean;
  contradicted: boolean;
  /** What in the capture shows the denied kind went there ("the identifier “phone” (frame 12)"); null when nothing does. */
  shownBy?: string | null;
  /** True when every connection reached only a cloud or CDN network. */
  passesThrough?: boolean;
  /** False when no connection went to servers in the country (a recipient tied to it by its headquarters only). */
  reached?: boolean;
}

const DENIED_ACTION: Record<CountryDenialWording['action'], string> = { storage: 'stored', transfer: 'sent', processing: 'processed' };

/** "your voice recordings" → "voice recordings are"; "payment data" → "payment data is". */
function nameDeniedData(data: string): string {
  const bare = data.replace(/^(?:your|the|any|all|our)\s+/i, '');
  return `${bare} ${/(?<!s)s$/i.test(bare) ? 'are' : 'is'}`;
}

/** Title and sentences for traffic to a country the policy denies data goes to, in one kind or in general. */
function describeCountryDenial(name: string, denial: CountryDenialWording): { title: string; policy: string } {
  const verb = DENIED_ACTION[denial.action];
  const subject = denial.data !== null ? nameDeniedData(denial.data) : 'data is';
  const said = `The policy says: ${quoteInline(denial.quote)}.`;
  const limit = denial.condition ? ` The denial is limited (${quoteInline(denial.condition)}); the capture cannot show whether that limit applied.` : '';
  if (denial.data !== null || denial.unclear === true) {
    const scope =
      denial.data !== null && !denial.unclear
        ? `That denial is about ${denial.data.replace(/^(?:your|the|any|all|our)\s+/i, '')} only`
        : 'That denial speaks of data another sentence names, so claimcheck does not read it as a denial of all data';
    const shown = denial.shownBy
      ? denial.contradicted
        ? ` The capture shows that kind of data going there: ${endSentence(denial.shownBy)}`
        : ` The connections carried ${denial.shownBy}: that is data passing through ${name}, not data ${verb} there, which the capture cannot show.`
      : denial.reached === false
        ? ''
        : ` The capture shows that the app sent data to ${name}, not which data, so it does not contradict that denial.`;
    return {
      title: denial.contradicted
        ? `Traffic to ${name}, where the policy says ${subject} not ${verb}${denial.condition ? ` (${denial.condition})` : ''}`
        : `Traffic to ${name}, a country the policy does not name as a place data goes (it says ${subject} not ${verb} there)`,
      policy: `${said} ${scope}.${shown}${limit}`,
    };
  }
  const kept = denial.action !== 'transfer';
  const through = kept && denial.passesThrough === true && !denial.contradicted;
  return {
    title: through
      ? `Traffic to ${name} through a cloud or CDN network, where the policy says data is not ${verb}`
      : `Traffic to ${name}, where the policy says data is not ${verb}${denial.condition ? ` (${denial.condition})` : ''}`,
    policy:
      said +
      limit +
      (through
        ? ` Every connection reached only a cloud or CDN network, which may pass data on rather than keep it, so the capture does not contradict the denial.`
        : kept && denial.condition === null && denial.reached !== false
          ? ` The capture shows data reaching servers there, not whether it was ${verb} there.`
          : ''),
  };
}

export function describeUndisclosedCountry(facts: {
  country: string;
  disclosed: string[];
  /** The first sentence naming the country without saying data goes there (reader, law, address); null when none does. */
  discountedMention: DiscountedMentionWording | null;
  organisations: string[];
  /** Those of `organisations` known only as the cloud or CDN network the servers run on: they host, not use, them. */
  hostingOrganisations?: string[];
  flowCount: number;
  bytes: number;
  /** Bytes the device sent on those connections, when every one's direction split is known. */
  bytesSent?: number;
  carriesIdentifiers: boolean;
  unspecifiedTransferClause: boolean;
  /** The policy's own words for those unnamed destinations ("anywhere in the world"), when a trigger shows them. */
  unspecifiedPhrase?: string | null;
  /** Who the policy places there, when its statements of unnamed places are all about recipients. */
  unspecifiedScope?: UnnamedPlacesScope | null;
  /** Set when the policy says data (or one kind of it) is not stored in, sent to or processed in the country. */
  denial?: CountryDenialWording;
  /** Set when every server is on a catalogued CDN's network: each registry owner as written, with the catalog's name. */
  cdnNetworks?: { asnOwner: string; entity: string }[];
}): FindingWording {
  const name = nameCountry(facts.country);
  const disclosed = nameCountryList(facts.disclosed, nameCountry);
  const who = describeServerOrganisations(facts.organisations, facts.hostingOrganisations ?? []);
  const denied = facts.denial ? describeCountryDenial(name, facts.denial) : null;
  return {
    title: denied
      ? denied.title
      : facts.cdnNetworks
        ? `Traffic to a CDN's servers registered in ${name}, a country the policy does not name as a place data goes`
        : `Traffic to ${name}, a country the policy does not name as a place data goes`,
    explanation:
      `${endSentence(`The capture shows ${plural(facts.flowCount, 'connection')} (${describeTrafficBytes(facts.bytes, facts.bytesSent)}) to servers registered in ${name}${who}`)} ` +
      (denied
        ? denied.policy + (facts.disclosed.length > 0 ? ` It names ${disclosed} as where data is stored or sent.` : '')
        : facts.disclosed.length > 0
          ? `The policy names ${disclosed} as where data is stored or sent.`
          : // Not "names no country": another sentence may name one, which the report lists as treated as disclosed (trial8 item 5).
            'No transfer statement of the policy names a specific country as where data is stored or sent.') +
      (facts.discountedMention && !facts.denial ? ` ${describeDiscountedMention(name, facts.discountedMention)}` : '') +
      (facts.unspecifiedTransferClause ? ` It also says data may go to countries it does not name${describeUnnamedPlaces(facts.unspecifiedPhrase, facts.unspecifiedScope)}.` : '') +
      (facts.carriesIdentifiers ? ' User identifiers travelled to these servers in plaintext.' : '') +
      (facts.cdnNetworks ? ` ${describeCdnRegistration(name, facts.cdnNetworks)}` : '') +
      ' Country is the registry country of the IP network, not a measured location.',
  };
}

/** Why a CDN's registry country is weak evidence of where its servers are: it names the entity the addresses are registered to. */
function describeCdnRegistration(country: string, networks: readonly { asnOwner: string; entity: string }[]): string {
  const owners = networks.map((n) => (n.asnOwner === n.entity ? n.entity : `${n.asnOwner} (${n.entity})`));
  const listed = owners.length === 1 ? (owners[0] ?? '') : `${owners.slice(0, -1).join(', ')} and ${owners.at(-1) ?? ''}`;
  return `The addresses are registered to ${listed}, ${owners.length === 1 ? "that network's entity" : "those networks' entities"} in ${country}; a CDN's servers usually sit near the user, wherever the network is registered, so the servers may not be in ${country} (confidence low).`;
}

/**
 * One finding for every country the traffic reached when the policy names no country at all, only unnamed places
 * ("anywhere in the world"): it has said data leaves the user's country, not where it goes, so one finding per
 * country would repeat the same fact (docs/rules/undisclosed-country.md, "A policy that names no country").
 */
export function describeUnnamedCountries(facts: {
  /** Each country, in order, with its connections, and the first sentence naming it without saying data goes there. */
  countries: { country: string; flowCount: number; bytes: number; bytesSent?: number; discountedMention: DiscountedMentionWording | null }[];
  organisations: string[];
  hostingOrganisations: string[];
  /** Countries the plaintext identifiers travelled to; empty when none did. */
  identifierCountries: string[];
  unspecifiedPhrase: string | null;
  unspecifiedScope?: UnnamedPlacesScope | null;
  /**
   * Countries of the traffic the audit treats as disclosed although no transfer statement names them: named in another
   * sentence, or members of a region the policy sends data out of (`region`). Absent or empty when none.
   */
  setAside?: { country: string; region?: string }[];
}): FindingWording {
  const names = facts.countries.map((c) => nameCountry(c.country));
  const list = names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  const flowCount = facts.countries.reduce((sum, c) => sum + c.flowCount, 0);
  const bytes = facts.countries.reduce((sum, c) => sum + c.bytes, 0);
  const bytesSent = facts.countries.every((c) => c.bytesSent !== undefined) ? facts.countries.reduce((sum, c) => sum + (c.bytesSent ?? 0), 0) : undefined;
  const perCountry = facts.countries.map((c) => `${nameCountry(c.country)} ${c.flowCount}`).join(', ');
  // "may go “anywhere in the world”", but "may go to “other countries”".
  const to = facts.unspecifiedPhrase !== null && /^(?:other|third|different|multiple|many|various|countries|jurisdictions|any\s+(?:other\s+)?(?:country|countries|jurisdiction))\b/i.test(facts.unspecifiedPhrase) ? 'to ' : '';
  const where = facts.unspecifiedPhrase ? `, only that data may go ${to}${quoteInline(facts.unspecifiedPhrase)}` : ', only that data may go to countries it does not name';
  // A country the report lists as disclosed by a mention must not be contradicted by "the policy names no country".
  const setAside = facts.setAside ?? [];
  const joinNames = (items: readonly string[]): string => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);
  const byReason = new Map<string, string[]>();
  for (const c of setAside) byReason.set(c.region ?? '', [...(byReason.get(c.region ?? '') ?? []), nameCountry(c.country)]);
  const setAsideList = joinNames(
    [...byReason].map(([region, names]) =>
      region === ''
        ? `${joinNames(names)} (named in another sentence)`
        : `${joinNames(names)} (${names.length === 1 ? 'a member' : 'members'} of ${nameRegion(region)}, which the policy sends data out of)`,
    ),
  );
  const scope = describeUnnamedScope(facts.unspecifiedScope);
  const who = describeServerOrganisations(facts.organisations, facts.hostingOrganisations);
  const mentions = facts.countries
    .filter((c) => c.discountedMention !== null)
    .map((c) => ` ${describeDiscountedMention(nameCountry(c.country), c.discountedMention as DiscountedMentionWording)}`)
    .join('');
  return {
    title: setAside.length === 0 ? `Traffic to ${list}: the policy names no country data goes to${where}` : `Traffic to ${list}: no transfer statement of the policy names a country${where}`,
    explanation:
      `${endSentence(`The capture shows ${plural(flowCount, 'connection')} (${describeTrafficBytes(bytes, bytesSent)}) to servers registered in ${plural(facts.countries.length, 'country', 'countries')} (connections: ${perCountry})${who}`)} ` +
      `${setAside.length === 0 ? 'The policy names no country' : 'No transfer statement of the policy names a country'} as where data is stored or sent${where}${scope}. That discloses that data may leave the user\u2019s country, not where it goes, so this is one finding for all the countries rather than one for each.` +
      (setAside.length > 0 ? ` The traffic also reached ${setAsideList}, which this audit treats as disclosed, so ${setAside.length === 1 ? 'it is' : 'they are'} not part of this finding (see \u201cCountries treated as disclosed by a mention\u201d).` : '') +
      mentions +
      (facts.identifierCountries.length > 0 ? ` User identifiers travelled in plaintext to servers in ${nameCountryList(facts.identifierCountries, nameCountry)}.` : '') +
      ' Country is the registry country of the IP network, not a measured location.',
  };
}

export function describeProcessorCountry(facts: {
  organisation: string;
  country: string;
  /** Why the organisation is tied to the country: headquarters (own or a parent's) and/or its servers. */
  headquarters: { organisation: string; isParent: boolean } | null;
  serverFlowCount: number;
  label: 'omitted' | 'vague' | 'incorrect';
  /** Countries the policy names as where data goes, if any. */
  disclosed: string[];
  /** The policy's own words for unnamed destinations ("anywhere in the world"), when a trigger shows them. */
  unspecifiedPhrase?: string | null;
  /** Who the policy places there, when its statements of unnamed places are all about recipients. */
  unspecifiedScope?: UnnamedPlacesScope | null;
  /** The first sentence naming the country without saying data goes there (reader, law, address); null when none does. */
  discountedMention: DiscountedMentionWording | null;
  /** The user's jurisdictions of interest as written, or null in the default mode. */
  configured: string[] | null;
  carriesIdentifiers: boolean;
  /** Where the linked sub-processor list says the recipient is, as its row writes it. */
  listedLocation?: { nameInList: string; location: string };
  /** Set when the policy says data (or one kind of it) does not go to the country. */
  denial?: CountryDenialWording;
}): FindingWording {
  const name = nameCountry(facts.country);
  const denied = facts.denial ? describeCountryDenial(name, facts.denial) : null;
  const generalDenial = facts.denial !== undefined && facts.denial.data === null && facts.denial.unclear !== true;
  const ties: string[] = [];
  if (facts.headquarters) {
    ties.push(
      facts.headquarters.isParent
        ? `its parent company ${facts.headquarters.organisation} is headquartered in ${name}`
        : `it is headquartered in ${name}`,
    );
  }
  if (facts.serverFlowCount > 0) ties.push(`the capture shows ${plural(facts.serverFlowCount, 'connection')} to its servers registered in ${name}`);
  const policy = denied
    ? denied.policy +
      (facts.serverFlowCount === 0 && facts.denial?.condition === null && generalDenial
        ? ` The capture shows no connection to servers in ${name}, so it does not contradict the denial: the tie is where the company is headquartered.`
        : '')
    : facts.label === 'incorrect'
      ? `The policy says data is not transferred to ${name}.`
      : facts.disclosed.length > 0
        ? `The policy names ${nameCountryList(facts.disclosed, nameCountry)} as where data is stored or sent, and not ${name}.` +
          (facts.label === 'vague' ? ` It says data may go to countries it does not name${describeUnnamedPlaces(facts.unspecifiedPhrase, facts.unspecifiedScope)}.` : '')
        : `The policy does not name ${name} as a place data goes.`;
  const audience = facts.discountedMention && facts.label !== 'incorrect' && !denied ? ` ${describeDiscountedMention(name, facts.discountedMention)}` : '';
  const why = facts.configured
    ? ` ${name} is among the jurisdictions of interest chosen for this audit (${facts.configured.join(', ')}).`
    : '';
  const listed = facts.listedLocation ? ` The linked sub-processor list gives the location of ${facts.listedLocation.nameInList} as ${endSentence(facts.listedLocation.location)}` : '';
  return {
    title:
      facts.label === 'incorrect' || generalDenial
        ? `${facts.organisation} is tied to ${name}, where the policy says data does not go${facts.denial?.condition ? ` (${facts.denial.condition})` : ''}`
        : `${facts.organisation} is tied to ${name}, which the policy does not name as a place data goes${facts.denial?.data ? ` (it says ${nameDeniedData(facts.denial.data)} not ${DENIED_ACTION[facts.denial.action]} there)` : ''}`,
    explanation:
      `${facts.organisation} receives data from the app, and ${ties.join('; ')}. ${policy}${audience}${listed}${why}` +
      (facts.carriesIdentifiers ? ' User identifiers reached this recipient in plaintext.' : '') +
      (facts.serverFlowCount > 0 ? ' Server country is the registry country of the IP network, not a measured location.' : ''),
  };
}

const INFORMATIONAL =
  'This is informational: the capture covers only the sessions recorded, and many processors receive data from the company\u2019s servers rather than from the app.';

export function describeClaimedNotObserved(facts: { organisation: string; nameInPolicy: string; flowCount: number }): FindingWording {
  return {
    title: `The policy names ${facts.nameInPolicy}, but the capture shows no traffic to it`,
    explanation:
      `The policy names ${endSentence(facts.nameInPolicy === facts.organisation ? facts.organisation : `"${facts.nameInPolicy}" (${facts.organisation})`)} ` +
      `None of the ${plural(facts.flowCount, 'connection')} in the captured traffic goes to it. ${INFORMATIONAL}`,
  };
}

/** How many names of a list an explanation spells out; the report lists every one under the finding. */
const NAMES_IN_EXPLANATION = 10;
/** How many services apps contact directly the explanation names before only counting them. */
const NAMES_OF_DIRECT_SERVICES = 5;

export function describeListedNotObserved(facts: {
  /** The list as a report names it (URL or file name). */
  list: string;
  /** Organisations the list names. */
  listed: number;
  /** Those of them no flow goes to, in list order. */
  entries: readonly { nameInPolicy: string; confidence: 'high' | 'medium' | 'low' }[];
  /** Others on the list not seen either, reported in a finding of their own (the policy text names them too) or another list's. */
  unseenElsewhere?: number;
  flowCount: number;
}): FindingWording {
  const elsewhere = facts.unseenElsewhere ?? 0;
  const count = facts.entries.length;
  const totalUnseen = count + elsewhere;
  const listed = plural(facts.listed, 'company', 'companies');
  const unseen =
    facts.listed === 1 ? 'it was not seen' : totalUnseen === facts.listed ? 'none of them was seen' : `${totalUnseen} of them ${totalUnseen === 1 ? 'was' : 'were'} not seen`;
  // Names such as "Agora Lab, Inc." hold commas, so the list is separated by semicolons.
  const names = facts.entries.map((e) => e.nameInPolicy);
  const shown = names.slice(0, NAMES_IN_EXPLANATION).join('; ');
  const more =
    (count > NAMES_IN_EXPLANATION ? `; and ${count - NAMES_IN_EXPLANATION} more, all listed with their entries below` : '') +
    (elsewhere > 0 ? `; and ${elsewhere} more reported in ${elsewhere === 1 ? 'a finding of its own' : 'findings of their own'}` : '');
  const direct = facts.entries.filter((e) => e.confidence !== 'low').map((e) => e.nameInPolicy);
  // A few such names help a reader; forty do not (the entries below carry each one's confidence).
  const who =
    direct.length === count
      ? count === 1
        ? 'It'
        : 'All of them'
      : direct.length <= NAMES_OF_DIRECT_SERVICES
        ? `${direct.length} of them (${direct.join('; ')})`
        : `${direct.length} of them (confidence medium below)`;
  const telling =
    direct.length === 0
      ? ''
      : ` ${who} ${direct.length === 1 ? 'is a service' : 'are services'} apps usually contact directly, so ${direct.length === 1 ? 'its' : 'their'} absence says the most about what the capture covered.`;
  return {
    title: `The linked sub-processor list names ${listed}; ${unseen} in the traffic`,
    explanation:
      `The sub-processor list ${facts.list}, linked from the policy, names ${listed}; ${unseen} in the captured traffic: ${shown}${more}. ` +
      `None of the ${plural(facts.flowCount, 'connection')} in the captured traffic goes to ${count === 1 ? 'it' : 'them'}.${telling} ${INFORMATIONAL}`,
  };
}
