import { describe, expect, it } from 'vitest';
import { detectFirstPartyNames, isOwnName } from '../../src/policy/detect-first-party-names.js';
import { extractPolicyText } from '../../src/policy/extract-policy-text.js';
import { extractClaims, firstPartyHints, type OrganisationName } from '../../src/policy/extract-claims.js';
import { compileOrganisationMatcher } from '../../src/policy/match-organisations.js';
import { ORGANISATIONS, claimsOf, makeSnapshot, processors } from './policy-test-helpers.js';

const namesOf = (text: string): string[] => detectFirstPartyNames(extractPolicyText(makeSnapshot(text, 'text')));

// Openings of OPP-115 development policies (2015) and of the real policies in ../shared/data/policies.
describe('detectFirstPartyNames', () => {
  it('does not take a catalogued company whose privacy policy the opening text cites in passing', () => {
    const text = 'Acme Notes Privacy Policy\n\nAcme Notes ("we", "us") makes an app. We use Google Analytics as described in the Google privacy policy.\n';
    // Before: "Google privacy policy" read as this policy's title made Google the first party, so the sentence named no recipient.
    expect(processors(claimsOf(text)).map((c) => c.name)).toContain('Google Analytics');
    // Without the catalog the reading cannot tell, and a title line still names the company.
    expect(namesOf('Google Privacy Policy\n\nWe at Google care about privacy.')).toContain('google');
  });

  it('takes the company repeated with its legal form, not the suffix or a common word (fortune.com)', () => {
    const text = [
      'PRIVACY POLICY This is the Privacy Policy which applies to you if you live outside the European Union.',
      'Thank you for visiting Fortune, or using our mobile device applications (the "Apps"), Services within the network of Time Inc. and its subsidiaries.',
      'Through Time Inc. publications, websites, and other media, you can order publications. At some Time Inc. sites you can play games.',
      'Agents and contractors of Time Inc. that have access to personally identifiable information are required to protect it.',
      'We may transfer your personal information to other Time Inc. offices. It takes time to process a request, and time again.',
    ].join('\n\n');
    const names = namesOf(text);
    expect(names).toContain('time inc.');
    expect(names).toContain('fortune');
    expect(names).not.toContain('inc');
    expect(names).not.toContain('time');
  });

  it('takes the name a sentence defines, with or without "we" (liquor.com, cariboucoffee.com, washingtonpost.com, newsbusters.org)', () => {
    expect(namesOf('PRIVACY POLICY Liquor.com Holdings, Inc. ("Liquor.com") takes very seriously the private nature of your personal information.')).toEqual(
      expect.arrayContaining(['liquor.com holdings, inc.', 'liquor.com', 'liquor']),
    );
    expect(namesOf('Caribou Coffee Company, Inc. ("Caribou Coffee") knows that you care how information about you is used and shared.')).toEqual(
      expect.arrayContaining(['caribou coffee company, inc.', 'caribou coffee']),
    );
    expect(namesOf('Published: January 1, 2015 The WP Company LLC (The Washington Post) recognizes the importance of protecting the privacy of your personal information.')).toEqual(
      expect.arrayContaining(['wp company llc', 'washington post']),
    );
    expect(namesOf('Privacy Policy Effective Date: January 1, 2013. The Media Research Center (THE MRC or we) is the owner and operator of NewsBusters.org (the Website).')).toEqual(
      expect.arrayContaining(['media research center', 'mrc']),
    );
  });

  it('takes every company a "we" definition covers, and the name before it (buffalowildwings.com, Quora)', () => {
    expect(
      namesOf('PRIVACY POLICY Buffalo Wild Wings, Inc., its franchisees, marketing agencies, and affiliated contractors, as specifically identified here (collectively "BWW," "we" or "us"), appreciate your patronage.'),
    ).toEqual(expect.arrayContaining(['buffalo wild wings, inc.', 'buffalo wild wings', 'bww']));
    expect(namesOf('This Privacy Policy applies to activities by Quora, Inc. and its affiliates and subsidiaries (collectively “Quora,” “we” or “us”).')).toEqual(
      expect.arrayContaining(['quora, inc.', 'quora']),
    );
  });

  it('does not take a parent or a third party defined in passing (Twitch, adweek.com)', () => {
    const twitch = namesOf('Twitch.tv Privacy Notice\n\nTwitch Interactive Inc. and its affiliates are subsidiaries of Amazon.com, Inc. (“Amazon”).');
    expect(twitch).toEqual(expect.arrayContaining(['twitch.tv', 'twitch', 'twitch interactive inc.']));
    expect(twitch).not.toContain('amazon');
    expect(namesOf('It includes things like your Internet Protocol (IP) address, browser type, and the last domain you visited.')).toEqual([]);
  });

  it('takes the subject of a self-description and the name in the title or heading (pbs.org, austincc.edu, Vox Media, The Hill)', () => {
    expect(namesOf('Privacy Policy PBS is committed to protecting the private information of our web site visitors.')).toContain('pbs');
    expect(namesOf('Web Privacy Statement Austin Community College (ACC) is committed to ensuring the privacy of personal information.')).toEqual(
      expect.arrayContaining(['austin community college', 'acc']),
    );
    expect(namesOf('Vox Media Privacy Policy Updated as of May 2014 Vox Media Policies Terms of Use')).toContain('vox media');
    expect(namesOf("THE HILL'S PRIVACY POLICY This Privacy Policy is applicable to The Hill's Web site, thehill.com (the \"Site\").")).toContain('hill');
    expect(namesOf('Privacy Policy Minnesota Vikings Website Privacy Policy Posted: October 17, 2013')).toContain('minnesota vikings');
  });

  it('takes the operator of the site and the copyright holder (stlouisfed.org, abita.com)', () => {
    expect(namesOf('Privacy Policy This is the web site of the Federal Reserve Bank of St. Louis. The Bank respects your privacy.')).toEqual(['federal reserve bank of st. louis']);
    expect(namesOf('PRIVACY POLICY Copyright 2008 Abita and ABITA.COM, LLC TM. All Right Reserved.')).toContain('abita');
  });

  it('never takes a generic word, a place or a heading as a name', () => {
    const generic = namesOf(
      [
        'Privacy Policy Last Modified: March 25, 2013 This is the privacy policy ("Privacy Policy") for LatinPost.com ("Site," "we," "us," or "our").',
        'When This Privacy Policy Applies.',
        'Personal Information. Web Site users may provide Personal Information. Personal Information is used by the Site.',
      ].join('\n\n'),
    );
    expect(generic).toEqual(expect.arrayContaining(['latinpost.com', 'latinpost']));
    for (const word of ['site', 'web', 'personal', 'when this', 'privacy policy']) expect(generic).not.toContain(word);
    const line = namesOf(`LY Corporation Privacy Policy\n\n${'Your data may be accessed from Japan. '.repeat(12)}`);
    expect(line).toEqual(['ly corporation', 'ly']);
  });
});

describe('isOwnName', () => {
  it('matches the name with or without its legal form, longer names built on it, and a heading fused before it', () => {
    expect(isOwnName('Time Inc.', ['time inc.'])).toBe(true);
    expect(isOwnName('Collect Through Time Inc.', ['time inc.'])).toBe(true);
    expect(isOwnName('Caribou Coffee', ['caribou coffee company, inc.', 'caribou coffee company'])).toBe(false);
    expect(isOwnName('Caribou Coffee Company, Inc', ['caribou coffee company'])).toBe(true);
    expect(isOwnName('Snapchat', ['snap'])).toBe(true);
    expect(isOwnName('Time Warner Cable', ['time inc.'])).toBe(false);
    // Both with a legal form, the same name before it.
    expect(isOwnName('Time Inc', ['time inc.'])).toBe(true);
    expect(isOwnName('Murmur Labs Limited', ['murmur labs ltd.'])).toBe(true);
    expect(isOwnName('Time', ['time inc.'])).toBe(false);
    expect(isOwnName('Time Warner Inc.', ['time inc.'])).toBe(false);
    // tulsaworld.com: "Tulsaworld.com" gives "tulsaworld", the text also writes "Tulsa World".
    expect(isOwnName('Tulsa World', ['tulsaworld.com', 'tulsaworld'])).toBe(true);
    expect(isOwnName('Tulsa Transit', ['tulsaworld'])).toBe(false);
  });

  it('keeps the company\'s own corporate name out of the recipients of a 2015 policy (fortune.com)', () => {
    const text = [
      'Thank you for visiting Fortune, a site in the network of Time Inc. and its subsidiaries.',
      'Agents and contractors of Time Inc. that have access to personally identifiable information are required to protect this information.',
      'Time Inc. sites may use reputable third parties to provide services. We share data with Time Inc. offices and with Google.',
      'Time Inc. publishes magazines. Time Inc. is based in New York.',
    ].join('\n\n');
    const names = processors(claimsOf(text)).map((c) => c.name);
    expect(names).not.toContain('Time Inc.');
    expect(names).toContain('Google');
    expect(processors(extractClaims(extractPolicyText(makeSnapshot(text, 'text')), { organisations: ORGANISATIONS, firstPartyNames: [] })).map((c) => c.name)).toContain('Time Inc.');
  });
});

// The weakest own-name signals (the most repeated proper noun or corporate name) against a catalogued company.
describe('detectFirstPartyNames with a catalogued company counted most', () => {
  const organisations: OrganisationName[] = [
    { entityId: 'google', names: ['Google', 'Google LLC', 'Google Analytics', 'Google AdMob', 'Firebase'], domains: ['google.com', 'youtube.com'] },
    { entityId: 'microsoft', names: ['Microsoft', 'Microsoft Corporation', 'Azure'], domains: ['microsoft.com', 'msn.com', 'bing.com'] },
    { entityId: 'snap', names: ['Snap', 'Snap Inc.', 'Snapchat'], domains: ['snapchat.com'] },
  ];
  const matcher = compileOrganisationMatcher(organisations);
  const namesWith = (text: string, appDomains?: readonly string[]): string[] =>
    detectFirstPartyNames(extractPolicyText(makeSnapshot(text, 'text')), firstPartyHints(matcher, appDomains));
  const recipients = (text: string, appDomains?: readonly string[]): string[] =>
    processors(extractClaims(extractPolicyText(makeSnapshot(text, 'text')), { organisations, ...(appDomains ? { appDomains } : {}) })).map((c) => c.name);

  // A small recipe app whose policy speaks of Google more than of itself (13 times against 2).
  const recipeApp = [
    'Privacy',
    'Pocket Recipes is a free app for saving recipes. This notice says what data we handle.',
    'Analytics. We use Google Analytics to understand how the app is used. Google Analytics collects your device identifier and the screens you open. Google may use this data as described in its own terms. You can opt out of Google Analytics in the settings.',
    'Advertising. We show ads served by Google AdMob. Google AdMob receives your advertising ID and IP address. Google uses cookies to personalise ads. Learn how Google uses data at the Google Privacy & Terms page.',
    'Crash reports. We send crash reports to Firebase, a Google service. Google stores them in the United States. Google acts as our processor for this data.',
    'Sign in. You can sign in with a Google account. Google then tells us your name and e-mail address, and Google keeps a record of the sign-in.',
    'Contact. Questions about Pocket Recipes go to privacy@pocketrecipes.example.',
  ].join('\n\n');

  it('does not take Google, counted most in a small app\'s policy, for the app (Google stays a recipient)', () => {
    expect(namesWith(recipeApp)).not.toContain('google');
    expect(namesWith(recipeApp, ['pocketrecipes.example'])).not.toContain('google');
    expect(recipients(recipeApp)).toEqual(expect.arrayContaining(['Google Analytics', 'Google AdMob']));
    // Before: "google" was an own name, and "Google AdMob receives your advertising ID" named no recipient.
    expect(processors(extractClaims(extractPolicyText(makeSnapshot(recipeApp, 'text')), { organisations, firstPartyNames: ['google'] })).map((c) => c.name)).not.toContain('Google AdMob');
  });

  // Bing and MSN's 2015 statement (OPP-115 1582_msn.com): Microsoft is its operator but never defined as "we".
  const msn = (ownProducts: boolean): string =>
    [
      'Bing and MSN Privacy Statement',
      `This privacy statement applies to Bing and MSN websites, services, products and applications that collect data and display these terms.${ownProducts ? ' It does not apply to other Microsoft products and services that do not link to the Bing and MSN Privacy Statement.' : ''}`,
      'If you sign into Bing using a Microsoft account, we will set or read additional cookies. Microsoft uses the data we collect to operate Bing and MSN. Microsoft may share data with vendors working on Microsoft\'s behalf.',
      'Microsoft collects search queries. Microsoft keeps search queries for 18 months. Microsoft de-identifies them after that. Microsoft reviews these rules every year, and Microsoft staff follow them.',
      'Microsoft may disclose personal data to comply with the law. Contact Microsoft Privacy at Microsoft Corporation, One Microsoft Way, Redmond.',
    ].join('\n\n');

  it('takes Microsoft for the operator of a Bing and MSN statement that counts its products among Microsoft\'s', () => {
    expect(namesWith(msn(true))).toContain('microsoft');
    expect(recipients(msn(true))).not.toContain('Microsoft');
  });

  it('takes Microsoft for the operator when the app\'s domain is Microsoft\'s (msn.com, a policy URL on www.bing.com)', () => {
    expect(namesWith(msn(false))).not.toContain('microsoft');
    expect(namesWith(msn(false), ['msn.com'])).toContain('microsoft');
    expect(namesWith(msn(false), ['www.bing.com'])).toContain('microsoft');
    expect(namesWith(msn(false), ['pocketrecipes.example'])).not.toContain('microsoft');
    expect(recipients(msn(false), ['msn.com'])).not.toContain('Microsoft');
  });

  it('takes a counted name that is the same catalogued company as a name from the title (Snapchat of Snap Inc.)', () => {
    const snap = ['Welcome to Snap Inc.’s Privacy Policy.', ...Array.from({ length: 11 }, (_, i) => `Snapchat feature ${i + 1} lets you share Snaps with friends.`)].join('\n\n');
    expect(namesWith(snap)).toEqual(expect.arrayContaining(['snap inc', 'snapchat']));
  });

  it('tells the operators of hosts from the catalog domains', () => {
    expect([...matcher.operatorsOf(['www.msn.com', 'example.org'])]).toEqual(['microsoft']);
    expect([...matcher.operatorsOf(['notgoogle.com'])]).toEqual([]);
    // The most specific operator of a host first, whatever the catalog order: a link names only that one.
    const amazon = compileOrganisationMatcher([
      { entityId: 'amazon', names: ['Amazon.com, Inc.'], domains: ['amazon.com'] },
      { entityId: 'aws', names: ['AWS'], domains: ['aws.amazon.com'] },
    ]);
    expect([...amazon.operatorsOf(['aws.amazon.com'])]).toEqual(['aws', 'amazon']);
  });
});
