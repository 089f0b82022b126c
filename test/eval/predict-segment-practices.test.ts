import { describe, expect, it } from 'vitest';
import { detectSegmentLeadIns, predictSegmentPractices } from '../../src/eval/predict-segment-practices.js';
import { predictRetentionClass } from '../../src/eval/score-opp115.js';

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

  it('a buyer the sentence never writes is unnamed; one it calls "the buyer" is characterized (session 9 item 6)', () => {
    expect(entities('<p>In the event of a merger or sale of our assets, we may transfer your information.</p>')).toEqual(['unnamed']);
    expect(entities('<p>If we sell our business, we may transfer your information to the buyer.</p>')).toEqual(['named']);
  });

  it('a question heading or a table of contents is not a practice', () => {
    const prediction = predictSegmentPractices('<ul><li>What security measures do we take?</li><li>With whom do we share your information?</li></ul>', []);
    expect([...prediction.categories]).toEqual([]);
  });

  it('a list item under a sharing lead-in in the previous segment is Third Party Sharing/Collection', () => {
    // tulsaworld.com and meredith.com (OPP-115 development split): each list item is its own segment.
    const item = '<p>If we believe in good faith that the law requires such disclosure.</p>';
    expect([...predictSegmentPractices(item, []).categories]).toEqual([]);
    expect([...predictSegmentPractices(item, [], [], ['We may also disclose information:']).categories]).toEqual(['Third Party Sharing/Collection']);
    const collected = '<p>Search terms you enter using our Services or on a referral site;</p>';
    const byContractors = 'Meredith or third-party contractors we engage may collect certain information automatically when you use our Services, including but not limited to:';
    expect([...predictSegmentPractices(collected, [], ['meredith'], [byContractors]).categories]).toEqual(['Third Party Sharing/Collection']);
    expect([...predictSegmentPractices(collected, [], ['meredith'], ['We use the information we collect to:']).categories]).toEqual([]);
  });

  it('gives each segment the lead-ins of the list it belongs to', () => {
    const segments = ['<p>We may also disclose information:</p>', '<p>to satisfy any applicable laws or regulations,</p>', '<p>to defend ourselves in litigation.</p>', '<p>Cookies</p>'];
    expect(detectSegmentLeadIns(segments)).toEqual([[], ['We may also disclose information:'], ['We may also disclose information:'], []]);
  });
});

describe('predictSegmentPractices: cookie lifetimes are Data Retention (the manual lists cookies as retained information)', () => {
  it('counts a cookie lifetime as Data Retention without making a retention claim, and answers its Retention Period', () => {
    const prediction = predictSegmentPractices('<p>These cookies contain no personally identifiable information and are deleted when the browser window is closed.</p>', []);
    expect([...prediction.categories]).toEqual(['Data Retention']);
    expect(prediction.claims.filter((c) => c.kind === 'retention')).toEqual([]);
    expect(predictRetentionClass(prediction, null)).toBe('limited');
    expect([...predictSegmentPractices('<p>We use cookies to remember your preferences.</p>', []).categories]).toEqual([]);
  });
});
