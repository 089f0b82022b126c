/**
 * The methodology section names everything a reader needs to run the audit again: the data sets the
 * audit itself recorded (not those of whichever claimcheck writes the report), every user-imported
 * entity list and the --jurisdictions setting, and says so plainly when an older audit recorded none.
 */
import { describe, expect, it } from 'vitest';
import type { AuditResult } from '../../src/model/audit.js';
import { renderHtml } from '../../src/report/render-html.js';
import { renderJson } from '../../src/report/render-json.js';
import { renderMarkdown } from '../../src/report/render-markdown.js';
import { buildFixtureReport, loadFixtureAudit } from './report-fixture.js';

/** The fixture audit as an older claimcheck stored it: no data sources, lists or settings. */
function legacyAudit(): AuditResult {
  const audit = loadFixtureAudit();
  delete audit.inputs.dataSources;
  delete audit.inputs.entityLists;
  delete audit.inputs.settings;
  return audit;
}

describe('report methodology', () => {
  it('uses the data sources the audit recorded, not those of the claimcheck writing the report', () => {
    const report = buildFixtureReport();
    expect(report.dataSourcesRecordedBy).toBe('audit');
    // The fixture report is written by 0.0.0-golden; the audit ran with 0.1.0 and its catalog.
    expect(report.dataSources.find((d) => d.name === 'claimcheck entity catalog')?.version).toBe('0.1.0');
    expect(JSON.parse(renderJson(report)).inputs).not.toHaveProperty('dataSources');
  });

  it('an audit that recorded nothing is reported as such, with the report-time data sources flagged', () => {
    const report = buildFixtureReport(legacyAudit());
    expect(report.dataSourcesRecordedBy).toBe('report');
    expect(report.dataSources.find((d) => d.name === 'claimcheck entity catalog')?.version).toBe('0.0.0-golden');
    expect(report.inputs).not.toHaveProperty('entityLists');
    for (const text of [renderMarkdown(report), renderHtml(report)]) {
      expect(text).toContain('User-imported entity lists: not recorded');
      expect(text).toContain('Jurisdictions of interest (processor-country): not recorded');
      expect(text).toContain('The audit did not record its data sources');
    }
    // Without a recorded setting the command line cannot claim one.
    expect(renderMarkdown(report)).toContain('run `claimcheck audit --app "Murmur (example voice app)"`.\n');
    expect(renderHtml(report)).toContain('run <code>claimcheck audit --app &quot;Murmur (example voice app)&quot;</code>.</p>');
  });

  it('an audit without imported lists says the shipped catalog alone was used', () => {
    const audit = loadFixtureAudit();
    audit.inputs.entityLists = [];
    const markdown = renderMarkdown(buildFixtureReport(audit));
    expect(markdown).toContain('User-imported entity lists: none; attribution used the shipped entity catalog only.');
    expect(markdown).not.toContain('import the entity list');
  });

  it('names listed jurisdictions with the option that reproduces them, quoted for the shell', () => {
    const audit = loadFixtureAudit();
    audit.inputs.settings = { jurisdictions: { mode: 'listed', option: 'EU,North America', countries: ['AT', 'CA', 'DE', 'US'] } };
    const markdown = renderMarkdown(buildFixtureReport(audit));
    expect(markdown).toContain(
      'Jurisdictions of interest (processor-country): EU,North America, as given with --jurisdictions EU,North America; the countries checked were AT, CA, DE, US.',
    );
    expect(markdown).toContain('run `claimcheck audit --app "Murmur (example voice app)" --jurisdictions "EU,North America"`.');
  });

  it('lists from several files each get a line; a list recorded by an older claimcheck says what is missing', () => {
    const audit = loadFixtureAudit();
    audit.inputs.entityLists = [
      { file: 'webxray_domain_owners.json', format: 'webxray', sha256: 'ef59132f9a02', importedAt: null, entities: 364 },
      ...(audit.inputs.entityLists ?? []),
    ];
    const html = renderHtml(buildFixtureReport(audit));
    expect(html).toContain(
      'User-imported entity list webxray_domain_owners.json: webXray format (claimcheck entities import --format webxray), sha256 beginning ef59132f9a02 (recorded in part by an older claimcheck), import date not recorded, 364 organisations.',
    );
    expect(html).toContain('User-imported entity list disconnect_services.json: Disconnect format');
    expect(html).toContain('import the entity lists above');
  });
});
