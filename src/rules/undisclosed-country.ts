import type { Finding } from '../model/finding.js';
import { describeUndisclosedCountry } from '../report/wording.js';
import type { AttributedFlow, AuditView } from './audit-view.js';
import { carriesPlaintextIdentifier, isDeviceBackground, isNetworkPlumbing, packetEvidenceOfFlow, policyEvidenceOfClaims } from './evidence.js';
import { collectClaimCountries, type StoredTransferClaim } from './policy-locations.js';
import { readCountryMentions, recordCountryMention, type CountryMention, type CountryMentions } from './country-mentions.js';
import type { Rule, RuleOutcome } from './rule.js';

/** Traffic to a country the policy does not name as a place data goes, when it does say where data goes. */
export const undisclosedCountry: Rule = {
  meta: {
    id: 'undisclosed-country',
    title: 'Traffic to a country the policy does not name as a place data goes',
    description:
      'When the policy states where data is stored or sent, flags each destination country (from the pinned IP registry data) that it does not name, or names only as where users live or whose law applies.',
    maxSeverity: 'high',
  },
  check: (view) => reviewUndisclosedCountries(view).findings,
  review: reviewUndisclosedCountries,
};

/** The findings, and the mentions that stood in for a disclosure of a country the traffic went to. */
function reviewUndisclosedCountries(view: AuditView): RuleOutcome {
  const snapshot = view.snapshot;
  const claims = view.claims.filter((c): c is StoredTransferClaim => c.kind === 'transfer' && c.polarity === 'affirmative');
  if (!snapshot || claims.length === 0) return { findings: [], suppressingMentions: [] };
  const mentionsByCountry = new Map<string, CountryMentions>();
  const mentionsOf = (country: string): CountryMentions => {
    const mentions = mentionsByCountry.get(country) ?? readCountryMentions(snapshot, country);
    mentionsByCountry.set(country, mentions);
    return mentions;
  };
  const suppressing = new Map<string, CountryMention>();
  const disclosed = collectClaimCountries(claims);
  const unspecified = claims.filter((c) => c.unspecified);
  const byCountry = new Map<string, AttributedFlow[]>();
  for (const item of view.flows) {
    const country = item.attribution.network.country;
    // A country the policy names elsewhere counts as disclosed (a missed finding is better than a false
    // one), unless it names it only as where readers live or whose law applies: that says nothing of where data goes.
    if (!country || isNetworkPlumbing(item) || disclosed.has(country)) continue;
    // The operating system's connectivity checks go where the device maker chose, not the app, unless they carry the user's identifier.
    if (isDeviceBackground(item) && !carriesPlaintextIdentifier(view, item)) continue;
    const disclosing = mentionsOf(country).disclosing;
    if (disclosing) {
      suppressing.set(country, disclosing);
      continue;
    }
    byCountry.set(country, [...(byCountry.get(country) ?? []), item]);
  }
  const findings: Finding[] = [];
  for (const [country, flows] of [...byCountry].sort(([a], [b]) => a.localeCompare(b))) {
    const identifierFrames = new Set(
      view.identifierHits.filter((h) => !h.encrypted && flows.some((f) => f.flow.server === h.dst || f.flow.server === h.src)).map((h) => h.frame),
    );
    const organisations = [...new Set(flows.map((f) => f.attribution.organisation).filter((o): o is string => o !== null))];
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
    });
    const onlyCdn = flows.every((f) => f.attribution.relation === 'hosting');
    findings.push({
      ruleId: 'undisclosed-country',
      severity: unspecified.length > 0 ? 'low' : identifierFrames.size > 0 ? 'high' : 'medium',
      label: unspecified.length > 0 ? 'vague' : 'omitted',
      // Registry country is where the network is registered, not a measured server location.
      confidence: onlyCdn ? 'low' : 'medium',
      subject: country,
      title: wording.title,
      explanation: wording.explanation,
      policyEvidence: policyEvidenceOfClaims(claims, snapshot),
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
