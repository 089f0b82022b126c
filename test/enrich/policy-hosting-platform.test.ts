import { describe, expect, it } from 'vitest';
import { isPolicyHostingPlatform } from '../../src/enrich/policy-hosting-platform.js';

describe('isPolicyHostingPlatform', () => {
  it('knows where many apps publish their policies', () => {
    for (const host of ['sites.google.com', 'docs.google.com', 'www.iubenda.com', 'app.termly.io', 'github.com', 'www.notion.so', 'SITES.GOOGLE.COM.', 'myapp.tumblr.com', 'myapp.wordpress.com']) {
      expect(isPolicyHostingPlatform(host), host).toBe(true);
    }
  });

  it("leaves an app's own site, and the platform company's other hosts, alone", () => {
    // The platforms' own policies: Tumblr, WordPress.com and GitHub audited as apps keep their first-party reading.
    for (const host of ['www.pinterest.com', 'policies.google.com', 'www.google.com', 'example.com', 'privacy.example.co.uk', 'www.tumblr.com', 'tumblr.com', 'wordpress.com', 'docs.github.com']) {
      expect(isPolicyHostingPlatform(host), host).toBe(false);
    }
  });
});
