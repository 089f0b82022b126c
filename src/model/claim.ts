/**
 * Typed claims extracted from a privacy policy. Every claim carries provenance: the snapshot it came
 * from, the heading path of its section, the character span in the snapshot's extracted text and the quote.
 */

/** Where a piece of policy text sits: offsets index into `ExtractedPolicy.text`. */
export interface TextSpan {
  start: number;
  end: number;
}

/** Fields every claim has. */
export interface ClaimBase {
  /** Heading path from the document root to the section, e.g. ["Sharing", "Service providers"]. */
  sectionPath: string[];
  /** Span of the supporting sentence (or list item) in the extracted text. */
  span: TextSpan;
  /** The sentence as it appears in the extracted text (exactly text.slice(span.start, span.end)). */
  quote: string;
  /** 'negative' for "we do not share / never sell"; claims keep their polarity rather than being dropped. */
  polarity: 'affirmative' | 'negative';
  /**
   * Clauses of the sentence that scope the claim: exceptions ("except as required by law"), conditions
   * ("if you opt in") and purposes ("to provide the service"). Absent when the sentence has none.
   */
  conditions?: ClaimCondition[];
}

/** A clause that limits when or why a claim holds, as written in the sentence. */
export interface ClaimCondition {
  kind: 'exception' | 'condition' | 'purpose';
  /** The clause as written, from its marker word ("unless", "if", "to") to the clause end. */
  text: string;
}

/** A named organisation or a generic category of recipient. */
export interface ProcessorClaim extends ClaimBase {
  kind: 'processor';
  /** 'named': a specific company ("Google Analytics"); 'category': "service providers", "analytics partners". */
  processorType: 'named' | 'category';
  /** The name or category as written in the policy. */
  name: string;
  /** For categories, a normalised category id such as 'service-providers', 'analytics', 'advertising', 'affiliates', 'cloud-hosting'. */
  category?: string;
  /** Entity catalog id when the name resolves to a known organisation. */
  entityId?: string;
  /** What the processor does for the app, as a sub-processor list's row states it ("Cloud hosting"). */
  purpose?: string;
  /** Where the processor is or processes data, as a sub-processor list's row states it ("Ireland, United States"). */
  location?: string;
  /**
   * Set when the sentence names the organisation only by a link to its site ("[user analytics](https://amplitude.com/
   * privacy)"): the link's text as the reader sees it and its target. `name` is then the catalog's name.
   */
  link?: { text: string; href: string };
}

export type RetentionVagueness = 'stated' | 'limited' | 'indefinite' | 'unspecified';

/**
 * Who keeps the data: the service whose policy it is, or another organisation the sentence names
 * ("Stripe retains card details", 'named') or describes ("the third party service may store a copy",
 * 'unnamed'). A report must not present a vendor's retention as the service's own promise.
 */
export type RetentionHolder =
  | { kind: 'service' }
  | {
      kind: 'named' | 'unnamed';
      /** The organisation as the sentence writes it: "Stripe", "our payment processor", "other third parties". */
      name: string;
      /** Entity catalog id when a named organisation resolves to a known one ('named' is a catalog name or a name with a legal form). */
      entityId?: string;
    };

export interface RetentionClaim extends ClaimBase {
  kind: 'retention';
  /** The data kind the sentence is about when it can be told ("recordings", "audio", "account data"), else null. */
  dataKind: string | null;
  /** Period normalised to days when one is stated ("30 days" → 30, "6 months" → 182.5). */
  periodDays: number | null;
  vagueness: RetentionVagueness;
  /** The words that carry the retention meaning: "temporarily", "as long as necessary", "30 days". */
  trigger: string;
  /** Who keeps the data (claims stored before holders were read are migrated as the service's own). */
  holder: RetentionHolder;
}

export type EncryptionScope = 'in-transit' | 'at-rest' | 'end-to-end' | 'unspecified';

export interface EncryptionClaim extends ClaimBase {
  kind: 'encryption';
  scope: EncryptionScope;
  /** Technologies and strength words: "TLS", "AES-256", "industry-standard". */
  technologies: string[];
  /** Hedges that weaken the claim: "reasonable measures", "no method is 100% secure". */
  hedges: string[];
  trigger: string;
  /**
   * Set when an unscoped sentence names encryption only as a safeguard, read with what governs it (list lead-in, the
   * sentence a "These include" refers to, the section): 'transfers', a safeguard for international transfers (the
   * section is about them); 'general', one item in a list of safeguards ("These include pseudonymization, encryption,
   * access, and retention policies"). Neither promises that the app's traffic is encrypted
   * (docs/rules/unencrypted-transport.md).
   */
  safeguard?: 'transfers' | 'general';
}

export interface TransferClaim extends ClaimBase {
  kind: 'transfer';
  /** 'storage' (data is stored/processed in), 'transfer' (data may be sent to). */
  transferType: 'storage' | 'transfer';
  /** ISO 3166-1 alpha-2 codes named in the sentence. */
  countries: string[];
  /** Regions named: 'EEA', 'EU', 'UK', 'APAC', ... */
  regions: string[];
  /** True for "other countries" / "countries outside your own": an unspecific transfer disclosure. */
  unspecified: boolean;
  trigger: string;
  /** Named transfer mechanisms as written ("Standard Contractual Clauses", "adequacy decision"); absent when none. */
  mechanisms?: string[];
  /** The processor the location belongs to, when the claim comes from a row of a sub-processor list. */
  processor?: string;
  /**
   * The recipients the claim's data goes to there, as written (a leading "our", "the", "some of the" dropped): the
   * object of its verb ("we may transfer it to our affiliates, service providers, and other third parties located in
   * various countries"), the subject that opens its clause ("Some of the partners and service providers … are located
   * outside of the European Union"), or recipients whose being there is the transfer ("… except that we use service
   * providers anywhere in the world", "support staff in the US may access it"). Absent when the claim is about the data
   * in general ("we and our service providers may transfer …" is the service's own transfer too).
   */
  recipients?: string;
  /**
   * The places the sentence sends data out of: "Where we transfer your personal information outside of the European
   * Economic Area or the United Kingdom" → regions EEA, countries GB; "from the EEA to the US" → EEA; "partners located
   * outside of the European Union" → EU (the data leaves the EU to reach them). The data is there before it leaves.
   * Absent when the sentence names none.
   */
  origins?: { countries: string[]; regions: string[] };
}

export type Claim = ProcessorClaim | RetentionClaim | EncryptionClaim | TransferClaim;
export type ClaimKind = Claim['kind'];
