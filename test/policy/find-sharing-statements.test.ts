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

  it('reads data displayed publicly, other parties collecting, and a recipient given data before the data is named', () => {
    // rockstargames.com, taylorswift.com and imdb.com (OPP-115 development split), all labelled Third Party Sharing/Collection.
    expect(kinds('We may match and/or combine information collected in connection with various Online Services and display it publicly, including on our websites.')).toEqual(['public']);
    expect(kinds('Your participation in tournaments is conditional upon our collection, use, storage, transmission and public display of statistical data.')).toEqual(['public']);
    expect(kinds('We do not intentionally or knowingly allow other parties to collect personally-identifiable information about your on-line activities.')).toEqual(['third-party-collection']);
    expect(kinds('When we do this, we do not give that business your name and e-mail address.')).toEqual(['disclosure']);
    expect(kinds('We give you a choice about the offers you receive.')).toEqual([]);
  });

  it('does not read "release date", "trade name" or "in exchange for" as giving data away', () => {
    expect(kinds('Your contact information is used to communicate related information, such as order and shipment confirmation, release date changes and requests for more information.')).toEqual([]);
    expect(kinds('Reference to specific commercial businesses, products, processes, or services by trade name, trademark, manufacturer, or otherwise does not constitute endorsement.')).toEqual([]);
    expect(kinds('Users agree that they may receive occasional e-mail messages from AAAS in exchange for this free content.')).toEqual([]);
    expect(kinds('We may release your information when required by law.')).toEqual(['disclosure']);
  });

  it('reads data made available to a recipient with the data between the verb and "available to"', () => {
    // latinpost.com and wnep.com (OPP-115 development split).
    expect(kinds('In addition to the above, we will make your Personal Information and Other Information available to certain third parties in the following limited circumstances:')).toEqual(['disclosure']);
    expect(kinds('We will make your information available to other companies, websites, applications or people in the circumstances described below:')).toEqual(['disclosure']);
    expect(kinds('We do not make your information available to anyone.')).toEqual(['disclosure']);
    expect(kinds('We may make certain features available to you.')).toEqual([]);
    expect(kinds('We make our newsletters available to our users.')).toEqual([]);
  });

  it('reads data passed to another organization or to social networking sites as given away', () => {
    // gawker.com and barnesandnoble.com (OPP-115 development split), all labelled Third Party Sharing/Collection.
    expect(kinds('Your personal and contact information will not be passed to any other organization.')).toEqual(['disclosure']);
    expect(kinds('Kinja will not pass information provided when you register via a Third Party Service to any other organization except in aggregate form.')).toEqual(['disclosure']);
    expect(kinds('However, we will not provide any of your information to social networking sites without your express consent.')).toEqual(['disclosure']);
    // Passing data to the service or the reader, or passing with no outside recipient, is not.
    expect(kinds('Please pass your information to us by e-mail.')).toEqual([]);
    expect(kinds('We pass the information to you in a monthly statement.')).toEqual([]);
    expect(kinds('Your session information is passed between pages of the site.')).toEqual([]);
  });

  it('reads an outside collector whose collecting verb is coordinated with its first verb', () => {
    // vikings.com (OPP-115 development split), labelled Third Party Sharing/Collection.
    expect(kinds('In some instances, a third party advertiser or sponsor may operate or host a contest or sweepstakes on the Website, and collect your information.')).toEqual(['third-party-collection']);
    // Not when the service collects in the second clause, nor without the coordination.
    expect(kinds('Third parties may link to our site, and we collect information about the referral.')).toEqual([]);
    expect(kinds('A third party sponsor may host a contest on the Website for several weeks before winners are drawn; it does not collect anything.')).toEqual([]);
  });
});

