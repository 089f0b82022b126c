/**
 * Where a service is offered is its market, not where data is: "We offer the app in Germany", "Our services are
 * available in France and Spain", "Spotify launched in Japan", "the game is sold in Brazil", "we provide our Services
 * in Japan". A verb of offering or availability, then within its clause a place preposition, right before the place.
 */
const MARKET_LEAD_IN = new RegExp(
  String.raw`\b(?:` +
    [
      String.raw`offer(?:s|ed|ing)?`,
      String.raw`launch(?:es|ed|ing)?`,
      String.raw`sell(?:s|ing)?|sold`,
      String.raw`distribut(?:e|es|ed|ing)`,
      String.raw`market(?:s|ed|ing)?`,
      String.raw`releas(?:e|es|ed|ing)`,
      String.raw`(?:make|makes|made|making)\s+(?:\S+\s+){0,4}?available`,
      String.raw`(?:is|are|be|been|being|become|becomes|remains?)\s+(?:(?:now|currently|also|only|not|widely|generally|still|officially)\s+)*available`,
      String.raw`provid(?:e|es|ed|ing)\s+(?:(?:the|our|its|their|this)\s+)?(?:[\w-]+\s+)?(?:app|apps|application|service|services|product|products|platform|game|games|features?)`,
    ].join('|') +
    String.raw`)\b[^.;:,]{0,60}?\s(?:in|across|throughout|within)\s+(?:(?:the|all|some|certain|other|many|most|selected|select)\s+)*$`,
  'i',
);
/** Data, or a storage or transfer word, between the verb and the place makes it a data location again: "we offer data storage in Germany", "sell your data in Japan". */
const DATA_WORD = /\b(?:data|information|content|stor(?:e|es|ed|ing|age)|host(?:s|ed|ing)?|servers?|data\s+cent(?:er|re)s?|transfer\w*|transmit\w*|process\w*|backups?)\b/i;

/** True when the words right before a place say where the service is offered or available, not where data is. */
export function isMarketLeadIn(before: string): boolean {
  const match = MARKET_LEAD_IN.exec(before);
  return match !== null && !DATA_WORD.test(match[0]);
}
