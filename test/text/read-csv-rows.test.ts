import { describe, expect, it } from 'vitest';
import { readCsvRows } from '../../src/text/read-csv-rows.js';

const readCsvRecords = (text: string): string[][] => readCsvRows(text).rows.map((r) => r.fields);

describe('readCsvRows', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    const text = 'a,"b, c","say ""hi"""\r\n"multi\nline",,x\n';
    expect(readCsvRecords(text)).toEqual([
      ['a', 'b, c', 'say "hi"'],
      ['multi\nline', '', 'x'],
    ]);
  });

  it('skips blank lines and keeps a last record without a line end', () => {
    expect(readCsvRecords('1,2\n\n3,4')).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('reads the JSON attribute cell of a real OPP-115 row intact', () => {
    const row =
      'C1,batch,88,3635,2,Data Retention,"{""Retention Period"": {""endIndexInSegment"": 10, ""startIndexInSegment"": 0, ""selectedText"": ""30 days, \\""max\\"""", ""value"": ""Stated Period""}}",1/1/15,http://example.com/';
    const [record] = readCsvRecords(row);
    expect(record).toHaveLength(9);
    const attributes = JSON.parse(record?.[6] ?? '') as Record<string, { value: string; selectedText: string }>;
    expect(attributes['Retention Period']).toMatchObject({ value: 'Stated Period', selectedText: '30 days, "max"' });
  });

  it('gives each record the line it starts on, counting line breaks inside quoted fields', () => {
    expect(readCsvRows('app,policy\n"two\nlines",p\n\nlast,q').rows.map((r) => r.line)).toEqual([1, 2, 5]);
  });

  it('reports a quoted field left open at the end with the line its record starts on', () => {
    expect(readCsvRows('app\nok\n"open,\nstill open').unclosedQuoteLine).toBe(3);
    expect(readCsvRows('app\n"closed"').unclosedQuoteLine).toBeNull();
  });
});
