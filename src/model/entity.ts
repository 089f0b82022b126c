/** What an organisation does, as far as attribution cares. */
export type EntityRole =
  | 'realtime-communications'
  | 'cloud'
  | 'cdn'
  | 'transit'
  | 'analytics'
  | 'advertising'
  | 'attribution'
  | 'crash-reporting'
  | 'push'
  | 'social'
  | 'payments'
  | 'customer-support'
  /** Makes a device operating system that talks to the company's network by itself (iCloud, push, updates). */
  | 'operating-system'
  | 'other';

/** One organisation in the entity catalog: names, domains and network-owner names tied together. */
export interface Entity {
  /** Stable kebab-case id, e.g. 'agora'. */
  id: string;
  /** Display name, e.g. 'Agora, Inc.'. */
  name: string;
  /** Other names a policy may use, including non-English trading names and product names. */
  aliases: string[];
  /** Parent entity id, e.g. 'firebase' → 'google'. */
  parent?: string;
  /**
   * Other product families of the same company this product also belongs to, by entity id: Google
   * Analytics for Firebase is Google Analytics (its parent) and part of Firebase. Naming any of them
   * covers it, as naming the parent does.
   */
  memberOf?: string[];
  /** ISO 3166-1 alpha-2 code of the headquarters; 'ZZ' (CLDR's unknown region) when an imported list does not say. */
  country: string;
  roles: EntityRole[];
  /** Registrable domains (eTLD+1) the organisation operates. */
  domains: string[];
  /**
   * Host names with `*` standing for exactly one label, for service endpoints whose variable part sits
   * inside the name (`cognito-identity.*.amazonaws.com`, one per region). A pattern matches the whole
   * host and beats any domain, since it is always at least as specific.
   */
  hostPatterns?: string[];
  /** Substrings of ASN owner names (as in the ASN data set), matched case-insensitively. */
  asnOwners: string[];
  /** Generic categories of the policy that would cover this organisation ("service providers", "analytics"). */
  categories: string[];
  /** Where the facts come from (URLs of the company's own pages, registries). */
  sources: string[];
  /**
   * Set only for organisations that exist because of a user-supplied list (`claimcheck entities
   * import`): the lists they came from. Their facts (headquarters, parent) are the list's, unchecked.
   */
  importedFrom?: string[];
  /**
   * Set only for user-supplied entities: each list file that described this organisation, as first
   * imported. Absent on entities stored before claimcheck recorded it (their `importedFrom` names the list).
   */
  importedLists?: EntityListImport[];
}

/** One user-supplied entity list file as imported: enough to name it in a report and import it again. */
export interface EntityListImport {
  /** File name as given to `entities import` (no directory). */
  file: string;
  /** List format: 'disconnect', 'duckduckgo' or 'webxray'. */
  format: string;
  /** sha256 of the file's bytes (only its first 12 hex digits for lists imported before it was recorded in full). */
  sha256: string;
  /** When the file was first imported into this database (ISO 8601); null when not recorded. */
  importedAt: string | null;
}

/** IP → network facts from the pinned offline data. */
export interface IpNetworkInfo {
  asn: number | null;
  asnOwner: string | null;
  country: string | null;
}

/** How a flow was tied to an organisation. */
export type AttributionMethod = 'host-name' | 'network-owner' | 'none';

/** Who receives a flow, with the evidence and how sure we are. */
export interface Attribution {
  /** Catalog entity when known. */
  entityId: string | null;
  /** Organisation name to display: entity name, else ASN owner, else registrable domain. */
  organisation: string | null;
  /** Registrable domain of the best host name, if any. */
  domain: string | null;
  host: string | null;
  method: AttributionMethod;
  /**
   * 'first-party' for the app's own domains; 'recipient' when the host name (or the company's own
   * network) names the company; 'hosting' when only a cloud/CDN network owner is known; 'device-background'
   * for what the phone's or laptop's operating system sends by itself (connectivity checks, network time); 'peer' for call
   * media that went directly to another participant's connection (an access network, with ICE checks from both ends);
   * else 'unknown'.
   */
  relation: 'first-party' | 'recipient' | 'hosting' | 'device-background' | 'peer' | 'unknown';
  confidence: 'high' | 'medium' | 'low';
  network: IpNetworkInfo;
  /** Human-readable chain, e.g. ["TLS SNI api.agora.io (frame 12)", "agora.io → Agora"]. */
  evidence: string[];
}
