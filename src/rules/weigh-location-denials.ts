/**
 * Whether traffic to a country contradicts what the policy denies about it. One shared judgement, so that
 * undisclosed-country and processor-country label the same sentence the same way (docs/rules/undisclosed-country.md,
 * "Denials"). A capture shows which servers were reached, not which data they got nor whether they kept it, so:
 * - a denial of sending data in general is contradicted by any traffic there;
 * - a denial of storing or processing data in general, by traffic to servers that receive data for themselves, not by
 *   traffic that only reached a cloud or CDN network (an edge passes data on; it need not keep it);
 * - a denial of one kind of data ("your voice recordings"), only when the capture shows that kind going there: an
 *   identifier of that kind, or real-time media for audio and video (and then only a denial of sending: media passing
 *   through is not a recording kept);
 * - a denial limited by an exception or a condition ("unless …"), never: the capture cannot show whether it applied.
 */
import type { TransferClaim } from '../model/claim.js';
import type { CountryDenialWording } from '../report/wording.js';
import type { StoredIdentifierHit } from '../store/capture-repository.js';
import type { AttributedFlow } from './audit-view.js';
import evidence from './denied-data-evidence.json' with { type: 'json' };
import type { LocationDenial } from './location-denial.js';

/** How the traffic to one country stands against the policy's denials of it. */
export interface DenialVerdict<C extends TransferClaim = TransferClaim> {
  /** The denial a finding quotes first: the contradicted one, else a general one, else the first. */
  denial: LocationDenial<C>;
  contradicted: boolean;
  /** What in the capture shows the denied kind of data went there ("the identifier “phone” (frame 12)"); null when nothing does. */
  shownBy: string | null;
  /** True when every flow there reached only a cloud or CDN network, not a server that receives data for itself. */
  passesThrough: boolean;
}

interface DataKind {
  kind: string;
  data: RegExp;
  identifierLabels: RegExp | null;
  media: boolean;
}

const KINDS: readonly DataKind[] = evidence.kinds.map((k) => ({
  kind: k.kind,
  data: new RegExp(k.data, 'i'),
  identifierLabels: 'identifierLabels' in k && typeof k.identifierLabels === 'string' ? new RegExp(k.identifierLabels, 'i') : null,
  media: 'media' in k && k.media === true,
}));

const onlyHosting = (flows: readonly AttributedFlow[]): boolean => flows.every((f) => f.attribution.relation === 'hosting');

/** The capture's evidence that the denied kind of data reached these flows, and the flows that carried it. */
function findKindEvidence(data: string, flows: readonly AttributedFlow[], hits: readonly StoredIdentifierHit[]): { shownBy: string; flows: AttributedFlow[]; media: boolean } | null {
  for (const kind of KINDS.filter((k) => k.data.test(data))) {
    if (kind.identifierLabels) {
      const labels = kind.identifierLabels;
      // Encryption does not matter here: a value a HAR recorded inside TLS still went to that country.
      const hit = hits.find((h) => labels.test(h.label) && flows.some((f) => f.flow.server === h.dst || f.flow.server === h.src));
      if (hit) {
        return {
          shownBy: `the identifier \u201c${hit.label}\u201d (frame ${hit.frame})`,
          flows: flows.filter((f) => hits.some((h) => labels.test(h.label) && (f.flow.server === h.dst || f.flow.server === h.src))),
          media: false,
        };
      }
    }
    if (kind.media) {
      const carrying = flows.filter((f) => (f.flow.realtime ?? []).some((r) => r.protocol === 'rtp'));
      const frame = carrying[0]?.flow.realtime?.find((r) => r.protocol === 'rtp')?.frame;
      if (carrying.length > 0) return { shownBy: `real-time media (RTP${frame !== undefined ? `, frame ${frame}` : ''})`, flows: carrying, media: true };
    }
  }
  return null;
}

function weighOne<C extends TransferClaim>(denial: LocationDenial<C>, flows: readonly AttributedFlow[], hits: readonly StoredIdentifierHit[]): DenialVerdict<C> {
  const passesThrough = onlyHosting(flows);
  const keeps = denial.action !== 'transfer';
  if (flows.length === 0) return { denial, contradicted: false, shownBy: null, passesThrough };
  if (denial.data === null && !denial.unclear) {
    return { denial, contradicted: denial.limit === null && (!keeps || !passesThrough), shownBy: null, passesThrough };
  }
  const found = denial.data !== null && !denial.unclear ? findKindEvidence(denial.data, flows, hits) : null;
  if (!found) return { denial, contradicted: false, shownBy: null, passesThrough };
  // Media shows data passing, never data kept; an identifier kept counts only where a server took it for itself.
  const contradicted = denial.limit === null && (!keeps || (!found.media && !onlyHosting(found.flows)));
  return { denial, contradicted, shownBy: found.shownBy, passesThrough };
}

/** Weighs the denials of one country against the flows that went there; null when there are none. */
export function weighLocationDenials<C extends TransferClaim>(
  denials: readonly LocationDenial<C>[],
  flows: readonly AttributedFlow[],
  hits: readonly StoredIdentifierHit[],
): DenialVerdict<C> | null {
  const verdicts = denials.map((d) => weighOne(d, flows, hits));
  return (
    verdicts.find((v) => v.contradicted) ??
    verdicts.find((v) => v.denial.data === null && !v.denial.unclear) ??
    verdicts.find((v) => v.shownBy !== null) ??
    verdicts[0] ??
    null
  );
}

/** True when the denial is about data in general, not one kind of it: only such a denial withholds the country as a whole. */
export function isGeneralDenial(denial: LocationDenial): boolean {
  return denial.data === null && !denial.unclear;
}

/** What a country finding says of the denial it weighed: the same facts in undisclosed-country and processor-country. */
export function describeDenialVerdict(verdict: DenialVerdict): CountryDenialWording {
  return {
    action: verdict.denial.action,
    quote: verdict.denial.claim.quote,
    condition: verdict.denial.limit,
    data: verdict.denial.data,
    unclear: verdict.denial.unclear,
    contradicted: verdict.contradicted,
    shownBy: verdict.shownBy,
    passesThrough: verdict.passesThrough,
  };
}
