import { describe, expect, it } from 'vitest';
import { isUserChosenService } from '../../src/rules/user-chosen-service.js';

describe('isUserChosenService', () => {
  it('recognises services the user takes in the shared real policies', () => {
    // WhatsApp 2026-07-03: a backup service the user connects.
    expect(
      isUserChosenService(
        'For example, if you use a data backup service integrated with our Services (like iCloud or Google Account), they will receive the information you share with them, such as your WhatsApp messages.',
        'Google',
      ),
    ).toBe(true);
    // WhatsApp: a player the user opens.
    expect(
      isUserChosenService(
        'If you interact with a third-party service or other Meta Company Products through our Services, such as when you use the in-app player to play content from a third-party platform like YouTube or Facebook, information like your IP address may be shared with them.',
        'YouTube',
      ),
    ).toBe(true);
    expect(isUserChosenService('* enable you to search the web for images or to share videos from third-party services such as YouTube.', 'YouTube')).toBe(true);
    // TikTok 2026-08-20: signing in through another platform.
    expect(
      isUserChosenService('sign-up or log-in to the Platform using your account details from a third party platform (such as Facebook or Google), we will share certain Technical Information to facilitate this,', 'Google'),
    ).toBe(true);
    // Reddit 2026-08-20: the user's own accounts.
    expect(isUserChosenService('where you have elected to share your age range information associated with your Apple or Google accounts.', 'Google')).toBe(true);
    expect(isUserChosenService('You can log in with Facebook.', 'Facebook')).toBe(true);
    expect(isUserChosenService('You may connect your Spotify account to the app.', 'Spotify')).toBe(true);
    // Reddit: the first of two accounts ("your Apple or Google accounts") is the user's own too.
    expect(isUserChosenService('where you have elected to share your age range information associated with your Apple or Google accounts.', 'Apple')).toBe(true);
    // Tumblr 2026-06-04: the user publishing or sharing to other sites.
    expect(isUserChosenService('You can automatically publish the posts you make on Tumblr to other sites (like Facebook or Twitter).', 'Twitter')).toBe(true);
    expect(
      isUserChosenService(
        'You may also choose to share information that you provide to us, like blog posts, with those Third Party Services (for example, by sharing posts to Twitter or Facebook).',
        'Facebook',
      ),
    ).toBe(true);
  });

  it('leaves the app sharing data with the company as a disclosure', () => {
    expect(isUserChosenService('If you use our app, we share usage data with Google Analytics.', 'Google Analytics')).toBe(false);
    expect(isUserChosenService('We use Google Analytics to understand how the app is used.', 'Google Analytics')).toBe(false);
    expect(isUserChosenService('When you sign up, your email address is shared with Braze.', 'Braze')).toBe(false);
    expect(isUserChosenService('Data you give when you sign up is shared with Braze.', 'Braze')).toBe(false);
    expect(isUserChosenService('Key service providers we use include Amazon Web Services, Stripe, Zendesk, and Google.', 'Google')).toBe(false);
    // Named twice, once as the app's processor: the sentence still discloses it.
    expect(isUserChosenService('You can log in with Google, and we send crash reports to Google.', 'Google')).toBe(false);
    expect(isUserChosenService('We share data with partners.', 'Google')).toBe(false);
    // The user can share, but the company speaks too.
    expect(isUserChosenService('You can share posts to Facebook, and we share usage data with Facebook.', 'Facebook')).toBe(false);
    expect(isUserChosenService('You can opt out of the Audience Measurement services provided by Nielsen and Quantcast.', 'Nielsen')).toBe(false);
  });

  it("reads the services listed in \"If you connect to a third-party service (such as Discord, Riot Games, or Xbox)\" as chosen by the user (Twitch, trial 8 item 13)", () => {
    const twitch = 'If you connect to a third-party service (such as Discord, Riot Games, or Xbox) through the Twitch Services or otherwise link your Twitch account with a third-party service, you are requesting and authorizing Twitch to share or grant access to information on your behalf with such third party.';
    for (const name of ['Discord', 'Riot Games', 'Xbox']) expect(isUserChosenService(twitch, name)).toBe(true);
  });
});
