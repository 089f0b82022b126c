import type { ExportSource } from '../store/export-rows.js';

/** Version of the exported table layout (docs/export-schema.md); bump it when a column changes. */
export const EXPORT_SCHEMA_VERSION = '3';

/**
 * Column types of exported files: `int` is a 64-bit integer, `double` a 64-bit float (times are
 * Unix seconds), `string` UTF-8 text, `json` UTF-8 text holding a JSON document.
 */
export type ExportColumnType = 'int' | 'double' | 'string' | 'json';

/** One exported column. */
export interface ExportColumn {
  name: string;
  type: ExportColumnType;
}

/** One exported table: its file name stem and its columns, in file order. */
export interface ExportTable {
  name: ExportSource;
  columns: readonly ExportColumn[];
}

const int = (name: string): ExportColumn => ({ name, type: 'int' });
const double = (name: string): ExportColumn => ({ name, type: 'double' });
const string = (name: string): ExportColumn => ({ name, type: 'string' });
const json = (name: string): ExportColumn => ({ name, type: 'json' });

/** The exported tables. docs/export-schema.md describes each column; a test keeps the two in step. */
export const EXPORT_TABLES: readonly ExportTable[] = [
  { name: 'apps', columns: [int('app_id'), string('app_name'), string('created_at'), string('app_domains')] },
  {
    name: 'captures',
    columns: [
      int('capture_id'), int('app_id'), string('app_name'), string('file_name'), string('sha256'), string('format'), int('size_bytes'),
      int('packet_count'), double('first_time'), double('last_time'), string('imported_at'), int('warning_count'),
    ],
  },
  {
    name: 'policy_snapshots',
    columns: [
      int('snapshot_id'), int('app_id'), string('app_name'), string('source'), string('sha256'), string('fetched_at'), string('format'),
      string('title'), string('extractor_version'), int('size_bytes'), string('role'), string('linked_from_snapshot_ids'),
      string('declared_date'),
    ],
  },
  {
    name: 'policy_sightings',
    columns: [
      int('sighting_id'), int('app_id'), string('app_name'), int('snapshot_id'), string('snapshot_sha256'), string('source'), string('read_at'),
      string('declared_date'),
    ],
  },
  {
    name: 'flows',
    columns: [
      int('flow_id'), int('app_id'), string('app_name'), int('capture_id'), string('capture_sha256'), string('protocol'), string('client'),
      int('client_port'), string('server'), int('server_port'), int('server_asn'), string('server_asn_owner'), string('server_country'),
      string('hosts'), int('packets'), int('bytes'), int('payload_bytes'), int('client_packets'), int('client_bytes'), int('client_payload_bytes'),
      int('server_packets'), int('server_bytes'), int('server_payload_bytes'), double('first_time'), double('last_time'), int('first_frame'),
      int('last_frame'), string('encryption'), json('http_requests'),
    ],
  },
  {
    name: 'claims',
    columns: [
      int('claim_id'), int('app_id'), string('app_name'), int('snapshot_id'), string('snapshot_sha256'), string('kind'), string('polarity'),
      json('section_path'), int('span_start'), int('span_end'), string('quote'), json('details'),
    ],
  },
  {
    name: 'findings',
    columns: [
      int('finding_id'), int('app_id'), string('app_name'), int('audit_id'), string('audited_at'), string('tool_version'), int('ordinal'),
      string('rule_id'), string('severity'), string('label'), string('confidence'), string('subject'), string('title'), json('data'),
    ],
  },
];
