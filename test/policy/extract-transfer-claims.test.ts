import { describe, expect, it } from 'vitest';
import { claimsOf, transfers } from './policy-test-helpers.js';

describe('extractTransferClaims', () => {
  it('reads storage in a named country', () => {
    const [claim, ...rest] = transfers(claimsOf('Your data is stored in the United States.'));
    expect(rest).toEqual([]);
    expect(claim).toMatchObject({ transferType: 'storage', countries: ['US'], regions: [], unspecified: false, polarity: 'affirmative' });
  });

  it('maps aliases to ISO codes and regions to region ids', () => {
    expect(transfers(claimsOf('We may transfer your information to the U.S., China and Singapore.'))[0]).toMatchObject({
      transferType: 'transfer',
      countries: ['US', 'CN', 'SG'],
    });
    expect(transfers(claimsOf('Our servers are located in the PRC and the EEA.'))[0]).toMatchObject({ countries: ['CN'], regions: ['EEA'] });
    expect(transfers(claimsOf('Audio is processed on Chinese servers.'))[0]).toMatchObject({ transferType: 'storage', countries: ['CN'] });
  });

  it('reads a country after the city it is in ("located in Frankfurt, Germany")', () => {
    expect(transfers(claimsOf('Our servers are located in Frankfurt, Germany.'))[0]).toMatchObject({ transferType: 'storage', countries: ['DE'] });
    expect(transfers(claimsOf('We host data in Ashburn, Virginia, United States and in Dublin, Ireland.'))[0]).toMatchObject({ countries: ['US', 'IE'] });
    // The city does not turn an origin into a destination.
    expect(transfers(claimsOf('Servers process requests from users in Paris, France.'))).toEqual([]);
  });

  it('reads a data-centre city, a US state or a cloud region id as its country (trial 6 P1-5)', () => {
    expect(transfers(claimsOf('Our servers are hosted by Amazon Web Services in Frankfurt and Virginia.'))[0]).toMatchObject({
      transferType: 'storage',
      countries: ['DE', 'US'],
    });
    expect(transfers(claimsOf('Our data centers are located in Virginia, Oregon, Singapore and Shanghai.'))[0]).toMatchObject({ countries: ['US', 'SG', 'CN'] });
    // The region id names the data centre by itself; the provider between preposition and place is skipped.
    expect(transfers(claimsOf('Your data is hosted in the AWS eu-central-1 (Frankfurt) region.'))[0]).toMatchObject({ transferType: 'storage', countries: ['DE'] });
    expect(transfers(claimsOf("We store recordings in Google Cloud's europe-west4 and us-central1 regions."))[0]).toMatchObject({ countries: ['NL', 'US'] });
    expect(transfers(claimsOf("Backups are kept in Azure's Sydney data centre."))[0]).toMatchObject({ countries: ['AU'] });
  });

  it('does not read a state or city that is the origin, the reader or a person as a destination', () => {
    expect(transfers(claimsOf('We transfer data from California to Ireland.'))[0]).toMatchObject({ countries: ['IE'] });
    expect(transfers(claimsOf('If you are in Texas, your data is stored in Ireland.'))[0]).toMatchObject({ countries: ['IE'] });
    // Georgia and a bare Washington are left out on purpose: a country and a person's name.
    expect(transfers(claimsOf('Our servers are located in Georgia and Washington.'))).toEqual([]);
    // A place that starts a longer name is not one.
    expect(transfers(claimsOf('We share data with publishers such as The New York Times and store it in Ireland.'))[0]).toMatchObject({ countries: ['IE'] });
    expect(transfers(claimsOf('Data is stored in the Frankfurt Region of our provider.'))[0]).toMatchObject({ countries: ['DE'] });
    // OPP-115 (517_kaleidahealth.org): a state's officials are a recipient, not a place data goes.
    expect(transfers(claimsOf('We may share your information with public health officials at the New York state or county health departments.'))).toEqual([]);
  });

  it('marks unnamed destinations as unspecified', () => {
    expect(transfers(claimsOf('Your information may be transferred to other countries.'))[0]).toMatchObject({
      transferType: 'transfer',
      countries: [],
      unspecified: true,
    });
    const outside = transfers(claimsOf('We transfer personal data outside the EEA.'))[0];
    expect(outside).toMatchObject({ unspecified: true, regions: [] });
  });

  it('keeps origins and audiences out of the destinations', () => {
    const claims = transfers(claimsOf('If you live in the UK, your data is transferred from the EU to the United States.'));
    expect(claims).toEqual([expect.objectContaining({ transferType: 'transfer', countries: ['US'], regions: [] })]);
    expect(transfers(claimsOf('Please contact us if you have questions about the US.'))).toEqual([]);
  });

  it('records transfer mechanisms in the trigger', () => {
    const [claim] = transfers(claimsOf('We rely on Standard Contractual Clauses for transfers to Japan.'));
    expect(claim).toMatchObject({ countries: ['JP'] });
    expect(claim?.trigger).toContain('Standard Contractual Clauses');
  });

  it('does not read the pronoun "us" as the United States', () => {
    expect(transfers(claimsOf('You can send us your data.'))).toEqual([]);
  });

  it('keeps user-location lists out of the destinations and the destination in the same sentence (issue 3, WeChat/BeReal)', () => {
    const cases: [string, string[]][] = [
      ['If you are a user located (as determined by your mobile number) in Japan, Brazil or Canada, your data is stored in Singapore.', ['SG']],
      ['Whether you are in Europe, Japan or Brazil, we transfer your data to the United States.', ['US']],
      ['Users located in Japan and Korea have their data stored in Singapore.', ['SG']],
      ['If you are a resident of Brazil, we store your data in the United States.', ['US']],
    ];
    for (const [sentence, countries] of cases) {
      expect(transfers(claimsOf(sentence)).map((c) => c.countries), sentence).toEqual([countries]);
    }
  });
});
