import { compilePhrasePattern, findPhrases } from './compile-phrase-pattern.js';
import countries from './lexicons/countries.json' with { type: 'json' };
import regions from './lexicons/regions.json' with { type: 'json' };
import { SUB_COUNTRY_PLACES } from './sub-country-places.js';

/** Countries and regions a short piece of text (a table cell, a list item's part) names. */
export interface PlaceNames {
  /** ISO 3166-1 alpha-2 codes. */
  countries: string[];
  /** Region ids of regions.json ('EEA', 'EU', 'APAC', …). */
  regions: string[];
  /** True for "Global", "Worldwide", "Various": a location that names no place. */
  unspecified: boolean;
  /** True when nothing but places, separators and such words is written: the text is a location. */
  onlyPlaces: boolean;
}

const CODE_BY_NAME = new Map<string, { kind: 'country' | 'region'; code: string }>();
for (const [code, names] of Object.entries(countries.countries)) for (const name of names) CODE_BY_NAME.set(name, { kind: 'country', code });
for (const [code, names] of Object.entries(regions.regions)) for (const name of names) CODE_BY_NAME.set(name, { kind: 'region', code });
// A list row's "Frankfurt", "Virginia" or "eu-central-1" stands for its country.
for (const place of SUB_COUNTRY_PLACES.values()) if (!CODE_BY_NAME.has(place.name)) CODE_BY_NAME.set(place.name, { kind: 'country', code: place.country });
/** Case-sensitive like the transfer extractor, so the word "us" in a purpose is never the US. */
const PLACE = compilePhrasePattern([...CODE_BY_NAME.keys()], { caseSensitive: true });
const UNSPECIFIED = /\b(?:global(?:ly)?|worldwide|world-wide|various|multiple(?:\s+(?:countries|locations|regions))?|international|where(?:ver)?\s+\w+\s+operates?)\b/gi;
/** What may stand between place names in a location cell: separators, "and", "the", data-centre words. */
const FILLER = /^(?:[\s,;/&()+.:\-–—]|\band\b|\bor\b|\bthe\b|\bin\b|\bdata\s+cent(?:er|re)s?\b|\bregions?\b|\bservers?\b|\bhosted\b|\bprocessing\b)*$/i;

/** Reads the places a table cell or list-item part names, and whether it is nothing but a location. */
export function readPlaceNames(text: string): PlaceNames {
  const found = findPhrases(text, PLACE);
  const countryCodes = new Set<string>();
  const regionCodes = new Set<string>();
  for (const match of found) {
    const place = CODE_BY_NAME.get(match.text) ?? CODE_BY_NAME.get(match.text.replace(/\s+/g, ' '));
    if (place?.kind === 'country') countryCodes.add(place.code);
    else if (place?.kind === 'region') regionCodes.add(place.code);
  }
  UNSPECIFIED.lastIndex = 0;
  const vague = [...text.matchAll(UNSPECIFIED)];
  // Blank out every place and vague word; what remains decides whether the text is purely a location.
  let rest = text;
  for (const span of [...found, ...vague.map((m) => ({ start: m.index, end: m.index + m[0].length }))].sort((a, b) => b.start - a.start)) {
    rest = `${rest.slice(0, span.start)} ${rest.slice(span.end)}`;
  }
  const named = countryCodes.size + regionCodes.size > 0 || vague.length > 0;
  return {
    countries: [...countryCodes].sort(),
    regions: [...regionCodes].sort(),
    unspecified: vague.length > 0,
    onlyPlaces: named && FILLER.test(rest),
  };
}
