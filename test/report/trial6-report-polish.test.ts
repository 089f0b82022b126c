import { describe, expect, it } from 'vitest';
import type { AuditResult } from '../../src/model/audit.js';
import type { Finding, PacketEvidence } from '../../src/model/finding.js';
import { compareReports } from '../../src/report/compare-reports.js';
import { describeEmptyTraffic } from '../../src/report/describe-empty-traffic.js';
import { formatEvidenceProtocol } from '../../src/report/format-evidence.js';
import { nameCountryList } from '../../src/report/name-country-list.js';
import { renderComparisonHtml } from '../../src/report/render-comparison-html.js';
import { renderComparisonMarkdown } from '../../src/report/render-comparison-markdown.js';
import { listCaveats } from '../../src/report/report-wording.js';
import { describeVagueRetention, nameCountry } from '../../src/report/wording.js';
import { trimDanglingWords } from '../../src/report/trim-dangling-words.js';
import { buildFixtureReport, loadFixtureAudit } from './report-fixture.js';

const CONTEXT = { generatedAt: new Date('2026-11-23T00:00:00.000Z'), toolVersion: '0.0.0-test' };

function comparePair(edit: (after: AuditResult) => void): ReturnType<typeof compareReports> {
  const before = loadFixtureAudit();
  const after = loadFixtureAudit();
  after.auditId = 2;
  edit(after);
  return compareReports(buildFixtureReport(before), buildFixtureReport(after), CONTEXT);
}

const harRow = (scheme: PacketEvidence['scheme']): PacketEvidence => ({
  captureFile: 't.har',
  captureSha256: 'a'.repeat(64),
  captureFormat: 'har',
  ...(scheme !== undefined ? { scheme } : {}),
  frames: [3],
  time: 1_739_577_600,
  protocol: 'tcp',
  client: '0.0.0.0',
  clientPort: 0,
  server: '103.98.134.10',
  serverPort: 80,
  host: 'sdk.agora.io',
  organisation: 'Agora, Inc.',
  asn: null,
  asnOwner: null,
  country: 'SG',
  detail: '',
});

describe('report wording from the new-user trial', () => {
  it('says HTTP or HTTPS for a HAR row from the scheme it recorded, and HTTP(S) only for older rows without it', () => {
    expect(formatEvidenceProtocol(harRow('http'))).toBe('HTTP');
    expect(formatEvidenceProtocol(harRow('https'))).toBe('HTTPS');
    expect(formatEvidenceProtocol(harRow(undefined))).toBe('HTTP(S)');
    expect(formatEvidenceProtocol({ ...harRow(undefined), captureFormat: 'pcap', protocol: 'udp' })).toBe('UDP');
  });

  it('gives a finding with no label no caveat about the policy being silent: it compares nothing with the policy', () => {
    const finding: Finding = {
      ruleId: 'plaintext-identifier',
      severity: 'high',
      label: null,
      confidence: 'high',
      subject: 'uid',
      title: 'uid sent unencrypted to Agora, Inc. in Singapore',
      explanation: '',
      policyEvidence: [],
      packetEvidence: [],
    };
    const silent = /rests on the policy not saying something/;
    expect(listCaveats(finding).some((c) => silent.test(c))).toBe(false);
    expect(listCaveats({ ...finding, ruleId: 'undisclosed-recipient', label: 'omitted' }).some((c) => silent.test(c))).toBe(true);
  });

  it('names the whole EU (and EEA) once, other countries by name', () => {
    const eu = ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE'];
    expect(nameCountryList([...eu, 'US'].sort(), nameCountry)).toBe('the European Union (27 countries), United States');
    expect(nameCountryList([...eu, 'IS', 'LI', 'NO'], nameCountry)).toBe('the European Economic Area (30 countries)');
    expect(nameCountryList(['DE', 'IE'], nameCountry)).toBe('Germany, Ireland');
  });

  it('does not name the traffic as a source of change when both audits read the same captures', () => {
    const otherPolicy = comparePair((after) => {
      after.inputs.policy = { ...after.inputs.policy, sha256: 'f'.repeat(64) } as AuditResult['inputs']['policy'];
    });
    expect(otherPolicy.samePolicy).toBe(false);
    expect(otherPolicy.sameCaptures).toBe(true);
    for (const text of [renderComparisonMarkdown(otherPolicy), renderComparisonHtml(otherPolicy)]) {
      expect(text).toMatch(/Inputs that differ, so a change in findings can come from them: the policy snapshot \(before [^;]+; after [^)]+\(sha256 ffffffffffff\)\)\./);
      expect(text).toContain('The same in both audits: the linked sub-processor lists, the capture files,');
    }
    const same = comparePair(() => undefined);
    expect(renderComparisonMarkdown(same)).toContain('No recorded input differs.');
    const otherCaptures = comparePair((after) => {
      const first = after.inputs.captures[0];
      if (first) first.sha256 = 'e'.repeat(64);
    });
    expect(renderComparisonMarkdown(otherCaptures)).toMatch(/Inputs that differ, so a change in findings can come from them: the capture files \(before only: [^;]+; after only: [^)]+\(eeeeeeeeeeee\)\)\./);
    const one = comparePair((after) => {
      after.findings = after.findings.slice(0, 1);
    });
    expect(renderComparisonMarkdown(one)).toMatch(/\*\*After:\*\* audit #2 of [^,]+, 1 finding; /);
    expect(renderComparisonHtml(one)).toMatch(/, 1 finding<br>/);
  });

  it('says there was no traffic to attribute for an audit result with captures but no recipients', () => {
    const audit = loadFixtureAudit();
    expect(describeEmptyTraffic(audit)).toBeNull();
    expect(describeEmptyTraffic({ ...audit, recipients: [], inputs: { ...audit.inputs, captures: audit.inputs.captures.map((c) => ({ ...c, flows: 0 })) } })).toBe(
      'The captures held no IP traffic to attribute.',
    );
  });

  it('ends a vague-retention quote where its phrase ends, not on the word it was cut after', () => {
    const wording = describeVagueRetention({ dataKind: 'personal information', vagueness: 'limited', trigger: 'for a period of time that', mediaFlowCount: 0 });
    expect(wording.title).toBe('Vague retention of personal information: "for a period of time \u2026"');
    expect(wording.explanation).toContain('is kept "for a period of time \u2026" without stating for how long');
    expect(trimDanglingWords('as long as necessary')).toBe('as long as necessary');
    expect(trimDanglingWords('temporarily')).toBe('temporarily');
    expect(trimDanglingWords('retained until the')).toBe('retained \u2026');
  });
});
