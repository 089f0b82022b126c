import type { RetentionClaim } from '../model/claim.js';
import type { Finding } from '../model/finding.js';
import { describeOtherHolderRetention } from '../report/wording.js';
import type { StoredClaim } from '../store/policy-repository.js';
import type { AuditView } from './audit-view.js';
import { packetEvidenceOfFlow, policyEvidenceOf } from './evidence.js';
import type { Rule } from './rule.js';

type StoredRetentionClaim = RetentionClaim & StoredClaim;

/**
 * Statements that another organisation keeps data ("Zendesk retains tickets for 12 months", "the third party service
 * may store a copy"). Not vague-retention's: an exact period kept by a named processor is not vague, and a vague one is
 * not the app's promise. Who holds the data is the news, so each statement is listed for context, with the holder.
 */
export const otherHolderRetention: Rule = {
  meta: {
    id: 'other-holder-retention',
    title: 'Retention by another organisation',
    description:
      'Lists, as informational findings, the policy\u2019s statements that another organisation (a processor, a partner, "the third party service") keeps data, with that organisation and the period or limit as stated; they are never judged as the app\u2019s own retention.',
    maxSeverity: 'info',
  },
  check(view: AuditView): Finding[] {
    if (!view.snapshot) return [];
    const snapshot = view.snapshot;
    const findings: Finding[] = [];
    // Policies repeat paragraphs (e.g. in a state-specific section): one finding per holder and statement.
    const seen = new Set<string>();
    const retention = view.claims.filter((c): c is StoredRetentionClaim => c.kind === 'retention' && c.polarity === 'affirmative');
    for (const claim of retention) {
      const holder = claim.holder;
      if (holder.kind === 'service') continue;
      const key = `${holder.name.toLowerCase()}\u0000${claim.quote.toLowerCase().replace(/\s+/g, ' ')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const entityId = holder.entityId;
      // Traffic to a catalogued holder shows the app talks to it directly; attached as context, never as proof.
      const flows =
        entityId === undefined ? [] : view.flows.filter((f) => f.attribution.entityId !== null && view.lineage(f.attribution.entityId).some((e) => e.id === entityId));
      const wording = describeOtherHolderRetention({
        holder: holder.name,
        named: holder.kind === 'named',
        dataKind: claim.dataKind,
        vagueness: claim.vagueness,
        trigger: claim.trigger,
        flowCount: flows.length,
      });
      findings.push({
        ruleId: 'other-holder-retention',
        severity: 'info',
        label: null,
        // Whose retention it is comes from the sentence's structure ("X may retain", "retained by X"), not a lexicon.
        confidence: 'medium',
        subject: holder.name,
        title: wording.title,
        explanation: wording.explanation,
        policyEvidence: [policyEvidenceOf(claim, snapshot)],
        packetEvidence: flows.slice(0, 5).map((f) => packetEvidenceOfFlow(f, `traffic to ${f.attribution.organisation ?? holder.name}, which the policy says keeps data`)),
      });
    }
    return findings;
  },
};
