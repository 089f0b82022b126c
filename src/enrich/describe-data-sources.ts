/**
 * The shipped data sets attribution relies on, named with version and licence for a report's
 * methodology: the pinned IP packages and claimcheck's own catalog (whose version is the tool's).
 */
import type { AuditDataSource } from '../model/audit.js';
import tenantNamespaces from './data/tenant-namespaces.json' with { type: 'json' };
import type { EntityCatalog } from './entity-catalog.js';
import { describeIpDataSources } from './ip-network-database.js';

/** IP data sets and the shipped catalog (sizes counted from the catalog given, normally the default one). */
export function describeDataSources(catalog: EntityCatalog, toolVersion: string): AuditDataSource[] {
  return [
    ...describeIpDataSources(),
    {
      name: 'claimcheck entity catalog',
      version: toolVersion,
      licence: 'MIT (facts compiled from the organisations\u2019 own pages; sources listed per entity)',
      attribution: `src/enrich/data/entities.json (${catalog.all().length} organisations) and tenant-namespaces.json (${tenantNamespaces.namespaces.length} platform namespaces) in the claimcheck package`,
    },
  ];
}
