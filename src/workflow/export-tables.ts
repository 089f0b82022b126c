import { renameSync, writeFileSync } from 'node:fs';
import { ensureOutputDirectory } from './ensure-output-directory.js';
import { join } from 'node:path';
import type { IpNetworkInfo } from '../model/entity.js';
import type { FlowHostName } from '../model/capture-summary.js';
import { requireApp } from '../store/app-repository.js';
import { iterateExportRows, type ExportValue } from '../store/export-rows.js';
import type { StoreDatabase } from '../store/open-database.js';
import { EXPORT_SCHEMA_VERSION, EXPORT_TABLES, type ExportTable } from './export-schema.js';
import { writeCsvTable } from './write-csv-table.js';
import { writeParquetTable } from './write-parquet-table.js';

export const EXPORT_FORMATS = ['csv', 'parquet'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What an export needs besides the database: the offline IP lookup, injected like an audit's. */
export interface ExportOptions {
  format: ExportFormat;
  outDir: string;
  /** Only this app's rows; all apps when absent. */
  appName?: string;
  network: (ip: string) => IpNetworkInfo;
  toolVersion: string;
  now: () => Date;
}

/** One written file. */
export interface ExportedFile {
  table: string;
  path: string;
  rows: number;
}

/** Adds the network owner and country of the server, and flattens host names, for analysis engines. */
function enrichFlowRow(row: Record<string, ExportValue>, network: (ip: string) => IpNetworkInfo): Record<string, ExportValue> {
  const info = typeof row.server === 'string' ? network(row.server) : { asn: null, asnOwner: null, country: null };
  const hostNames = typeof row.host_names === 'string' ? (JSON.parse(row.host_names) as FlowHostName[]) : [];
  return {
    ...row,
    server_asn: info.asn,
    server_asn_owner: info.asnOwner,
    server_country: info.country,
    hosts: [...new Set(hostNames.map((h) => h.host))].join(' ') || null,
  };
}

function* mapRows(rows: Iterable<Record<string, ExportValue>>, map: (row: Record<string, ExportValue>) => Record<string, ExportValue>): Generator<Record<string, ExportValue>> {
  for (const row of rows) yield map(row);
}

/**
 * Writes flows, claims, findings and the tables they refer to (apps, captures, policy snapshots)
 * as CSV or Parquet files under `outDir`, plus `manifest.json` naming schema version and row
 * counts. File names are fixed, never taken from input. Everything is read in one transaction,
 * so the files agree with each other even while an import writes to the database.
 */
export function exportTables(db: StoreDatabase, options: ExportOptions): ExportedFile[] {
  ensureOutputDirectory(options.outDir);
  const appId = options.appName === undefined ? null : requireApp(db, options.appName).id;
  const createdBy = `claimcheck ${options.toolVersion}`;
  const writeTable = (table: ExportTable): ExportedFile => {
    const path = join(options.outDir, `${table.name}.${options.format}`);
    let rows: Iterable<Record<string, ExportValue>> = iterateExportRows(db, table.name, appId);
    if (table.name === 'flows') rows = mapRows(rows, (row) => enrichFlowRow(row, options.network));
    const count = options.format === 'csv' ? writeCsvTable(path, table.columns, rows) : writeParquetTable(path, table.columns, rows, createdBy);
    return { table: table.name, path, rows: count };
  };
  const files = db.transaction(() => EXPORT_TABLES.map(writeTable)).deferred();

  const manifest = {
    exportSchemaVersion: EXPORT_SCHEMA_VERSION,
    toolVersion: options.toolVersion,
    createdAt: options.now().toISOString(),
    format: options.format,
    app: options.appName ?? null,
    tables: files.map((f) => ({ name: f.table, file: `${f.table}.${options.format}`, rows: f.rows })),
  };
  const manifestPath = join(options.outDir, 'manifest.json');
  writeFileSync(`${manifestPath}.tmp-${process.pid}`, `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(`${manifestPath}.tmp-${process.pid}`, manifestPath);
  return [...files, { table: 'manifest', path: manifestPath, rows: files.length }];
}
