import { describe, expect, it } from 'vitest';
import { followListLeadIns } from '../../src/policy/find-list-lead-ins.js';

describe('followListLeadIns', () => {
  it('gives each item of a list its lead-in, nested lead-ins first, and ends the list after an item ending like a sentence', () => {
    // newsbusters.org (OPP-115 development split), one block per list item.
    const blocks = [
      'THE MRC may share personally identifiable information with others, such as:',
      'Law enforcement authorities, government agencies, courts, or other entities, when:',
      'we believe in good faith that the law requires it',
      'to otherwise protect our rights, other persons, or other users of our Services.',
      'We use cookies to remember your preferences.',
    ];
    const outer = 'THE MRC may share personally identifiable information with others, such as:';
    const inner = 'Law enforcement authorities, government agencies, courts, or other entities, when:';
    expect(followListLeadIns(blocks)).toEqual([[], [outer], [inner, outer], [inner, outer], []]);
  });

  it('takes the last sentence of a paragraph as its lead-in and ends a list at a long paragraph', () => {
    const leadIn =
      'Our Sites may contain links to other websites. In addition to the above, we will make your Personal Information available to certain third parties in the following limited circumstances:';
    const paragraph = `${'We may update this policy from time to time, and we will post any change on this page with a new effective date; '.repeat(4)}please check it often`;
    const blocks = [leadIn, 'When we are compelled to do so by a governmental agency, court or other entity;', paragraph, 'Contact us with any question'];
    const last = 'In addition to the above, we will make your Personal Information available to certain third parties in the following limited circumstances:';
    expect(followListLeadIns(blocks)).toEqual([[], [last], [last], []]);
  });

  it('continues a list that started above the blocks given', () => {
    expect(followListLeadIns(['If we believe in good faith that the law requires such disclosure.'], ['We may also disclose information:'])).toEqual([
      ['We may also disclose information:'],
    ]);
  });
});
