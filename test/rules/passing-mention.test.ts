/**
 * Names a policy mentions in passing, from the shared real policies (../shared/data/policies), and the
 * sentences of those policies that do disclose a recipient and must stay disclosures.
 */
import { describe, expect, it } from 'vitest';
import { readPassingMention } from '../../src/rules/passing-mention.js';

describe('readPassingMention: passing mentions in the real policies', () => {
  it('reads a settings or opt-out page as where the user acts, not a recipient (trial 7b P1-2)', () => {
    expect(readPassingMention("You can opt out of interest-based ads at Google's ad settings.", 'Google')).toBe('control');
    expect(readPassingMention('You can manage ads in your Facebook ad preferences.', 'Facebook')).toBe('control');
    expect(readPassingMention('To opt out, visit the Google opt-out page.', 'Google')).toBe('control');
    // Named as a recipient elsewhere in the sentence: it counts.
    expect(readPassingMention('We use Google Analytics; you can opt out using the Google Analytics Opt-out Browser Add-on.', 'Google Analytics')).toBeNull();
    expect(readPassingMention('We share data with Google to show ads.', 'Google')).toBeNull();
  });

  it('an example of where public content may appear (Reddit 2026-08-20)', () => {
    const reddit =
      'That content and information may also be available in search results on internet search engines like Google or in responses provided by an AI chatbot like OpenAI’s ChatGPT as well as reshared by others without permission or where Reddit has no control.';
    expect(readPassingMention(reddit, 'Google')).toBe('example');
    expect(readPassingMention(reddit, 'ChatGPT')).toBe('example');
  });

  it("another company's documents (Reddit, Twitch 2026-08-13, WhatsApp 2026-07-03)", () => {
    expect(
      readPassingMention(
        'For more information about the purpose and scope of personal data collection and processing in connection with social sharing features, please visit the privacy policies of the third parties that provide these social sharing features (for example, Tumblr, Facebook, and X).',
        'Facebook',
      ),
    ).toBe('document');
    expect(readPassingMention('See Amazon’s Generative AI Development Disclosure for more information.', 'Amazon')).toBe('document');
    expect(readPassingMention('For more information, see the WhatsApp LLC Data Privacy Framework Disclosure and the Meta Platforms, Inc. Data Privacy Framework Disclosure.', 'Meta Platforms, Inc.')).toBe('document');
  });

  it("technology on the user's device, app stores and advertising IDs (LINE 2026-07-31, Snapchat 2026-08-05, BeReal 2026-07-07)", () => {
    expect(readPassingMention('We may use Apple‘s TrueDepth camera to collect additional information from your device‘s camera in order to improve quality of camera and video call that we provide.', 'Apple')).toBe('device');
    expect(readPassingMention('On iOS, we use Apple’s TrueDepth camera to improve the quality of Lenses.', 'Apple')).toBe('device');
    expect(readPassingMention('If you make an in-app purchase, your payment is processed directly by the relevant app store (Apple App Store or Google Play Store).', 'Google')).toBe('device');
    expect(readPassingMention('Mobile advertising IDs (e.g., Apple IDFA if you use iOS or Google AAID if you use Android) can be reset.', 'Apple')).toBe('device');
    expect(readPassingMention('The app is available on the Apple App Store and on Google Play.', 'Google')).toBe('device');
  });

  it('how companies are related, whose rights are protected, trademarks, links, comparisons (WhatsApp and typical wording)', () => {
    expect(readPassingMention('WhatsApp is one of the Meta Companies.', 'Meta')).toBe('affiliation');
    expect(readPassingMention('protect the rights, property and safety of our users, WhatsApp, the Meta Companies, or others, including to prevent death or imminent bodily harm.', 'Meta')).toBe('protected-party');
    expect(readPassingMention('Apple and the Apple logo are trademarks of Apple Inc., registered in the U.S. and other countries.', 'Apple')).toBe('trademark');
    expect(readPassingMention('Our Services may contain links to YouTube and other sites we do not control.', 'YouTube')).toBe('link');
    expect(readPassingMention('so that we can learn how many unique users we have compared to other services offered by the Meta Companies.', 'Meta')).toBe('comparison');
  });
});

describe('readPassingMention: disclosures stay disclosures', () => {
  it('the real policies naming a recipient, a provider, or a company that collects on the service', () => {
    const disclosures: [string, string][] = [
      ['We use internal tools and third party applications and services (like Google Analytics or comScore) to collect and analyze this information.', 'Google Analytics'],
      ['Some services that we use (including Third Party Services), such as Google Analytics, Nielsen, and comScore, may use their own web tags or place their own cookies on your browser.', 'Nielsen'],
      ['Key service providers we use include Amazon Web Services, Stripe, Zendesk, and Google.', 'Google'],
      ['In some cases, we may use a third party application to help you verify your address, such as Google Maps.', 'Google'],
      ['At such time, information such as the URL of the page that you accessed and IP address will be automatically sent to Google.', 'Google'],
      ['For the processing of data by Google in Google Analytics, please read the terms of use of Google Analytics and Google’s privacy policy.', 'Google'],
      ['To do this, we disclose information such as cookie IDs, your IP address or a hashed version of your email address to third parties, such as Facebook Ads, Google Marketing Platform and others.', 'Facebook'],
      ['For example, WhatsApp uses Meta’s global infrastructure and data centers, which are located around the world including in the United States, to store the information.', 'Meta'],
      ['LinkedIn shares data with our parent company Microsoft, as set out in our Privacy Policy and this Notice, so that Microsoft can train and improve its AI models (in accordance with Microsoft’s privacy policies).', 'Microsoft'],
      ['You can opt out of the Audience Measurement services provided by Nielsen and Quantcast.', 'Nielsen'],
    ];
    for (const [quote, name] of disclosures) expect(readPassingMention(quote, name), quote).toBeNull();
  });

  it('an example of a head that itself receives data, a trademark sentence that shares, a name not in the sentence', () => {
    expect(readPassingMention('We share your public posts with other sites like Facebook.', 'Facebook')).toBeNull();
    expect(readPassingMention('We share crash reports with Google Play services, a trademark of Google LLC.', 'Google')).toBeNull();
    expect(readPassingMention('We use Google Play services to deliver notifications.', 'Google')).toBeNull();
    expect(readPassingMention('We share data with partners.', 'Google')).toBeNull();
  });
});
