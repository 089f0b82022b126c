import type { Claim } from '../model/claim.js';
import type { ExtractedPolicy } from '../model/policy.js';
import { collectOrdinaryWords } from './collect-ordinary-words.js';
import { detectFirstPartyNames, type FirstPartyHints } from './detect-first-party-names.js';
import { extractEncryptionClaims } from './extract-encryption-claims.js';
import { extractHolderProcessorClaims } from './extract-holder-processor-claims.js';
import { extractLinkedProcessorClaims } from './extract-linked-processor-claims.js';
import { extractProcessorClaims } from './extract-processor-claims.js';
import { extractRetentionClaims } from './extract-retention-claims.js';
import { extractRetentionScheduleClaims, withScheduleRowKind } from './extract-retention-schedule.js';
import { extractTransferClaims } from './extract-transfer-claims.js';
import { followListLeadIns } from './find-list-lead-ins.js';
import { compileOrganisationMatcher, type OrganisationMatcher, type OrganisationName } from './match-organisations.js';
import type { SentenceContext } from './sentence-context.js';
import { splitSentences } from './split-sentences.js';

export type { OrganisationName } from './match-organisations.js';

/** Options of {@link extractClaims}. */
export interface ExtractClaimsOptions {
  /** Entity catalog names; a processor name matching one gets its `entityId`. */
  organisations?: OrganisationName[];
  /**
   * Lower-cased names of the policy's own company, when the caller knows them better than `policy`
   * alone can tell (extracting one part of a longer policy). Default: detected from `policy`.
   */
  firstPartyNames?: readonly string[];
  /**
   * Lead-in sentences of a list that the text's first block belongs to, nearest first, when the caller
   * extracts a part of a longer policy that starts inside a list. Default: none.
   */
  leadIns?: readonly string[];
  /**
   * The app's own hosts or domains (the policy URL's host, `--app-domain`): a catalogued company that operates
   * one is the app's operator ("Microsoft" for msn.com). Default: none known.
   */
  appDomains?: readonly string[];
}

/** The per-sentence extractors, in the order their claims are listed; `scheduleLeadIns` collects what schedules follow. */
function createExtractors(scheduleLeadIns: Set<string>): readonly ((context: SentenceContext) => Claim[])[] {
  /** A sentence's retention claims; a row of a retention schedule ("Voice recordings: up to 72 hours") when it has none. */
  const extractRetentionStatements = (context: SentenceContext): Claim[] => {
    const claims = extractRetentionClaims(context);
    if (claims.length > 0) return withScheduleRowKind(context, claims);
    const rows = extractRetentionScheduleClaims(context);
    const leadIn = context.leadIns?.[0];
    if (rows.length > 0 && leadIn !== undefined) scheduleLeadIns.add(leadIn);
    return rows;
  };
  return [extractProcessorClaims, extractRetentionStatements, extractEncryptionClaims, extractTransferClaims];
}

/**
 * "We retain the following data for the periods below:" states no period itself: the schedule after it does. Read
 * alone it is an unspecified retention claim, which would make a vague-retention finding of a policy that is precise.
 */
function isScheduleLeadIn(claim: Claim, scheduleLeadIns: ReadonlySet<string>): boolean {
  if (claim.kind !== 'retention' || claim.vagueness !== 'unspecified' || !/:\s*$/.test(claim.quote)) return false;
  for (const leadIn of scheduleLeadIns) if (leadIn.includes(claim.quote.trim())) return true;
  return false;
}

/**
 * Extracts typed claims (processors, retention, encryption, transfers) from every sentence of every
 * section. Each claim quotes its sentence with the span into `policy.text` and carries the section's
 * heading path. Deterministic: the same policy and organisations give the same claims in the same order.
 */
export function extractClaims(policy: ExtractedPolicy, options: ExtractClaimsOptions = {}): Claim[] {
  const organisations = compileOrganisationMatcher(options.organisations ?? []);
  const firstPartyNames = options.firstPartyNames ?? detectFirstPartyNames(policy, firstPartyHints(organisations, options.appDomains));
  // A capitalised subject is a company's name only when the policy never writes its words in lower case (retention holders).
  const ordinaryWords = collectOrdinaryWords(policy.text);
  const claims: Claim[] = [];
  const scheduleLeadIns = new Set<string>();
  const extractors = createExtractors(scheduleLeadIns);
  for (const section of policy.sections) {
    const sentences = splitSentences(policy.text, section.span);
    const above = section === policy.sections[0] ? (options.leadIns ?? []) : [];
    const leadInsAt = listLeadInsByOffset(policy.text.slice(section.span.start, section.span.end), section.span.start, above);
    sentences.forEach((sentence, index) => {
      const leadIns = leadInsAt(sentence.start);
      const links = linksIn(policy, sentence.start, sentence.end);
      const context: SentenceContext = {
        sentence,
        sectionPath: section.headingPath,
        previous: sentences[index - 1] ?? null,
        next: sentences[index + 1] ?? null,
        ...(index > 0 ? { gapBefore: policy.text.slice(sentences[index - 1]?.end ?? sentence.start, sentence.start) } : {}),
        ...(leadIns.length > 0 ? { leadIns } : {}),
        organisations,
        firstPartyNames,
        ...(links.length > 0 ? { links } : {}),
        ordinaryWords,
      };
      const sentenceClaims = extractors.flatMap((extract) => extract(context));
      claims.push(...sentenceClaims, ...extractLinkedProcessorClaims(context, sentenceClaims), ...extractHolderProcessorClaims(context, sentenceClaims));
    });
  }
  return scheduleLeadIns.size > 0 ? claims.filter((claim) => !isScheduleLeadIn(claim, scheduleLeadIns)) : claims;
}

/** The links whose text lies inside one sentence, their text as the sentence has it and where it starts in it. */
function linksIn(policy: ExtractedPolicy, start: number, end: number): { text: string; start: number; href: string }[] {
  const links = policy.links ?? [];
  // Links are in text order: find the first at or after the sentence by bisection, then read while inside it.
  let low = 0;
  let high = links.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((links[middle]?.span.start ?? 0) < start) low = middle + 1;
    else high = middle;
  }
  const found: { text: string; start: number; href: string }[] = [];
  for (let i = low; i < links.length; i++) {
    const link = links[i];
    if (link === undefined || link.span.start >= end) break;
    if (link.span.end <= end) found.push({ text: policy.text.slice(link.span.start, link.span.end), start: link.span.start - start, href: link.href });
  }
  return found;
}

/** What the catalog says about the app's operator, for {@link detectFirstPartyNames}. */
export function firstPartyHints(organisations: OrganisationMatcher, appDomains: readonly string[] | undefined): FirstPartyHints {
  return {
    resolveOrganisation: (name) => organisations.resolve(name),
    ...(appDomains !== undefined && appDomains.length > 0 ? { operators: organisations.operatorsOf(appDomains) } : {}),
  };
}

/** For a section's text (blocks are lines), a lookup from an offset in the policy to its block's list lead-ins. */
function listLeadInsByOffset(sectionText: string, sectionStart: number, above: readonly string[]): (offset: number) => readonly string[] {
  const blocks: { end: number; text: string }[] = [];
  let start = 0;
  for (const line of sectionText.split('\n')) {
    blocks.push({ end: sectionStart + start + line.length, text: line });
    start += line.length + 1;
  }
  const leadIns = followListLeadIns(blocks.map((b) => b.text).filter((t) => t.trim() !== ''), above);
  const nonEmpty = blocks.filter((b) => b.text.trim() !== '');
  return (offset) => leadIns[nonEmpty.findIndex((b) => offset <= b.end)] ?? [];
}
