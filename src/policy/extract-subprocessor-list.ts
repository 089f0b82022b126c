import type { Claim, ClaimBase, ProcessorClaim, TextSpan, TransferClaim } from '../model/claim.js';
import type { ExtractedPolicy } from '../model/policy.js';
import { isOwnName } from './detect-first-party-names.js';
import { compileOrganisationMatcher, type OrganisationMatcher, type OrganisationName } from './match-organisations.js';
import { readPlaceNames } from './read-place-names.js';

/** Version of this reader, stored with each sub-processor page snapshot. */
export const SUBPROCESSOR_LIST_READER_VERSION = 'subprocessor-list/1';

/** What a column of a sub-processor table holds, told from its header text. */
type ColumnRole = 'name' | 'purpose' | 'location' | 'processing-location' | 'mechanism' | 'other';
type HeaderRole = ColumnRole | 'weak-purpose';

/** One blank-line separated block of the extracted text: a paragraph, a list item, a table row or a heading. */
interface Block {
  span: TextSpan;
  text: string;
  sectionPath: string[];
  /** Headings lie outside every section body; they end a table or list. */
  heading: boolean;
}

/** One entry of the list, whichever layout it came from. */
interface ListEntry {
  block: Block;
  name: string;
  purpose: string | null;
  location: string | null;
  processingLocation: boolean;
  mechanism: string | null;
}

const CELL_SEPARATOR = ' | ';
// Header words, most specific first: "Processing location" is a location, "Service provider" a name.
const LOCATION_HEADER = /\b(?:locations?|country|countries|region|regions|jurisdictions?|headquarter(?:s|ed)|where)\b/i;
const PROCESSING_HEADER = /\b(?:processing|data|hosting|hosted|storage|stored|servers?)\b/i;
const MECHANISM_HEADER = /\b(?:transfer\s+mechanisms?|safeguards?|mechanisms?)\b/i;
const NAME_HEADER =
  /\b(?:sub-?\s?processors?|processors?|vendors?|suppliers?|(?:service\s+)?providers?|entit(?:y|ies)|company|companies|organi[sz]ations?|names?|third[-\s]part(?:y|ies)|partners?)\b/i;
const PURPOSE_HEADER = /\b(?:purposes?|services?|functions?|activit(?:y|ies)|description|nature|used\s+for|what\s+they\s+do)\b/i;
/** "Type of data", "Personal information processed": what is processed, not why. */
const DATA_HEADER = /\b(?:data|information)\b/i;
/** "Category", "Type", "Role" hold the purpose only when no column says so more plainly. */
const WEAK_PURPOSE_HEADER = /\b(?:category|type|role)\b/i;
/**
 * Every word a name column's header may have ("Sub-processor name", "Name of third-party service
 * provider"): a data row whose company is called "Acme Partners" or "Vendor 1 Ltd." is no header.
 */
const NAME_HEADER_WORDS = new Set([
  'sub', 'processor', 'processors', 'subprocessor', 'subprocessors', 'vendor', 'vendors', 'supplier', 'suppliers', 'service', 'services',
  'provider', 'providers', 'entity', 'entities', 'company', 'companies', 'organisation', 'organisations', 'organization', 'organizations',
  'name', 'names', 'third', 'party', 'parties', 'partner', 'partners', 'recipient', 'recipients', 'legal', 'of', 'the', 's',
]);
/** A header cell is a label, not a sentence. */
const MAX_HEADER_WORDS = 6;
/** Dashes with spaces around them separate the parts of "Name – purpose – country" list items. */
const PART_SEPARATOR = /\s+[–—-]\s+/;
/** Words that start prose, never a company name ("Our vendors – listed below – …"). */
const PROSE_START = /^(?:we|our|you|your|the|this|these|those|if|in|for|to|as|a|an|all|any|each|some|please|note|when|where|with|it|they)\b/i;
const MAX_NAME_WORDS = 8;
const MAX_NAME_CHARACTERS = 120;

/**
 * Reads the entries of a sub-processor page: tables whose header row names the columns (name /
 * entity / sub-processor / vendor; purpose / service / function; location / country / region) and
 * lists of "Name – purpose – country" items. Each entry becomes a named processor claim quoting its
 * row or item (span into `page.text`), with the purpose and location as written, and, when the entry
 * states a location, a transfer claim tying that location to the processor. Names resolve to the
 * entity catalog like the policy extractor's. A page with no such table or list gives no claims.
 */
export function extractSubprocessorList(page: ExtractedPolicy, options: SubprocessorListOptions = {}): Claim[] {
  const matcher = compileOrganisationMatcher(options.organisations ?? []);
  const ownNames = options.firstPartyNames ?? [];
  const blocks = splitBlocks(page);
  const entries = [...readTables(blocks), ...readLists(blocks), ...readNameLists(blocks, matcher)].sort((a, b) => a.block.span.start - b.block.span.start);
  return entries.flatMap((entry) => toClaims(entry, matcher, isOwnName(entry.name, ownNames)));
}

/** Options of {@link extractSubprocessorList}. */
export interface SubprocessorListOptions {
  /** Entity catalog names; an entry matching one gets its `entityId`. */
  organisations?: OrganisationName[];
  /**
   * Lower-cased names of the company itself (from the policy that links to the list). Its own
   * affiliates listed among the sub-processors are not third parties: they give no processor claim,
   * only the location they state.
   */
  firstPartyNames?: readonly string[];
}

function splitBlocks(page: ExtractedPolicy): Block[] {
  const blocks: Block[] = [];
  const sectionOf = sectionSweep(page.sections);
  let start = 0;
  for (const text of page.text.split('\n\n')) {
    const span = { start, end: start + text.length };
    start = span.end + 2;
    if (text.trim() === '') continue;
    const section = sectionOf(span);
    blocks.push({ span, text, sectionPath: section ? [...section.headingPath] : [], heading: section === null });
  }
  return blocks;
}

type Section = ExtractedPolicy['sections'][number];

/**
 * The innermost section holding each span, for spans given in text order. A sweep over the sections
 * sorted by start (outer before inner) with a stack of the open ones, so that a page of tens of
 * thousands of headings is read in n log n rather than blocks × sections.
 */
function sectionSweep(sections: readonly Section[]): (span: TextSpan) => Section | null {
  const sorted = [...sections].sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  const open: Section[] = [];
  let next = 0;
  return (span) => {
    for (; next < sorted.length && (sorted[next]?.span.start ?? Infinity) <= span.start; next++) {
      const section = sorted[next];
      if (section) open.push(section);
    }
    // Spans come in text order: a section ending before this span holds no later one either.
    while (open.length > 0 && (open[open.length - 1]?.span.end ?? Infinity) < span.end) open.pop();
    return open[open.length - 1] ?? null;
  };
}

function splitCells(block: Block): string[] | null {
  return !block.heading && block.text.includes(CELL_SEPARATOR) ? block.text.split(CELL_SEPARATOR).map((c) => c.trim()) : null;
}

function classifyHeaderCell(cell: string): HeaderRole {
  if (MECHANISM_HEADER.test(cell)) return 'mechanism';
  if (LOCATION_HEADER.test(cell)) return PROCESSING_HEADER.test(cell) ? 'processing-location' : 'location';
  if (NAME_HEADER.test(cell)) return 'name';
  if (PURPOSE_HEADER.test(cell)) return 'purpose';
  if (DATA_HEADER.test(cell)) return 'other';
  if (WEAK_PURPOSE_HEADER.test(cell)) return 'weak-purpose';
  return 'other';
}

/** The column roles of a header row, or null when the row is not a sub-processor table's header. */
function readHeader(cells: readonly string[]): ColumnRole[] | null {
  if (cells.some((cell) => cell.split(/\s+/).length > MAX_HEADER_WORDS)) return null;
  const found = cells.map(classifyHeaderCell);
  const weakPurpose = found.includes('purpose') ? 'other' : 'purpose';
  const roles = found.map((role): ColumnRole => (role === 'weak-purpose' ? weakPurpose : role));
  // Only the first name-like column holds the name ("Vendor | Vendor's parent company").
  const nameIndex = roles.indexOf('name');
  if (nameIndex < 0 || !isNameHeader(cells[nameIndex] ?? '')) return null;
  const described = roles.some((r) => r === 'purpose' || r === 'location' || r === 'processing-location' || r === 'mechanism');
  if (!described && cells.length > 1) return null;
  return roles.map((role, i) => (role === 'name' && i !== nameIndex ? 'other' : role));
}

function isNameHeader(cell: string): boolean {
  const words = cell.toLowerCase().split(/[^\p{L}]+/u).filter((w) => w !== '');
  return words.length > 0 && words.every((w) => NAME_HEADER_WORDS.has(w));
}

function readTables(blocks: readonly Block[]): ListEntry[] {
  const entries: ListEntry[] = [];
  let columns: ColumnRole[] | null = null;
  for (const block of blocks) {
    const cells = splitCells(block);
    if (cells === null) {
      columns = null;
      continue;
    }
    // A header row starts a table; a repeated header (tables split by category) starts it again.
    const header = readHeader(cells);
    if (header !== null) {
      columns = header;
      continue;
    }
    if (columns === null) continue;
    const entry = readRow(block, cells, columns);
    if (entry !== null) entries.push(entry);
  }
  return entries;
}

/**
 * One table row as an entry. The HTML extractor drops empty cells, so a short row cannot be read by
 * position: its first cell is the name, a cell that is only places is the location, another the purpose.
 */
function readRow(block: Block, cells: readonly string[], columns: readonly ColumnRole[]): ListEntry | null {
  const cellOf = (role: ColumnRole): string | null => {
    const index = columns.indexOf(role);
    return index >= 0 ? (cells[index] ?? null) || null : null;
  };
  if (cells.length === columns.length) {
    const name = cellOf('name');
    if (name === null) return null;
    const processing = cellOf('processing-location');
    return entryOf(block, name, cellOf('purpose'), processing ?? cellOf('location'), processing !== null, cellOf('mechanism'));
  }
  // A single cell across a many-column table is a category label ("Infrastructure"), not an entry.
  if (cells.length < 2 || columns.indexOf('name') !== 0) return null;
  const [name, ...rest] = cells as [string, ...string[]];
  const location = rest.find((cell) => readPlaceNames(cell).onlyPlaces) ?? null;
  const purpose = columns.includes('purpose') ? (rest.find((cell) => cell !== location) ?? null) : null;
  return entryOf(block, name, purpose, location, columns.includes('processing-location') && !columns.includes('location'), null);
}

function readLists(blocks: readonly Block[]): ListEntry[] {
  const entries: ListEntry[] = [];
  let run: ListEntry[] = [];
  const endRun = (): void => {
    // One dashed paragraph is prose; a list is several items in a row.
    if (run.length >= 2) entries.push(...run);
    run = [];
  };
  for (const block of blocks) {
    const entry = splitCells(block) === null && !block.heading ? readListItem(block) : null;
    if (entry === null) endRun();
    else run.push(entry);
  }
  endRun();
  return entries;
}

/** A heading over a list of bare names that makes it a list of processors. */
const LIST_HEADING = /\bsub-?\s?processors?\b|\bvendors?\b|\bservice\s+providers?\b|\bthird[-\s]part(?:y|ies)\b|\bsuppliers?\b/i;
/** Bare names are labels: a few words at most. */
const MAX_BARE_NAME_WORDS = 6;

/**
 * Lists of bare names ("Amazon Web Services", "Stripe, Inc."): only under a heading that speaks of
 * sub-processors or vendors, or after a lead-in ending in a colon, and only two or more in a row.
 * A one-word name must be a catalog name or written like a brand (HubSpot, 1Password), so that a
 * list of categories ("Hosting", "Analytics") is not taken for companies.
 */
function readNameLists(blocks: readonly Block[], matcher: OrganisationMatcher): ListEntry[] {
  const entries: ListEntry[] = [];
  let run: ListEntry[] = [];
  let introduced = false;
  const endRun = (): void => {
    if (run.length >= 2 && introduced) entries.push(...run);
    run = [];
  };
  blocks.forEach((block, index) => {
    const entry = splitCells(block) === null && !block.heading ? readBareName(block, matcher) : null;
    if (entry === null) {
      endRun();
      return;
    }
    if (run.length === 0) {
      const before = blocks[index - 1];
      introduced = LIST_HEADING.test(block.sectionPath[block.sectionPath.length - 1] ?? '') || (before !== undefined && !before.heading && before.text.endsWith(':'));
    }
    run.push(entry);
  });
  endRun();
  return entries;
}

function readBareName(block: Block, matcher: OrganisationMatcher): ListEntry | null {
  if (PART_SEPARATOR.test(block.text) || block.text.includes(':') || /[!?;]|[.,]$/.test(block.text.replace(/\b\p{L}{1,4}\.$/u, ''))) return null;
  const bracketed: string[] = [];
  const name = block.text.replace(/\s*\(([^()]+)\)$/, (whole, inner: string) => (readPlaceNames(inner).onlyPlaces ? (bracketed.push(inner), '') : whole));
  const words = name.split(/\s+/);
  if (!isNameLike(name) || words.length > MAX_BARE_NAME_WORDS) return null;
  if (words.length === 1 && matcher.resolve(name) === undefined && !/[A-Z].*[A-Z]|\d/.test(name.slice(1))) return null;
  return entryOf(block, name, null, bracketed[0] ?? null, false, null);
}

/** "Name – purpose – country", "Name (Country) – purpose" or "Name: purpose (Country)". */
function readListItem(block: Block): ListEntry | null {
  let parts = block.text.split(PART_SEPARATOR).map((p) => p.trim());
  if (parts.length < 2) {
    const colon = /^([^:]{2,80}):\s+(.+)$/.exec(block.text);
    if (colon === null) return null;
    parts = [colon[1] ?? '', colon[2] ?? ''];
  }
  let name = parts[0] ?? '';
  const described = parts.slice(1);
  // A place in brackets after the name or at the end of the item is the entry's location.
  const bracketed: string[] = [];
  name = name.replace(/\s*\(([^()]+)\)$/, (whole, inner: string) => (readPlaceNames(inner).onlyPlaces ? (bracketed.push(inner), '') : whole));
  const last = described.length - 1;
  described[last] = (described[last] ?? '').replace(/\s*\(([^()]+)\)$/, (whole, inner: string) =>
    readPlaceNames(inner).onlyPlaces ? (bracketed.push(inner), '') : whole,
  );
  if (!isNameLike(name)) return null;
  const location = described.find((part) => part !== '' && readPlaceNames(part).onlyPlaces) ?? bracketed[0] ?? null;
  const purpose = described.find((part) => part !== '' && part !== location) ?? null;
  return entryOf(block, name, purpose, location, false, null);
}

function isNameLike(name: string): boolean {
  const words = name.split(/\s+/);
  return (
    /^[\p{Lu}\p{N}]/u.test(name) &&
    words.length <= MAX_NAME_WORDS &&
    !PROSE_START.test(name) &&
    // A sentence end inside is prose; "Inc." or "Co." at the very end is a name.
    !/[.!?]\s/.test(name)
  );
}

function entryOf(
  block: Block,
  rawName: string,
  purpose: string | null,
  location: string | null,
  processingLocation: boolean,
  mechanism: string | null,
): ListEntry | null {
  // Footnote markers ("Acme*", "Acme [1]", "Acme¹") are not part of the name.
  const name = rawName.replace(/\s*(?:\[\d+\]|[*†‡¹²³⁴⁵⁶⁷⁸⁹]+)$/u, '').trim();
  if (name === '' || name.length > MAX_NAME_CHARACTERS || !/\p{L}/u.test(name)) return null;
  return { block, name, purpose: purpose || null, location: location || null, processingLocation, mechanism: mechanism || null };
}

function toClaims(entry: ListEntry, matcher: OrganisationMatcher, ownCompany: boolean): Claim[] {
  const base: ClaimBase = {
    sectionPath: entry.block.sectionPath,
    span: { ...entry.block.span },
    quote: entry.block.text,
    polarity: 'affirmative',
  };
  const entityId = matcher.resolve(entry.name) ?? matcher.find(entry.name)[0]?.entityId;
  const processor: ProcessorClaim = {
    ...base,
    kind: 'processor',
    processorType: 'named',
    name: entry.name,
    ...(entityId !== undefined ? { entityId } : {}),
    ...(entry.purpose !== null ? { purpose: entry.purpose } : {}),
    ...(entry.location !== null ? { location: entry.location } : {}),
  };
  const claims: Claim[] = ownCompany ? [] : [processor];
  const places = entry.location !== null ? readPlaceNames(entry.location) : null;
  if (entry.location !== null && places !== null && (places.countries.length > 0 || places.regions.length > 0 || places.unspecified)) {
    const transfer: TransferClaim = {
      ...base,
      kind: 'transfer',
      transferType: entry.processingLocation ? 'storage' : 'transfer',
      countries: places.countries,
      regions: places.regions,
      unspecified: places.unspecified,
      trigger: entry.location,
      processor: entry.name,
      ...(entry.mechanism !== null ? { mechanisms: [entry.mechanism] } : {}),
    };
    claims.push(transfer);
  }
  return claims;
}
