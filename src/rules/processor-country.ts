import type { Entity } from '../model/entity.js';
import type { Confidence, Finding, PacketEvidence, PolicyEvidence, Severity } from '../model/finding.js';
import type { StoredSnapshot } from '../store/policy-repository.js';
import { describeProcessorCountry } from '../report/wording.js';
import type { AttributedFlow, AuditView } from './audit-view.js';
import { packetEvidenceOfFlow, policyEvidenceOfClaims } from './evidence.js';
import { originAsMention, readCountryMentions, recordCountryMention } from './country-mentions.js';
import { readPolicyLocations, unspecifiedDestinationPhrase, unspecifiedDestinationScope, type StoredTransferClaim } from './policy-locations.js';
import { groupRecipients, namesRecipient, type ObservedRecipient, type StoredProcessorClaim } from './recipient-disclosure.js';
import type { CountryMentionRecord } from '../model/audit.js';
import type { Rule, RuleOutcome } from './rule.js';
import { describeDenialVerdict, isGeneralDenial, weighLocationDenials } from './weigh-location-denials.js';

const CONFIDENCE_ORDER: readonly Confidence[] = ['low', 'medium', 'high'];

function strongest(values: readonly Confidence[]): Confidence {
  return values.reduce<Confidence>((acc, c) => (CONFIDENCE_ORDER.indexOf(c) > CONFIDENCE_ORDER.indexOf(acc) ? c : acc), 'low');
}

function weakest(a: Confidence, b: Confidence): Confidence {
  return CONFIDENCE_ORDER[Math.min(CONFIDENCE_ORDER.indexOf(a), CONFIDENCE_ORDER.indexOf(b))] ?? 'low';
}


/** One recipient tied to one country, with why. */
interface CountryTie {
  country: string;
  /** The recipient itself or the nearest parent headquartered there. */
  headquarters: Entity | null;
  serverFlows: AttributedFlow[];
}

/** Countries a recipient is tied to: its own and its parents' headquarters, and its servers' registry countries. */
function collectTies(view: AuditView, recipient: ObservedRecipient): CountryTie[] {
  const ties = new Map<string, CountryTie>();
  const tie = (country: string): CountryTie => {
    let found = ties.get(country);
    if (!found) {
      found = { country, headquarters: null, serverFlows: [] };
      ties.set(country, found);
    }
    return found;
  };
  for (const entity of recipient.entityId ? view.lineage(recipient.entityId) : []) {
    // 'ZZ' marks an imported organisation whose list gave no headquarters.
    if (entity.country === 'ZZ') continue;
    const t = tie(entity.country);
    t.headquarters ??= entity;
  }
  for (const item of recipient.flows) {
    const country = item.attribution.network.country;
    if (country) tie(country).serverFlows.push(item);
  }
  return [...ties.values()].sort((a, b) => a.country.localeCompare(b.country));
}

/**
 * Confidence from the evidence tying the recipient to the country. A headquarters tie holds when the
 * flows really go to that company (attribution confidence), capped at medium when the headquarters
 * comes from an imported list; a server tie alone rests on registry data, so medium at best, low when
 * the recipient was only inferred from its network.
 */
function rateConfidence(recipient: ObservedRecipient, tieInfo: CountryTie): Confidence {
  const attribution = strongest(recipient.flows.map((f) => f.attribution.confidence));
  const fromHeadquarters = tieInfo.headquarters
    ? tieInfo.headquarters.importedFrom !== undefined
      ? weakest(attribution, 'medium')
      : attribution
    : 'low';
  const fromServers =
    tieInfo.serverFlows.length === 0 ? 'low' : weakest(strongest(tieInfo.serverFlows.map((f) => f.attribution.confidence)), 'medium');
  return strongest([fromHeadquarters, fromServers]);
}

/**
 * The sub-processor list rows that name the recipient: its processor claims read from a linked list.
 * Their transfer claims (the row's stated location) share the row's span.
 */
function findListedRows(view: AuditView, recipient: ObservedRecipient): StoredProcessorClaim[] {
  return view.claims.filter(
    (c): c is StoredProcessorClaim => c.kind === 'processor' && c.page !== undefined && c.polarity === 'affirmative' && namesRecipient(view, c, recipient),
  );
}

/** Policy evidence for transfer claims, the recipient's own list rows first and marked: a long list's other rows are context. */
function quoteByRecipient(claims: readonly StoredTransferClaim[], rows: readonly StoredProcessorClaim[], snapshot: StoredSnapshot): PolicyEvidence[] {
  const isOwnRow = (c: StoredTransferClaim): boolean =>
    rows.some((r) => r.page?.sha256 === c.page?.sha256 && r.span.start <= c.span.start && c.span.end <= r.span.end);
  const own = claims.filter(isOwnRow);
  const ownIds = new Set(own.map((c) => c.id));
  // Each sentence once, the recipient's own rows first.
  return policyEvidenceOfClaims([...own, ...claims.filter((c) => !isOwnRow(c))], snapshot).map(
    (e): PolicyEvidence => (ownIds.has(e.claimId) ? { ...e, namesSubject: true } : e),
  );
}

/**
 * A recipient headquartered in, or reached through servers in, a jurisdiction of interest that the
 * policy does not name as a place data goes. Which jurisdictions are of interest is the user's choice (`--jurisdictions`).
 */
export const processorCountry: Rule = {
  meta: {
    id: 'processor-country',
    title: 'Recipient tied to a jurisdiction the policy does not name as a place data goes',
    description:
      'Flags each recipient headquartered in (itself or through a parent) or served from a jurisdiction of interest that the policy does not name as a place data goes (a country named only as where users live or whose law applies does not count); jurisdictions of interest come from --jurisdictions (default: headquarters in every country the policy does not name, when it names any; servers are then left to undisclosed-country).',
    maxSeverity: 'high',
  },
  check: (view) => reviewProcessorCountries(view).findings,
  review: reviewProcessorCountries,
};

/** The findings, and the mentions that stood in for a disclosure of a jurisdiction of interest. */
function reviewProcessorCountries(view: AuditView): RuleOutcome {
  const snapshot = view.snapshot;
  const setting = view.settings.jurisdictions;
  const suppressing: CountryMentionRecord[] = [];
  if (!snapshot || setting.mode === 'off') return { findings: [], suppressingMentions: [] };
  const locations = readPolicyLocations(view.claims);
  // With no user choice, "undisclosed" only means something once the policy commits to some place.
  if (setting.mode === 'undisclosed' && locations.disclosed.size === 0) return { findings: [], suppressingMentions: [] };
  const ofInterest = (country: string): boolean => (setting.mode === 'listed' ? setting.countries.includes(country) : true);
  const disclosedList = [...locations.disclosed].sort();

  const findings: Finding[] = [];
  for (const recipient of groupRecipients(view)) {
    const listedRows = findListedRows(view, recipient);
    const listedRow = listedRows.find((r) => r.location !== undefined);
    const identifierFrames = new Set(
      view.identifierHits
        .filter((h) => !h.encrypted && recipient.flows.some((f) => f.flow.server === h.dst || f.flow.server === h.src))
        .map((h) => h.frame),
    );
    for (const tieInfo of collectTies(view, recipient)) {
      // Without chosen jurisdictions, servers in unmentioned countries are undisclosed-country's
      // finding; repeating them here would count one fact twice. Headquarters stay this rule's.
      if (setting.mode === 'undisclosed' && tieInfo.headquarters === null) continue;
      const { country } = tieInfo;
      const denials = locations.denials.get(country) ?? [];
      if (!ofInterest(country)) continue;
      const mentions = readCountryMentions(snapshot, country, denials.map((d) => d.claim.span));
      // As in undisclosed-country: a country a transfer statement names is disclosed even if another sentence denies it,
      // and a denial of one kind of data leaves a mention elsewhere free to disclose the country.
      if (locations.disclosed.has(country)) continue;
      if (!denials.some(isGeneralDenial) && mentions.disclosing) {
        suppressing.push(recordCountryMention(snapshot, mentions.disclosing));
        continue;
      }
      // As in undisclosed-country: a country the policy sends data out of ("outside of the EEA") is where data is.
      const origin = locations.origins.get(country);
      if (!denials.some(isGeneralDenial) && origin !== undefined) {
        suppressing.push(recordCountryMention(snapshot, originAsMention(country, origin)));
        continue;
      }
      // The same judgement as undisclosed-country, over the flows to servers there: a headquarters alone shows no data
      // going to the country, so it never contradicts a denial.
      const verdict = weighLocationDenials(denials, tieInfo.serverFlows, view.identifierHits);
      const label = verdict?.contradicted
        ? 'incorrect'
        : verdict && isGeneralDenial(verdict.denial)
          ? 'omitted'
          : locations.unspecified
            ? 'vague'
            : 'omitted';
      const carriesIdentifiers = identifierFrames.size > 0;
      // A chosen jurisdiction is the user saying it matters; the default mode is a survey.
      const severity: Severity =
        label === 'incorrect'
          ? 'high'
          : label === 'vague'
            ? 'low'
            : setting.mode === 'listed'
              ? carriesIdentifiers
                ? 'high'
                : 'medium'
              : carriesIdentifiers
                ? 'medium'
                : 'low';
      const hq = tieInfo.headquarters;
      const wording = describeProcessorCountry({
        organisation: recipient.organisation,
        country,
        headquarters: hq ? { organisation: hq.name, isParent: hq.id !== recipient.entityId } : null,
        serverFlowCount: tieInfo.serverFlows.length,
        label,
        disclosed: disclosedList,
        unspecifiedPhrase: unspecifiedDestinationPhrase(locations.claims),
        unspecifiedScope: unspecifiedDestinationScope(locations.claims),
        discountedMention: mentions.discounted,
        configured: setting.mode === 'listed' ? setting.asWritten : null,
        carriesIdentifiers,
        ...(listedRow?.location !== undefined ? { listedLocation: { nameInList: listedRow.name, location: listedRow.location } } : {}),
        ...(verdict ? { denial: { ...describeDenialVerdict(verdict), reached: tieInfo.serverFlows.length > 0 } } : {}),
      });
      const evidenceFlows = tieInfo.serverFlows.length > 0 ? tieInfo.serverFlows : recipient.flows;
      const packetEvidence: PacketEvidence[] = evidenceFlows.map((f) => {
        const hqLine = hq ? `${hq.name} headquartered in ${country} (${hq.importedFrom ? `imported ${hq.importedFrom.join(', ')}` : 'claimcheck entity catalog'})` : null;
        const serverLine = f.attribution.network.country === country ? `server ${f.flow.server} registered in ${country}` : null;
        return packetEvidenceOfFlow(f, [serverLine, hqLine, ...f.attribution.evidence].filter((l): l is string => l !== null).join('; '));
      });

      findings.push({
        ruleId: 'processor-country',
        severity,
        label,
        confidence: rateConfidence(recipient, tieInfo),
        subject: recipient.organisation,
        title: wording.title,
        explanation: wording.explanation,
        policyEvidence: quoteByRecipient(
          verdict ? [verdict.denial.claim, ...denials.map((d) => d.claim).filter((c) => c.id !== verdict.denial.claim.id)] : locations.claims,
          listedRows,
          snapshot,
        ),
        packetEvidence,
      });
    }
  }
  return { findings, suppressingMentions: suppressing };
}
