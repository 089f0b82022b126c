import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/render-html.js';
import { renderJson } from '../../src/report/render-json.js';
import { renderMarkdown } from '../../src/report/render-markdown.js';
import { buildFixtureReport, FIXTURE_DIR } from './report-fixture.js';

// Regenerate locally with `UPDATE_GOLDEN=1 npx vitest run test/report/golden-reports.test.ts`, then
// review the diff. CI sets CI=true, and then the files are never rewritten: a mismatch fails.
const UPDATE = process.env.UPDATE_GOLDEN === '1' && !process.env.CI;
const GOLDEN_DIR = join(FIXTURE_DIR, 'golden');

const RENDERERS = { md: renderMarkdown, html: renderHtml, json: renderJson } as const;

describe('golden reports on the fixed fixture', () => {
  for (const [format, render] of Object.entries(RENDERERS)) {
    it(`report.${format} matches ${GOLDEN_DIR}/report.${format}`, () => {
      const actual = render(buildFixtureReport());
      const path = join(GOLDEN_DIR, `report.${format}`);
      if (UPDATE) {
        mkdirSync(GOLDEN_DIR, { recursive: true });
        writeFileSync(path, actual, 'utf8');
      }
      const hint = `report.${format} differs from ${path}. If the change is intended, run UPDATE_GOLDEN=1 npx vitest run test/report/golden-reports.test.ts and review the diff.`;
      expect(existsSync(path), `${path} is missing. ${hint}`).toBe(true);
      // Compare line by line first, so a failure names the first differing line rather than a wall of text.
      const expected = readFileSync(path, 'utf8');
      const actualLines = actual.split('\n');
      const expectedLines = expected.split('\n');
      const first = actualLines.findIndex((line, i) => line !== expectedLines[i]);
      expect(first === -1 ? null : { line: first + 1, actual: actualLines[first], expected: expectedLines[first] }, hint).toBeNull();
      expect(actual, hint).toBe(expected);
    });
  }

  it('the same inputs give byte-identical reports', () => {
    for (const render of Object.values(RENDERERS)) expect(render(buildFixtureReport())).toBe(render(buildFixtureReport()));
  });
});
