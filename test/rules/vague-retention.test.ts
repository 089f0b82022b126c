import { describe, expect, it } from 'vitest';
import type { RetentionClaim } from '../../src/model/claim.js';
import { vagueRetention } from '../../src/rules/vague-retention.js';
import { attributedFlow, buildView, storedClaim } from '../helpers/audit-view-builder.js';

type Holder = RetentionClaim['holder'];
const retention = (vagueness: 'stated' | 'limited' | 'indefinite' | 'unspecified', trigger: string, dataKind: string | null, quote?: string, holder: Holder = { kind: 'service' }) =>
  storedClaim({ kind: 'retention', vagueness, trigger, dataKind, periodDays: vagueness === 'stated' ? 30 : null, quote, holder });

describe('vague-retention', () => {
  it('flags "temporarily" and attaches media flows to real-time providers as evidence for audio data', () => {
    const media = attributedFlow({ server: '103.98.134.10', protocol: 'udp', attribution: { entityId: 'agora', organisation: 'Agora', relation: 'recipient' } });
    const findings = vagueRetention.check(
      buildView({ claims: [retention('limited', 'temporarily', 'recordings', 'We keep recordings temporarily.'), retention('stated', '30 days', 'logs')], flows: [media] }),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ label: 'vague', severity: 'medium', subject: 'recordings' });
    expect(findings[0]?.title).toContain('temporarily');
    expect(findings[0]?.packetEvidence).toHaveLength(1);
  });

  it('rates open-ended limits medium without media evidence, and limits tied to the account low', () => {
    const findings = vagueRetention.check(
      buildView({ claims: [retention('limited', 'as long as necessary', 'personal information'), retention('limited', 'as long as your account is active', 'account information')] }),
    );
    expect(findings.map((f) => [f.subject, f.severity])).toEqual([
      ['personal information', 'medium'],
      ['account information', 'low'],
    ]);
  });

  it('rates limits ending with an event the reader controls or can see low, and "until further notice" high', () => {
    const findings = vagueRetention.check(
      buildView({
        claims: [
          retention('limited', 'until the ticket is closed', 'support messages'),
          retention('limited', 'until you leave the room', 'messages'),
          retention('limited', 'until your request has been resolved', 'correspondence'),
          retention('limited', 'until the purpose', 'data'),
          retention('indefinite', 'until further notice', 'logs'),
        ],
      }),
    );
    expect(findings.map((f) => [f.subject, f.severity])).toEqual([
      ['support messages', 'low'],
      ['messages', 'low'],
      ['correspondence', 'low'],
      ['data', 'medium'],
      ['logs', 'high'],
    ]);
  });

  it('grades a limit by who decides when it ends: low when the reader causes it or sees it happen, medium when only the company knows (trial 7b item 12)', () => {
    const grade = (trigger: string): string | undefined => vagueRetention.check(buildView({ claims: [retention('limited', trigger, 'data')] }))[0]?.severity;
    // The reader's own act, or the end of something that is theirs or that they take part in.
    for (const trigger of ['until your ticket is closed', 'until the end of the call', 'until the conversation ends; for 30 days', 'as long as you have an account',
      'for as long as your account is in existence', 'Once you initiate the deletion process for your account', 'until we receive your request', 'until consent is withdrawn']) {
      expect([trigger, grade(trigger)]).toEqual([trigger, 'low']);
    }
    // An end only the company decides; "a few weeks" is a length without a number.
    for (const trigger of ['until the investigation is complete', 'until the retention period expires', 'as long as we have a relationship with you', 'for a few weeks',
      'When we do not need the information for any of these purposes anymore', 'until deleted']) {
      expect([trigger, grade(trigger)]).toEqual([trigger, 'medium']);
    }
    // One end the company decides leaves the real end to the company, whatever else the sentence promises.
    expect(grade('for the lifetime of your account; as long as necessary')).toBe('medium');
  });

  it('does not call immediate deletion after an event vague (Spotify: "deleted immediately after your Age Check is complete")', () => {
    const quote = 'Age Check Data is deleted immediately after your Age Check is complete.';
    const findings = vagueRetention.check(
      buildView({ claims: [retention('limited', 'deleted immediately', 'Age Check Data', quote), retention('limited', 'temporarily', 'recordings')] }),
    );
    expect(findings.map((f) => f.subject)).toEqual(['recordings']);
    // A claim that also says "temporarily" or "no longer needed" stays vague.
    const mixed = vagueRetention.check(
      buildView({
        claims: [
          retention('limited', 'temporarily; deleted immediately; no longer needed', 'voice recordings', 'Voice recordings are stored temporarily and deleted immediately after they are no longer needed.'),
          retention('stated', '30 days', 'logs'),
        ],
      }),
    );
    expect(mixed.map((f) => f.subject)).toEqual(['voice recordings']);
  });

  it('rates indefinite retention high', () => {
    const findings = vagueRetention.check(buildView({ claims: [retention('indefinite', 'indefinitely', 'messages')] }));
    expect(findings[0]?.severity).toBe('high');
  });

  it('does not turn a bare mention of storing data into a finding when the policy states limits elsewhere', () => {
    const findings = vagueRetention.check(
      buildView({ claims: [retention('unspecified', 'store', 'information'), retention('stated', '30 days', 'logs')] }),
    );
    expect(findings).toEqual([]);
  });

  it('reports a statement repeated in another section once', () => {
    const quote = 'We keep your data as long as necessary.';
    const findings = vagueRetention.check(
      buildView({ claims: [retention('limited', 'as long as necessary', 'data', quote), retention('limited', 'as long as necessary', 'data', quote)] }),
    );
    expect(findings).toHaveLength(1);
  });

  it('cites bare storage mentions when no sentence states a period or limit', () => {
    const findings = vagueRetention.check(buildView({ claims: [retention('unspecified', 'retain', 'information', 'We retain your information.')] }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ label: 'omitted', severity: 'low' });
    expect(findings[0]?.policyEvidence[0]?.quote).toBe('We retain your information.');
  });

  it('notes a policy that says nothing about retention', () => {
    const findings = vagueRetention.check(buildView({ claims: [] }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ label: 'omitted', severity: 'low', policyEvidence: [] });
  });

  it('never accuses the app of another organisation\u2019s retention, nor lists it: that is other-holder-retention\u2019s', () => {
    const vendor: Holder = { kind: 'unnamed', name: 'the third party service' };
    const zendesk: Holder = { kind: 'named', name: 'Zendesk' };
    const findings = vagueRetention.check(
      buildView({ claims: [retention('limited', 'temporarily', 'messages', 'The vendor keeps messages temporarily.', vendor), retention('stated', '12 months', 'tickets', 'Zendesk retains tickets for 12 months.', zendesk), retention('stated', '30 days', 'logs')] }),
    );
    expect(findings).toEqual([]);
    // The app's own vague statement is still judged, and its evidence carries no holder.
    const own = vagueRetention.check(buildView({ claims: [retention('limited', 'temporarily', 'recordings', 'We keep recordings temporarily.')] }));
    expect(own.map((f) => [f.label, f.severity])).toEqual([['vague', 'medium']]);
    expect(own[0]?.policyEvidence[0]?.retentionHolder).toBeUndefined();
  });

  it('does not let another organisation\u2019s stated period count as the app stating one', () => {
    const stripe: Holder = { kind: 'named', name: 'Stripe', entityId: 'stripe' };
    const findings = vagueRetention.check(
      buildView({ claims: [retention('stated', '7 years', 'card details', 'Stripe retains card details for 7 years.', stripe), retention('unspecified', 'store', 'information', 'We store your information.')] }),
    );
    expect(findings.map((f) => [f.label, f.subject])).toEqual([['omitted', 'retention']]);
    expect(findings[0]?.policyEvidence.map((e) => e.quote)).toEqual(['We store your information.']);
  });
  it('shows a length without a number ("for a given period of time") like a limit, but does not count it as the policy stating one (trial 8, item 12)', () => {
    const given = retention('unspecified', 'for a given period of time', 'Personal Data', 'We retain Personal Data for a given period of time.');
    const plain = retention('unspecified', 'store', 'data', 'We store your data.');
    const withLimit = vagueRetention.check(buildView({ claims: [given, plain, retention('stated', '30 days', 'logs')] }));
    expect(withLimit.map((f) => [f.severity, f.label, f.title])).toEqual([['medium', 'vague', 'Vague retention of Personal Data: "for a given period of time"']]);
    expect(withLimit[0]?.explanation).toBe('The policy says Personal Data is kept "for a given period of time", a length it never states.');
    // With no period or limit anywhere, the policy is still reported as silent, and the vague length is shown too.
    const silent = vagueRetention.check(buildView({ claims: [given, plain] }));
    expect(silent.map((f) => f.label)).toEqual(['omitted', 'vague']);
  });

  it('words a deletion after the reader\u2019s request as a deletion, low, never as data "kept Once you have asked…" (Twitch, trial 8 item 3)', () => {
    const [finding] = vagueRetention.check(buildView({ claims: [retention('limited', 'Once you have asked us to close your account and delete your profile information', null)] }));
    expect(finding?.severity).toBe('low');
    expect(finding?.explanation).toBe(
      'The policy says data is deleted "once you have asked us to close your account and delete your profile information", without stating how soon after that.',
    );
  });

  it('sorts limit phrases into how long data is kept and when it is deleted (LINE, trial 8 item 19)', () => {
    const explain = (trigger: string) => vagueRetention.check(buildView({ claims: [retention('limited', trigger, 'information')] }))[0]?.explanation;
    expect(explain('for a minimum period; automatically deleted')).toBe('The policy says information is kept "for a minimum period" and then deleted "automatically", without stating for how long.');
    expect(explain('promptly deleted; after the lapse of a reasonable period once the purpose of such information is fulfilled')).toBe(
      'The policy says information is deleted "promptly" and "after the lapse of a reasonable period once the purpose of such information is fulfilled", without stating how soon after that.',
    );
    expect(explain('as long as necessary')).toBe('The policy says information is kept "as long as necessary" without stating for how long.');
  });
  it('agrees the verb with a plural data kind ("contacts are kept", "list of friends is deleted"; trial 8 item 19)', () => {
    const explain = (trigger: string, kind: string) => vagueRetention.check(buildView({ claims: [retention('limited', trigger, kind)] }))[0]?.explanation;
    expect(explain('until you ask us to remove them', 'shared list of contacts')).toBe('The policy says shared list of contacts is kept "until you ask us to remove them" without stating for how long.');
    expect(explain('temporarily', 'contacts')).toBe('The policy says contacts are kept "temporarily" without stating for how long.');
    expect(explain('temporarily', 'texts, images, videos and audio data sent in a talk room')).toContain('audio data sent in a talk room are kept');
    expect(explain('temporarily', 'Personal Data')).toContain('Personal Data is kept');
  });
});
