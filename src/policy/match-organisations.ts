import type { PhraseMatch } from './compile-phrase-pattern.js';

/** Names and aliases of one organisation from the entity catalog. */
export interface OrganisationName {
  entityId: string;
  names: string[];
  /** Registrable domains the organisation operates ("msn.com" is Microsoft's), to recognise it as the app's operator. */
  domains?: string[];
}

/** A known organisation found in a sentence. */
export interface OrganisationMatch extends PhraseMatch {
  entityId: string;
}

/** Finds known organisation names in text and resolves free-form names to an entity. */
export interface OrganisationMatcher {
  find(text: string): OrganisationMatch[];
  /** Entity id for a name found another way ("Agora Lab, Inc."), by exact name or by a known name it starts with. */
  resolve(name: string): string | undefined;
  /**
   * Entity ids of the organisations that operate any of these hosts or domains ("www.msn.com" → Microsoft). For one
   * host the most specific operator comes first ("aws.amazon.com" → AWS, then Amazon.com), which a link relies on.
   */
  operatorsOf(hosts: readonly string[]): Set<string>;
  /** The organisation's first listed name (the catalog's display name), or undefined for an unknown id. */
  nameOf(entityId: string): string | undefined;
}

/**
 * Compiles the catalog's names into one pattern, longest name first so that "Google Analytics"
 * wins over "Google". Matching ignores case except that the first letter found must be a capital
 * (so "apple" the fruit or "meta data" are not companies) and short all-capital names ("AWS", "IBM")
 * must match exactly.
 */
export function compileOrganisationMatcher(organisations: readonly OrganisationName[]): OrganisationMatcher {
  const byName = new Map<string, string>();
  for (const organisation of organisations) {
    for (const name of organisation.names) {
      const key = name.trim().toLowerCase();
      if (key.length >= 2 && !byName.has(key)) byName.set(key, organisation.entityId);
    }
  }
  const names = [...byName.keys()].sort((a, b) => b.length - a.length);
  const pattern =
    names.length === 0
      ? null
      : new RegExp(
          `(?<![\\p{L}\\p{N}_.@/-])(?:${names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')).join('|')})(?![\\p{L}\\p{N}_]|\\.[\\p{L}\\p{N}])`,
          'giu',
        );
  const byDomain = new Map<string, string>();
  for (const organisation of organisations) for (const domain of organisation.domains ?? []) if (!byDomain.has(domain)) byDomain.set(domain.toLowerCase(), organisation.entityId);
  const originalCase = new Map<string, string>();
  for (const organisation of organisations) for (const name of organisation.names) originalCase.set(name.trim().toLowerCase(), name.trim());

  const displayName = new Map<string, string>();
  for (const organisation of organisations) {
    const first = organisation.names[0]?.trim();
    if (first !== undefined && first !== '' && !displayName.has(organisation.entityId)) displayName.set(organisation.entityId, first);
  }

  return {
    nameOf: (entityId) => displayName.get(entityId),
    find(text) {
      if (pattern === null) return [];
      const found: OrganisationMatch[] = [];
      pattern.lastIndex = 0;
      for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
        const written = m[0];
        const key = written.replace(/\s+/g, ' ').toLowerCase();
        const entityId = byName.get(key);
        if (entityId === undefined) continue;
        const canonical = originalCase.get(key) ?? written;
        if (!/^[\p{Lu}\p{N}]/u.test(written)) continue;
        if (canonical.length <= 4 && canonical === canonical.toUpperCase() && written !== canonical) continue;
        found.push({ start: m.index, end: m.index + written.length, text: written, entityId });
      }
      return found;
    },
    resolve(name) {
      const key = name.replace(/\s+/g, ' ').trim().toLowerCase();
      const exact = byName.get(key);
      if (exact !== undefined) return exact;
      for (const candidate of names) {
        if (key === candidate || key.startsWith(`${candidate} `) || key.startsWith(`${candidate},`)) {
          return byName.get(candidate);
        }
      }
      return undefined;
    },
    operatorsOf(hosts) {
      const operators = new Set<string>();
      for (const host of hosts) {
        // "www.msn.com" → "www.msn.com", "msn.com": the host and each parent domain of two labels or more.
        const labels = host.trim().toLowerCase().replace(/\.$/, '').split('.');
        for (let i = 0; i + 2 <= labels.length; i++) {
          const entityId = byDomain.get(labels.slice(i).join('.'));
          if (entityId !== undefined) operators.add(entityId);
        }
      }
      return operators;
    },
  };
}
