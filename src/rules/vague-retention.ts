import type { RetentionClaim } from '../model/claim.js';
import type { Finding, Severity } from '../model/finding.js';
import { describeMissingRetention, describeVagueRetention } from '../report/wording.js';
import type { StoredClaim } from '../store/policy-repository.js';
import type { AuditView } from './audit-view.js';
import { packetEvidenceOfFlow, policyEvidenceOf } from './evidence.js';
import eventBound from './event-bound-retention.json' with { type: 'json' };
import type { Rule } from './rule.js';

type StoredRetentionClaim = RetentionClaim & StoredClaim;

const EVENT_BOUND = eventBound.phrases.map((p) => p.toLowerCase());

/**
 * Indefinite retention is the worst; "temporarily" or "as long as necessary" for media the capture
 * shows leaving the device is as serious; a limit tied to an event the user controls ("while your
 * account is active") is the mildest form of vagueness.
 */
function rateSeverity(claim: StoredRetentionClaim, mediaEvidence: boolean): Severity {
  if (claim.vagueness === 'indefinite') return 'high';
  if (claim.vagueness === 'limited' && EVENT_BOUND.some((p) => claim.trigger.toLowerCase().includes(p))) return 'low';
  return mediaEvidence ? 'high' : 'medium';
}

/** Data kinds whose vague retention matters most when the capture shows them being carried. */
const MEDIA_WORDS = /\b(audio|voice|recording|recordings|call|calls|video|media)\b/i;

/** Retention stated without a period: "temporarily", "as long as necessary", "indefinitely". */
export const vagueRetention: Rule = {
  meta: {
    id: 'vague-retention',
    title: 'Retention without a stated period',
    description:
      'Flags retention statements that give no period ("temporarily", "as long as necessary", "indefinitely"), and policies that say nothing about retention at all.',
    maxSeverity: 'high',
  },
  check(view: AuditView): Finding[] {
    if (!view.snapshot) return [];
    const snapshot = view.snapshot;
    const retention = view.claims.filter((c): c is StoredRetentionClaim => c.kind === 'retention');
    if (retention.length === 0) {
      const wording = describeMissingRetention();
      return [
        {
          ruleId: 'vague-retention',
          severity: 'low',
          label: 'omitted',
          confidence: 'medium',
          subject: 'retention',
          title: wording.title,
          explanation: wording.explanation,
          policyEvidence: [],
          packetEvidence: [],
        },
      ];
    }
    // Media flows to real-time providers show the retained data kind actually leaves the device.
    const mediaFlows = view.flows.filter((f) => {
      const id = f.attribution.entityId;
      return id !== null && view.lineage(id).some((e) => e.roles.includes('realtime-communications'));
    });
    const findings: Finding[] = [];
    for (const claim of retention) {
      if (claim.vagueness === 'stated' || claim.polarity === 'negative') continue;
      const aboutMedia = MEDIA_WORDS.test(claim.dataKind ?? '') || MEDIA_WORDS.test(claim.quote);
      const evidenceFlows = aboutMedia ? mediaFlows.slice(0, 5) : [];
      const wording = describeVagueRetention({
        dataKind: claim.dataKind,
        vagueness: claim.vagueness,
        trigger: claim.trigger,
        mediaFlowCount: evidenceFlows.length,
      });
      findings.push({
        ruleId: 'vague-retention',
        severity: rateSeverity(claim, evidenceFlows.length > 0),
        label: 'vague',
        confidence: 'high',
        subject: claim.dataKind ?? 'data',
        title: wording.title,
        explanation: wording.explanation,
        policyEvidence: [policyEvidenceOf(claim, snapshot)],
        packetEvidence: evidenceFlows.map((f) => packetEvidenceOfFlow(f, 'media flow to a real-time communications provider')),
      });
    }
    return findings;
  },
};
