import { describe, expect, it } from 'vitest';
import { readHar } from '../../src/capture/read-har.js';
import { JsonArrayStream, JsonStreamError } from '../../src/capture/stream-json-array.js';
import { ImportError } from '../../src/model/errors.js';
import type { Observation } from '../../src/model/observation.js';
import { encodeText } from '../helpers/pcap-writer.js';

/** Reads `text` in pieces of `size` bytes and returns the elements handed over. */
function readElements(text: string | Uint8Array, size: number, dropped: string[][] = []): unknown[] {
  const bytes = typeof text === 'string' ? encodeText(text) : text;
  const reader = new JsonArrayStream({ arrayPath: ['log', 'entries'], droppedStrings: dropped });
  const out: unknown[] = [];
  for (let at = 0; at < bytes.length; at += size) {
    reader.write(bytes.subarray(at, at + size));
    out.push(...reader.elements);
    reader.elements.length = 0;
  }
  reader.end();
  expect(reader.sawArray).toBe(true);
  return out;
}

function errorOf(text: string, size = 3): JsonStreamError {
  try {
    readElements(text, size);
  } catch (error) {
    if (error instanceof JsonStreamError) return error;
    throw error;
  }
  throw new Error('no error');
}

describe('JsonArrayStream', () => {
  const documents = [
    { log: { version: '1.2', creator: { name: 'x', list: [1, [2, { a: null }]] }, entries: [] } },
    { log: { pages: [{ id: 'p', entries: ['not these'] }], entries: [{ a: 1 }, 'two', 3.5e-2, -0, true, null, [1, { b: [] }]] } },
    { other: { entries: [9] }, log: { entries: [{ text: 'tab\t "quoted" \\ back \u00e9 \ud83d\ude00 \u2028', n: -12.5e+3 }] }, after: [1, 2] },
    { log: { entries: [{ '': 1, 'k\u00e9y': { 'x"y': 'z' } }] } },
  ];

  it.each(documents.map((d, i) => [i, d] as const))('gives what JSON.parse gives (document %i), whatever the chunk size', (_i, document) => {
    const text = JSON.stringify(document, null, 1);
    const expected = (JSON.parse(text) as typeof document).log.entries;
    for (const size of [1, 2, 3, 7, 64, text.length]) expect(readElements(text, size)).toEqual(expected);
  });

  it('scans and drops the strings it is told to, keeping the rest of the element', () => {
    const text = JSON.stringify({ log: { entries: [{ request: { url: 'http://a.example/' }, response: { content: { size: 3, text: 'abc\\"' }, status: 200 } }] } });
    expect(readElements(text, 5, [['response', 'content', 'text']])).toEqual([{ request: { url: 'http://a.example/' }, response: { content: { size: 3, text: null }, status: 200 } }]);
  });

  it('accepts a UTF-8 byte order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...encodeText('{"log":{"entries":[1]}}')]);
    expect(readElements(bytes, 2)).toEqual([1]);
  });

  it('locates syntax errors by line and column, and says when the document ends early', () => {
    expect(errorOf('{"log": {\n  "version": "1.2",\n  "entries": x\n}}')).toMatchObject({ line: 3, column: 14, atEnd: false, character: 'x' });
    expect(errorOf('{"log": {"entries": [1, 2,]}}')).toMatchObject({ line: 1, column: 27, character: ']' });
    expect(errorOf('{"log": {"entries": [{"a" 1}]}}')).toMatchObject({ column: 27, character: '1' });
    expect(errorOf('{"log": {"entries": [tru]}}')).toMatchObject({ column: 22, character: 't' });
    expect(errorOf('{"log": {"entries": ["a\nb"]}}')).toMatchObject({ line: 1, character: '\n' });
    expect(errorOf('{"log": {"entries": []}} x')).toMatchObject({ column: 26, character: 'x' });
    expect(errorOf('{"log": {"entries": [{"request": ')).toMatchObject({ line: 1, atEnd: true });
    expect(errorOf('{"log": {"entries": ["bad \\q escape"]}}')).toMatchObject({ atEnd: false, character: '"' });
  });
});

describe('readHar on a HAR larger than a JavaScript string can hold', () => {
  it('reads its entries, dropping the response body, in bounded memory', async () => {
    const MiB = 1024 * 1024;
    const bodyMiB = 600;
    const entry = (url: string, text: string) =>
      `{"startedDateTime":"2026-01-01T00:00:00Z","serverIPAddress":"198.51.100.7","request":{"method":"POST","url":"${url}","headers":[],"postData":{"text":"uid=8f3a0c91d2"}},"response":{"content":{"text":"${text}`;
    async function* source(): AsyncGenerator<Uint8Array> {
      yield encodeText(`{"log":{"version":"1.2","entries":[${entry('http://first.example/a', '')}`);
      const block = new Uint8Array(MiB).fill(0x61);
      for (let i = 0; i < bodyMiB; i++) yield block;
      yield encodeText(`"}}},${entry('http://second.example/b', 'small')}"}}}]}}`);
    }
    const before = process.memoryUsage().rss;
    const observations: Observation[] = [];
    for await (const batch of readHar(source(), 'big.har')) observations.push(...batch);
    const requests = observations.filter((o) => o.kind === 'http-request');
    expect(requests.map((r) => (r.kind === 'http-request' ? [r.frame, r.url, new TextDecoder().decode(r.body)] : null))).toEqual([
      [1, 'http://first.example/a', 'uid=8f3a0c91d2'],
      [2, 'http://second.example/b', 'uid=8f3a0c91d2'],
    ]);
    // The document was never held: far less than the 600 MiB body went into memory.
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * MiB);
  }, 60_000);

  it('refuses a truncated HAR with an ImportError naming the line', async () => {
    async function* source(): AsyncGenerator<Uint8Array> {
      yield encodeText('{"log": {"entries": [{"request": ');
    }
    const read = async () => {
      for await (const _batch of readHar(source(), 'cut.har'));
    };
    await expect(read()).rejects.toThrow(ImportError);
    await expect(read()).rejects.toThrow(/line 1: not valid JSON: the document ends early/);
  });
});
