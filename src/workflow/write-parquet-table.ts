import { renameSync } from 'node:fs';
import { fileWriter, ParquetWriter, schemaFromColumnData } from 'hyparquet-writer';
import type { ExportValue } from '../store/export-rows.js';
import type { ExportColumn, ExportColumnType } from './export-schema.js';

/** Rows per row group: bounds memory (one group is held at a time) and suits engines' parallel scans. */
const ROWS_PER_GROUP = 100_000;

const PARQUET_TYPES: Record<ExportColumnType, 'INT64' | 'DOUBLE' | 'STRING' | 'JSON'> = {
  int: 'INT64',
  double: 'DOUBLE',
  string: 'STRING',
  json: 'JSON',
};

type ColumnValues = (bigint | number | string | null)[];

function convert(value: ExportValue, type: ExportColumnType): bigint | number | string | null {
  if (value === null) return null;
  switch (type) {
    case 'int':
      return BigInt(Math.trunc(Number(value)));
    case 'double':
      return Number(value);
    case 'string':
    case 'json':
      return String(value);
  }
}

/**
 * Writes rows as one Parquet file (snappy-compressed, nullable columns, one row group per
 * 100,000 rows) to a temporary name renamed into place at the end.
 * @returns the number of rows written
 */
export function writeParquetTable(path: string, columns: readonly ExportColumn[], rows: Iterable<Record<string, ExportValue>>, createdBy: string): number {
  const temporary = `${path}.tmp-${process.pid}`;
  const schema = schemaFromColumnData({ columnData: columns.map((c) => ({ name: c.name, data: [], type: PARQUET_TYPES[c.type], nullable: true })) });
  const writer = new ParquetWriter({ writer: fileWriter(temporary), schema, createdBy });
  let batch: ColumnValues[] = columns.map(() => []);
  let batchRows = 0;
  let count = 0;
  const flush = (): void => {
    if (batchRows === 0) return;
    writer.write({ columnData: columns.map((c, i) => ({ name: c.name, data: batch[i] ?? [] })), rowGroupSize: batchRows });
    batch = columns.map(() => []);
    batchRows = 0;
  };
  for (const row of rows) {
    columns.forEach((c, i) => batch[i]?.push(convert(row[c.name] ?? null, c.type)));
    batchRows += 1;
    count += 1;
    if (batchRows >= ROWS_PER_GROUP) flush();
  }
  flush();
  writer.finish();
  renameSync(temporary, path);
  return count;
}
