import { describe, expect, it } from 'vitest';
import { claimsOf, retentions, transfers } from './policy-test-helpers.js';

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

  it('reads a list of countries after a colon when the words before it say the places are destinations (LINE, trial 8)', () => {
    const line =
      'Countries and regions to which Personal Data is transferred: Japan, the United States, Korea, Canada, the Philippines, and the European Economic Area.';
    expect(transfers(claimsOf(line))[0]).toMatchObject({ transferType: 'transfer', countries: ['JP', 'US', 'KR', 'CA', 'PH'], regions: ['EEA'] });
    expect(transfers(claimsOf('We transfer Personal Data to the following countries: Japan, Korea and Australia.'))[0]).toMatchObject({ countries: ['JP', 'KR', 'AU'] });
    // A colon after words that do not make destinations: the reader's country, or a heading.
    expect(transfers(claimsOf('If you are a resident of one of these countries: Japan, Korea or Australia, we transfer your data as described below.'))).toEqual([]);
    expect(transfers(claimsOf('Offices: Japan, Korea and Australia. We transfer data as described below.'))).toEqual([]);
  });

  it('reads "jurisdictions that may not provide equivalent protection" as unnamed destinations (Quora, trial 8)', () => {
    const quora =
      'As such, we and our service providers may transfer your personal information to, or access it in, jurisdictions that may not provide equivalent levels of data protection as your home jurisdiction.';
    expect(transfers(claimsOf(quora))[0]).toMatchObject({ transferType: 'transfer', countries: [], unspecified: true });
    // Jurisdictions that are not destinations: where a disclosure is required.
    expect(transfers(claimsOf('For explanations of our legal bases for processing in jurisdictions where this disclosure is required, see Section 15.'))).toEqual([]);
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

  it('reads where an agent or object is processed ("processed by Stripe in the United States") with its mechanism (trial 7 P1-5)', () => {
    const claims = transfers(claimsOf('Payment data may be processed by Stripe in the United States under Standard Contractual Clauses.'));
    expect(claims).toEqual([expect.objectContaining({ transferType: 'storage', countries: ['US'], unspecified: false, mechanisms: ['Standard Contractual Clauses'] })]);
    expect(transfers(claimsOf('Some of our service providers process data in the United States.'))[0]).toMatchObject({ countries: ['US'] });
    // Not a place: manner, condition and purpose after the verb.
    expect(transfers(claimsOf('We process your data in accordance with applicable law.'))).toEqual([]);
    expect(transfers(claimsOf('Your data is processed when you use our services in the United States.'))).toEqual([]);
  });

  it('reads a denial of transfers outside a region as data kept within it, beside the denial (trial 7 P2-7)', () => {
    const claims = transfers(claimsOf('We never transfer health data outside the European Economic Area.'));
    expect(claims).toEqual([
      expect.objectContaining({ polarity: 'negative', transferType: 'transfer', unspecified: true, regions: [] }),
      expect.objectContaining({ polarity: 'affirmative', transferType: 'storage', regions: ['EEA'], unspecified: false }),
    ]);
    expect(transfers(claimsOf('Your personal data is not stored outside of the EU.'))[1]).toMatchObject({ polarity: 'affirmative', regions: ['EU'] });
    // A transfer outside the region is no such statement; nor is a denial about "your country".
    expect(transfers(claimsOf('We may transfer your data outside the EEA.'))).toEqual([expect.objectContaining({ polarity: 'affirmative', regions: [], unspecified: true })]);
    expect(transfers(claimsOf('We do not transfer your data outside your country without your consent.'))).toEqual([
      expect.objectContaining({ polarity: 'negative', regions: [], countries: [] }),
    ]);
  });

  it('reads providers located outside a region as unnamed destinations, but not users located there', () => {
    expect(transfers(claimsOf('Some of the partners and service providers referred to in this policy are located outside of the European Union.'))).toEqual([
      // Recipients there: a transfer to them, out of the EU (session 9 item 1).
      expect.objectContaining({ transferType: 'transfer', unspecified: true, regions: [], recipients: 'partners and service providers' }),
    ]);
    expect(transfers(claimsOf('If you are a WeChat user located outside of the EEA, WeChat International Pte. Ltd. is the controller.'))).toEqual([]);
    // The reader located somewhere is no destination (review 7).
    expect(transfers(claimsOf('If you’re located outside the EU, you can contact our representative.'))).toEqual([]);
    expect(transfers(claimsOf('Anyone located outside the UK may write to us.'))).toEqual([]);
    // Where the users are is no destination either (trial 7b P1-4); the data's place in the same sentence is.
    expect(transfers(claimsOf('Our users are located in the United States, Canada, Brazil and Japan.'))).toEqual([]);
    expect(transfers(claimsOf('We store data of users in Japan on servers in Japan.'))).toEqual([expect.objectContaining({ countries: ['JP'] })]);
    expect(transfers(claimsOf('Our servers are located outside your country of residence.'))).toEqual([expect.objectContaining({ unspecified: true })]);
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

  describe('the places a sentence sends data out of (trial8 item 5)', () => {
    it('reads "outside of the EEA" and places coordinated with it, and "from … to …", as origins', () => {
      const quora = transfers(
        claimsOf('Where we transfer your personal information outside of the European Economic Area or the United Kingdom, we rely on transfer mechanisms such as the European-Commission approved Standard Contractual Clauses.'),
      );
      expect(quora).toHaveLength(1);
      expect(quora[0]).toMatchObject({ transferType: 'transfer', countries: [], regions: [], unspecified: true, origins: { countries: ['GB'], regions: ['EEA'] } });
      expect(transfers(claimsOf('When we transfer your information outside of the EEA, the UK, or Switzerland, we ensure it benefits from an adequate level of data protection.'))[0]?.origins).toEqual({
        countries: ['GB', 'CH'],
        regions: ['EEA'],
      });
      expect(
        transfers(claimsOf('If we transfer personal information from the European Economic Area, Switzerland and/or the United Kingdom to a country that does not provide an adequate level of protection, we use SCCs.'))[0]?.origins,
      ).toEqual({ countries: ['CH', 'GB'], regions: ['EEA'] });
      expect(transfers(claimsOf('Your information may be transferred to countries outside of the European Economic Area.'))[0]?.origins).toEqual({ countries: [], regions: ['EEA'] });
    });

    it('reads no origin where the place is not where the data was', () => {
      for (const sentence of [
        // The reader placed outside, a denial (which keeps data within), access from a place.
        'We may transfer personal data of users located outside the EEA to the United States.',
        'We never transfer health data outside the EEA.',
        'If you access our services from the UK, your personal data is transferred to the United States.',
        'We rely on Standard Contractual Clauses for transfers of certain personal data from the EU.',
      ]) {
        for (const claim of transfers(claimsOf(sentence))) expect(claim.origins, sentence).toBeUndefined();
      }
    });
  });

  describe('a place and an exception to it in one sentence (trial7b item 13)', () => {
    it('"stays in the EU, except that we use service providers anywhere in the world": EU storage, and a worldwide transfer scoped to the providers and their purpose', () => {
      const claims = transfers(claimsOf('Your data stays in the EU, except that we use service providers anywhere in the world for customer support.'));
      expect(claims).toEqual([
        expect.objectContaining({
          polarity: 'affirmative',
          transferType: 'storage',
          regions: ['EU'],
          unspecified: false,
          // The EU claim holds except for what the exception says.
          conditions: [{ kind: 'exception', text: 'except that we use service providers anywhere in the world for customer support' }],
        }),
        expect.objectContaining({
          polarity: 'affirmative',
          transferType: 'transfer',
          regions: [],
          countries: [],
          unspecified: true,
          recipients: 'service providers',
          trigger: 'service providers; anywhere in the world',
          // The transfer is the exception, not limited by it; it is for customer support.
          conditions: [{ kind: 'purpose', text: 'for customer support' }],
        }),
      ]);
    });

    it('"stored in the EU, but support staff in the US may access it": EU storage, and a transfer to the US by the staff there', () => {
      expect(transfers(claimsOf('Data is stored in the EU, but support staff in the US may access it.'))).toEqual([
        expect.objectContaining({ transferType: 'storage', regions: ['EU'], countries: [] }),
        expect.objectContaining({ transferType: 'transfer', countries: ['US'], regions: [], recipients: 'support staff' }),
      ]);
    });

    it('"We store data in Germany; backups are kept in Ireland": both are where data is stored', () => {
      expect(transfers(claimsOf('We store data in Germany; backups are kept in Ireland.'))).toEqual([
        expect.objectContaining({ transferType: 'storage', countries: ['DE', 'IE'] }),
      ]);
    });

    it('a verb in the recipients\' own clause keeps its reading, and recipients placed with no data verb before are no claim', () => {
      expect(transfers(claimsOf('We share data with partners in Japan.'))).toEqual([expect.objectContaining({ transferType: 'transfer', countries: ['JP'], recipients: 'partners' })]);
      expect(transfers(claimsOf('Our partners in Japan provide customer support.'))).toEqual([]);
    });

    it('reads "stays"/"remains" as storage only with a place right after', () => {
      expect(transfers(claimsOf('Your personal data remains within the EEA.'))).toEqual([expect.objectContaining({ transferType: 'storage', regions: ['EEA'] })]);
      expect(transfers(claimsOf('You stay logged in while you use the app in Germany.'))).toEqual([]);
    });

    it('reads "in any country where we or our providers operate" as an unnamed destination', () => {
      expect(transfers(claimsOf('We may store and process your data in any country where we or our providers operate.'))).toEqual([
        expect.objectContaining({ transferType: 'storage', unspecified: true, trigger: expect.stringContaining('any country where') }),
      ]);
      // A statement of where data is kept, not of how long: no retention claim.
      expect(retentions(claimsOf('We may store and process your data in any country where we or our providers operate.'))).toEqual([]);
      expect(retentions(claimsOf('We may store your data anywhere in the world.'))).toEqual([]);
    });
  });

  describe('the recipients a transfer sends data to or places there (session 9 item 1)', () => {
    it('reads the object of the verb, the subject opening the clause, and recipients "located" somewhere', () => {
      expect(transfers(claimsOf('Our service providers may process your data in other countries.'))).toEqual([
        expect.objectContaining({ transferType: 'storage', unspecified: true, recipients: 'service providers' }),
      ]);
      expect(transfers(claimsOf('We may share your information with advertising partners and analytics providers around the world.'))).toEqual([
        expect.objectContaining({ transferType: 'transfer', unspecified: true, recipients: 'advertising partners and analytics providers' }),
      ]);
      expect(transfers(claimsOf('These vendors can be located outside your country of residence.'))).toEqual([
        expect.objectContaining({ transferType: 'transfer', unspecified: true, recipients: 'vendors' }),
      ]);
    });

    it('recipients located outside of a region are a transfer out of it (BeReal)', () => {
      expect(transfers(claimsOf('Some of the suppliers and processors named in this notice are located outside of the EEA.'))).toEqual([
        expect.objectContaining({ transferType: 'transfer', unspecified: true, recipients: 'suppliers and processors', origins: { countries: [], regions: ['EEA'] } }),
      ]);
    });

    it('splits the service\'s own storage from a transfer to recipients placed elsewhere in the same sentence (Reddit)', () => {
      expect(transfers(claimsOf('We store data on servers located in Germany, and we may send it to our affiliates and other third parties located in many countries.'))).toEqual([
        expect.objectContaining({ transferType: 'storage', countries: ['DE'], unspecified: false }),
        expect.objectContaining({ transferType: 'transfer', countries: [], unspecified: true, recipients: 'affiliates and other third parties' }),
      ]);
      // The storage claim is the service's own: no recipients.
      expect(transfers(claimsOf('We store data on servers located in Germany, and we may send it to our affiliates and other third parties located in many countries.'))[0]).not.toHaveProperty('recipients');
    });

    it('names no recipients when the service is among the senders, when the object is a place, or for an adjective', () => {
      for (const sentence of [
        'As such, we and our service providers may transfer your personal information to jurisdictions that may not provide equivalent protection.',
        'We may transfer your information to other countries.',
        'We rely on standard contractual clauses for transfers to third party messaging services and to the United States.',
        'The company stores your data in the United States.',
      ]) {
        for (const claim of transfers(claimsOf(sentence))) expect(claim.recipients, sentence).toBeUndefined();
      }
    });
  });

  describe('a transfer that follows from the sentence before ("As such", Quora, session 9 item 3)', () => {
    it('goes where the sentence before puts the company\'s operations and providers, and quotes both sentences', () => {
      const text = 'Acme Inc. is based in Canada, and has offices and service providers in Germany and around the world. As such, we may transfer your information to other countries.';
      const [claim, ...rest] = transfers(claimsOf(text)).filter((c) => c.quote.includes('As such'));
      expect(rest).toEqual([]);
      expect(claim).toMatchObject({ transferType: 'transfer', countries: ['DE'], unspecified: true, quote: text });
    });

    it('not without the opening that refers back, nor when the sentence before says where users are', () => {
      const plain = transfers(claimsOf('Acme Inc. has offices and service providers in Germany. We may transfer your information to other countries.'));
      expect(plain.map((c) => c.countries)).toEqual([[]]);
      const users = transfers(claimsOf('Acme has users in Germany. As such, we may transfer your information to other countries.'));
      expect(users.map((c) => c.countries)).toEqual([[]]);
    });
  });

  it('a place where the service is offered is no data location, even after a storage verb (session 9 item 5)', () => {
    expect(transfers(claimsOf('We store your data in Ireland and offer the app in Germany.'))).toEqual([
      expect.objectContaining({ transferType: 'storage', countries: ['IE'] }),
    ]);
    expect(transfers(claimsOf('We host your content in Ireland and make our services available in Canada and Mexico.')).map((c) => c.countries)).toEqual([['IE']]);
    // Storage offered there is a data location.
    expect(transfers(claimsOf('We offer data storage in Germany.'))).toEqual([expect.objectContaining({ countries: ['DE'] })]);
  });
});

