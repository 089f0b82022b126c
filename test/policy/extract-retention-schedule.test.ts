import { describe, expect, it } from 'vitest';
import type { PolicySnapshot } from '../../src/model/policy.js';
import { extractClaims } from '../../src/policy/extract-claims.js';
import { extractPolicyText } from '../../src/policy/extract-policy-text.js';
import { makeSnapshot, ORGANISATIONS, retentions } from './policy-test-helpers.js';

function retentionOf(content: string, format: PolicySnapshot['format']): { dataKind: string | null; vagueness: string; periodDays: number | null; trigger: string; quote: string }[] {
  const policy = extractPolicyText(makeSnapshot(content, format));
  return retentions(extractClaims(policy, { organisations: ORGANISATIONS })).map((c) => ({ dataKind: c.dataKind, vagueness: c.vagueness, periodDays: c.periodDays, trigger: c.trigger, quote: c.quote }));
}

const INTRO = 'Northwind Labs, Inc. ("we") collects personal data to run the Northwind voice app.';

// Schedules as real policies lay them out: an HTML table, a Markdown table, a list after a lead-in.
describe('retention schedules', () => {
  it("keeps a row's data kind when the sentence reader understood the row itself (trial 7 P2-7)", () => {
    const policy = extractPolicyText(makeSnapshot('# Privacy\n\n## How long we keep data\n\n- Heart rate and sleep data: until you delete them.\n- Note: we keep it until you ask us to delete it.\n', 'markdown'));
    const claims = retentions(extractClaims(policy, { organisations: ORGANISATIONS }));
    expect(claims.map((c) => [c.dataKind, c.vagueness])).toEqual([
      ['Heart rate and sleep data', 'limited'],
      [null, 'limited'],
    ]);
  });

  it('reads each row of a table under a retention heading as a claim for that kind of data, quoted as written', () => {
    const html = `<h1>Privacy Notice</h1><p>${INTRO}</p><h2>How long we keep your data</h2>
<table><tr><th>Category</th><th>Retention period</th></tr>
<tr><td>Account data</td><td>Life of the account plus 30 days</td></tr>
<tr><td>Voice recordings</td><td>Up to 72 hours</td></tr>
<tr><td>Server logs</td><td>13 months</td></tr>
<tr><td>Profile photos</td><td>Until you delete your account</td></tr></table>`;
    expect(retentionOf(html, 'html')).toEqual([
      { dataKind: 'Account data', vagueness: 'stated', periodDays: 30, trigger: 'Life of the account plus 30 days', quote: 'Account data | Life of the account plus 30 days' },
      { dataKind: 'Voice recordings', vagueness: 'stated', periodDays: 3, trigger: 'Up to 72 hours', quote: 'Voice recordings | Up to 72 hours' },
      { dataKind: 'Server logs', vagueness: 'stated', periodDays: 395.72, trigger: '13 months', quote: 'Server logs | 13 months' },
      // The deletion verb makes this row the sentence reader's own, with its reading of the data kind.
      { dataKind: 'Profile photos', vagueness: 'limited', periodDays: null, trigger: 'Until you delete your account', quote: 'Profile photos | Until you delete your account' },
    ]);
  });

  it('reads a list after a retention lead-in, and the lead-in is not a vague claim of its own', () => {
    const markdown = `# Privacy Notice\n\n${INTRO}\n\n## Your data\n\nWe retain the following data for the periods below:\n\n- Voice recordings: 72 hours\n- Server logs: 13 months\n`;
    expect(retentionOf(markdown, 'markdown').map((c) => [c.dataKind, c.vagueness, c.periodDays])).toEqual([
      ['Voice recordings', 'stated', 3],
      ['Server logs', 'stated', 395.72],
    ]);
  });

  it('leaves rows alone outside a retention heading or lead-in, cookie tables, and rows without a period', () => {
    const markdown = [
      '# Privacy Notice',
      INTRO,
      '## Deletion requests',
      '- Access requests: within 30 days',
      '## Cookies we use and how long they last',
      '| Cookie | Duration |\n| --- | --- |\n| _ga | 2 years |',
      '## How long we keep your data',
      '- Voice recordings: as described in our Help Center',
      '## Our offices',
      '- Dublin: 2 years of operation',
    ].join('\n\n');
    expect(retentionOf(markdown, 'markdown')).toEqual([]);
  });
});
