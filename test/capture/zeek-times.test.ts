import { describe, expect, it } from 'vitest';
import { summarizeCapture } from '../../src/capture/summarize-capture.js';
import { ImportError } from '../../src/model/errors.js';
import { writeTempFile } from './support.js';

/** One conn.log JSON line with the given ts (as JSON). */
function connLine(ts: string, port = 40000): string {
  return `{"ts":${ts},"uid":"C${port}","id.orig_h":"192.168.1.10","id.orig_p":${port},"id.resp_h":"104.244.42.1","id.resp_p":443,"proto":"tcp","conn_state":"SF","orig_ip_bytes":1200,"resp_ip_bytes":5000}`;
}

async function summarize(lines: string[]) {
  return summarizeCapture(writeTempFile('conn.log', `${lines.join('\n')}\n`), { format: 'zeek' });
}

describe('Zeek record times', () => {
  it.each([
    ['epoch seconds (the default)', '1709287200.123456', 1709287200.123456],
    ['ISO 8601 (JSON::TS_ISO8601), with the microseconds', '"2024-03-01T10:00:00.123456Z"', 1709287200.123456],
    ['ISO 8601 with an offset', '"2024-03-01T11:00:00+01:00"', 1709287200],
    ['epoch milliseconds (JSON::TS_MILLIS)', '1709287200123', 1709287200.123],
  ])('reads %s', async (_name, ts, seconds) => {
    const summary = await summarize([connLine(ts)]);
    expect(summary.flows).toHaveLength(1);
    expect(summary.firstTime).toBeCloseTo(seconds, 6);
    expect(summary.flows[0]?.firstTime).toBeCloseTo(seconds, 6);
  });

  it('warns once per record without a time, naming the line only where the warning is located', async () => {
    const summary = await summarize([connLine('1709287200'), connLine('"yesterday"', 40001)]);
    expect(summary.flows).toHaveLength(1);
    expect(summary.warnings).toEqual([{ offset: 2, where: 'line', message: 'missing or invalid ts; skipped' }]);
  });

  it('refuses a log none of whose records has a usable time, instead of storing an empty capture', async () => {
    const read = summarize([connLine('"01/03/2024 10:00"'), connLine('"soon"', 40001)]);
    await expect(read).rejects.toThrow(ImportError);
    await expect(read).rejects.toThrow(/line 1: no record has a usable ts/);
  });
});
