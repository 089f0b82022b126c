import type { TransferClaim } from '../model/claim.js';
import { compilePhrasePattern, findPhrases, type PhraseMatch } from './compile-phrase-pattern.js';
import { isNegatedAt } from './detect-negation.js';
import countries from './lexicons/countries.json' with { type: 'json' };
import regions from './lexicons/regions.json' with { type: 'json' };
import transfer from './lexicons/transfer-terms.json' with { type: 'json' };
import { findCueRecipients } from './find-transfer-recipients.js';
import { isMarketLeadIn } from './read-market-lead-in.js';
import { createClaimBase, type SentenceContext } from './sentence-context.js';
import { continuesAsName, SUB_COUNTRY_PLACES } from './sub-country-places.js';

interface Place {
  kind: 'country' | 'region';
  code: string;
  /** A city, state or cloud region standing for its country. */
  subCountry?: boolean;
  /** A cloud region id ("eu-central-1"): it names a data centre by itself, with or without a preposition. */
  cloudRegion?: boolean;
}

const PLACE_BY_NAME = new Map<string, Place>();
for (const [code, names] of Object.entries(countries.countries)) {
  for (const name of names) PLACE_BY_NAME.set(name, { kind: 'country', code });
}
for (const [code, names] of Object.entries(regions.regions)) {
  for (const name of names) PLACE_BY_NAME.set(name, { kind: 'region', code });
}
// A city, state or cloud region stands for its country: "hosted in Frankfurt and Virginia" names Germany and the US.
for (const place of SUB_COUNTRY_PLACES.values()) {
  if (!PLACE_BY_NAME.has(place.name)) PLACE_BY_NAME.set(place.name, { kind: 'country', code: place.country, subCountry: true, cloudRegion: place.kind === 'cloud-region' });
}
/** One case-sensitive pattern for countries and regions together, so "North America" beats "America". */
const PLACE = compilePhrasePattern([...PLACE_BY_NAME.keys()], { caseSensitive: true });
const ADJECTIVE_BY_NAME = new Map<string, string>();
for (const [code, names] of Object.entries(countries.adjectives)) for (const name of names) ADJECTIVE_BY_NAME.set(name, code);
const ADJECTIVE = new RegExp(
  `(?<![\\p{L}\\p{N}])(${[...ADJECTIVE_BY_NAME.keys()].map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\s+(?:(?:cloud|data|hosting)\\s+)?(?:servers?|data\\s+cent(?:er|re)s?|datacenters?|infrastructure|facilities)\\b`,
  'gu',
);

const STORAGE_CUE = compilePhrasePattern(transfer.storageCues);
const TRANSFER_CUE = compilePhrasePattern(transfer.transferCues);
const UNSPECIFIED = compilePhrasePattern(transfer.unspecified);
const MECHANISM = compilePhrasePattern(transfer.mechanisms, { caseSensitive: true });
const DESTINATION_END = new RegExp(
  `(?:^|[\\s,(])(?:${[...transfer.destinationPrepositions].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')}),?\\s*(?:the\\s+)?$`,
  'i',
);
const ORIGIN_END = new RegExp(
  `(?:^|[\\s,(])(?:${[...transfer.originMarkers].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')}),?\\s*(?:the\\s+)?$`,
  'i',
);
/** "Our users are located in the United States, Canada …", "customers based in": where people are, not data. */
const PEOPLE_LOCATED_END =
  /\b(?:users?|you|customers?|members?|people|individuals?|residents?|visitors?|consumers?|subscribers?|players?|clients?|patients?|employees?|creators?)\s+(?:(?:who|that)\s+)?(?:(?:are|is|were|may\s+be|can\s+be)\s+)?(?:(?:located|based|living|residing)\s+)?in\s*,?\s*(?:the\s+)?$/i;
/** "if you are in the EEA or Switzerland": places that describe the reader, not the data. */
const AUDIENCE_CLAUSE = /\b(?:if|where|when|whether)\s+you\s+(?:are|live|reside|access|use|'re)\b[^,;]*$/i;
/** One or two capitalised place names each followed by a comma, right before a country ("Dublin, ", "Ashburn, Virginia, "). */
const CITY_BEFORE_COUNTRY = /\s(?:\p{Lu}[\p{L}.'-]*(?:\s+\p{Lu}[\p{L}.'-]*){0,2},\s*){1,2}$/u;
/** A cloud provider between the preposition and the place: "in the AWS eu-central-1 region", "in Azure's West Europe". */
const CLOUD_PROVIDER_BEFORE = /(?<=\s)(?:the\s+)?(?:AWS|Amazon\s+Web\s+Services|Google\s+Cloud(?:\s+Platform)?|GCP|(?:Microsoft\s+)?Azure|Alibaba\s+Cloud|Oracle\s+Cloud)(?:['’]s)?\s+$/u;
/** How far before a place the cue that governs it may be. */
const CUE_WINDOW = 90;
/** Cues of both kinds this close together (start to start) are coordinated verbs of one clause. */
const COORDINATED_CUES = 30;

/**
 * Reads one sentence for where data is stored or sent: countries (ISO 3166-1 alpha-2) and regions
 * named after a destination preposition ("stored in the United States", "transferred to Singapore"),
 * excluding origins and audiences ("from the EU", "if you live in the UK", "outside the EEA"),
 * unspecific destinations ("other countries", "outside your country" → unspecified) and transfer
 * mechanisms (Standard Contractual Clauses, adequacy decisions), which go into the trigger. Storage
 * and transfer are told apart by the cue word governing each place; a sentence with both gives two claims.
 */
export function extractTransferClaims(context: SentenceContext): TransferClaim[] {
  const text = context.sentence.text;
  const storageCues = findPhrases(text, STORAGE_CUE).filter((cue) => isStorageCue(text, cue));
  const transferCues = findPhrases(text, TRANSFER_CUE);
  const mechanisms = findPhrases(text, MECHANISM);
  if (storageCues.length === 0 && transferCues.length === 0 && mechanisms.length === 0) return [];
  const unspecified = findPhrases(text, UNSPECIFIED);
  const chains = findDestinationChains(text, unspecified);
  // "support staff in the US may access it", "except that we use service providers anywhere in the world": recipients placed there.
  const placedRecipients = findPlacedRecipients(
    text,
    [...unspecified.map((u) => ({ start: u.start, end: u.end, unspecified: u })), ...findRecipientChains(text, unspecified)],
    [...storageCues, ...transferCues].sort((a, b) => a.start - b.start),
  );

  // One claim per kind and per recipients: "servers located in the United States, and we may transfer it to our
  // affiliates … located in various countries" is the service's own storage and a transfer to those recipients.
  const groups = new Map<string, TransferGroup>();
  const groupOf = (type: 'storage' | 'transfer', recipients: string | null): TransferGroup => {
    const key = `${type}|${recipients ?? ''}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = { type, recipients, countries: new Set(), regions: new Set(), unspecified: false, triggers: [], negative: false, placesRecipients: false, origins: [] };
      groups.set(key, group);
    }
    return group;
  };
  const assign = (at: number): TransferGroup[] => {
    let storage = lastBefore(storageCues, at);
    let sent = lastBefore(transferCues, at);
    // The nearest cue governs the place; the other kind counts too only when coordinated with it
    // ("transfer and store", "transmitted to, or stored and processed in").
    if (storage !== null && sent !== null && Math.abs(storage.start - sent.start) > COORDINATED_CUES) {
      if (storage.start > sent.start) sent = null;
      else storage = null;
    }
    const assigned: TransferGroup[] = [];
    for (const [type, cue] of [['storage', storage], ['transfer', sent]] as const) {
      if (cue === null) continue;
      const found = findCueRecipients(text, cue);
      // Recipients located somewhere: their being there is the transfer ("partners located outside of the EU").
      const group = groupOf(found?.placesThem === true ? 'transfer' : type, found?.recipients ?? null);
      if (found?.placesThem === true) group.placesRecipients = true;
      if (!assigned.includes(group)) assigned.push(group);
      addTrigger(group.triggers, cue);
      if (isNegatedAt(text, cue.start)) group.negative = true;
    }
    return assigned;
  };

  const placedAt = new Set(placedRecipients.map((r) => r.start));
  // "We never transfer health data outside the EEA" keeps the data in the EEA: a place the data stays in.
  const keptWithin = { places: [] as Place[], triggers: [] as PhraseMatch[] };
  for (const phrase of unspecified) {
    if (placedAt.has(phrase.start)) continue;
    const assigned = assign(phrase.start);
    for (const group of assigned.length > 0 ? assigned : mechanisms.length > 0 ? [groupOf('transfer', findSentenceRecipients(text, transferCues))] : []) {
      group.unspecified = true;
      addTrigger(group.triggers, phrase);
      const within = placeOutsideOf(phrase.text);
      if (within !== undefined && group.negative) {
        keptWithin.places.push(within);
        for (const trigger of group.triggers) addTrigger(keptWithin.triggers, trigger);
      }
      // "Partners located outside of the EU": the data leaves the EU to reach them.
      if (within !== undefined && group.placesRecipients && !group.negative) group.origins.push(within);
    }
  }

  for (const chain of chains) {
    if (placedAt.has(chain.start)) continue;
    for (const group of assign(chain.start)) {
      for (const place of chain.places) (place.kind === 'country' ? group.countries : group.regions).add(place.code);
    }
  }

  if (mechanisms.length > 0) {
    const withDestination = [...groups.values()].filter(hasDestination);
    // A transfer mechanism implies a transfer even when no destination is named.
    if (withDestination.length === 0) groupOf('transfer', findSentenceRecipients(text, transferCues)).unspecified = true;
    // The mechanism belongs to the place the sentence names, stored or sent: "processed by Stripe in the United
    // States under Standard Contractual Clauses" is one claim, not a place and a separate unplaced transfer.
    const carrier =
      withDestination.find((g) => g.type === 'transfer') ?? withDestination[0] ?? [...groups.values()].find((g) => g.type === 'transfer' && hasDestination(g));
    if (carrier !== undefined) for (const mechanism of mechanisms) addTrigger(carrier.triggers, mechanism);
  }

  const referred = readReferredPlaces(context, [...groups.values()]);
  // "Where we transfer … outside of the EEA or the UK": the data is in the EEA and the UK before it leaves.
  const sentOrigins = readOrigins(text, unspecified, findPlaceChains(text, unspecified), transferCues, storageCues);
  const claims: TransferClaim[] = [];
  for (const type of ['storage', 'transfer'] as const) {
    for (const group of groups.values()) {
      if (group.type !== type || !hasDestination(group)) continue;
      const origins = type === 'transfer' && !group.negative ? [...sentOrigins, ...group.origins] : [];
      const base = createClaimBase(context, group.negative ? 'negative' : 'affirmative', firstStart(group.triggers));
      claims.push({
        ...(referred?.group === group ? { ...base, span: referred.span, quote: referred.quote } : base),
        kind: 'transfer',
        transferType: type,
        countries: [...group.countries],
        regions: [...group.regions],
        unspecified: group.unspecified,
        trigger: [...new Set(group.triggers.sort((a, b) => a.start - b.start).map((t) => t.text))].join('; '),
        ...(mechanisms.length > 0 && group.triggers.some((t) => mechanisms.includes(t)) ? { mechanisms: [...new Set(mechanisms.map((m) => m.text.replace(/\s+/g, ' ')))] } : {}),
        ...(group.recipients !== null ? { recipients: group.recipients } : {}),
        ...(origins.length > 0
          ? {
              origins: {
                countries: [...new Set(origins.filter((p) => p.kind === 'country').map((p) => p.code))],
                regions: [...new Set(origins.filter((p) => p.kind === 'region').map((p) => p.code))],
              },
            }
          : {}),
      });
    }
  }
  for (const placed of placedRecipients) claims.push(createPlacedRecipientClaim(context, placed));
  if (keptWithin.places.length > 0) {
    claims.push({
      ...createClaimBase(context, 'affirmative', firstStart(keptWithin.triggers)),
      kind: 'transfer',
      transferType: 'storage',
      countries: [...new Set(keptWithin.places.filter((p) => p.kind === 'country').map((p) => p.code))],
      regions: [...new Set(keptWithin.places.filter((p) => p.kind === 'region').map((p) => p.code))],
      unspecified: false,
      trigger: [...new Set(keptWithin.triggers.sort((a, b) => a.start - b.start).map((t) => t.text))].join('; '),
    });
  }
  return claims;
}

/** The places one claim gathers: one kind (stored or sent), one set of recipients. */
interface TransferGroup {
  type: 'storage' | 'transfer';
  /** The recipients the governing cues send the data to or place there, as written; null for the data in general. */
  recipients: string | null;
  countries: Set<string>;
  regions: Set<string>;
  unspecified: boolean;
  triggers: PhraseMatch[];
  negative: boolean;
  /** Set when a cue places the recipients ("located", "based"): a place they are outside of is where the data leaves. */
  placesRecipients: boolean;
  origins: Place[];
}

/** The recipients of the sentence's first transfer cue that names some, for a transfer only a mechanism makes. */
function findSentenceRecipients(text: string, transferCues: readonly PhraseMatch[]): string | null {
  for (const cue of transferCues) {
    const found = findCueRecipients(text, cue);
    if (found !== null) return found.recipients;
  }
  return null;
}

/** "As such", "Accordingly", "As a result": the sentence draws on the one before. */
const CONSEQUENCE_OPENING = /^\W*(?:as\s+such|accordingly|therefore|thus|as\s+a\s+result|consequently|for\s+(?:this|that)\s+reason|because\s+of\s+(?:this|that))\b/i;
/**
 * Where the company is present: "has operations, entities, and service providers in the United States and throughout
 * the world", "we have offices and servers in Ireland". The words before "in" list what it has there.
 */
const PRESENCE_BEFORE =
  /\b(?:has|have|maintains?|operates?)\s+(?:[\w-]+(?:\s*,\s*(?:and\s+)?|\s+(?:and|or)\s+|\s+)){0,8}?(?:operations|entities|offices|facilities|servers|data\s+cent(?:er|re)s|affiliates|subsidiaries|service\s+providers|providers|partners|vendors|staff|employees|personnel)\s+(?:in|across|throughout)\s+(?:the\s+)?$/i;

/**
 * "Quora Inc. is headquartered in the United States, and has operations, entities, and service providers in the United
 * States and throughout the world. As such, we and our service providers may transfer your personal information to …
 * jurisdictions …": a transfer that follows from the sentence before ("As such") goes where that sentence puts the
 * company's operations and providers. Only for a transfer that names no place of its own; the claim then quotes both
 * sentences, so the place is in its quote.
 */
function readReferredPlaces(context: SentenceContext, groups: readonly TransferGroup[]): { group: TransferGroup; span: { start: number; end: number }; quote: string } | null {
  const previous = context.previous;
  if (previous === null || context.gapBefore === undefined || !CONSEQUENCE_OPENING.test(context.sentence.text)) return null;
  const group = groups.find((g) => g.type === 'transfer' && !g.negative && g.unspecified && g.countries.size === 0 && g.regions.size === 0);
  if (group === undefined) return null;
  const before = previous.text;
  const places = findPlaceChains(before, findPhrases(before, UNSPECIFIED))
    .filter((chain) => !chain.adjective && PRESENCE_BEFORE.test(before.slice(Math.max(0, chain.start - 160), chain.start)))
    .flatMap((chain) => chain.places);
  if (places.length === 0) return null;
  for (const place of places) (place.kind === 'country' ? group.countries : group.regions).add(place.code);
  return { group, span: { start: previous.start, end: context.sentence.end }, quote: previous.text + context.gapBefore + context.sentence.text };
}

/** Recipients right before a place: "service providers anywhere in the world", "support staff in the US", "partners located in". */
const RECIPIENT_BEFORE =
  /\b((?:[\p{L}-]+\s+)?(?:service\s+providers?|providers?|(?:sub-?)?processors?|vendors?|suppliers?|contractors?|partners?|affiliates?|staff|personnel|teams?|agents?))\s+(?:(?:who|that)\s+(?:are|is)\s+)?(?:(?:located|based)\s+)?(?:(?:in|within|across|throughout)\s+(?:the\s+)?)?$/iu;
/** Words before a recipient noun that are not part of its name: "use service providers", "and support staff". */
const NOT_RECIPIENT_WORD = /^(?:use|uses|used|our|their|its|the|and|or|with|by|to|of|that|may|can|some|all|other|certain)$/i;
/**
 * A break between an earlier clause and the recipients' own ("Your data stays in the EU, except that we use service
 * providers …", "Data is stored in the EU, but support staff in the US …"): the earlier clause's verb no longer
 * governs the place.
 */
const CLAUSE_BREAK = /,\s*(?:but|except|however|although|though|whereas|while)\b|\s(?:but|except\s+that)\s/i;

/** Recipients placed somewhere, read as a transfer to that place. */
interface PlacedRecipient {
  start: number;
  end: number;
  /** The recipients as written ("service providers", "support staff"). */
  recipients: string;
  recipientStart: number;
  places: Place[];
  unspecified: PhraseMatch | null;
}

/** Chains of named places, for findPlacedRecipients (which reads their lead-in itself). */
function findRecipientChains(text: string, unspecified: readonly PhraseMatch[]): { start: number; end: number; places: Place[] }[] {
  return findPlaceChains(text, unspecified).filter((c) => !c.adjective);
}

/**
 * Places and unnamed places ("anywhere in the world") whose lead-in is a recipient, when no storage or transfer verb
 * of the same clause governs them: the recipients being there is the transfer ("except that we use service providers
 * anywhere in the world for customer support"). A verb in the same clause keeps its reading ("we share data with
 * partners in Japan" stays a transfer by "share").
 */
function findPlacedRecipients(
  text: string,
  spans: readonly { start: number; end: number; places?: Place[]; unspecified?: PhraseMatch }[],
  cues: readonly PhraseMatch[],
): PlacedRecipient[] {
  const placed: PlacedRecipient[] = [];
  for (const span of spans) {
    const lead = text.slice(Math.max(0, span.start - 80), span.start);
    const match = RECIPIENT_BEFORE.exec(lead);
    if (match === null || /[.;:]/.test(match[0])) continue;
    const words = (match[1] ?? '').split(/\s+/);
    const recipients = (NOT_RECIPIENT_WORD.test(words[0] ?? '') ? words.slice(1) : words).join(' ');
    const groupStart = span.start - lead.length + match.index;
    const recipientStart = groupStart + (match[1] ?? '').length - recipients.length;
    // Only after a clause about where data is: with no verb before, "Our partners in Japan provide support" says where
    // a company is, which country-mentions.ts reads; with a verb in the same clause, the verb's reading stands.
    const cue = lastBefore(cues, span.start);
    if (cue === null || !CLAUSE_BREAK.test(text.slice(cue.end, recipientStart))) continue;
    placed.push({ start: span.start, end: span.end, recipients, recipientStart, places: span.places ?? [], unspecified: span.unspecified ?? null });
  }
  return placed;
}

/**
 * The transfer claim of recipients placed somewhere. Its conditions are its own clause's, not the exception it is
 * ("except that we use …" limits the EU claim beside it, not this one), with a purpose after the place ("for customer
 * support").
 */
function createPlacedRecipientClaim(context: SentenceContext, placed: PlacedRecipient): TransferClaim {
  const text = context.sentence.text;
  const negative = isNegatedAt(text, placed.recipientStart);
  const base = createClaimBase(context, negative ? 'negative' : 'affirmative');
  const own = (base.conditions ?? []).filter((c) => {
    const at = text.indexOf(c.text);
    return !(at >= 0 && at <= placed.recipientStart && placed.end <= at + c.text.length);
  });
  const purpose = /^\s*(?:for|to)\s+[^,;.()]{3,60}?(?=\s*(?:[,;.()]|$))/i.exec(text.slice(placed.end));
  const conditions = [...own, ...(purpose !== null && !own.some((c) => c.text === purpose[0].trim()) ? [{ kind: 'purpose' as const, text: purpose[0].trim() }] : [])];
  delete base.conditions;
  return {
    ...base,
    ...(conditions.length > 0 ? { conditions } : {}),
    kind: 'transfer',
    transferType: 'transfer',
    countries: [...new Set(placed.places.filter((p) => p.kind === 'country').map((p) => p.code))],
    regions: [...new Set(placed.places.filter((p) => p.kind === 'region').map((p) => p.code))],
    unspecified: placed.unspecified !== null,
    trigger: [placed.recipients, placed.unspecified?.text].filter((t): t is string => t !== undefined).join('; '),
    recipients: placed.recipients,
  };
}

/** Sending verbs that move data out of a place; "access … from the UK" says where the reader is, not the data. */
const ORIGIN_CUE = /^(?:transfer|transmit|sen[dt]|export|mov|flow|international|cross)/i;
/** The reader or users placed outside: "users located outside the EEA" says where people are, not where data was. */
const PERSON_PLACED_BEFORE = /\b(?:you|users?|individuals?|people|persons?|customers?|members?|residents?|visitors?)\b[^,;]{0,30}?\b(?:are|is|live|lives|reside|resides|located|based|living|residing)\s+$/i;
/** Places coordinated right after an origin: "outside of the EEA or the United Kingdom", "…, the UK, or Switzerland". */
const COORDINATED_PLACE_GAP = /^\s*(?:,\s*)?(?:(?:or|and|and\/or)\s+)?(?:the\s+)?$/i;

/**
 * The places a sending verb moves data out of: the place of "outside (of) the EEA", places coordinated with it,
 * and a chain after "outside" or after "from" that goes on "to …" ("from the EEA, Switzerland and the UK to a
 * country …"). Only when a sending verb governs the place and the clause does not place the reader there ("if you are
 * located outside"). Recipients located outside a place ("partners located outside of the EU") are read where they are
 * placed (TransferGroup.placesRecipients).
 */
function readOrigins(
  text: string,
  unspecified: readonly PhraseMatch[],
  chains: readonly PlaceChain[],
  transferCues: readonly PhraseMatch[],
  storageCues: readonly PhraseMatch[],
): Place[] {
  const governed = (at: number): boolean => {
    const cue = lastBefore(transferCues, at);
    if (cue === null || !ORIGIN_CUE.test(cue.text) || isNegatedAt(text, cue.start)) return false;
    const storage = lastBefore(storageCues, at);
    if (storage !== null && storage.start - cue.start > COORDINATED_CUES) return false;
    const between = text.slice(cue.end, at);
    return !/[.;:]/.test(between) && !PERSON_PLACED_BEFORE.test(between) && !AUDIENCE_CLAUSE.test(text.slice(Math.max(0, at - 80), at));
  };
  const origins: Place[] = [];
  const ends: number[] = [];
  for (const phrase of unspecified) {
    const place = placeOutsideOf(phrase.text);
    if (place === undefined || !governed(phrase.start)) continue;
    origins.push(place);
    ends.push(phrase.end);
  }
  for (const chain of chains) {
    if (chain.adjective) continue;
    const lead = text.slice(Math.max(0, chain.start - 30), chain.start);
    const afterOrigin = ends.some((end) => end <= chain.start && COORDINATED_PLACE_GAP.test(text.slice(end, chain.start)));
    const outside = /\boutside(?:\s+of)?\s+(?:the\s+)?$/i.test(lead);
    const fromTo = /\bfrom\s+(?:the\s+)?$/i.test(lead) && /^\s*,?\s*to\b/i.test(text.slice(chain.end));
    if ((afterOrigin || outside || fromTo) && governed(chain.start)) {
      origins.push(...chain.places);
      ends.push(chain.end);
    }
  }
  return origins;
}

/** The place of "outside the European Economic Area" / "outside of the EU"; undefined for "outside your country". */
function placeOutsideOf(phrase: string): Place | undefined {
  const name = phrase.replace(/^outside\s+(?:of\s+)?(?:the\s+)?/i, '').replace(/\s+/g, ' ');
  return name === phrase ? undefined : PLACE_BY_NAME.get(name);
}

function hasDestination(group: { countries: Set<string>; regions: Set<string>; unspecified: boolean }): boolean {
  return group.countries.size > 0 || group.regions.size > 0 || group.unspecified;
}

interface PlaceChain {
  start: number;
  end: number;
  places: Place[];
  /** Found as "Chinese servers": the noun already makes it a location of data. */
  adjective: boolean;
}

/**
 * Groups adjacent place names ("the EU, EEA, United Kingdom and Switzerland") into chains that share
 * one lead-in, and keeps the chains whose lead-in ends in a destination preposition and not in an
 * origin or audience phrase.
 */
function findDestinationChains(text: string, unspecified: readonly PhraseMatch[]): PlaceChain[] {
  return findPlaceChains(text, unspecified).filter((chain) => {
    if (chain.adjective || chain.places.some((p) => p.cloudRegion === true)) return true;
    const leadIn = text.slice(Math.max(0, chain.start - 60), chain.start);
    // LINE: "Countries and regions to which Personal Data is transferred: Japan, the United States, …": a list after a
    // colon is a list of destinations when the words before the colon say so.
    if (/:\s*(?:the\s+)?$/.test(leadIn)) {
      const beforeColon = text.slice(Math.max(0, chain.start - 200), chain.start).replace(/:\s*(?:the\s+)?$/, '');
      if (DESTINATION_LIST_LEAD.test(beforeColon) && !AUDIENCE_CLAUSE.test(beforeColon)) return true;
    }
    // "located in Frankfurt, Germany": the city between the preposition and the country is skipped.
    const clause = (leadIn.split(/[;:]/).pop() ?? '').replace(CITY_BEFORE_COUNTRY, ' ').replace(CLOUD_PROVIDER_BEFORE, '');
    // "We store your data in Ireland and offer the app in Germany": Germany is a market, not a data location.
    if (ORIGIN_END.test(clause) || AUDIENCE_CLAUSE.test(clause) || PEOPLE_LOCATED_END.test(clause) || isMarketLeadIn(clause)) return false;
    return DESTINATION_END.test(clause);
  });
}

/** Every chain of adjacent place names, and "Chinese servers", whatever their lead-in. */
function findPlaceChains(text: string, unspecified: readonly PhraseMatch[]): PlaceChain[] {
  const matches = findPhrases(text, PLACE).filter((m) => !isInsideOtherMatch(m, unspecified) && !isShoutedPronoun(text, m));
  const chains: PlaceChain[] = [];
  for (const match of matches) {
    const place = PLACE_BY_NAME.get(match.text.replace(/\s+/g, ' ').replace(/’/g, "'")) ?? PLACE_BY_NAME.get(match.text);
    // "partners such as The New York Times": the place starts a longer name.
    if (place === undefined || (place.subCountry === true && continuesAsName(text.slice(match.end)))) continue;
    const last = chains[chains.length - 1];
    const gap = last === undefined ? '' : text.slice(last.end, match.start);
    if (last !== undefined && /^(?:\s*,\s*|\s*,?\s+(?:and|or|and\/or)\s+)(?:the\s+)?$/i.test(gap)) {
      last.places.push(place);
      last.end = match.end;
    } else {
      chains.push({ start: match.start, end: match.end, places: [place], adjective: false });
    }
  }
  ADJECTIVE.lastIndex = 0;
  for (let m = ADJECTIVE.exec(text); m !== null; m = ADJECTIVE.exec(text)) {
    const code = ADJECTIVE_BY_NAME.get(m[1] ?? '');
    if (code !== undefined) chains.push({ start: m.index, end: m.index + m[0].length, places: [{ kind: 'country', code }], adjective: true });
  }
  return chains;
}

/**
 * The words before a colon that make the list after it destinations: "to the following countries", "Countries and
 * regions to which Personal Data is transferred", "Data is stored in".
 */
const DESTINATION_LIST_LEAD =
  /(?:\b(?:to|in|into|within)\s+(?:the\s+)?(?:following|these|below|listed)\s+(?:countries|regions|jurisdictions|locations|territories)(?:\s+(?:and|or)\s+(?:regions|territories|countries))?|\b(?:countries|regions|jurisdictions|locations|territories)(?:\s+(?:and|or)\s+(?:regions|territories|countries))?\s+(?:to|in|into)\s+which\b[^.;:]{0,120}|\b(?:transferred|sent|stored|hosted|processed|located)\s+(?:to|in))\s*$/i;

/** "outside the EEA" is matched as an unspecified phrase; the EEA in it is not a destination. */
function isInsideOtherMatch(match: PhraseMatch, others: readonly PhraseMatch[]): boolean {
  return others.some((o) => match.start >= o.start && match.end <= o.end);
}

/** "CONTACT US" in an all-capitals sentence is the pronoun, not the United States. */
function isShoutedPronoun(text: string, match: PhraseMatch): boolean {
  if (match.text !== 'US') return false;
  const letters = text.replace(/[^\p{L}]/gu, '');
  const upper = text.replace(/[^\p{Lu}]/gu, '');
  return letters.length > 0 && upper.length / letters.length > 0.6;
}

/** "process"/"maintain" mean storage only when a place is the object ("processed in"), not "processing of". */
function isStorageCue(text: string, cue: PhraseMatch): boolean {
  const after = text.slice(cue.end);
  if (/^located$/i.test(cue.text)) {
    // "Providers located outside the EU" places recipients; "a WeChat user located outside of the EEA", "If you're
    // located outside the EU" and "Anyone located outside the UK" place the reader. Only a recipient or the data as
    // the subject makes it a destination. ("users located in X, in Y" keeps the cue: the chain reader already skips
    // the audience's X, and Y is where their data is kept.)
    if (/^\s+outside\b/i.test(after)) {
      const clause = text.slice(Math.max(0, cue.start - 80), cue.start).split(/[.;:]/).pop() ?? '';
      return LOCATED_RECIPIENT_BEFORE.test(clause) && !LOCATED_PERSON_BEFORE.test(clause);
    }
    return /^\s+(?:(?:and\s+\w+\s+)?(?:in|on|at|within|outside)\b|,)/i.test(after);
  }
  // "Your data stays in the EU", "remains within the EEA": only with a place right after ("stay logged in" is none).
  if (/^(?:stay|stays|remain|remains)$/i.test(cue.text)) return isPlaceComplement(after.slice(0, 40)) && /^\s+(?:in|within)\b/i.test(after);
  if (/^(?:process|processes|processed|processing|maintain|maintained|keep|keeps|kept)$/i.test(cue.text)) {
    return (
      /^\s+(?:(?:and\s+\w+\s+)?(?:in|on|at|within)\b|,)/i.test(after) ||
      /^\s+and\s+(?:stored|store|hosted)/i.test(after) ||
      // The object or agent between verb and place: "process data in", "processed by Stripe in the United States".
      PLACE_AFTER_OBJECT.test(after)
    );
  }
  return true;
}

/** A person as the subject of "located outside": the reader or the users, not the data's recipients. */
const LOCATED_PERSON_BEFORE =
  /\b(?:you|users?|individuals?|people|persons?|customers?|members?|residents?|visitors?|citizens?|consumers?|children|minors|anyone|everyone|someone|those)\b(?:['’]re\b|\s+(?:(?:who|that)\s+(?:are|is)|are|is|were|be))?\s*$|\b(?:if|when|where|whether)\s+you\b/i;
/** A recipient or the data as the subject of "located outside" ("service providers … are located outside of the EU"). */
const LOCATED_RECIPIENT_BEFORE =
  /\b(?:providers?|partners?|servers?|affiliates?|compan(?:y|ies)|vendors?|(?:sub-?)?processors?|entities|entity|third[-\s]part(?:y|ies)|recipients?|subsidiaries|group|data|information|facilities|offices|teams?|staff|personnel|employees|contractors?)\b/i;

/** Up to five words of object or agent, with no clause boundary or purpose, then a place preposition. */
const PLACE_AFTER_OBJECT =
  /^(?:\s+(?!(?:if|when|where|whether|because|that|which|who|as|for|to|and|or|but|with|about|under|according)\b)[\p{L}\p{N}'’&.-]+){1,5}\s+(?:in|within)\s+(?!accordance\b|order\b|compliance\b|connection\b|line\b|relation\b|response\b|some\b|certain\b|any\b|such\b|this\b|that\b|these\b|those\b|which\b|our\b|your\b|their\b|its\b|a\b|an\b)/iu;

function lastBefore(cues: readonly PhraseMatch[], at: number): PhraseMatch | null {
  let best: PhraseMatch | null = null;
  for (const cue of cues) if (cue.start < at && at - cue.start <= CUE_WINDOW) best = cue;
  return best;
}

function addTrigger(triggers: PhraseMatch[], match: PhraseMatch): void {
  if (!triggers.some((t) => t.start === match.start)) triggers.push(match);
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
}

/**
 * True when the words after a verb say where ("… data in Germany", "… within the EEA", "… outside of China"): a
 * place after a destination preposition in the same clause, within a few words. Retention reads such a sentence
 * with no period as a statement of location, which the transfer claim carries.
 */
export function isPlaceComplement(after: string): boolean {
  const window = after.slice(0, 90);
  const named = findPhrases(window, PLACE).some((m) => {
    const lead = window.slice(0, m.start);
    return !/[.;:]/.test(lead) && /\b(?:in|within|outside(?:\s+of)?)\s+(?:the\s+)?$/i.test(lead);
  });
  // Unnamed places count too: "store … your data in any country where we or our providers operate", "anywhere in the world".
  return named || findPhrases(window, UNSPECIFIED).some((m) => {
    const lead = window.slice(0, m.start);
    return !/[.;:,]/.test(lead) && lead.trim().split(/\s+/).length <= 6 && /(?:^|\s)(?:(?:in|within|to)\s+)?$/i.test(lead) && /^(?:any|anywhere|other|around|worldwide|globally)/i.test(m.text);
  });
}

/** Where the first of a claim's trigger words is, so the claim keeps the conditions of its own clause. */
function firstStart(triggers: readonly PhraseMatch[]): number | undefined {
  return triggers.length === 0 ? undefined : Math.min(...triggers.map((t) => t.start));
}
