import { describe, expect, it } from 'vitest';
import { findCookieLifetimes } from '../../src/policy/find-cookie-lifetimes.js';

const lifetimes = (text: string, leadIns: string[] = []): [string, number | null, string][] =>
  findCookieLifetimes(text, leadIns).map((l) => [l.vagueness, l.periodDays, l.trigger]);

describe('findCookieLifetimes', () => {
  it('reads a stated lifetime as a period, an end of the browsing session as a limit (OPP-115 development sentences)', () => {
    expect(lifetimes('The "persistent" cookie we use in CAN will remain on your computer after you have left our site and will expire six months after it was set.')).toEqual([
      ['stated', 182.64, 'six months'],
    ]);
    expect(lifetimes('Session cookies expire after two hours of inactivity or when you close your browser.')).toEqual([['stated', 0.08, 'after two hours']]);
    expect(lifetimes('These cookies contain no personally identifiable information and are deleted when the browser window is closed.')).toEqual([
      ['limited', null, 'when the browser window is closed'],
    ]);
    expect(lifetimes('Session cookies: these are temporary cookies that expire at the end of a browser session; that is, when you leave the site.')).toEqual([
      ['limited', null, 'at the end of a browser session'],
    ]);
    expect(lifetimes('Persistent cookies are stored on your equipment between browsing sessions until expiry or deletion.')).toEqual([['limited', null, 'until expiry or deletion']]);
  });

  it('keeps the lifetime when the reader’s own deletion is mentioned after it', () => {
    expect(lifetimes('The blocking cookie for CAN will last for five years; however, if you delete your browser cookies, your opt-out cookie will also be deleted.')).toEqual([
      ['stated', 1826.25, 'for five years'],
    ]);
    expect(lifetimes('The "persistent" cookies placed by our third party ad servers will remain on your computer after you have left our site for up to 20 years unless you choose to delete them.')).toEqual([
      ['stated', 7305, 'up to 20 years'],
    ]);
  });

  it('reads a list item that names no cookie with its lead-in, in the text or from before it (archives.gov)', () => {
    expect(lifetimes('Cookies will:\nRecord only that the visitor had the opportunity to answer the survey questions\nExpire 60 days after being set')).toEqual([
      ['stated', 60, '60 days'],
    ]);
    expect(lifetimes('Expire 60 days after being set', ['Cookies will:'])).toEqual([['stated', 60, '60 days']]);
    expect(lifetimes('Expire 60 days after being set', ['Survey answers will:'])).toEqual([]);
  });

  it('does not read the reader removing cookies, staying after a visit, or data kept by the service as a cookie lifetime', () => {
    expect(lifetimes("Persistent cookies can be removed by following the user's internet browser help file directions.")).toEqual([]);
    expect(lifetimes('If you delete your cookies, you will have to opt out again.')).toEqual([]);
    expect(lifetimes('Persistent cookies remain on your computer after you leave our website.')).toEqual([]);
    expect(lifetimes('We use cookies to remember your preferences.')).toEqual([]);
    expect(lifetimes('We keep your search history for 18 months.')).toEqual([]);
  });
});
