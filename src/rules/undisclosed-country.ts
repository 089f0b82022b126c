import type { Finding } from '../model/finding.js';
import { describeUndisclosedCountry } from '../report/wording.js';
import type { AttributedFlow, AuditView } from './audit-view.js';
import { isNetworkPlumbing, packetEvidenceOfFlow, policyEvidenceOf } from './evidence.js';
import { collectClaimCountries, isCountryNamedInText, type StoredTransferClaim } from './policy-locations.js';
import type { Rule } from './rule.js';

/** Traffic to a country the policy never mentions, when the policy does say where data goes. */
export const undisclosedCountry: Rule = {
  meta: {
    id: 'undisclosed-country',
    title: 'Traffic to a country the policy does not mention',
    description:
      'When the policy states where data is stored or sent, flags each destination country (from the pinned IP registry data) that it does not name.',
    maxSeverity: 'high',
  },
  check(view: AuditView): Finding[] {
    const snapshot = view.snapshot;
    const claims = view.claims.filter((c): c is StoredTransferClaim => c.kind === 'transfer' && c.polarity === 'affirmative');
    if (!snapshot || claims.length === 0) return [];
    const disclosed = collectClaimCountries(claims);
    const unspecified = claims.filter((c) => c.unspecified);
    const byCountry = new Map<string, AttributedFlow[]>();
    for (const item of view.flows) {
      const country = item.attribution.network.country;
      // A country named anywhere in the policy counts as mentioned: a missed finding is better than
      // a published claim that the policy "does not mention" a country it names.
      if (!country || isNetworkPlumbing(item) || disclosed.has(country) || isCountryNamedInText(snapshot, country)) continue;
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
        organisations,
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
        policyEvidence: claims.map((c) => policyEvidenceOf(c, snapshot)),
        packetEvidence: flows.map((f) => packetEvidenceOfFlow(f, `server ${f.flow.server} registered in ${country}`)),
      });
    }
    return findings;
  },
};
