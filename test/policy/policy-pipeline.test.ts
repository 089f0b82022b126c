import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractClaims } from '../../src/policy/extract-claims.js';
import { extractPolicyText } from '../../src/policy/extract-policy-text.js';
import { loadPolicySnapshot } from '../../src/policy/load-policy-snapshot.js';
import { encryptions, ORGANISATIONS, processors, retentions, transfers } from './policy-test-helpers.js';

const FIXTURE = join(process.cwd(), 'test', 'fixtures', 'policies', 'voice-chat.html');

describe('policy pipeline on a small HTML fixture', () => {
  it('loads, extracts and claims with exact spans and section paths', async () => {
    const snapshot = await loadPolicySnapshot(FIXTURE, { now: () => new Date(0) });
    expect(snapshot.format).toBe('html');
    const policy = extractPolicyText(snapshot);
    expect(policy.text).not.toMatch(/INJECTED|tracker|Home|Careers|xss/);
    const claims = extractClaims(policy, { organisations: ORGANISATIONS });
    for (const claim of claims) expect(policy.text.slice(claim.span.start, claim.span.end)).toBe(claim.quote);

    expect(processors(claims).map((c) => [c.name, c.entityId ?? c.category, c.polarity])).toEqual([
      ['service providers', 'service-providers', 'affirmative'],
      ['Analytics partners', 'analytics', 'affirmative'],
      ['Mixpanel', undefined, 'affirmative'],
      ['Firebase', 'google', 'affirmative'],
      ['third parties (implied)', 'third-parties', 'negative'],
    ]);
    expect(processors(claims)[0]?.sectionPath).toEqual(['Privacy Policy', 'Information We Share']);

    expect(retentions(claims).map((c) => [c.vagueness, c.trigger, c.periodDays])).toEqual([
      ['limited', 'temporarily', null],
      ['limited', 'when the room ends', null],
      ['stated', 'for 90 days', 90],
    ]);
    expect(retentions(claims)[0]).toMatchObject({ dataKind: 'recordings', sectionPath: ['Privacy Policy', 'Data Retention'] });

    expect(encryptions(claims)).toEqual([
      // "No method of transmission is 100% secure" is the next sentence's: a disclaimer, not this claim's hedge.
      expect.objectContaining({ scope: 'unspecified', technologies: ['industry-standard'], hedges: [] }),
    ]);
    expect(transfers(claims).map((c) => [c.transferType, c.countries, c.unspecified])).toEqual([
      ['storage', ['US'], false],
      ['transfer', [], true],
    ]);
  });
});
