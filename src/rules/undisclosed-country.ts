import type { Finding, PolicyEvidence } from '../model/finding.js';
import { describeUndisclosedCountry } from '../report/wording.js';
import type { AttributedFlow, AuditView } from './audit-view.js';
import { carriesPlaintextIdentifier, isDeviceBackground, isNetworkPlumbing, packetEvidenceOfFlow, policyEvidenceOfClaims } from './evidence.js';
import { readPolicyLocations, type StoredTransferClaim } from './policy-locations.js';
import { readCountryMentions, recordCountryMention, type CountryMention, type CountryMentions } from './country-mentions.js';
import type { Rule, RuleOutcome } from './rule.js';

/** Traffic to a country the policy does not name as a place data goes, or says data does not go to. */
export const undisclosedCountry: Rule = {
  meta: {
    id: 'undisclosed-country',
    title: 'Traffic to a country the policy does not name as a place data goes',
    description:
      'When the policy states where data is stored or sent, flags each destination country (from the pinned IP registry data) that it does not name, or names only as where users live, whose law applies or where data does not go; traffic to a country the policy says data is not stored in or sent to is flagged as contradicting it.',
    maxSeverity: 'high',
  },
  check: (view) => reviewUndisclosedCountries(view).findings,
  review: reviewUndisclosedCountries,
};

/** The clause that limits a denial ("unless you travel there"), as written; null when it has none. */
function limitOf(denials: readonly StoredTransferClaim[]): string | null {
  for (const claim of denials) {
    const limit = (claim.conditions ?? []).find((c) => c.kind === 'exception' || c.kind === 'condition');
    if (limit) return limit.text;
  }
  return null;
}

/** The findings, and the mentions that stood in for a disclosure of a country the traffic went to. */
function reviewUndisclosedCountries(view: AuditView): RuleOutcome {
  const snapshot = view.snapshot;
  const locations = readPolicyLocations(view.claims);
  const { claims, disclosed, denials } = locations;
  if (!snapshot || (claims.length === 0 && denials.size === 0)) return { findings: [], suppressingMentions: [] };
  const mentionsByCountry = new Map<string, CountryMentions>();
  const mentionsOf = (country: string): CountryMentions => {
    const mentions = mentionsByCountry.get(country) ?? readCountryMentions(snapshot, country, (denials.get(country) ?? []).map((c) => c.span));
    mentionsByCountry.set(country, mentions);
    return mentions;
  };
  const suppressing = new Map<string, CountryMention>();
  const unspecified = claims.filter((c) => c.unspecified);
  const byCountry = new Map<string, AttributedFlow[]>();
  for (const item of view.flows) {
    const country = item.attribution.network.country;
    // A country a transfer statement names is disclosed, even if another sentence denies it: the policy then
    // contradicts itself, and the traffic cannot tell which sentence is wrong.
    if (!country || isNetworkPlumbing(item) || disclosed.has(country)) continue;
    // The operating system's connectivity checks go where the device maker chose, not the app, unless they carry the user's identifier.
    if (isDeviceBackground(item) && !carriesPlaintextIdentifier(view, item)) continue;
    if (!denials.has(country)) {
      // Only denials of other countries: the policy says nothing of where data goes.
      if (claims.length === 0) continue;
      // A country the policy names elsewhere counts as disclosed (a missed finding is better than a false
      // one), unless it names it only as where readers live, whose law applies, in an address or a denial.
      const disclosing = mentionsOf(country).disclosing;
      if (disclosing) {
        suppressing.set(country, disclosing);
        continue;
      }
    }
    byCountry.set(country, [...(byCountry.get(country) ?? []), item]);
  }
  const findings: Finding[] = [];
  for (const [country, flows] of [...byCountry].sort(([a], [b]) => a.localeCompare(b))) {
    const identifierFrames = new Set(
      view.identifierHits.filter((h) => !h.encrypted && flows.some((f) => f.flow.server === h.dst || f.flow.server === h.src)).map((h) => h.frame),
    );
    const organisations = [...new Set(flows.map((f) => f.attribution.organisation).filter((o): o is string => o !== null))];
    const denying = denials.get(country) ?? [];
    const limit = limitOf(denying);
    const first = denying[0];
    const wording = describeUndisclosedCountry({
      country,
      disclosed: [...disclosed].sort(),
      discountedMention: mentionsOf(country).discounted,
      organisations,
      hostingOrganisations: organisations.filter((o) => flows.every((f) => f.attribution.organisation !== o || f.attribution.relation === 'hosting')),
      flowCount: flows.length,
      bytes: flows.reduce((sum, f) => sum + f.flow.bytes, 0),
      carriesIdentifiers: identifierFrames.size > 0,
      unspecifiedTransferClause: unspecified.length > 0,
      ...(first ? { denial: { stored: first.transferType === 'storage', quote: first.quote, condition: limit } } : {}),
    });
    const onlyCdn = flows.every((f) => f.attribution.relation === 'hosting');
    // An unlimited denial is contradicted by the traffic; a limited one ("unless …") cannot be, so it reads as not disclosed.
    const label = first && limit === null ? 'incorrect' : unspecified.length > 0 && !first ? 'vague' : 'omitted';
    const denialEvidence = policyEvidenceOfClaims(denying, snapshot).map((e): PolicyEvidence => ({ ...e, namesSubject: true }));
    findings.push({
      ruleId: 'undisclosed-country',
      severity: label === 'incorrect' ? 'high' : label === 'vague' ? 'low' : identifierFrames.size > 0 ? 'high' : 'medium',
      label,
      // Registry country is where the network is registered, not a measured server location.
      confidence: onlyCdn ? 'low' : 'medium',
      subject: country,
      title: wording.title,
      explanation: wording.explanation,
      policyEvidence: [...denialEvidence, ...policyEvidenceOfClaims(claims, snapshot).filter((e) => !denialEvidence.some((d) => d.claimId === e.claimId))],
      packetEvidence: flows.map((f) =>
        packetEvidenceOfFlow(
          f,
          `server ${f.flow.server} registered in ${country}${isDeviceBackground(f) ? `; device background traffic (${f.attribution.host ?? 'operating system check'}), counted because a user identifier travels in it` : ''}`,
        ),
      ),
    });
  }
  return { findings, suppressingMentions: [...suppressing.values()].map((m) => recordCountryMention(snapshot, m)) };
}
