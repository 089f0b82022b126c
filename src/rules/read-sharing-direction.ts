/**
 * Which way a policy sentence moves data relative to the recipient it mentions. The extractor keeps a
 * mention unless it sits right after "from" or is the subject of giving data "to us"; a sentence can
 * still mention a recipient only as a source ("Technical service partners: We sometimes receive
 * information about you from technical service partners"), and such a sentence discloses no sharing.
 */
import { findNameOffsets } from './find-name-offsets.js';

/**
 * - `outbound`: data goes to the mention ("share … with vendors", "disclose … to third parties",
 *   "vendors that process information on our behalf");
 * - `inbound`: the mention is only where data comes from ("we receive … from partners", "advertisers
 *   provide information to us"), or what is provided to us ("partners provide us with analytics services");
 * - `reference`: the mention is only the title of another section ("(see Information Shared … with Third Parties)");
 * - `unstated`: anything else (a list label, a mention the sentence names without a direction).
 */
export type SharingDirection = 'outbound' | 'inbound' | 'reference' | 'unstated';

/**
 * "to"/"with" shortly before the mention, not across a source ("from"): "to us and our ad partners", "with other partners";
 * not "associated with", "in accordance with", "visits to" and the like, which send nothing.
 */
const TO_OR_WITH_LEAD = /(?<!\b(?:associated|connection|accordance|compliance|comply|complies|consistent|along|together|interact|interacts|interacting|agreement|line|familiar|up|according|due|relation|respect|regard|prior|addition|visits?|access|subject|similar)\s+)\b(?:to|with)\s+(?:us\s+(?:and|or)\s+)?(?:(?!(?:from|you|us)\b)[\w'’/-]+,?\s+){0,5}$/i;
/** Using or engaging the mention as a service: "we use service providers", "we employ vendors". */
const ENGAGE_LEAD = /\b(?:use|uses|engage|engages|engaged|employ|employs|hire|hires|retain|retains|rely\s+on|relies\s+on)\s+(?:[\w'’-]+\s+){0,3}$/i;
/** Giving the mention data or access: "provide partners with information", "give vendors access". */
const GIVE_LEAD = /\b(?:provide|provides|provided|providing|give|gives|gave|giving|grant|grants|granted)\s+(?:(?:our|the|certain|select|these|such|some)\s+)?$/i;
const GIVE_TAIL = /^\s+(?:with|access)\b/i;
/** The mention acting for the company: "vendors that we employ to process information on our behalf". */
const ON_OUR_BEHALF_TAIL =
  /^\s*(?:\([^)]*\)\s*)?,?\s*(?:(?:that|who|which)\s+(?:[\w'’-]+\s+){0,5}?(?:process|processes|act|acts|help|helps|perform|performs|host|hosts|store|stores|handle|handles)\b|(?:[\w'’-]+\s+){0,8}?on\s+(?:our|its)\s+behalf\b|to\s+(?:process|host|store|help\s+us|provide\s+services)\b)/i;
/** The mention as a source: right after "from" (with its determiners and a short list). */
const FROM_LEAD = /\bfrom\s+(?:[\w'’-]+,?\s+){0,5}$/i;
/** The mention as the subject of giving data to us: "advertisers or third parties provide information to us". */
const GIVES_TO_US_TAIL =
  /^[^.;:]{0,80}?\b(?:share|shares|provide|provides|send|sends|give|gives|disclose|discloses|supply|supplies|pass|passes|furnish|furnishes|report|reports|transmit|transmits)\b(?:[^.;:]{0,60}?\b(?:with|to)\s+us\b|\s+us\b)/i;
/** What is provided to us is not a recipient: "companies that provide us with business analytics services". */
const PROVIDED_TO_US_LEAD = /\bprovides?\s+us\s+with\s+(?:[\w'’-]+\s+){0,3}$/i;
/** A sentence about data coming in, with no word of data going out. */
const INBOUND_SENTENCE =
  /\b(?:we|us)\s+(?:[\w'’]+\s+){0,3}?(?:receive|get|obtain|collect|acquire|gather)\b[^.;]*?\bfrom\b|\b(?:provide|provides|share|shares|send|sends|give|gives|supply|supplies|report|reports)\b[^.;]{0,60}?\b(?:to|with)\s+us\b/i;
const OUTBOUND_VERB =
  /\b(?:shar(?:e|es|ed|ing)|disclos(?:e|es|ed|ing)|sell|sells|sold|transfer(?:s|red|ring)?|rent|trade|transmit(?:s|ted)?|make\s+available|made\s+available|give\s+access|on\s+our\s+behalf)\b/i;
/** A short list label before a colon: "Technical service partners:", "Advertisers or other partners:". */
const LABEL = /^\s*[^.:;]{1,60}:/;


/** True when the offset sits inside a parenthesis that opens with "see" (a cross-reference to another section). */
function isInsideSeeReference(quote: string, at: number): boolean {
  const open = quote.lastIndexOf('(', at);
  if (open < 0 || quote.lastIndexOf(')', at) > open) return false;
  return /^\(\s*(?:see|refer\s+to|as\s+described\s+in)\b/i.test(quote.slice(open));
}

type Occurrence = 'outbound' | 'inbound' | 'reference' | 'label' | 'possessive' | 'unstated';

function readOccurrence(quote: string, at: number, name: string): Occurrence {
  const end = at + name.trim().length;
  const tail = quote.slice(end);
  // "(see Information Shared … with Third Parties)", "see the … Industry Partners sections": titles of other sections.
  if (isInsideSeeReference(quote, at) || /^\s+sections?\b/i.test(tail)) return 'reference';
  // "an advertiser's site" names whose site, not who receives data.
  if (/^['’]s?\b/.test(tail)) return 'possessive';
  const lead = quote.slice(Math.max(0, at - 120), at).split(/[.;:]/).pop() ?? '';
  if (FROM_LEAD.test(lead) || PROVIDED_TO_US_LEAD.test(lead)) return 'inbound';
  if (GIVES_TO_US_TAIL.test(tail) && !/\bwe\b/i.test(lead.slice(-40))) return 'inbound';
  if (TO_OR_WITH_LEAD.test(lead) || ENGAGE_LEAD.test(lead) || ON_OUR_BEHALF_TAIL.test(tail) || (GIVE_LEAD.test(lead) && GIVE_TAIL.test(tail))) return 'outbound';
  const label = LABEL.exec(quote);
  if (label && end <= label[0].length) return 'label';
  return 'unstated';
}

/**
 * How the sentence `quote` moves data relative to the recipient written as `name` (see
 * {@link SharingDirection}). Outbound wins when any mention receives data; a sentence is inbound only
 * when every mention is a source (or a list label, possessive or cross-reference) and the sentence
 * speaks of data coming in without any word of sharing. A name not found in the sentence is `unstated`.
 */
export function readSharingDirection(quote: string, name: string): SharingDirection {
  const occurrences = findNameOffsets(quote, name).map((at) => readOccurrence(quote, at, name));
  if (occurrences.length === 0) return 'unstated';
  if (occurrences.includes('outbound')) return 'outbound';
  if (occurrences.every((o) => o === 'reference')) return 'reference';
  if (occurrences.includes('inbound')) return 'inbound';
  const body = quote.replace(LABEL, ' ');
  if (occurrences.every((o) => o !== 'unstated') && INBOUND_SENTENCE.test(body)) return 'inbound';
  if (INBOUND_SENTENCE.test(body) && !OUTBOUND_VERB.test(body)) return 'inbound';
  return 'unstated';
}
