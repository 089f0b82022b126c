import { describe, expect, it } from 'vitest';
import { predictSegmentPractices } from '../../src/eval/predict-segment-practices.js';

const entities = (html: string): string[] => [...predictSegmentPractices(html, []).thirdPartyEntities].sort();

describe('predictSegmentPractices: Third Party Entity as the OPP-115 manual defines it', () => {
  it('a kind of recipient is named, bare "third parties" and "partners" are unnamed, affiliates are part of the company', () => {
    expect(entities('<p>We share your email address with advertising networks.</p>')).toEqual(['named']);
    expect(entities('<p>We may share your information with third parties.</p>')).toEqual(['unnamed']);
    expect(entities('<p>We may share your information with our business partners.</p>')).toEqual(['unnamed']);
    expect(entities('<p>We may share your information with our affiliates and subsidiaries.</p>')).toEqual(['affiliate']);
    // A disclosure with no recipient at all is unnamed too.
    expect(entities('<p>We may release account information when required by law.</p>')).toEqual(['unnamed']);
  });

  it('a question heading or a table of contents is not a practice', () => {
    const prediction = predictSegmentPractices('<ul><li>What security measures do we take?</li><li>With whom do we share your information?</li></ul>', []);
    expect([...prediction.categories]).toEqual([]);
  });
});
