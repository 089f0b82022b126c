import type { RetentionClaim } from '../model/claim.js';
import type { Finding, Severity } from '../model/finding.js';
import { describeMissingRetention, describeVagueRetention } from '../report/wording.js';
import type { StoredClaim } from '../store/policy-repository.js';
import type { AuditView } from './audit-view.js';
import { packetEvidenceOfFlow, policyEvidenceOf } from './evidence.js';
import eventBound from './event-bound-retention.json' with { type: 'json' };
import { isVagueDuration } from '../policy/is-vague-duration.js';
import { isReaderBound } from './read-retention-end.js';
import type { Rule } from './rule.js';

type StoredRetentionClaim = RetentionClaim & StoredClaim;

const IMMEDIATE = eventBound.immediate.map((p) => p.toLowerCase());

/**
 * Indefinite retention is the worst; a limit whose end only the company decides ("temporarily", "as long as
 * necessary", "until the investigation is complete") is medium (media traffic in the capture is attached as context,
 * but says nothing about how long data is kept); a limit whose end the reader causes or sees happen ("while your
 * account is active", "until the end of the call") is the mildest: they can tell when the data is gone.
 */
function rateSeverity(claim: StoredRetentionClaim): Severity {
  if (claim.vagueness === 'indefinite') return 'high';
  if (claim.vagueness === 'limited' && isReaderBound(claim.trigger)) return 'low';
  return 'medium';
}

/**
 * Whether every limit phrase of a claim (its trigger lists them separated by ";") is an immediate deletion: "stored
 * temporarily and deleted immediately after …" still says "temporarily", and stays a finding.
 */
function isImmediateDeletionOnly(trigger: string): boolean {
  const phrases = trigger.toLowerCase().split(';').map((p) => p.trim()).filter((p) => p.length > 0);
  return phrases.length > 0 && phrases.every((phrase) => IMMEDIATE.some((word) => phrase.includes(word)));
}

/** Data kinds whose vague retention matters most when the capture shows them being carried. */
const MEDIA_WORDS = /\b(audio|voice|recording|recordings|call|calls|video|media)\b/i;

/** Retention stated without a period: "temporarily", "as long as necessary", "indefinitely". */
export const vagueRetention: Rule = {
  meta: {
    id: 'vague-retention',
    title: 'Retention without a stated period',
    description:
      'Flags the app\u2019s own retention statements that give no period ("temporarily", "as long as necessary", "indefinitely", "for a given period of time"), once per statement, and policies that never state a retention period or limit; statements that another organisation keeps data are other-holder-retention\u2019s, never the app\u2019s.',
    maxSeverity: 'high',
  },
  check(view: AuditView): Finding[] {
    if (!view.snapshot) return [];
    const snapshot = view.snapshot;
    const affirmative = view.claims.filter((c): c is StoredRetentionClaim => c.kind === 'retention' && c.polarity === 'affirmative');
    // Only the service's own retention can make it vague or silent; another organisation's is other-holder-retention's.
    const retention = affirmative.filter((c) => c.holder.kind === 'service');
    // "We store your information" alone is a mention of keeping data, not a vague promise: such
    // sentences only count when nothing in the policy gives a period or a limit.
    const bounded = retention.filter((c) => c.vagueness !== 'unspecified');
    // "for a given period of time", "for a long period": Unspecified by OPP-115's labels, but as vague as "as long as
    // necessary" to a reader, so shown like a limit; they do not count as the policy stating one.
    const vagueLengths = retention.filter((c) => c.vagueness === 'unspecified' && isVagueDuration(c.trigger));
    const missing: Finding[] = [];
    if (bounded.length === 0) {
      const wording = describeMissingRetention();
      missing.push(
        {
          ruleId: 'vague-retention',
          severity: 'low',
          label: 'omitted',
          confidence: 'medium',
          subject: 'retention',
          title: wording.title,
          explanation: wording.explanation,
          policyEvidence: retention.slice(0, 3).map((c) => policyEvidenceOf(c, snapshot)),
          packetEvidence: [],
        },
      );
    }
    // Media flows to real-time providers show the retained data kind actually leaves the device.
    const mediaFlows = view.flows.filter((f) => {
      const id = f.attribution.entityId;
      return id !== null && view.lineage(id).some((e) => e.roles.includes('realtime-communications'));
    });
    const findings: Finding[] = [...missing];
    // Policies repeat paragraphs (e.g. in a state-specific section): one finding per statement.
    const seen = new Set<string>();
    for (const claim of [...bounded, ...vagueLengths]) {
      if (claim.vagueness === 'stated') continue;
      if (claim.vagueness === 'limited' && isImmediateDeletionOnly(claim.trigger)) continue;
      const key = `${claim.vagueness}\u0000${claim.trigger.toLowerCase()}\u0000${claim.quote.toLowerCase().replace(/\s+/g, ' ')}`;
      if (seen.has(key)) continue;
      seen.add(key);
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
        severity: rateSeverity(claim),
        label: 'vague',
        confidence: 'high',
        subject: claim.dataKind ?? 'data',
        title: wording.title,
        explanation: wording.explanation,
        policyEvidence: [policyEvidenceOf(claim, snapshot)],
        packetEvidence: evidenceFlows.map((f) =>
          packetEvidenceOfFlow(f, `media traffic to ${f.attribution.organisation ?? 'a real-time communications provider'} (the kind of data the sentence is about)`),
        ),
      });
    }
    return findings;
  },
};
