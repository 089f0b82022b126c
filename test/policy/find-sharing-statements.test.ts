import { describe, expect, it } from 'vitest';
import { findSharingStatements } from '../../src/policy/find-sharing-statements.js';

const kinds = (text: string): string[] => [...new Set(findSharingStatements(text).map((s) => s.kind))];

describe('findSharingStatements', () => {
  it('reads disclosures with no recipient named, active or passive, affirmed or denied', () => {
    expect(kinds('We may release account information when we believe release is appropriate to comply with the law.')).toEqual(['disclosure']);
    expect(kinds('We may provide your email address to advertisers who offer you discounts.')).toEqual(['disclosure']);
    // "provide", "send" and "transfer" need an outside recipient: these are the service serving the reader.
    expect(kinds('We provide you with the information you request and send you receipts.')).toEqual([]);
    expect(kinds('We do not sell or rent your personal information.')).toEqual(['disclosure']);
    expect(kinds('We will forward the information you give us to the publisher to fulfil your order.')).toEqual(['disclosure']);
  });

  it('reads outside organisations collecting on the site', () => {
    expect(kinds('Third-party advertisers may use cookies to collect information about your visits to this site.')).toEqual(['third-party-collection']);
    expect(kinds('These companies may collect information about you when you view or click their ads.')).toEqual(['third-party-collection']);
    expect(kinds('Our advertising partners may place their own tracking tags in the ads they show.')).toEqual(['third-party-collection']);
  });

  it('reads business transfers', () => {
    expect(kinds('In the event of a merger or acquisition, customer information may be transferred along with the business.')).toEqual(['business-transfer']);
  });

  it('reads data made public', () => {
    expect(kinds('Anything you post in the forums becomes public and can be read by other visitors.')).toEqual(['public']);
    expect(kinds('Your profile name is publicly visible to other members.')).toEqual(['public']);
  });

  it('ignores giving to the service or the reader, overviews, threats, transfers abroad and sources', () => {
    expect(kinds('You can choose not to provide certain information to us.')).toEqual([]);
    expect(kinds('We will provide you with an email address for opting out.')).toEqual([]);
    expect(kinds('This policy explains how we collect, use and share information about you.')).toEqual([]);
    expect(kinds('No safeguard can prevent every unauthorized attempt to access, use or disclose personal information.')).toEqual([]);
    expect(kinds('Your information may be transferred to and processed in the United States.')).toEqual([]);
    expect(kinds('We also obtain data from publicly available sources and from third parties.')).toEqual([]);
    expect(kinds('Our data is stored on servers that are not available to the public.')).toEqual([]);
  });

  it('ignores questions, introductions and California rights to request a list of recipients', () => {
    expect(kinds('III. HOW DO WE SHARE PERSONAL INFORMATION?')).toEqual([]);
    expect(kinds('The following statement discloses the information gathering and dissemination practices for this website.')).toEqual([]);
    expect(kinds('We will post changes so that users know what we collect and under what circumstances, if any, we disclose it.')).toEqual([]);
    expect(kinds('California residents may request certain information regarding our disclosure of personal information to third parties for their direct marketing purposes.')).toEqual([]);
    expect(kinds('HOW DO WE SHARE PERSONAL INFORMATION? We share your personal information only as described below.')).toEqual(['disclosure']);
  });

  it('reads "the information you provide to us" as the data disclosed, not as a gift to the service', () => {
    expect(kinds('We may disclose any information you provide to us in the good faith belief that the law requires it.')).toEqual(['disclosure']);
    expect(kinds('You may share your comments with us.')).toEqual([]);
  });
});

