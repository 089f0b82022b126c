import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src/report/report-model.js';
import { REPORT_SCHEMA_VERSION } from '../../src/report/report-model.js';
import { renderJson } from '../../src/report/render-json.js';
import { runCliAsync } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { validateJsonSchema } from './json-schema-subset.js';
import { buildFixtureReport } from './report-fixture.js';

/*
 * What this checks: every report claimcheck writes conforms to docs/report.schema.json — types,
 * required fields, enums, patterns (hashes, country codes, times) — and, in strict mode, that it
 * writes no field the schema does not document. What it does not check: the JSON Schema keywords
 * outside the small subset json-schema-subset.ts implements (it throws on any other keyword), and
 * meaning (that a span really points at its quote is tested elsewhere).
 */
const schema = JSON.parse(readFileSync(join('docs', 'report.schema.json'), 'utf8')) as Record<string, unknown>;
const tempDir = useTempDir();

function validate(report: unknown): string[] {
  return validateJsonSchema(schema, report, { strict: true });
}

describe('docs/report.schema.json', () => {
  let demo: ReportModel;
  beforeAll(async () => {
    // The demo goes through the real pipeline: policy, capture, rules, report.
    const out = tempDir();
    const run = await runCliAsync(['demo', '--out', out]);
    expect(run.status, run.stderr).toBe(0);
    demo = JSON.parse(readFileSync(join(out, 'example-voice-app', 'report.json'), 'utf8')) as ReportModel;
  }, 300_000);

  it('the demo report conforms, with every field documented', () => {
    expect(validate(demo)).toEqual([]);
    expect(demo.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
  });

  it('the fixture report conforms (it covers a second capture, IPv6 and a hosting-only recipient)', () => {
    expect(validate(JSON.parse(renderJson(buildFixtureReport())))).toEqual([]);
  });

  it('the schema states the version the code writes', () => {
    const version = (schema.properties as { schemaVersion: { pattern: string } }).schemaVersion.pattern;
    expect(REPORT_SCHEMA_VERSION).toMatch(new RegExp(version));
    expect(readFileSync(join('docs', 'report-schema.md'), 'utf8')).toContain(`Schema version: ${REPORT_SCHEMA_VERSION}`);
  });

  it('rejects reports that break it: missing field, wrong type, bad hash, undocumented field, bad enum', () => {
    const broken = (change: (r: Record<string, any>) => void): string[] => {
      const copy = JSON.parse(renderJson(buildFixtureReport())) as Record<string, any>;
      change(copy);
      return validate(copy);
    };
    expect(broken((r) => delete r.summary)).toContainEqual(expect.stringContaining('missing required property summary'));
    expect(broken((r) => (r.audit.id = '1'))).toContainEqual(expect.stringContaining('$.audit.id: expected integer'));
    expect(broken((r) => (r.findings[1].policyEvidence[0].snapshotSha256 = 'abc'))).toContainEqual(expect.stringContaining('snapshotSha256'));
    expect(broken((r) => (r.findings[0].surprise = true))).toContainEqual('$.findings[0].surprise: property not documented in the schema');
    expect(broken((r) => (r.findings[0].severity = 'critical'))).toContainEqual(expect.stringContaining('$.findings[0].severity'));
    expect(broken((r) => (r.inputs.policy = 'none'))).toContainEqual(expect.stringContaining('$.inputs.policy: matches no alternative'));
    expect(broken((r) => (r.traffic.byCountry[0].country = 'china'))).toContainEqual(expect.stringContaining('does not match'));
  });

  it('the validator refuses schema keywords it does not implement, so none is silently ignored', () => {
    expect(() => validateJsonSchema({ type: 'string', maxLength: 3 }, 'abcd', { strict: true })).toThrow(/maxLength/);
  });
});
