import type { Finding, PolicyEvidence } from '../model/finding.js';
import type { StoredSnapshot } from '../store/policy-repository.js';
import { describeUndisclosedCountry, describeUnnamedCountries } from '../report/wording.js';
import type { AttributedFlow, AuditView } from './audit-view.js';
import { carriesPlaintextIdentifier, isDeviceBackground, isNetworkPlumbing, isPeerMedia, mayCarryClientData, packetEvidenceOfFlow, policyEvidenceOfClaims, readBytesSent } from './evidence.js';
import { findNamingClaim, readPolicyLocations, unspecifiedDestinationPhrase, unspecifiedDestinationScope, type StoredTransferClaim } from './policy-locations.js';
import { originAsMention, readCountryMentions, recordCountryMention, type CountryMention, type CountryMentions } from './country-mentions.js';
import { findAccessNetwork } from '../enrich/peer-media.js';
import type { Rule, RuleOutcome } from './rule.js';
import { describeDenialVerdict, isGeneralDenial, weighLocationDenials } from './weigh-location-denials.js';

/** Traffic to a country the policy does not name as a place data goes, or says data does not go to. */
export const undisclosedCountry: Rule = {
  meta: {
    id: 'undisclosed-country',
    title: 'Traffic to a country the policy does not name as a place data goes',
    description:
      'When the policy states where data is stored or sent, flags each destination country (from the pinned IP registry data) that it does not name, or names only as where users live, whose law applies or where data does not go (a policy that names no country, only "anywhere in the world" or "other countries", gets one finding for all of them); traffic to a country the policy says data is not sent to (or stored in, by servers that receive it) is flagged as contradicting it, and a denial of one kind of data only when the capture shows that kind going there.',
    maxSeverity: 'high',
  },
  check: (view) => reviewUndisclosedCountries(view).findings,
  review: reviewUndisclosedCountries,
};

/** The findings, and the mentions that stood in for a disclosure of a country the traffic went to. */
function reviewUndisclosedCountries(view: AuditView): RuleOutcome {
  const snapshot = view.snapshot;
  const locations = readPolicyLocations(view.claims);
  const { claims, disclosed, denials, origins } = locations;
  if (!snapshot || (claims.length === 0 && denials.size === 0)) return { findings: [], suppressingMentions: [] };
  const mentionsByCountry = new Map<string, CountryMentions>();
  const mentionsOf = (country: string): CountryMentions => {
    const mentions = mentionsByCountry.get(country) ?? readCountryMentions(snapshot, country, (denials.get(country) ?? []).map((d) => d.claim.span));
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
    // A flow the client sent nothing on takes no data to that country (mayCarryClientData).
    if (!country || isNetworkPlumbing(item) || !mayCarryClientData(item)) continue;
    // The operating system's connectivity checks go where the device maker chose, not the app, unless they carry the user's identifier.
    if (isDeviceBackground(item) && !carriesPlaintextIdentifier(view, item)) continue;
    // Call media sent straight to another participant's connection is where that person is, not a place the service sends
    // data to: it supports no transfer finding, and no "recordings sent there" (review 9 item 7).
    if (isPeerMedia(item)) continue;
    if (disclosed.has(country)) {
      // The report says which statement made it disclosed: a heading about where transfers start can name a region too.
      const naming = suppressing.has(country) ? null : findNamingClaim(claims, country);
      if (naming) suppressing.set(country, { country, span: naming.claim.span, quote: naming.claim.quote, ...(naming.region !== null ? { region: naming.region } : {}), transferStatement: true });
      continue;
    }
    const denying = denials.get(country) ?? [];
    // Only a denial of data in general withholds the country as a whole. "We do not store your voice recordings in
    // China" leaves other data free to go there as the other sentences allow: a mention elsewhere still discloses it.
    if (!denying.some(isGeneralDenial)) {
      // Only denials of other countries: the policy says nothing of where data goes.
      if (claims.length === 0 && denying.length === 0) continue;
      // A country the policy names elsewhere counts as disclosed (a missed finding is better than a false
      // one), unless it names it only as where readers live, whose law applies, in an address or a denial.
      const disclosing = mentionsOf(country).disclosing;
      if (disclosing) {
        suppressing.set(country, disclosing);
        continue;
      }
      // "Where we transfer your data outside of the EEA" says the data is in the EEA before it leaves: a server in Ireland
      // is where the policy places it, not a country it does not name (trial8 item 5).
      const origin = origins.get(country);
      if (origin !== undefined) {
        suppressing.set(country, originAsMention(country, origin));
        continue;
      }
    }
    byCountry.set(country, [...(byCountry.get(country) ?? []), item]);
  }
  const findings: Finding[] = [];
  const sorted = [...byCountry].sort(([a], [b]) => a.localeCompare(b));
  // A policy that names no country, only unnamed places ("anywhere in the world"), has said data leaves the user's
  // country and nothing of where: every country the traffic reached stands the same against it, so they are one
  // finding. A country it denies keeps its own finding, which weighs that denial.
  const unnamed = disclosed.size === 0 && unspecified.length > 0 ? sorted.filter(([country]) => (denials.get(country) ?? []).length === 0) : [];
  if (unnamed.length > 0) findings.push(describeUnnamedCountryFinding(view, snapshot, unnamed, claims, mentionsOf, [...suppressing.values()]));
  for (const [country, flows] of sorted) {
    if (unnamed.some(([c]) => c === country)) continue;
    const identifierFrames = new Set(
      view.identifierHits.filter((h) => !h.encrypted && flows.some((f) => f.flow.server === h.dst || f.flow.server === h.src)).map((h) => h.frame),
    );
    const organisations = [...new Set(flows.map((f) => f.attribution.organisation).filter((o): o is string => o !== null))];
    const denying = denials.get(country) ?? [];
    const verdict = weighLocationDenials(denying, flows, view.identifierHits);
    // A CDN's registry record names the entity the addresses are registered to, not where the server sits
    // (Akamai's RIPE blocks are its Dutch entity's, for edge caches near the user): low, whatever the host names say.
    const cdnNetworks = describeCdnNetworks(view, flows);
    const wording = describeUndisclosedCountry({
      country,
      disclosed: [...disclosed].sort(),
      discountedMention: mentionsOf(country).discounted,
      organisations,
      hostingOrganisations: organisations.filter((o) => flows.every((f) => f.attribution.organisation !== o || f.attribution.relation === 'hosting')),
      flowCount: flows.length,
      bytes: flows.reduce((sum, f) => sum + f.flow.bytes, 0),
      ...readBytesSent(flows),
      carriesIdentifiers: identifierFrames.size > 0,
      unspecifiedTransferClause: unspecified.length > 0,
      unspecifiedPhrase: unspecifiedDestinationPhrase(unspecified),
      unspecifiedScope: unspecifiedDestinationScope(unspecified),
      ...(verdict ? { denial: describeDenialVerdict(verdict) } : {}),
      ...(cdnNetworks !== null ? { cdnNetworks } : {}),
    });
    const onlyCdn = flows.every((f) => f.attribution.relation === 'hosting') || cdnNetworks !== null;
    // Contradicted: incorrect. A general denial the traffic does not contradict (limited, or a storage denial met only by a
    // CDN) still says the country is not a destination: omitted. A denial of one kind leaves "other countries" to cover it.
    const label = verdict?.contradicted ? 'incorrect' : verdict && isGeneralDenial(verdict.denial) ? 'omitted' : unspecified.length > 0 ? 'vague' : 'omitted';
    const quoted = verdict ? [verdict.denial.claim, ...denying.map((d) => d.claim).filter((c) => c.id !== verdict.denial.claim.id)] : [];
    const denialEvidence = policyEvidenceOfClaims(quoted, snapshot).map((e): PolicyEvidence => ({ ...e, namesSubject: true }));
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
      packetEvidence: flows.map((f) => packetEvidenceOfFlow(f, describeCountryRow(f, country))),
    });
  }
  return { findings, suppressingMentions: [...suppressing.values()].map((m) => recordCountryMention(snapshot, m)) };
}

/** The one finding for the countries of a policy that names none: every flow as evidence, each with its country. */
function describeUnnamedCountryFinding(
  view: AuditView,
  snapshot: StoredSnapshot,
  byCountry: readonly (readonly [string, AttributedFlow[]])[],
  claims: readonly StoredTransferClaim[],
  mentionsOf: (country: string) => CountryMentions,
  setAside: readonly CountryMention[],
): Finding {
  const flows = byCountry.flatMap(([, f]) => f);
  const carries = (items: readonly AttributedFlow[]): boolean =>
    view.identifierHits.some((h) => !h.encrypted && items.some((f) => f.flow.server === h.dst || f.flow.server === h.src));
  const organisations = [...new Set(flows.map((f) => f.attribution.organisation).filter((o): o is string => o !== null))];
  const wording = describeUnnamedCountries({
    countries: byCountry.map(([country, items]) => ({
      country,
      flowCount: items.length,
      bytes: items.reduce((sum, f) => sum + f.flow.bytes, 0),
      ...readBytesSent(items),
      discountedMention: mentionsOf(country).discounted,
    })),
    organisations,
    hostingOrganisations: organisations.filter((o) => flows.every((f) => f.attribution.organisation !== o || f.attribution.relation === 'hosting')),
    identifierCountries: byCountry.filter(([, items]) => carries(items)).map(([country]) => country),
    unspecifiedPhrase: unspecifiedDestinationPhrase(claims.filter((c) => c.unspecified)),
    unspecifiedScope: unspecifiedDestinationScope(claims),
    setAside: [...setAside].sort((a, b) => a.country.localeCompare(b.country)).map((m) => ({ country: m.country, ...(m.region !== undefined ? { region: m.region } : {}) })),
  });
  return {
    ruleId: 'undisclosed-country',
    severity: 'low',
    label: 'vague',
    confidence: flows.every((f) => f.attribution.relation === 'hosting') || describeCdnNetworks(view, flows) !== null ? 'low' : 'medium',
    subject: UNNAMED_COUNTRIES_SUBJECT,
    title: wording.title,
    explanation: wording.explanation,
    policyEvidence: policyEvidenceOfClaims(claims, snapshot),
    packetEvidence: byCountry.flatMap(([country, items]) =>
      items.map((f) => packetEvidenceOfFlow(f, describeCountryRow(f, country))),
    ),
  };
}

/**
 * Network owners whose main business is a CDN (their catalog entry's first role is `cdn`: Akamai, Cloudflare, Fastly):
 * their addresses serve users from wherever is near them. A cloud that also sells a CDN (Alibaba Cloud, AWS, Tencent
 * Cloud) is not one: most of its addresses are rented servers, mostly where the network is registered, and the Agora
 * node on Alibaba Cloud's Hangzhou network is in China. Nor is a plain hosting network (Hetzner, OVH).
 */
function isCdnNetwork(roles: readonly string[]): boolean {
  return roles[0] === 'cdn';
}

/**
 * The networks of the flows when every one is a catalogued CDN's (each registry owner as written, with the
 * catalog's name for it), else null: then the registry country is where the network is registered, not a server's place.
 */
function describeCdnNetworks(view: AuditView, flows: readonly AttributedFlow[]): { asnOwner: string; entity: string }[] | null {
  const networks = new Map<string, string>();
  for (const { attribution } of flows) {
    const owner = attribution.network.asnOwner;
    const entity = owner === null ? null : view.networkOwner(owner);
    if (owner === null || entity === null || !isCdnNetwork(entity.roles)) return null;
    networks.set(owner, entity.name);
  }
  return networks.size === 0 ? null : [...networks].map(([asnOwner, entity]) => ({ asnOwner, entity }));
}

/** An evidence row's detail: the server's registry country, and what the flow may be besides a server of the service. */
function describeCountryRow(item: AttributedFlow, country: string): string {
  const background = isDeviceBackground(item) ? `; device background traffic (${item.attribution.host ?? 'operating system check'}), counted because a user identifier travels in it` : '';
  // One-sided STUN or media to a home or mobile network: counted (it may be a relay or media server), but said.
  const access = item.attribution.relation === 'unknown' && (item.flow.realtime ?? []).length > 0 ? findAccessNetwork(item.attribution.network.asn) : null;
  const peer = access
    ? `; real-time media to AS${access.asn} ${access.owner}, an access network (${access.access} connections of the public): this may be another call participant's connection rather than a server, but only one end sent ICE checks, so it is counted`
    : '';
  return `server ${item.flow.server} registered in ${country}${background}${peer}`;
}

/** The subject of the one finding for a policy that names no country: the countries are in its evidence rows. */
export const UNNAMED_COUNTRIES_SUBJECT = 'countries the policy does not name';
