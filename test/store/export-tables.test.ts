/**
 * `claimcheck export`: every table as CSV and Parquet, rows matching the database, values exact
 * (awkward names included), the documented schema in step with the code, and one app at a time.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run-audit.js';
import { createAuditDependencies, loadCatalog } from '../../src/cli/cli-context.js';
import { lookupIpNetwork } from '../../src/enrich/ip-network-database.js';
import { openDatabase } from '../../src/store/open-database.js';
import { analysePolicy, storePolicy } from '../../src/workflow/add-policy.js';
import { importCapture } from '../../src/workflow/import-capture.js';
import { EXPORT_SCHEMA_VERSION, EXPORT_TABLES } from '../../src/workflow/export-schema.js';
import { exportTables } from '../../src/workflow/export-tables.js';
import { readDatabaseState } from '../helpers/database-state.js';
import { runCli } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { createBaseDatabase, EXAMPLE_CAPTURE } from '../robustness/base-database.js';

const tempDir = useTempDir();
const AWKWARD = 'Comma, "quote"\nnewline 🎧';
let db = '';

/** A strict RFC 4180 reader written for the test, independent of the writer. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  expect(field).toBe('');
  expect(row).toEqual([]);
  return rows;
}

function exportTo(format: 'csv' | 'parquet', appName?: string): string {
  const outDir = join(tempDir(), format);
  const handle = openDatabase(db, { readonly: true });
  try {
    exportTables(handle, { format, outDir, appName, network: lookupIpNetwork, toolVersion: 'test', now: () => new Date('2026-11-23T00:00:00Z') });
  } finally {
    handle.close();
  }
  return outDir;
}

beforeAll(async () => {
  db = join(mkdtempSync(join(tmpdir(), 'claimcheck-export-')), 'export.db');
  await createBaseDatabase(db);
  const handle = openDatabase(db);
  const now = (): Date => new Date('2026-11-22T00:00:00Z');
  // A policy that makes no claim: audits need a policy, and the app's exported claims stay empty.
  const policyFile = join(mkdtempSync(join(tmpdir(), 'claimcheck-export-policy-')), 'policy.md');
  writeFileSync(policyFile, '# Privacy\n\nWe respect your privacy and explain our practices on this page.\n');
  storePolicy(handle, AWKWARD, await analysePolicy(policyFile, { organisations: loadCatalog().organisationNames(), now }), now);
  await importCapture(handle, EXAMPLE_CAPTURE, { appName: AWKWARD, identifiers: [], now });
  runAudit(handle, AWKWARD, { ...createAuditDependencies(), now });
  runAudit(handle, 'Base', { ...createAuditDependencies(), now });
  handle.close();
});

describe('exportTables', () => {
  it('writes every table as CSV with the documented header and one row per stored row', () => {
    const out = exportTo('csv');
    const counts = readDatabaseState(db).counts;
    const expected: Record<string, number> = {
      apps: counts.apps ?? -1,
      captures: counts.captures ?? -1,
      policy_snapshots: counts.policy_snapshots ?? -1,
      policy_sightings: counts.policy_sightings ?? -1,
      flows: counts.flows ?? -1,
      claims: counts.claims ?? -1,
    };
    for (const table of EXPORT_TABLES) {
      const rows = parseCsv(readFileSync(join(out, `${table.name}.csv`), 'utf8'));
      expect(rows[0]).toEqual(table.columns.map((c) => c.name));
      if (table.name in expected) expect(rows.length - 1, table.name).toBe(expected[table.name]);
    }
    const apps = parseCsv(readFileSync(join(out, 'apps.csv'), 'utf8'));
    expect(apps.map((r) => r[1])).toContain(AWKWARD);
    // Findings of the latest audit only: Base was audited twice.
    const findings = parseCsv(readFileSync(join(out, 'findings.csv'), 'utf8')).slice(1);
    const auditIds = new Set(findings.filter((r) => r[2] === 'Base').map((r) => r[3]));
    expect(auditIds.size).toBe(1);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { exportSchemaVersion: string; tables: { name: string; rows: number }[] };
    expect(manifest.exportSchemaVersion).toBe(EXPORT_SCHEMA_VERSION);
    expect(manifest.tables.find((t) => t.name === 'flows')?.rows).toBe(expected.flows);
  });

  it('writes Parquet files with the same rows and values as the CSV files', async () => {
    const csv = exportTo('csv');
    const parquet = exportTo('parquet');
    for (const table of EXPORT_TABLES) {
      const bytes = readFileSync(join(parquet, `${table.name}.parquet`));
      const objects = await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) });
      const csvRows = parseCsv(readFileSync(join(csv, `${table.name}.csv`), 'utf8')).slice(1);
      expect(objects.length, table.name).toBe(csvRows.length);
      objects.forEach((object, r) => {
        table.columns.forEach((column, c) => {
          const value: unknown = object[column.name];
          const text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
          expect(text, `${table.name}.${column.name} row ${r}`).toBe(csvRows[r]?.[c]);
        });
      });
    }
  });

  it('exports one app only with --app, and enriches flows with network owner and country', () => {
    const out = exportTo('csv', AWKWARD);
    const flows = parseCsv(readFileSync(join(out, 'flows.csv'), 'utf8'));
    const header = flows[0] ?? [];
    const body = flows.slice(1);
    expect(body.length).toBeGreaterThan(0);
    expect(new Set(body.map((r) => r[header.indexOf('app_name')]))).toEqual(new Set([AWKWARD]));
    expect(body.some((r) => r[header.indexOf('server_country')] !== '' && r[header.indexOf('server_asn')] !== '')).toBe(true);
    expect(parseCsv(readFileSync(join(out, 'claims.csv'), 'utf8'))).toHaveLength(1);
  });

  it('is described column by column in docs/export-schema.md', () => {
    const doc = readFileSync('docs/export-schema.md', 'utf8');
    expect(doc).toContain(`# Export schema (version ${EXPORT_SCHEMA_VERSION})`);
    for (const table of EXPORT_TABLES) {
      const section = doc.split(`\n## ${table.name}\n`)[1]?.split('\n## ')[0] ?? '';
      const documented = [...section.matchAll(/^\| `([a-z0-9_]+)` \| (\w+) \|/gm)].map((m) => [m[1], m[2]]);
      expect(documented, table.name).toEqual(table.columns.map((c) => [c.name, c.type]));
    }
  });
});

describe('claimcheck export', () => {
  it('refuses an unknown format and an unknown app in one line, writing nothing', () => {
    const dir = tempDir();
    const bad = runCli(['--db', db, 'export', '--format', 'xlsx', '--out', join(dir, 'x')], dir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^claimcheck: .*xlsx.*\n$/);
    const unknown = runCli(['--db', db, 'export', '--app', 'Nobody', '--out', join(dir, 'y')], dir);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^claimcheck: no app named "Nobody".*\n$/);
  });
});
