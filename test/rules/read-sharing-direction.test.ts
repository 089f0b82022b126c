import { describe, expect, it } from 'vitest';
import { readSharingDirection } from '../../src/rules/read-sharing-direction.js';

// Sentences from the shared real policies (Pinterest 2025-10-03, WhatsApp 2026-07-03).
describe('readSharingDirection', () => {
  it('reads sentences that send data to the mention as outbound', () => {
    expect(readSharingDirection('With vendors that we employ to process information on our behalf based on our instructions and for the purposes described in this Privacy Policy.', 'vendors')).toBe('outbound');
    expect(readSharingDirection('Some information that we acquire may be collected by vendors on our behalf.', 'vendors')).toBe('outbound');
    expect(readSharingDirection('We work with third-party service providers to help us provide our Services.', 'third-party service providers')).toBe('outbound');
    expect(readSharingDirection('We may also provide partners with information about you so that advertisers can show you ads on or off of Pinterest.', 'partners')).toBe('outbound');
    // "to us and our ad partners": the ad partners receive the insights too.
    expect(
      readSharingDirection('Sometimes we get this information through the Pinterest Tag (a piece of code an advertiser puts on their site), which delivers insights to us and our ad partners about actions that a person takes on that site.', 'ad partners'),
    ).toBe('outbound');
  });

  it('reads sentences that only name the mention as a source as inbound', () => {
    expect(readSharingDirection('Technical service partners: We sometimes receive information about you from technical service partners, including from marketing firms.', 'service partners')).toBe('inbound');
    expect(readSharingDirection('Advertisers or other partners: Online advertisers or third parties provide information to us about you to measure, report on or improve the performance of ads on Pinterest.', 'partners')).toBe('inbound');
    expect(readSharingDirection('Advertisers or other partners: Online advertisers or third parties provide information to us about you to measure, report on or improve the performance of ads on Pinterest.', 'Advertisers')).toBe('inbound');
    expect(
      readSharingDirection("For example, we may receive information about your visits to an advertiser's site, purchases you made from them or information about your interests from a third-party service, which we might use to help show you more relevant ads.", 'advertiser'),
    ).toBe('inbound');
    expect(readSharingDirection('Just as you can report other users, other users or third parties may also choose to report to us your interactions and your messages with them or others on our Services.', 'third parties')).toBe('inbound');
    // What companies provide to us is a service, not a recipient.
    expect(readSharingDirection('We work with Meta Companies in the UK, Israel and the United States that provide us with business analytics services.', 'analytics services')).toBe('inbound');
  });

  it('reads a section title in "(see …)" as a reference, and a plain mention as unstated', () => {
    expect(
      readSharingDirection('Even if you do not choose to use our precise location-related features (see Information Shared by You and by WhatsApp with Third Parties), we use IP addresses to estimate your general location.', 'Third Parties'),
    ).toBe('reference');
    expect(
      readSharingDirection('Please also see the How We Work With Other Meta Companies and Working with Authorities, Advisors and Industry Partners sections for further information we share.', 'Partners'),
    ).toBe('reference');
    expect(readSharingDirection('Third-Party Service Providers.', 'Third-Party Service Providers')).toBe('unstated');
    expect(readSharingDirection('We share data with partners.', 'vendors')).toBe('unstated');
  });

  it('"associated with" and "visits to" send nothing', () => {
    expect(readSharingDirection('information associated with your Google account', 'Google')).toBe('unstated');
  });
});
