import regions from '../rules/regions.json' with { type: 'json' };

/** Groups whose every member, when all are listed, is named once rather than country by country. Largest first. */
const GROUPS: { name: string; members: readonly string[] }[] = [
  { name: 'the European Economic Area', members: regions.EEA },
  { name: 'the European Union', members: regions.EU },
];

/**
 * English names of country codes, a whole EU or EEA named as such: "the European Union (27 countries), United
 * States" rather than 28 names (a policy that says "the EU" is read as its member states).
 */
export function nameCountryList(codes: readonly string[], nameCountry: (code: string) => string): string {
  let rest = codes.map((c) => c.toUpperCase());
  const names: string[] = [];
  for (const group of GROUPS) {
    if (!group.members.every((m) => rest.includes(m))) continue;
    names.push(`${group.name} (${group.members.length} countries)`);
    rest = rest.filter((c) => !group.members.includes(c));
  }
  return [...names, ...rest.map(nameCountry)].join(', ');
}
