import { describe, expect, it } from 'vitest';
import { locateJsonError } from '../../src/capture/locate-json-error.js';

describe('locating JSON syntax errors', () => {
  it('returns null for valid JSON', () => {
    expect(locateJsonError('{"log": {"entries": [1, true, null, "x"]}}')).toBeNull();
  });

  it('points at the first wrong character with line and column', () => {
    expect(locateJsonError('{\n  "a": 1,\n  "b": @\n}')).toEqual({ line: 3, column: 8, atEnd: false, character: '@' });
    expect(locateJsonError('{"a": 1,\n}')).toEqual({ line: 2, column: 1, atEnd: false, character: '}' });
    expect(locateJsonError('{"a": 1}}')).toEqual({ line: 1, column: 9, atEnd: false, character: '}' });
    // `t` could still begin `true`; the `h` cannot.
    expect(locateJsonError('this is prose')).toEqual({ line: 1, column: 2, atEnd: false, character: 'h' });
  });

  it('reports a document that stops early as ending early, wherever it was cut', () => {
    const document = JSON.stringify({ log: { version: '1.2', entries: [{ request: { url: 'https://a.example/?q=1', n: -1.5e3, ok: true, x: null } }] } }, null, 1);
    for (let cut = 1; cut < document.length; cut++) {
      const prefix = document.slice(0, cut);
      expect(locateJsonError(prefix), JSON.stringify(prefix)).toMatchObject({ atEnd: true });
    }
  });
});
