import type { Confidence, Finding } from '../model/finding.js';
import { describeUndisclosedRecipient, type DenialWording } from '../report/wording.js';
import type { AuditView } from './audit-view.js';
import { packetEvidenceOfFlow, policyEvidenceOfClaims, readBytesSent } from './evidence.js';
import { readDenialScope } from './denial-scope.js';
import { readPassingMention, type PassingMention } from './passing-mention.js';
import { classifyRecipient, groupRecipients, namesAsRecipient, writtenName, type ObservedRecipient, type RecipientDisclosure, type StoredProcessorClaim } from './recipient-disclosure.js';
import type { Rule } from './rule.js';

const CONFIDENCE_ORDER: Confidence[] = ['low', 'medium', 'high'];

/** The denial a finding restates: the unscoped one that makes it incorrect, or the narrower one the policy names the recipient in. */
function denialWording(disclosure: RecipientDisclosure, organisation: string): DenialWording | null {
  const first = disclosure.claims[0];
  const scope =
    disclosure.scopedDenial ??
    (disclosure.label === 'incorrect' && first ? readDenialScope(first.quote, first.conditions, first.kind === 'processor' ? writtenName(first) : undefined) : null);
  if (!scope) return null;
  const named = first?.kind === 'processor' ? first.name : undefined;
  return {
    verb: scope.verb,
    object: scope.object,
    conditions: scope.conditions.map((c) => c.text),
    ...(named !== undefined && named !== organisation ? { recipient: named } : {}),
  };
}

/** How a finding says why a name in passing did not count ("The policy mentions Google only in passing, as an example of something else"). */
const PASSING_REASON: Record<PassingMention, (name: string) => string> = {
  example: () => 'as an example of something else',
  document: (name) => `to point to ${name}'s own documents`,
  control: () => 'as where the user can change settings or opt out',
  device: () => "as technology on the user's device or as an app store",
  trademark: () => 'in a trademark notice',
  affiliation: () => 'to say how the companies are related',
  'protected-party': () => 'as a party whose rights are protected',
  link: () => 'as the target of a link',
  comparison: () => 'in a comparison',
};

/** The name and reason a finding gives for the first sentence that names the recipient only in passing. */
function passingWording(disclosure: RecipientDisclosure): { name: string; reason: string } | null {
  const first = disclosure.passing?.[0];
  if (first?.kind !== 'processor') return null;
  const kind = readPassingMention(first.quote, writtenName(first));
  return kind === null ? null : { name: first.name, reason: PASSING_REASON[kind](first.name) };
}

/**
 * The sentences that name, as a recipient, another product or company of the recipient's group (its catalog root):
 * "Google Marketing Platform" when the recipient is Google LLC or Google Analytics. They do not disclose it (a name
 * never covers a parent or a sibling), but a finding must not say the policy does not name anything of it (trial9 item 9).
 */
function findRelatedNames(view: AuditView, recipient: ObservedRecipient): { claims: StoredProcessorClaim[]; group: string } | null {
  if (recipient.entityId === null) return null;
  const root = view.lineage(recipient.entityId).at(-1);
  if (root === undefined) return null;
  const claims = view.claims.filter(
    (c): c is StoredProcessorClaim =>
      c.kind === 'processor' &&
      c.processorType === 'named' &&
      c.polarity === 'affirmative' &&
      c.entityId !== undefined &&
      c.entityId !== recipient.entityId &&
      view.lineage(c.entityId).at(-1)?.id === root.id &&
      namesAsRecipient(c),
  );
  return claims.length > 0 ? { claims, group: root.name } : null;
}

/** An organisation receives the app's traffic but the policy does not name it. */
export const undisclosedRecipient: Rule = {
  meta: {
    id: 'undisclosed-recipient',
    title: 'Recipient not named in the policy',
    description:
      'Flags each organisation that receives traffic while the policy does not name it (omitted), covers it only by a generic category (vague), or denies sharing with it (incorrect).',
    maxSeverity: 'high',
  },
  check(view: AuditView): Finding[] {
    if (!view.snapshot) return [];
    const snapshot = view.snapshot;
    const findings: Finding[] = [];
    for (const recipient of groupRecipients(view)) {
      const disclosure = classifyRecipient(view, recipient);
      if (disclosure.label === 'consistent') continue;
      const best = recipient.flows
        .map((f) => f.attribution.confidence)
        .reduce<Confidence>((acc, c) => (CONFIDENCE_ORDER.indexOf(c) > CONFIDENCE_ORDER.indexOf(acc) ? c : acc), 'low');
      // Without a catalog entity the policy comparison rests on a domain label ("acme" ↔ "Acme"), which can miss a name;
      // a category claimcheck cannot match to an unknown company leaves the label a guess.
      const confidence: Confidence = disclosure.unjudgedCategory ? 'low' : recipient.entityId === null && best === 'high' ? 'medium' : best;
      const bytes = recipient.flows.reduce((sum, f) => sum + f.flow.bytes, 0);
      const hosts = [...new Set(recipient.flows.map((f) => f.attribution.host).filter((h): h is string => h !== null))];
      const related = disclosure.label === 'vague' || disclosure.label === 'omitted' ? findRelatedNames(view, recipient) : null;
      const wording = describeUndisclosedRecipient({
        organisation: recipient.organisation,
        label: disclosure.label,
        flowCount: recipient.flows.length,
        bytes,
        ...readBytesSent(recipient.flows),
        hosts,
        categories: disclosure.claims.map((c) => (c.kind === 'processor' ? c.name : c.quote)),
        denial: denialWording(disclosure, recipient.organisation),
        ...(disclosure.userChosen?.[0]?.kind === 'processor' ? { userChosenName: disclosure.userChosen[0].name } : {}),
        ...(disclosure.unjudgedCategory ? { unjudgedCategory: true } : {}),
        ...(disclosure.aggregateOnly ? { aggregateOnly: true } : {}),
        passing: passingWording(disclosure),
        ...(related ? { related: { names: [...new Set(related.claims.map((c) => c.name))], group: related.group } } : {}),
      });
      // The sentence naming it as the user's choice comes second, after the one the label rests on, so a report
      // that shows three quotes shows it too.
      const [main, ...rest] = disclosure.claims;
      const named = disclosure.label === 'vague' && main ? [main, ...(disclosure.userChosen ?? []), ...(disclosure.passing ?? []), ...rest] : disclosure.claims;
      // The sentence naming a related product comes after the one the label rests on: the reader sees what was named.
      const quoted = related ? [...named.slice(0, 1), related.claims[0] as StoredProcessorClaim, ...named.slice(1)] : named;
      findings.push({
        ruleId: 'undisclosed-recipient',
        // A policy that names the recipient in a narrower denial, or as a service the user may choose, has said
        // something about it: less than disclosing it, more than silence. A name in passing says nothing about data: high.
        // So has one that shares only aggregated data with a category that could be it.
        severity: disclosure.label === 'vague' || disclosure.scopedDenial || disclosure.userChosen || disclosure.aggregateOnly ? 'medium' : 'high',
        label: disclosure.label,
        confidence,
        subject: recipient.organisation,
        title: wording.title,
        explanation: wording.explanation,
        policyEvidence: policyEvidenceOfClaims(quoted, snapshot),
        packetEvidence: recipient.flows.map((f) => packetEvidenceOfFlow(f, f.attribution.evidence.join('; '))),
      });
    }
    return findings;
  },
};
