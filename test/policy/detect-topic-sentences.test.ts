import { describe, expect, it } from 'vitest';
import { findTopicSpans, isQuestion } from '../../src/policy/detect-topic-sentences.js';

const topics = (text: string, options?: { overviews?: boolean }): string[] => findTopicSpans(text, options).map((s) => text.slice(s.start, s.end));

describe('detectTopicSentences', () => {
  it('reads questions and question headings, not conditions or advice', () => {
    expect(isQuestion('What security measures do we take?')).toBe(true);
    expect(isQuestion('How do I know my information is safe on Example.com')).toBe(true);
    expect(isQuestion('Does this Policy apply in other countries')).toBe(true);
    expect(isQuestion('When required for the provision of our Services')).toBe(false);
    expect(isQuestion('Do not share your password with anyone')).toBe(false);
    expect(isQuestion('How we use cookies.')).toBe(false);
  });

  it('reads a table of contents written as sentences, not a capitalised heading fused with a statement', () => {
    // redorbit.com (OPP-115): the list after "it has agreed to disclose its information practices".
    expect(isQuestion('What types of security procedures are in place to protect the loss, misuse or alteration of information under RedOrbit, Inc. control.')).toBe(true);
    expect(isQuestion('With whom RedOrbit, Inc. may share user information.')).toBe(true);
    // sidearmsports.com (OPP-115): the heading and the statement after it are one sentence.
    expect(
      isQuestion('WITH WHOM WE SHARE INFORMATION ABOUT YOU Within SIDEARM Sports If you have registered to use the SIDEARM Services, we will not sell, rent, swap or authorize any third party to use your email address.'),
    ).toBe(false);
  });

  it('marks an announcement of the policy contents from where it starts', () => {
    const text = 'Welcome. This policy explains how we collect, use and share information. We share data with vendors.';
    expect(topics(text)).toEqual(['This policy explains how we collect, use and share information.']);
    expect(topics(text, { overviews: false })).toEqual([]);
  });

  it('marks a right to ask about disclosures, not a request for information that precedes a disclosure', () => {
    expect(topics('Residents may request a list of the third parties to whom we have disclosed personal information.')).toHaveLength(1);
    expect(topics('You have the right to receive, once a year, information about third parties with whom we have shared your information.')).toHaveLength(1);
    expect(topics('We may receive legal requests for information related to our users, be required to share data with authorities.')).toEqual([]);
    expect(topics('You will receive notice when personal information about you might be shared with third parties.')).toEqual([]);
  });
});
