import { describe, expect, it } from 'vitest';
import { findRetentionPeriods } from '../../src/policy/find-retention-periods.js';
import { extractClaims } from '../../src/policy/extract-claims.js';
import { extractPolicyText } from '../../src/policy/extract-policy-text.js';
import { claimsOf, makeSnapshot, ORGANISATIONS, retentions, transfers } from './policy-test-helpers.js';

/** Each sentence, on its own, makes no retention claim. */
function expectNoRetention(...sentences: string[]): void {
  for (const sentence of sentences) expect(retentions(claimsOf(sentence)), sentence).toEqual([]);
}

describe('extractRetentionClaims', () => {
  it('reads "temporarily" as a limited retention with its trigger', () => {
    const [claim, ...rest] = retentions(claimsOf('We keep recordings temporarily.'));
    expect(rest).toEqual([]);
    expect(claim).toMatchObject({ vagueness: 'limited', trigger: 'temporarily', periodDays: null, polarity: 'affirmative' });
    expect(claim?.dataKind?.toLowerCase()).toBe('recordings');
  });

  it('reads where data is kept, with no period, as a location, not retention (trial 7 P2-7)', () => {
    for (const sentence of ['We do not store data in China.', 'We store all health data in Germany.', 'Backups are kept within the European Economic Area.']) {
      const claims = claimsOf(sentence);
      expect(retentions(claims), sentence).toEqual([]);
      expect(transfers(claims).length, sentence).toBeGreaterThan(0);
    }
    // With a period it is both.
    expect(retentions(claimsOf('We store health data in Germany for 30 days.'))[0]).toMatchObject({ vagueness: 'stated' });
  });

  it('reads "until we no longer need it" as limited, like "until it is no longer needed" (trial 7b P1-5)', () => {
    expect(retentions(claimsOf('Your data is kept until we no longer need it.'))[0]).toMatchObject({ vagueness: 'limited' });
    expect(retentions(claimsOf('We keep your data until it is no longer needed.'))[0]).toMatchObject({ vagueness: 'limited' });
  });

  it('keeps every end a sentence gives, so the company\u2019s "or as necessary" is not lost beside the reader\u2019s (Bluesky)', () => {
    expect(retentions(claimsOf('We keep the Personal Data we collect for as long as you use the App, or as necessary to fulfill the purposes for which we collected it.'))[0]?.trigger).toBe(
      'for as long as you use; as necessary to fulfill',
    );
  });

  it('reads keeping something until an end as retention, whatever the noun (WhatsApp "keep your User Choices for the lifetime of your account")', () => {
    expect(retentions(claimsOf('We keep your profile while your account is active.'))[0]).toMatchObject({ vagueness: 'limited', trigger: 'while your account is active' });
    // Trial 7b item 12 ("store" as well as "keep"): a claim since f1f9cbf. "profile" is no data noun ("stored on your profile" is a place).
    expect(retentions(claimsOf('We store your profile while your account is active.'))[0]).toMatchObject({ vagueness: 'limited', trigger: 'while your account is active' });
    expect(retentions(claimsOf('We keep your User Choices for the lifetime of your account.'))[0]).toMatchObject({ vagueness: 'limited' });
  });

  it('reads a period after an event as a grace period of a limited claim, not as the retention period (trial 7 P2-7)', () => {
    const [claim] = retentions(claimsOf('We keep your profile for as long as your account is active and then for 30 days after you close it.'));
    expect(claim).toMatchObject({ vagueness: 'limited', periodDays: null });
    expect(claim?.trigger).toContain('30 days');
    // A period of its own stays stated.
    expect(retentions(claimsOf('We keep logs for 30 days.'))[0]).toMatchObject({ vagueness: 'stated', periodDays: 30 });
  });

  it('reads a stated period in days', () => {
    const [claim] = retentions(claimsOf('We retain logs for 30 days.'));
    expect(claim).toMatchObject({ vagueness: 'stated', periodDays: 30, dataKind: 'logs' });
    expect(claim?.trigger).toContain('30 days');
  });

  it('normalises months and years (month = 30.44 days, year = 365.25 days) and number words', () => {
    expect(retentions(claimsOf('Audio is retained for six months.'))[0]).toMatchObject({ periodDays: 182.64, dataKind: 'Audio' });
    expect(retentions(claimsOf('We store backups for up to 2 years.'))[0]).toMatchObject({ periodDays: 730.5 });
    expect(retentions(claimsOf('Messages are kept under a 90-day retention period.'))[0]).toMatchObject({ periodDays: 90 });
    expect(retentions(claimsOf('We retain account data for twenty-five months.'))[0]).toMatchObject({ periodDays: 761 });
    expect(retentions(claimsOf('This data is kept for a maximum of three (3) years.'))[0]).toMatchObject({ periodDays: 1095.75 });
  });

  it('gives a second period in one sentence the data named beside it ("… and logs for 18 months")', () => {
    const claims = retentions(claimsOf('We retain account information for 2 years, and server logs for 90 days.'));
    expect(claims.map((c) => [c.periodDays, c.dataKind])).toEqual([
      [730.5, 'account information'],
      [90, 'server logs'],
    ]);
    expect(retentions(claimsOf('We retain payment data for 7 years and delete chat logs after 24 hours.')).map((c) => c.dataKind)).toEqual(['payment data', 'chat logs']);
    // Nothing data-like between the periods: the sentence's data kind stays.
    const repeated = retentions(claimsOf('We keep your recordings for 30 days and then for another 30 days in backups.'));
    expect(repeated.every((c) => c.dataKind === 'recordings')).toBe(true);
  });

  it('reads "we keep them for 30 days" (a pronoun or a noun outside the data vocabulary, with a stated time)', () => {
    expect(retentions(claimsOf('We keep them for 30 days.'))[0]).toMatchObject({ vagueness: 'stated', periodDays: 30 });
    expect(retentions(claimsOf('We store crash reports for 30 days.'))[0]).toMatchObject({ vagueness: 'stated', periodDays: 30 });
    expectNoRetention('Keep in mind that we may change this policy within 30 days.');
  });

  it('takes the data kind after a second coordinated verb ("retain/preserve your information")', () => {
    expect(retentions(claimsOf('We may retain/preserve your information as long as necessary.'))[0]?.dataKind).toBe('information');
    expect(retentions(claimsOf('We retain and/or preserve your data temporarily.'))[0]?.dataKind).toBe('data');
  });

  it('takes the subject of a passive verb from the start of its clause (WeChat\'s retention table)', () => {
    const kind = (sentence: string) => retentions(claimsOf(sentence))[0]?.dataKind;
    // A reduced relative clause or an aside is not the data; list and table markers are not part of it.
    expect(kind('Location data used to provide location-based features is retained only for as long as necessary.')).toBe('Location data');
    expect(kind('Aggregated registration data (which does not contain Personal Information) is retained for spam prevention purposes.')).toBe('Aggregated registration data');
    expect(kind('- Geo-tagged posts are retained until you delete such post.')).toBe('Geo-tagged posts');
    // A short subject is kept whole, without a modal.
    expect(kind('Log in data is retained for no longer than 3 months.')).toBe('Log in data');
    expect(kind('Copies of your information may also be retained for legal reasons for 90 days.')).toBe('Copies of your information');
  });

  it('recognises other limits without a number', () => {
    const cases: [string, string][] = [
      ['We retain your personal information only as long as necessary to provide the service.', 'as long as necessary'],
      ['We keep your messages while your account is active.', 'while your account is active'],
      ['We store your photos until you delete them.', 'until you delete'],
      ['Audio is stored on our servers and deleted when the room ends.', 'when the room ends'],
      ['We keep these records for a limited time.', 'for a limited time'],
    ];
    for (const [sentence, trigger] of cases) {
      const [claim] = retentions(claimsOf(sentence));
      expect(claim, sentence).toMatchObject({ vagueness: 'limited' });
      expect(claim?.trigger, sentence).toContain(trigger);
    }
  });

  it('recognises indefinite retention, and its denial', () => {
    expect(retentions(claimsOf('We may retain your information indefinitely.'))[0]).toMatchObject({
      vagueness: 'indefinite',
      trigger: 'indefinitely',
      polarity: 'affirmative',
    });
    expect(retentions(claimsOf('We do not keep your data indefinitely.'))[0]).toMatchObject({ vagueness: 'indefinite', polarity: 'negative' });
  });

  it('does not read "permanently deleted" as indefinite retention', () => {
    const claims = retentions(claimsOf('If you do not log back in, your account and all of your information will be permanently deleted.'));
    expect(claims.every((c) => c.vagueness !== 'indefinite')).toBe(true);
  });

  it('reads retention without any limit as unspecified', () => {
    expect(retentions(claimsOf('We retain your information.'))[0]).toMatchObject({ vagueness: 'unspecified', trigger: 'retain', dataKind: 'information' });
    expect(retentions(claimsOf('We do not store your credit card details.'))[0]).toMatchObject({ vagueness: 'unspecified', polarity: 'negative' });
  });

  it('ignores sentences that are not about keeping data', () => {
    for (const sentence of [
      'Please keep us informed if your details change.',
      'You can delete your account at any time.',
      'Defined terms in this Policy retain the same meaning.',
      'You must be at least 13 years old to use the app.',
      'Payments are handled by the App Store.',
      'Your information is stored in the United States.',
      'Your information is stored on servers located in the United States.',
      'Data is stored in data centres based in Ireland.',
    ]) {
      expect(retentions(claimsOf(sentence)), sentence).toEqual([]);
    }
  });
});

describe('findRetentionPeriods', () => {
  it('skips ages, frequencies and notice periods', () => {
    expect(findRetentionPeriods('users under 16 years of age')).toEqual([]);
    expect(findRetentionPeriods('we check every 30 days')).toEqual([]);
    expect(findRetentionPeriods("with 30 days' notice")).toEqual([]);
    expect(findRetentionPeriods('a few weeks')[0]).toMatchObject({ days: null });
  });

});

describe('extractRetentionClaims on storage wording', () => {
  it('does not read collection, location, protection or hiring as retention', () => {
    const none = [
      'We collect, use and store your email address to send newsletters.',
      'We do not knowingly collect or store personal information from children under the age of 13.',
      'Your information is stored on servers located in secured facilities with restricted access.',
      'Cookies are small files stored on your hard drive by your browser.',
      'Your data will be stored and processed in whole or in part in the United States.',
      'We have retained service providers to perform functions on our behalf.',
      'We take steps to maintain data accuracy and the security of your information.',
      'You have the right to inspect any records we maintain about you.',
    ];
    for (const text of none) expect(retentions(claimsOf(text)), text).toEqual([]);
  });

  it('keeps storage statements that are about keeping data', () => {
    // "collect and store" is the idiom for acquiring data; "store and use" and "collect and retain" speak about keeping it.
    expect(retentions(claimsOf('We collect and store the information you enter when you register.'))).toEqual([]);
    expect(retentions(claimsOf('We receive and store any information you enter on our Web site.'))).toEqual([]);
    expect(retentions(claimsOf('We will store and use this information to administer the programs in which you participate.'))[0]).toMatchObject({ vagueness: 'unspecified' });
    expect(retentions(claimsOf('We collect and retain personal data to provide our services.'))[0]).toMatchObject({ vagueness: 'unspecified' });
    expect(retentions(claimsOf('If you send us an email, we will retain the email and your address.'))[0]).toMatchObject({ vagueness: 'unspecified' });
    expect(retentions(claimsOf('When you place an order in a store, we use your contact details to confirm it.'))).toEqual([]);
  });

  it('reads purpose-bound and reasonable-time limits, and does not take response times for periods', () => {
    expect(retentions(claimsOf('We may retain your content for a commercially reasonable time for backup purposes.'))[0]).toMatchObject({ vagueness: 'limited' });
    expect(retentions(claimsOf('We will retain this information only to provide the forwarding service.'))[0]).toMatchObject({ vagueness: 'limited' });
    const response = retentions(claimsOf('We will respond to your request to delete your information within 30 days.'));
    expect(response.filter((c) => c.vagueness === 'stated')).toEqual([]);
  });

  it('reads data left in backups and the company reserving its right to retain', () => {
    const lingering = retentions(claimsOf('Copies of your messages may remain in our backup files.'));
    expect(lingering).toEqual([expect.objectContaining({ vagueness: 'unspecified', trigger: 'remain' })]);
    // "Residual" copies are what is left after deletion: kept for a while, not for ever.
    const residual = retentions(claimsOf('Residual copies of your information may remain in our backup systems after you close your account.'));
    expect(residual).toEqual([expect.objectContaining({ vagueness: 'limited', trigger: 'Residual copies' })]);
    const reserved = retentions(claimsOf('Your data will be removed, subject to our right to retain any data necessary to investigate violations of our terms.'));
    expect(reserved.length).toBeGreaterThan(0);
    // "email address" is a data noun: "not keep ... after the promotion" is a limit on keeping it.
    expect(retentions(claimsOf('We will not keep the email address after the promotion ends.'))).toEqual([
      expect.objectContaining({ vagueness: 'limited', trigger: 'after the promotion' }),
    ]);
  });

  it('does not read data named by where it sits, another company keeping data, or protection as retention', () => {
    expect(retentions(claimsOf('You may review all information that we maintain about you by contacting us.'))).toEqual([]);
    expect(retentions(claimsOf('You can use the payment token with the card details stored by our payment processor.'))).toEqual([]);
    // Another organisation keeping data is a claim with that organisation as holder (see the holder tests below).
    expect(retentions(claimsOf('Our fulfilment partners may keep and use your information under their own policies.')).map((c) => c.holder)).toEqual([
      { kind: 'unnamed', name: 'Our fulfilment partners' },
    ]);
    expect(retentions(claimsOf('We cannot guarantee the security of any database that stores personal information.'))).toEqual([]);
    // A purpose that mentions security is still a retention statement.
    expect(retentions(claimsOf('Aggregated registration data is retained for spam prevention and systems security purposes.'))).toHaveLength(1);
  });

  it('keeps a vague duration as an unspecified claim and reads calendar and business units', () => {
    expect(retentions(claimsOf('Your information may remain in back-up storage for some period of time after your request.'))).toEqual([
      expect.objectContaining({ vagueness: 'unspecified', trigger: 'for some period of time' }),
    ]);
    expect(retentions(claimsOf('Survey records are purged after one calendar year from the date of entry.'))[0]).toMatchObject({ vagueness: 'stated', periodDays: 365.25 });
  });
});

describe('extractRetentionClaims: headings, nouns and remedies are not retention statements', () => {
  it('does not read a capitalised verb inside a heading fused with the text', () => {
    expect(retentions(claimsOf('4. HOW WE STORE YOUR INFORMATION Storage and Processing:'))).toEqual([]);
    expect(retentions(claimsOf('Information We Collect and Retain Personal Information is information that can be used to identify you.'))).toEqual([]);
    // The heading verb is skipped, the statement after it is still read.
    expect(retentions(claimsOf('How Long We Keep Data We keep your messages for 30 days.'))[0]).toMatchObject({ vagueness: 'stated', periodDays: 30 });
  });

  it('does not read "store", "archive" or "keeping" used as nouns', () => {
    expect(retentions(claimsOf('When you connect to wireless networks at store locations, we may collect information about your device.'))).toEqual([]);
    expect(retentions(claimsOf('We will also keep prior versions of this Privacy Policy in an archive for your review.'))).toEqual([]);
    expect(retentions(claimsOf('Personal data may be used for fulfilment of a requested transaction or record-keeping.'))).toEqual([]);
  });

  it('treats "process, analyze, and/or store" and storage in controlled facilities as something other than keeping data', () => {
    expect(retentions(claimsOf('We may partner with other companies to process, analyze, and/or store data.'))).toEqual([]);
    expect(retentions(claimsOf('Storing the data you provide in controlled facilities;'))).toEqual([]);
  });

  it('does not read deleting wrongly collected data, or the reader deleting, as a retention limit', () => {
    expect(retentions(claimsOf('If we learn that we have collected personal information from a child under 13, we will promptly delete the information.'))).toEqual([]);
    // The discovery may be told in the sentence before.
    const twoSentences = claimsOf(
      'If a parent becomes aware that his or her child has provided us with information without consent, he or she should contact us. We will delete such information from our files within a reasonable time.',
    );
    expect(retentions(twoSentences)).toEqual([]);
    expect(retentions(claimsOf('Please forward the email to us, and then immediately delete the fraudulent email from your computer.'))).toEqual([]);
    // Deletion as a practice stays, and so does what persists after the reader deletes.
    expect(retentions(claimsOf('In such case, we promptly delete the child\'s email address from our system once we have responded.'))[0]).toMatchObject({ vagueness: 'limited' });
    expect(retentions(claimsOf('Any record of your information may persist after you delete the information at the original source.'))[0]).toMatchObject({ vagueness: 'indefinite' });
  });
});

describe('extractRetentionClaims: data named, other keepers and the reader’s own actions', () => {
  it('does not read a participle used as an adjective as keeping data', () => {
    expectNoRetention(
      "In the event of a sale, our website visitors' stored personally identifying information may be transferred to the buyer.",
      'A profile is stored information that we keep on individual users that details their viewing preferences.',
    );
    // A passive participle followed by a place is still a statement.
    expect(retentions(claimsOf('Your personal information is stored in our internal database.'))).toHaveLength(1);
  });

  it('does not read databases described by what they hold, or copies in other parties’ own files', () => {
    expectNoRetention(
      "These service providers may maintain customer databases which may hold Site users' e-mail addresses.",
      'Employers who paid for access may have retained a copy of your resume in their own files or databases.',
      'Ownership of any information you provide us will be held solely by the company.',
    );
  });

  it('does not read what the reader does or may do as the service keeping data', () => {
    expectNoRetention(
      'You have the right to inspect and obtain a copy of any of your health information that may be used to make decisions about you and your treatment for as long as we maintain this information in our records.',
      'These sites allow visitors to log in, create profiles, and save information in those profiles.',
      'Users who do not want marketing material can keep their email address off of our lists.',
      'The visitor may opt out of having his or her personally identifiable information, which has been provided to us, prospectively retained by us.',
      "In other cases, personally identifiable information may be maintained, edited and deleted at the user's discretion.",
    );
    // "we" keeping something after the reader is permitted to act is the service's retention.
    expect(retentions(claimsOf('If we permit you to update any information that we store about you, we may keep a copy of the previous information for our records.'))).toHaveLength(1);
  });
});

describe('extractRetentionClaims: long passive subjects, denied events and vague lengths', () => {
  it('finds the data noun of a passive subject anywhere in its clause', () => {
    const long = retentions(claimsOf('Personally identifying information that we collect for a particular promotional purpose through one of our websites is saved and used only for that purpose.'));
    expect(long).toEqual([expect.objectContaining({ vagueness: 'limited', trigger: 'only for that purpose' })]);
    expect(retentions(claimsOf('The personal information collected about you is stored in our internal database.'))).toHaveLength(1);
    // "this Privacy Policy" is not a protection measure.
    expect(retentions(claimsOf('Once received, that information is stored and used by us in accordance with this Privacy Policy.'))).toHaveLength(1);
  });

  it('does not read liability, security disclaimers or a place clause as keeping data', () => {
    expectNoRetention(
      'Hat World will not be held responsible for any loss or damage that you may incur.',
      'We cannot ensure or warrant the security of any information that we store on our systems.',
      'Wherever we hold the data, we will apply the terms of this Privacy Policy.',
    );
  });

  it('reads keeping denied past an event as a limit, stated as a denial', () => {
    expect(retentions(claimsOf('We do not retain any e-mail addresses of the sender or recipient after they are sent, and do not share them.'))).toEqual([
      expect.objectContaining({ vagueness: 'limited', trigger: 'after they are sent', polarity: 'negative' }),
    ]);
    expect(retentions(claimsOf("MediaNews does not keep any of the child's personal information after the particular event is completed."))[0]).toMatchObject({
      vagueness: 'limited',
      trigger: 'after the particular event is completed',
    });
    // Kept after an event is no limit at all.
    expect(retentions(claimsOf('We may keep your messages after you close your account.'))[0]).toMatchObject({ vagueness: 'unspecified' });
  });

  it('reads "for an extended period of time" as a duration without a limit, and "not be automatically deleted" only as indefinite', () => {
    expect(retentions(claimsOf('Information may be retained for an extended period of time when it is the subject of a legal request.'))).toEqual([
      expect.objectContaining({ vagueness: 'unspecified', trigger: 'for an extended period of time' }),
    ]);
    expect(retentions(claimsOf('Your posts will not be automatically deleted as part of the account removal process.'))).toEqual([
      expect.objectContaining({ vagueness: 'indefinite', trigger: 'not be automatically deleted' }),
    ]);
  });
});

describe('extractRetentionClaims: adjectives, cookie lifetimes and other keepers', () => {
  it('reads "private" before a noun as part of the data, and "after you have left" as no user right', () => {
    expect(retentions(claimsOf('SRL does not store any of your private payment information provided by you to these service providers.'))).toEqual([
      expect.objectContaining({ vagueness: 'unspecified', polarity: 'negative' }),
    ]);
    expect(retentions(claimsOf('Please keep your password private.'))).toEqual([]);
    expect(retentions(claimsOf('Log records are deleted 30 days after you have left the service.'))[0]).toMatchObject({ vagueness: 'stated', periodDays: 30 });
  });

  it('does not read how long a cookie lives on the device as retention, but reads information collected with cookies', () => {
    expectNoRetention(
      'Session cookies: these are temporary cookies that expire at the end of a browser session.',
      'Session cookies expire after two hours of inactivity or when you close your browser.',
      'The blocking cookie will last for five years; if you delete your browser cookies, your opt-out cookie will also be deleted.',
    );
    expect(retentions(claimsOf('We keep information collected using cookies for 90 days.'))[0]).toMatchObject({ vagueness: 'stated', periodDays: 90 });
  });

  it('reads a list item that names no data as being about the cookies of its lead-in (archives.gov)', () => {
    const item = extractPolicyText(makeSnapshot('Expire 60 days after being set', 'text'));
    expect(retentions(extractClaims(item, { organisations: ORGANISATIONS, leadIns: ['Cookies will:'] }))).toEqual([]);
    // The same item under a lead-in about other data is a retention period.
    expect(retentions(extractClaims(item, { organisations: ORGANISATIONS, leadIns: ['Survey responses we keep will:'] }))).toEqual([
      expect.objectContaining({ vagueness: 'stated', periodDays: 60 }),
    ]);
  });

  it('does not read confidentiality, consent requests or the reader’s listed actions as retention, and gives storage by another organisation its holder', () => {
    const holders = (sentence: string) => retentions(claimsOf(sentence)).map((c) => c.holder);
    expect(holders('If you opt into one of our subscription emails, only your email address will be stored with the third party service.')).toEqual([
      { kind: 'unnamed', name: 'the third party service' },
    ]);
    expect(
      holders('We share information with other third parties who assist us with fulfilling your requests, store and maintain our database records, and provide customer service.'),
    ).toEqual([{ kind: 'unnamed', name: 'other third parties' }]);
    expectNoRetention(
      'The recipient must give reasonable assurances that the protected health information will be held confidentially.',
      "We will ask for a parent's e-mail address so that we can seek consent to retain this information.",
      'We may collect your name when you visit one of the stores, place an order online, save your information with us online, or contact us.',
    );
    // A new subject after the reader's action is the service's statement again.
    expect(retentions(claimsOf('If you remove information, copies may remain in our backup files.'))).toHaveLength(1);
  });
});

describe('extractRetentionClaims: handling promises, deletion denied or incomplete', () => {
  it('does not read data "kept and treated in accordance with this privacy policy" as retention (chasepaymentech.com)', () => {
    expectNoRetention(
      'We are committed to respecting and protecting your privacy and will ensure that all personal information collected by us is kept and treated in accordance with this privacy policy.',
    );
    // A retention schedule or policy named after the verb is retention.
    expect(retentions(claimsOf('The removed information will be retained and disposed of in accordance with the applicable records schedule.'))).toHaveLength(1);
    expect(retentions(claimsOf('Personal information is kept in accordance with our retention policy.'))).toHaveLength(1);
  });
  it('reads data that is not deleted, or not completely, as kept (latinpost.com, barnesandnoble.com, Tumblr)', () => {
    expect(
      retentions(
        claimsOf(
          "Certain Information collected for certain entries into Promotions are subject to corporate and regulatory recordkeeping requirements and will not be deleted upon the user's request, unless the entrant is a child under the age of 13 years old.",
        ),
      ),
    ).toEqual([expect.objectContaining({ vagueness: 'unspecified', polarity: 'affirmative', trigger: 'not be deleted' })]);
    expect(
      retentions(
        claimsOf(
          'Please be advised that our removal of your post(s) does not ensure complete or comprehensive removal of the content or information you have posted on Barnes & Noble Websites or Apps.',
        ),
      ),
    ).toEqual([expect.objectContaining({ vagueness: 'unspecified', polarity: 'affirmative' })]);
    // Removed later, not at once: deleted at some point (OPP-115's Limited).
    expect(
      retentions(
        claimsOf(
          'Deleting your Account may not fully remove the content you have published from our systems, as caching of, backups of, copies of, or references to your Account Information may not be immediately removed.',
        ),
      ),
    ).toEqual([expect.objectContaining({ vagueness: 'limited', polarity: 'affirmative', trigger: 'not be immediately removed' })]);
  });

  it('does not read data named by what cannot be deleted, the reader’s tools or cookies as kept (LinkedIn, latinpost.com)', () => {
    expectNoRetention(
      'For any data that cannot be deleted in your settings, you can submit a Data Deletion request form.',
      'Please note that deleting, rejecting, disabling or turning off Tracking Technologies set by Third Party Advertising Service Providers and Advertisers will not remove Flash cookies.',
      'Similarly, updating your device permissions may not remove the contacts you have previously shared.',
      'If you do not delete your account, your profile stays visible.',
    );
  });
  it('reads a passive or a bare participle followed by a stated period as retention (WeChat’s retention table)', () => {
    expect(retentions(claimsOf('Retained for 3 months from the date of collection to support anti-fraud and security functions in relation to an Interoperable Interaction.'))).toEqual([
      expect.objectContaining({ vagueness: 'stated', periodDays: 91.32 }),
    ]);
    expect(retentions(claimsOf('Selfie photos: Stored for up to 7 days from the date of collection.'))).toEqual([expect.objectContaining({ vagueness: 'stated', periodDays: 7 })]);
    expect(
      retentions(
        claimsOf(
          'Location data used for all other purposes, including to support anti-fraud and security functions in relation to an Interoperable Interaction, is retained for no longer than 3 months from collection.',
        ),
      ),
    ).toEqual([expect.objectContaining({ vagueness: 'stated', periodDays: 91.32 })]);
    // Without a period the bare verb stays a heading or a defined term.
    expectNoRetention('Except where otherwise stated, defined terms in this Policy retain the same meaning in these U.S. Disclosures.');
  });

  it('reads "will not be retained by us" after a long subject as a denied retention (Tumblr)', () => {
    expect(retentions(claimsOf('Any such information will only be used for the purpose of confirming your identity and will not be retained by us.'))).toEqual([
      expect.objectContaining({ vagueness: 'unspecified', polarity: 'negative', trigger: 'retained' }),
    ]);
  });
  it('reads deletion at an account’s end, after inactivity or shortly after an event as a limit (BeReal, WeChat)', () => {
    const limited = (sentence: string): unknown => retentions(claimsOf(sentence)).map((c) => [c.vagueness, c.trigger]);
    expect(limited('To minimize data retention, your account and associated data will be permanently deleted in the event of prolonged inactivity.')).toEqual([
      ['limited', 'prolonged inactivity'],
    ]);
    expect(limited('| Until your account is deleted, unless otherwise required by law.')).toEqual([['limited', 'Until your account is deleted']]);
    expect(limited('- For proximity features, such as People Nearby and Shake, location data is deleted shortly after you exit the function.')).toEqual([
      ['limited', 'deleted shortly after'],
    ]);
    expect(limited('| Deleted after the call has ended.')).toEqual([['limited', 'after the call has ended']]);
    // The limit itself says data is not kept: "not kept beyond" needs no other retention verb.
    expect(limited('We do not receive phone numbers in clear text from advertisers, and hashed values provided for matching are not kept beyond the matching operation.')).toEqual([
      ['limited', 'not kept beyond'],
    ]);
  });
  it('reads "we choose to retain" as the service’s choice, and ends the data kind at a parenthesis (LinkedIn, Snapchat)', () => {
    expect(retentions(claimsOf('In some cases we choose to retain certain information (e.g., insights about Services use) in a depersonalised or aggregated form.'))).toEqual([
      expect.objectContaining({ vagueness: 'unspecified', polarity: 'affirmative', dataKind: 'information' }),
    ]);
    expect(retentions(claimsOf('For example, we store location information (IP-address based or precise, depending on your permissions) for different lengths of time.'))[0]?.dataKind).toBe(
      'location information',
    );
    // The reader choosing is still no retention statement.
    expectNoRetention('You may choose to save your payment information in your account.');
  });
  it('reads the service deleting data when something happens as a limit (WhatsApp, Spotify)', () => {
    const limits = (sentence: string): unknown => retentions(claimsOf(sentence)).map((c) => [c.vagueness, c.trigger]);
    expect(limits('Once your messages are delivered, they are deleted from our servers.')).toEqual([['limited', 'Once your messages are delivered']]);
    expect(limits('When your Spotify account is deleted, this category of data is deleted or de-identified.')).toEqual([['limited', 'When your Spotify account is deleted']]);
    expect(limits('When we do not need the information for any of these purposes anymore, we delete or anonymise it.')).toEqual([
      ['limited', 'When we do not need the information for any of these purposes anymore'],
    ]);
    expect(limits('Undelivered messages are removed from our servers once they are delivered.')).toEqual([['limited', 'once they are delivered']]);
    // A cookie deleted when the browser closes is a cookie lifetime, even beside other data (opensecrets.org).
    expectNoRetention('These cookies contain no personally identifiable information and are deleted when the browser window is closed.');
  });

  it('does not read a topic, a request answered or the reader deleting as deletion at an event (Bluesky)', () => {
    expectNoRetention(
      'When determining the retention period, we make case-by-case determinations, for example whether we must delete data sooner.',
      'Upon your request, we will delete your personal information from our active databases.',
      'When you ask us to delete your information, we will delete it.',
      'Once you have read it, please delete the email from your computer.',
    );
    // Not removed at the event: the data stays.
    expect(retentions(claimsOf('When you delete a photo from your device, it is not removed from the album you shared.'))).toEqual([
      expect.objectContaining({ vagueness: 'unspecified', polarity: 'affirmative', trigger: 'not removed' }),
    ]);
  });
  it('reads "data you may input" as data, not a user right, and "remain after the 90 days for a limited time in the backup storage" as a limit (Spotify, WhatsApp)', () => {
    expect(retentions(claimsOf('For example, personal data you may input as part of search queries is deleted after 90 days.'))).toEqual([
      expect.objectContaining({ vagueness: 'stated', periodDays: 90, dataKind: 'personal data' }),
    ]);
    // "the 90 days" refers back to a period stated before; this sentence's own limit is "for a limited time".
    expect(
      retentions(
        claimsOf(
          'Copies of your information may also remain after the 90 days for a limited time in the backup storage that we use to recover lost information in the event of a disaster.',
        ),
      ),
    ).toEqual([expect.objectContaining({ vagueness: 'limited', trigger: 'for a limited time' })]);
    // The reader's right is still no retention statement.
    expectNoRetention('You may delete your search history at any time.');
  });
});

describe('extractRetentionClaims: who keeps the data', () => {
  const holdersOf = (sentence: string) => retentions(claimsOf(sentence)).map((c) => [c.vagueness, c.periodDays, c.polarity, c.holder]);
  const SERVICE = { kind: 'service' };

  it('reads a vendor, processor or other organisation as the subject that keeps the data', () => {
    expect(holdersOf('Our vendor may retain your data for 90 days.')).toEqual([['stated', 90, 'affirmative', { kind: 'unnamed', name: 'Our vendor' }]]);
    // Spotify: "When this sharing occurs, the third party service may store a copy of it to support their features."
    expect(holdersOf('When this sharing occurs, the third party service may store a copy of it to support their features.')).toEqual([
      ['unspecified', null, 'affirmative', { kind: 'unnamed', name: 'the third party service' }],
    ]);
    expect(holdersOf('Third-party services may keep copies of your information for as long as necessary.')).toEqual([
      ['limited', null, 'affirmative', { kind: 'unnamed', name: 'Third-party services' }],
    ]);
    // archives.gov (OPP-115): "The third party site may retain back up files or other files that contain the removed PII."
    expect(holdersOf('The third party site may retain back up files or other files that contain the removed PII.')[0]?.[3]).toEqual({ kind: 'unnamed', name: 'The third party site' });
  });

  it('names a catalogued company that keeps data, and resolves it to the catalog entity', () => {
    expect(holdersOf('Google may retain this information for up to 18 months.')).toEqual([['stated', 547.92, 'affirmative', { kind: 'named', name: 'Google', entityId: 'google' }]]);
    expect(holdersOf('Card details are stored by Amazon Web Services for 30 days.')).toEqual([
      ['stated', 30, 'affirmative', { kind: 'named', name: 'Amazon Web Services', entityId: 'amazon' }],
    ]);
  });

  it('names a company outside the catalog by its legal form, unless it is the policy\u2019s own', () => {
    expect(holdersOf('Acme Payments, Inc. retains card details for 7 years.')[0]?.[3]).toEqual({ kind: 'named', name: 'Acme Payments, Inc.' });
    const own = extractClaims(extractPolicyText(makeSnapshot('RedOrbit, Inc. stores this information for 30 days.', 'text')), { organisations: ORGANISATIONS, firstPartyNames: ['redorbit'] });
    expect(retentions(own)[0]?.holder).toEqual(SERVICE);
    // A policy whose own names are unknown cannot tell a name without a legal form from its own: the service's.
    expect(holdersOf('Acme Payments retains card details for 7 years.')[0]?.[3]).toEqual(SERVICE);
  });

  it('names a company outside the catalog without a legal form when the policy never writes its name in lower case (round 7)', () => {
    /** The holders of a sentence in a short policy whose own name is Roomly. */
    const holdersIn = (sentence: string, more = '') => {
      const text = `Roomly Privacy Policy\n\nRoomly is committed to protecting your privacy. ${more}\n\n${sentence}`;
      return retentions(claimsOf(text))
        .filter((c) => c.quote.includes(sentence.slice(0, 20)))
        .map((c) => c.holder);
    };
    expect(holdersIn('Zendesk retains ticket data for 12 months.')).toEqual([{ kind: 'named', name: 'Zendesk' }]);
    expect(holdersIn('Acme Analytics keeps logs for 30 days.')).toEqual([{ kind: 'named', name: 'Acme Analytics' }]);
    expect(holdersIn('We use Zendesk, which retains ticket data for 12 months.')).toEqual([{ kind: 'named', name: 'Zendesk' }]);
    // A heading fused with the sentence loses its title words.
    expect(holdersIn('Data Retention Zendesk may retain your messages for 90 days.')).toEqual([{ kind: 'named', name: 'Zendesk' }]);
    // The policy's own names, products named after it, and their initials stay the service's.
    expect(holdersIn('Roomly keeps logs for 30 days.')).toEqual([SERVICE]);
    expect(holdersIn('Roomly Analytics keeps logs for 30 days.')).toEqual([SERVICE]);
    // Capitals that open a sentence or a heading, on common words, pronouns, data or storage nouns.
    expect(holdersIn('Data is kept for 30 days.')).toEqual([SERVICE]);
    expect(holdersIn('Recordings are deleted after 30 days.')).toEqual([SERVICE]);
    expect(holdersIn('Your messages are kept for 30 days.')).toEqual([SERVICE]);
    expect(holdersIn('Account data is retained for 2 years.')).toEqual([SERVICE]);
    expect(holdersIn('Backups retain data for 30 days.')).toEqual([SERVICE]);
    expect(holdersIn('Data Retention We keep logs for 30 days.')).toEqual([SERVICE]);
    // A title-cased phrase of the policy's own vocabulary names no company.
    expect(holdersIn('Member Stations keep donation records for 7 years.', 'We work with member stations.')).toEqual([SERVICE]);
  });

  it('reads the initials of the policy\u2019s own name as the service (sports-reference.com, OPP-115)', () => {
    const claims = extractClaims(extractPolicyText(makeSnapshot('SRL does not store any of your private payment information provided by you directly to these service providers.', 'text')), {
      organisations: ORGANISATIONS,
      firstPartyNames: ['sports reference llc', 'sports reference'],
    });
    expect(retentions(claims).map((c) => [c.polarity, c.holder])).toEqual([['negative', SERVICE]]);
  });

  it('reads a pronoun standing for organisations named before it in the sentence (LinkedIn)', () => {
    expect(
      holdersOf(
        'Where we share your data with other third parties, as set out in our Privacy Policy, e.g. via the LinkedIn Developer Program, they may retain data in accordance with their own retention policies.',
      ),
    ).toEqual([['unspecified', null, 'affirmative', { kind: 'unnamed', name: 'other third parties' }]]);
  });

  it('reads the agent of a passive that keeps data under its own policies (WeChat Official Accounts)', () => {
    const [claim] = retentions(
      claimsOf(
        'When you interact with such Official Accounts and Mini Programs, your information will also be collected, retained, shared and/or stored by the relevant Official Account or Mini Program in accordance with their own privacy policies and not this Privacy Policy.',
      ),
    );
    expect(claim?.holder).toEqual({ kind: 'unnamed', name: 'the relevant Official Account or Mini Program' });
  });

  it('reads an organisation told not to retain data as the holder of a denial (jibjab.com, OPP-115)', () => {
    expect(holdersOf('We require our fulfillment vendor not to retain, share, store or use your information for any other purpose.')).toEqual([
      ['unspecified', null, 'negative', { kind: 'unnamed', name: 'our fulfillment vendor' }],
    ]);
  });

  it('keeps the service as holder when it keeps the data itself, with others, for itself, or names itself', () => {
    expect(holdersOf('We retain logs for 30 days.')[0]?.[3]).toEqual(SERVICE);
    expect(holdersOf('We and our partners may store your information for 2 years.')[0]?.[3]).toEqual(SERVICE);
    // Bluesky: the service denies keeping what went to a vendor.
    expect(holdersOf('We do not retain any biometric data or facial images provided to third-party age verification vendors.')).toEqual([['unspecified', null, 'negative', SERVICE]]);
    // WeChat: another organisation named earlier in the sentence is not the subject.
    expect(holdersOf('After a verification request has been performed by the third party payment processing service, WeChat only retains the date of verification for 3 months.')[0]?.[3]).toEqual(SERVICE);
    // Data shared with others is the passive's subject, not its keeper.
    expect(holdersOf('Information shared with third parties is retained for 30 days.')[0]?.[3]).toEqual(SERVICE);
    expect(holdersOf('Our service providers store your data on our behalf for 90 days.')[0]?.[3]).toEqual(SERVICE);
    expect(holdersOf('Your messages are retained by us for 30 days.')[0]?.[3]).toEqual(SERVICE);
    // A catalogued name that is the policy's own is the service.
    const own = extractClaims(extractPolicyText(makeSnapshot('Google may retain this information for up to 18 months.', 'text')), { organisations: ORGANISATIONS, firstPartyNames: ['google'] });
    expect(retentions(own)[0]?.holder).toEqual(SERVICE);
  });

  it('does not read what the service hires others for as a retention statement (WeChat)', () => {
    expectNoRetention('We use these third party services solely to process or store your information for the purposes described in this Privacy Policy.');
  });
});

describe('extractRetentionClaims: real-policy wording read with fresh eyes (round 6)', () => {
  it('reads a denial interrupted by "however" as a denial, and another keeper in the same sentence as a second claim (Tumblr)', () => {
    const claims = retentions(claimsOf('We do not, however, store that financial information; such information is stored by our payment processor (the "Payment Processor").'));
    expect(claims.map((c) => [c.polarity, c.holder])).toEqual([
      ['negative', { kind: 'service' }],
      ['affirmative', { kind: 'unnamed', name: 'our payment processor' }],
    ]);
  });

  it('reads organisations "prohibited from retaining" as the holder of a denial (WeChat)', () => {
    const claims = retentions(
      claimsOf('These service providers are required to provide the same or equal protection of user data as stated in this Privacy Policy and are prohibited from retaining, using, or disclosing your information except as necessary to provide their services.'),
    );
    expect(claims.map((c) => [c.polarity, c.holder])).toEqual([['negative', { kind: 'unnamed', name: 'These service providers' }]]);
  });

  it('does not read the reader saving, "saves" as a noun, a possessive participle, content kept relevant or a place clause as retention (Pinterest, Reddit, Snapchat, TikTok, WeChat)', () => {
    expectNoRetention(
      'Send you updates (such as when certain activity, like saves or comments, happens on Pinterest) and news by email or push notification, depending on your settings.',
      'This helps keep the advertising and other content we show users relevant and entertaining, and keeps the Platform free for all users.',
      'Non-public content you submit includes your saved drafts of posts or comments and your non-public messages with other users.',
      'You can also delete some information within our Services, like content you’ve saved to Memories, content you’ve shared with My AI, Spotlight submissions and more.',
      'Of course, you’ll also provide us with information you send through or save within our Services, including content and information about that content.',
      'While users of this experience may save these videos directly to their device, the videos will not be collected by us or viewable by other users.',
      'We are committed to maintaining the privacy and integrity of your Personal Information no matter where it is stored or accessed.',
    );
    // The service keeping a log after doing something for the reader is still retention (WhatsApp).
    expect(retentions(claimsOf('We identify relevant notifications for you, send them to you on WhatsApp and keep a log when you have received the notification.'))).toHaveLength(1);
    // "your saved playlists" names the data; the service keeping it for a stated time is retention.
    expect(retentions(claimsOf('We keep your saved playlists for 30 days after you close your account.'))).toHaveLength(1);
  });

  it('does not read a request type, data named by where it sits, or the reader\u2019s grounds for erasure as retention (Spotify, Tumblr, WeChat)', () => {
    expectNoRetention(
      '| Request to Delete | 8,260,593 | 8,260,593 | 0 | 15.47 days |',
      'Access: you may have the right to request a copy of the information we hold about you and the categories of personal information we have collected about you in the last twelve months.',
    );
    const item = extractPolicyText(makeSnapshot('you believe that it is no longer necessary for us to hold your Personal Information;', 'text'));
    expect(retentions(extractClaims(item, { organisations: ORGANISATIONS, leadIns: ['You may request that we erase the Personal Information we hold about you where:'] }))).toEqual([]);
    // A period right after the data reference is still a retention period, and the service's deletion still counts.
    expect(retentions(claimsOf('The information we hold for 30 days is then deleted.'))).toHaveLength(1);
    expect(retentions(claimsOf('| Deleted after 24 hours from the translation request.'))).toHaveLength(1);
  });
});


describe('extractRetentionClaims: limits that end with an event (round 7)', () => {
  const read = (sentence: string) => retentions(claimsOf(sentence)).map((c) => [c.vagueness, c.trigger, c.polarity]);

  it('reads "until <something> is closed/resolved/delivered" and "<something> ends" as a limit, keeping the event', () => {
    expect(read('We keep support messages until the ticket is closed.')).toEqual([['limited', 'until the ticket is closed', 'affirmative']]);
    expect(read('We retain your correspondence until your request has been resolved.')).toEqual([['limited', 'until your request has been resolved', 'affirmative']]);
    expect(read('Recordings are kept until the meeting ends.')).toEqual([['limited', 'until the meeting ends', 'affirmative']]);
    expect(read('We keep your delivery address until the order is delivered.')).toEqual([['limited', 'until the order is delivered', 'affirmative']]);
    expect(read('We keep transaction data until payment is completed.')).toEqual([['limited', 'until payment is completed', 'affirmative']]);
    // Spotify: a company name inside the event does not hide it.
    expect(read('We keep some data until your Spotify account is deleted.')).toEqual([['limited', 'until your Spotify account is deleted', 'affirmative']]);
  });

  it('reads "for the duration of", "for the life of" and "until the end of" with the event they name', () => {
    expect(read('We store audio for the duration of the call.')).toEqual([['limited', 'for the duration of the call', 'affirmative']]);
    expect(read('We keep chat logs until the end of the session.')).toEqual([['limited', 'until the end of the session', 'affirmative']]);
    expect(read('We also keep streaming history for the life of an account, for example, to provide retrospective playlists.')).toEqual([
      ['limited', 'for the life of an account', 'affirmative'],
    ]);
    // A number after the words is a stated period.
    expect(read('We keep logs for the duration of 30 days.')[0]?.[0]).toBe('stated');
  });

  it('reads an act of the reader that ends retention as a limit, the act up to its first preposition', () => {
    expect(read('We store messages until you leave the room.')).toEqual([['limited', 'until you leave the room', 'affirmative']]);
    expect(read('We keep your email address until you opt out of marketing.')).toEqual([['limited', 'until you opt out', 'affirmative']]);
    // WeChat's table: the first event is the trigger (the second, "or your account is deleted", is not read).
    expect(read('Retained until you request removal of the information or your account is deleted, whichever is earlier.')[0]?.[1]).toBe('until you request removal');
    expect(read('We retain the data until we receive your request to delete it.')).toEqual([['limited', 'until we receive your request', 'affirmative']]);
  });

  it('does not read a condition, a standing order or a delay of something else as a limit', () => {
    // "until further notice": for an indefinite period, no end committed to.
    expect(read('We keep your data until further notice.')).toEqual([['indefinite', 'until further notice', 'affirmative']]);
    // "until the law allows" names a condition, not an event that ends.
    expect(read('We retain data until the law allows us to delete it.')).toEqual([['unspecified', 'retain', 'affirmative']]);
    expect(read('We will not process your order until you have confirmed your email.')).toEqual([]);
    // "collect and may maintain" is collection, as "collect and maintain" is (latinpost.com, OPP-115).
    expect(read('We will also collect and may maintain your billing address, shipping address and order number.')).toEqual([]);
  });
});

describe('extractRetentionClaims: wording read on the cv-holdout half of OPP-115 (round 7)', () => {
  const read = (sentence: string) => retentions(claimsOf(sentence)).map((c) => [c.vagueness, c.trigger, c.polarity]);

  it('reads the service deleting data when a condition-like event happens as a limit (randomhouse.com, BeReal)', () => {
    expect(read('If the newsletter is declined, we will not send the newsletter and will delete any related personal information collected in the sign-up process from our files.')).toEqual([
      ['limited', 'If the newsletter is declined', 'affirmative'],
    ]);
    expect(read('If you do not log back in, your account and all of your information will be permanently deleted.')).toEqual([['limited', 'If you do not log back in', 'affirmative']]);
    // A condition or a judgement is no event; a request answered and a remedy are not practices.
    expectNoRetention(
      'If required by law, we will delete your data.',
      'If we believe it is necessary, we will delete your data.',
      'If you ask us, we will delete your data.',
      'If we learn that we have collected information from a child, we will delete it.',
      'We will not sell your data and will not delete it.',
    );
  });

  it('does not read hiding content from public view as deletion (TikTok)', () => {
    expect(
      read('If you violate our Guidelines or Terms, we may remove Information You Provide including your Account Information and/or User Content from public view immediately but keep your information as is necessary to process the violation.'),
    ).toEqual([['unspecified', 'keep', 'affirmative']]);
  });

  it('gives a subjectless list item the keeper named in its lead-in (google.com)', () => {
    const holders = (text: string) => retentions(claimsOf(text)).map((c) => c.holder);
    expect(holders('Your domain administrator may be able to:\n- view statistics regarding your account;\n- access or retain information stored as part of your account;\n- change your password.')).toEqual([
      { kind: 'unnamed', name: 'Your domain administrator' },
    ]);
    expect(holders('Our payment processor may:\n- charge your card;\n- retain your card details for 7 years;\n- send receipts.')).toEqual([{ kind: 'unnamed', name: 'Our payment processor' }]);
    expect(holders('We may:\n- retain your messages for 30 days;\n- share them with partners.')).toEqual([{ kind: 'service' }]);
  });
});

describe('extractRetentionClaims: trial 8 misses (LINE, Quora, Twitch, Snapchat)', () => {
  const read = (sentence: string) => retentions(claimsOf(sentence)).map((c) => [c.vagueness, c.trigger]);

  it('reads "for as long as it is required to fulfill the purposes" as the "as long as necessary" kind of limit (Twitch)', () => {
    expect(read('Twitch maintains data related to your usage of Twitch for as long as it is required to fulfill the relevant purposes described in this Privacy Notice.')).toEqual([
      ['limited', 'as long as it is required'],
    ]);
  });

  it('keeps a length without a number ("for a given period of time", "for a long period") as unspecified, with the length as its trigger (LINE, Snapchat)', () => {
    expect(read('Once your account is deleted, we will process your Personal Data after retaining such Personal Data for a given period of time.')).toEqual([
      ['unspecified', 'for a given period of time'],
    ]);
    expect(read('We store location information for different lengths of time based on how precise it is.')).toEqual([['unspecified', 'for different lengths of time']]);
    expect(read('We may store your Personal Data for a long period.')).toEqual([['unspecified', 'for a long period']]);
  });

  it('reads how long a deletion takes as a period, and a deletion with no time promised as a limit (Quora, Snapchat)', () => {
    const [quora] = retentions(claimsOf('It may take Quora up to 14 days to process your account deletion request, and if you log back in during that time, your account may be reactivated.'));
    expect(quora).toMatchObject({ vagueness: 'stated', periodDays: 14, dataKind: 'account data' });
    expect(read('Although our systems are designed to delete some of your information automatically, we cannot promise that deletion will take place by a specific time.')).toEqual([
      ['limited', 'cannot promise that deletion will take place by a specific time'],
    ]);
    // A response time is still no retention period.
    expectNoRetention('We will respond to your deletion request within 30 days.');
  });

  it('does not read storage words in sentences about something else as retention (item 16)', () => {
    expectNoRetention(
      // A device permission: the reader's stored photos are opened, not kept by the service.
      'If you have granted device-level permissions, device information may include the ability to take photos, view stored photos and videos, and access the microphone.',
      // Who may reach stored data: an access or transfer statement.
      'Furthermore, Personal Data stored in our data centers may be accessed from a third country that does not have the same personal data protection legislation as Japan.',
      // "keep processing" is "continue to process".
      'Please note that in some circumstances, we may need to keep processing your information for certain legitimate interests or to comply with a legal obligation.',
      // A cookie's definition.
      'This text file stores information that can be read by the website operator when visiting the website again at a later date.',
    );
    // "keep" before a noun that ends in -ing is still keeping.
    expect(read('We also keep streaming history for the life of an account.')).toEqual([['limited', 'for the life of an account']]);
  });

  it('makes the catalogued company beside its description the holder ("Agora, our real-time audio partner, stores …")', () => {
    expect(retentions(claimsOf('Agora, our real-time audio partner, stores call metadata.')).map((c) => c.holder)).toEqual([{ kind: 'named', name: 'Agora', entityId: 'agora' }]);
  });
});

describe('extractRetentionClaims: data kinds and lead-ins (trial 8 items 18, 20, 21)', () => {
  it('names the data a "foregoing information" refers to, from the list of the sentence before (LINE)', () => {
    const text =
      'We will not in any way use highly private information such as texts, images, videos and audio data sent in a talk room between users for any purpose other than the distribution of messages. While we will retain the foregoing information for a minimum period, such information will subsequently be automatically deleted from our server.';
    expect(retentions(claimsOf(text)).map((c) => c.dataKind)).toEqual(['texts, images, videos and audio data sent in a talk room']);
  });

  it('ends a data kind at the main verb after it and at a dash (Snapchat, TikTok)', () => {
    const kinds = (sentence: string) => retentions(claimsOf(sentence)).map((c) => c.dataKind);
    expect(kinds('Whether we retain your data depends on the specific feature, your settings and how you’re using the Services.')).toEqual(['data']);
    expect(kinds('For example, we store your basic account details – like your name, phone number and email address – to maintain your account.')).toEqual(['basic account details']);
    // A list or copy keeps what it is of.
    expect(kinds('For example, we maintain your list of friends until you ask us to delete them since friends are key to expressing yourself.')).toEqual(['list of friends']);
    expect(kinds('We keep a copy of your content for 30 days.')).toEqual(['copy of content']);
  });

  it('does not read a section intro or a pointer that names the question of how long data is kept as a claim (Snapchat, WhatsApp, WeChat)', () => {
    expectNoRetention(
      'In this section, we provide you with information on how long we keep your information, why we keep your information and also highlight how we may need to keep your information to comply with laws, courts and other obligations.',
      'Here are some more factors we consider when we decide how long to keep your information:',
      'For more information on how long we store information, see Retention of Your Information.',
      'There are also other reasons why we may keep personal information.',
    );
    // An answer after the question is a claim.
    expect(retentions(claimsOf('We explain how long we keep your data: we keep it for 30 days.'))[0]).toMatchObject({ vagueness: 'stated', periodDays: 30 });
  });
});
