/**
 * Places below the country that a policy may give as where servers are ("hosted in Frankfurt and Virginia",
 * "the AWS eu-central-1 region"), read from the curated lexicons/places.json. Without them such a sentence named
 * no country, and traffic to Germany or the United States was "a country the policy does not name".
 */
import places from './lexicons/places.json' with { type: 'json' };

/** What kind of place a name is: a city, a state or province, or a cloud provider's region id. */
export type SubCountryKind = 'city' | 'region' | 'cloud-region';

/** A place below the country, with the country it lies in (ISO 3166-1 alpha-2). */
export interface SubCountryPlace {
  name: string;
  country: string;
  kind: SubCountryKind;
}

function collect(table: Record<string, string[]>, kind: SubCountryKind): SubCountryPlace[] {
  return Object.entries(table).flatMap(([country, names]) => names.map((name) => ({ name, country, kind })));
}

/** Every curated place, keyed by its name as written in places.json. */
export const SUB_COUNTRY_PLACES: ReadonlyMap<string, SubCountryPlace> = new Map(
  [...collect(places.cities, 'city'), ...collect(places.regions, 'region'), ...collect(places.cloudRegions, 'cloud-region')].map((p) => [p.name, p]),
);

/** The curated names of places in one country ("Frankfurt", "Hesse", "eu-central-1" for DE). */
export function listSubCountryPlaceNames(country: string): string[] {
  return [...SUB_COUNTRY_PLACES.values()].filter((p) => p.country === country).map((p) => p.name);
}

/** Capitalised words after the place that make it part of a longer name, unless they are data-centre words. */
const NAME_CONTINUES = /^\s+(?!(?:Region|Regions|Data|Datacenters?|Availability|Zones?|Servers?|Area|Metro)\b)\p{Lu}\p{Ll}/u;

/** A state, county or city government, its law or its people after the place: "New York state or county health departments". */
const GOVERNMENT_AFTER =
  /^\s+(?:(?:state|county|city|local|and|or)\s+)*(?:health\s+)?(?:departments?|governments?|agenc(?:y|ies)|authorit(?:y|ies)|attorneys?|courts?|laws?|officials?|residents?|regulators?)\b/i;

/**
 * True when the place name at this point is not where data goes but part of something else: a longer proper name
 * ("New York Times", "Frankfurt Stock Exchange") or a government, law or people of the place ("New York state health
 * departments", "California residents").
 */
export function continuesAsName(textAfter: string): boolean {
  return NAME_CONTINUES.test(textAfter) || GOVERNMENT_AFTER.test(textAfter);
}
