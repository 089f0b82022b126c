/** The README's catalog figures are the shipped files' (trial7 P3-15: it said 136 organisations, reports said 137). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import entities from '../../src/enrich/data/entities.json' with { type: 'json' };
import tenants from '../../src/enrich/data/tenant-namespaces.json' with { type: 'json' };

describe('README catalog counts', () => {
  it('names as many organisations and namespaces as entities.json and tenant-namespaces.json hold', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toContain(`src/enrich/data/entities.json\` (${entities.length} organisations:`);
    expect(readme).toContain(`(${tenants.namespaces.length} platform customer namespaces)`);
  });
});
