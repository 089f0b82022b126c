import { describe, expect, it } from 'vitest';
import type { AuditResult } from '../../src/model/audit.js';
import { compareReports } from '../../src/report/compare-reports.js';
import { renderComparisonHtml } from '../../src/report/render-comparison-html.js';
import { renderComparisonMarkdown } from '../../src/report/render-comparison-markdown.js';
import { buildFixtureReport, loadFixtureAudit } from './report-fixture.js';

const CONTEXT = { generatedAt: new Date('2026-11-21T00:00:00.000Z'), toolVersion: '0.0.0-test' };

/** The fixture audit as "before", and an "after" audit edited the way an app update could change it. */
function buildPair(edit: (after: AuditResult) => void): ReturnType<typeof compareReports> {
  const before = loadFixtureAudit();
  const after = loadFixtureAudit();
  after.auditId = 2;
  edit(after);
  return compareReports(buildFixtureReport(before), buildFixtureReport(after), CONTEXT);
}

describe('compareReports', () => {
  it('the same audit twice: everything unchanged', () => {
    const comparison = buildPair(() => undefined);
    expect(comparison.summary).toEqual({ added: 0, removed: 0, changed: 0, unchanged: 11 });
    expect(comparison.samePolicy).toBe(true);
    expect(comparison.sameCaptures).toBe(true);
    expect(comparison.sameConfiguration).toBe(true);
  });

  it('says when the audits used different entity lists or jurisdictions, or did not record them', () => {
    const moreLists = buildPair((after) => {
      after.inputs.entityLists = [
        ...(after.inputs.entityLists ?? []),
        { file: 'webxray_domain_owners.json', format: 'webxray', sha256: 'ef59132f9a02804dfc4dba4bf4ca3f86304062a0f2519f247f5659fbc358b4f8', importedAt: '2026-11-20T09:00:00.000Z', entities: 490 },
      ];
    });
    expect(moreLists.sameConfiguration).toBe(false);
    expect(moreLists.after.entityLists?.map((l) => l.file)).toEqual(['disconnect_services.json', 'webxray_domain_owners.json']);
    expect(renderComparisonMarkdown(moreLists)).toContain('Inputs that differ, so a change in findings can come from them: the imported entity lists (after only: webxray\\_domain\\_owners.json (ef59132f9a02)).');

    const otherJurisdictions = buildPair((after) => {
      after.inputs.settings = { jurisdictions: { mode: 'listed', option: 'CN', countries: ['CN'] } };
    });
    expect(otherJurisdictions.sameConfiguration).toBe(false);
    expect(otherJurisdictions.after.jurisdictions).toBe('CN');

    const unrecorded = buildPair((after) => {
      delete after.inputs.settings;
    });
    expect(unrecorded.sameConfiguration).toBeNull();
    expect(renderComparisonMarkdown(unrecorded)).toContain('Not recorded by an audit made by an older claimcheck, so these may differ too: the --jurisdictions setting.');
  });

  it('names a newly searched identifier as the cause, not the settings or the version (trial7 P1-6)', () => {
    const comparison = buildPair((after) => {
      const capture = after.inputs.captures[0];
      if (capture) capture.identifiersSearched = [...(capture.identifiersSearched ?? []), 'sni'];
    });
    expect(comparison.inputs.differ).toEqual([{ input: 'identifiers', details: ['murmur-session.pcap: before room_id, user_id; after room_id, sni, user_id'] }]);
    expect(comparison.inputs.same).toEqual(['policy', 'linked-pages', 'captures', 'app-domains', 'entity-lists', 'jurisdictions', 'data-sets', 'claimcheck-version']);
    const markdown = renderComparisonMarkdown(comparison);
    expect(markdown).toContain('Inputs that differ, so a change in findings can come from them: the identifiers searched for in each capture (');
    expect(markdown).not.toContain('differences come from the audit settings or the claimcheck version');
    // An audit that did not record its searches is "not recorded", never assumed to have searched the same.
    const older = buildPair((after) => {
      for (const c of after.inputs.captures) delete c.identifiersSearched;
    });
    expect(older.inputs.unrecorded).toEqual(['identifiers']);
    expect(renderComparisonMarkdown(older)).toContain('so these may differ too: the identifiers searched for in each capture.');
    // A newer claimcheck is named with both versions.
    const newer = buildPair((after) => {
      after.toolVersion = '9.9.9';
    });
    expect(newer.inputs.differ.map((d) => d.input)).toEqual(['claimcheck-version']);
  });

  it("names a change of the app's --app-domain list as a cause, and an audit that did not record it as unrecorded (trial7b item 16)", () => {
    const more = buildPair((after) => {
      after.inputs.appDomains = ['murmur.example', 'viber.com'];
    });
    expect(more.before.appDomains).toEqual(['murmur.example']);
    expect(more.inputs.differ).toEqual([{ input: 'app-domains', details: ['before murmur.example; after murmur.example, viber.com'] }]);
    const markdown = renderComparisonMarkdown(more);
    expect(markdown).toContain("Inputs that differ, so a change in findings can come from them: the app's own domains (--app-domain) (before murmur.example; after murmur.example, viber.com).");
    const none = buildPair((after) => {
      after.inputs.appDomains = [];
    });
    expect(none.inputs.differ[0]?.details).toEqual(['before murmur.example; after none']);
    // An audit made before the list was recorded: the JSON and the Markdown both say so, neither assumes it the same.
    const older = buildPair((after) => {
      delete after.inputs.appDomains;
    });
    expect(older.after.appDomains).toBeNull();
    expect(older.inputs.unrecorded).toEqual(['app-domains']);
    expect(renderComparisonMarkdown(older)).toContain("so these may differ too: the app's own domains (--app-domain).");
    expect(renderComparisonMarkdown(older)).not.toContain('No recorded input differs');
    expect(renderComparisonMarkdown(buildPair(() => undefined))).toContain('No recorded input differs.');
  });

  it('repeats the capture dates caveat of a capture it lists, once when both audits give it (trial7b item 19)', () => {
    const jump = { days: 1410, from: '2018-05-24', to: '2022-04-03' };
    const both = buildPair((after) => {
      const capture = after.inputs.captures[0];
      if (capture) capture.timeJump = jump;
    });
    // The fixture's "before" has no jump: only the after audit gives the caveat.
    const caveat =
      'murmur-session.pcap: record times jump 1,410 days, from 2018-05-24 to 2022-04-03 with nothing between (a wrong device clock or joined captures), so its dates are not one session; its start, the earliest of the captures, chose the policy version audited, so check it.';
    expect(both.after.captures[0]?.timeJump).toEqual(jump);
    expect(renderComparisonMarkdown(both)).toContain(`- **Capture dates caveat (after):** ${caveat.replace(/_/g, '\\_')}`);
    expect(renderComparisonHtml(both)).toContain(`<dt>Capture dates caveat (after)</dt><dd>${caveat}</dd>`);
    const before = loadFixtureAudit();
    const after = loadFixtureAudit();
    after.auditId = 2;
    for (const audit of [before, after]) {
      const capture = audit.inputs.captures[0];
      if (capture) capture.timeJump = jump;
    }
    const same = compareReports(buildFixtureReport(before), buildFixtureReport(after), CONTEXT);
    const markdown = renderComparisonMarkdown(same);
    expect(markdown).toContain('- **Capture dates caveat (both audits):** murmur-session.pcap: record times jump 1,410 days');
    expect(markdown).not.toContain('Capture dates caveat (before)');
    expect(renderComparisonMarkdown(buildPair(() => undefined))).not.toContain('Capture dates caveat');
  });

  it('sorts findings into added, removed, changed and unchanged', () => {
    const comparison = buildPair((after) => {
      // The update stopped sending traffic to China…
      after.findings = after.findings.filter((f) => !(f.ruleId === 'undisclosed-country' && f.subject === 'CN'));
      // …downgraded one finding…
      const http = after.findings.find((f) => f.ruleId === 'unencrypted-transport');
      if (http) http.severity = 'low';
      // …and added a new recipient.
      after.findings.push({
        ruleId: 'undisclosed-recipient',
        severity: 'high',
        label: 'omitted',
        confidence: 'high',
        subject: 'Branch Metrics',
        title: 'Branch Metrics receives data but the policy never names it',
        explanation: 'x',
        policyEvidence: [],
        packetEvidence: [],
      });
    });
    expect(comparison.summary).toEqual({ added: 1, removed: 1, changed: 1, unchanged: 9 });
    expect(comparison.added.map((f) => f.subject)).toEqual(['Branch Metrics']);
    expect(comparison.removed.map((f) => `${f.ruleId} ${f.subject}`)).toEqual(['undisclosed-country CN']);
    expect(comparison.changed.map((c) => [c.after.ruleId, c.changes, c.before.severity, c.after.severity])).toEqual([
      ['unencrypted-transport', ['severity'], 'medium', 'low'],
    ]);
  });

  it('a finding whose traffic moved elsewhere is changed, not removed and added', () => {
    const comparison = buildPair((after) => {
      const agora = after.findings.find((f) => f.ruleId === 'undisclosed-recipient' && f.subject.startsWith('Agora'));
      if (agora) agora.packetEvidence = agora.packetEvidence.filter((e) => e.country === 'SG');
    });
    expect(comparison.summary).toMatchObject({ added: 0, removed: 0, changed: 1 });
    expect(comparison.changed[0]?.changes).toEqual(['destinations']);
  });

  it('two findings with the same rule and subject but different destinations are told apart', () => {
    // Both plaintext findings have the subject "room_id, user_id"; dropping the Singapore one must remove exactly it.
    const comparison = buildPair((after) => {
      after.findings = after.findings.filter((f) => !(f.ruleId === 'plaintext-identifier' && f.packetEvidence.some((e) => e.country === 'SG')));
    });
    expect(comparison.summary).toMatchObject({ removed: 1, changed: 0 });
    expect(comparison.removed[0]?.packetEvidence.map((e) => e.country)).toEqual(['SG']);
  });

  it('a sub-processor list finding matches by its list; companies that joined or left the group are named', () => {
    const comparison = buildPair((after) => {
      const list = after.findings.find((f) => f.ruleId === 'claimed-not-observed');
      if (!list?.group) throw new Error('the fixture has a grouped finding');
      // After the update Twilio is seen in the traffic, and a new list version adds Mixpanel, not seen.
      const twilio = list.group.entries.find((e) => e.subject === 'Twilio Inc.');
      list.group.entries = list.group.entries.filter((e) => e !== twilio);
      list.policyEvidence = list.policyEvidence.filter((p) => !twilio?.claimIds.includes(p.claimId));
      list.group.entries.push({ subject: 'Mixpanel', nameInPolicy: 'Mixpanel, Inc.', confidence: 'medium', claimIds: [99] });
      list.group.sha256 = 'f'.repeat(64);
      list.title = 'The linked sub-processor list names 7 companies; 5 of them were not seen in the traffic';
    });
    expect(comparison.summary).toMatchObject({ added: 0, removed: 0, changed: 1 });
    expect(comparison.changed[0]?.changes).toEqual(['entries']);
    expect(comparison.changed[0]?.entries).toEqual({ added: ['Mixpanel'], removed: ['Twilio Inc.'] });
    expect(renderComparisonMarkdown(comparison)).toContain(
      'now also not seen: Mixpanel; no longer among those not seen (seen in the traffic, named in the policy itself, or off the list): Twilio Inc.',
    );
  });

  it('Markdown names both audits and escapes finding titles', () => {
    const comparison = buildPair((after) => {
      const first = after.findings[0];
      if (first) first.title = 'Evil <script>alert(1)</script> | table';
      if (first) first.severity = 'low';
    });
    const md = renderComparisonMarkdown(comparison);
    expect(md).toContain('Audit #1 (before) compared with audit #2 (after)');
    expect(md).toContain('Evil \\<script\\>alert(1)\\</script\\> \\| table');
    expect(md).not.toContain('<script>');
  });
});
