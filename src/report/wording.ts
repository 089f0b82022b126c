/**
 * Every sentence claimcheck says about a finding lives here, so wording can be reviewed (by an
 * editor or a lawyer) in one place. Wording states what was observed and what the policy says,
 * and avoids asserting intent.
 */

/** Title and plain-language explanation of one finding. */
export interface FindingWording {
  title: string;
  explanation: string;
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** English name of an ISO 3166-1 alpha-2 code, e.g. "CN" → "China". */
export function nameCountry(code: string): string {
  try {
    return regionNames.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** Human-readable byte count, e.g. 12345 → "12.1 KB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** Ends a sentence with one full stop, even after a name that ends in one ("Agora, Inc."). */
function endSentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function describeUndisclosedRecipient(facts: {
  organisation: string;
  label: 'vague' | 'omitted' | 'incorrect';
  flowCount: number;
  bytes: number;
  hosts: string[];
  categories: string[];
}): FindingWording {
  const traffic = endSentence(
    `The capture shows ${plural(facts.flowCount, 'connection')} (${formatBytes(facts.bytes)}) to ${facts.organisation}${
      facts.hosts.length > 0 ? ` (${facts.hosts.slice(0, 5).join(', ')})` : ''
    }`,
  );
  switch (facts.label) {
    case 'incorrect':
      return {
        title: `Policy denies sharing with ${facts.organisation}, but the app sends it data`,
        explanation: `${traffic} The policy says data is not shared with this organisation.`,
      };
    case 'vague':
      return {
        title: `${facts.organisation} receives data but is covered only by a generic category`,
        explanation: `${traffic} The policy does not name it; only a generic category (${facts.categories
          .slice(0, 3)
          .map((c) => `"${c}"`)
          .join(', ')}) could cover it.`,
      };
    case 'omitted':
      return {
        title: `${facts.organisation} receives data but the policy never names it`,
        explanation: `${traffic} The policy names no such recipient and no generic category that covers it.`,
      };
  }
}

export function describeMissingRetention(): FindingWording {
  return {
    title: 'The policy says nothing about how long data is kept',
    explanation: 'No sentence in the policy states a retention period or a retention limit.',
  };
}

export function describeVagueRetention(facts: {
  dataKind: string | null;
  vagueness: 'limited' | 'indefinite' | 'unspecified';
  trigger: string;
  mediaFlowCount: number;
}): FindingWording {
  const what = facts.dataKind ?? 'data';
  const how: Record<typeof facts.vagueness, string> = {
    limited: `says ${what} is kept "${facts.trigger}" without stating for how long`,
    indefinite: `says ${what} may be kept "${facts.trigger}", with no end`,
    unspecified: `mentions keeping ${what} but states no period or limit`,
  };
  const media =
    facts.mediaFlowCount > 0
      ? ` The capture shows media traffic to a real-time communications provider (${plural(facts.mediaFlowCount, 'flow')}), so this data does leave the device.`
      : '';
  return {
    title: `Vague retention of ${what}: "${facts.trigger}"`,
    explanation: `The policy ${how[facts.vagueness]}.${media}`,
  };
}

export function describePlaintextIdentifier(facts: {
  identifiers: { label: string; value: string; count: number }[];
  encodings: string[];
  protocol: string;
  destination: string;
  country: string | null;
  claimedEncryption: boolean;
}): FindingWording {
  const where = facts.country ? ` in ${nameCountry(facts.country)}` : '';
  const labels = facts.identifiers.map((i) => i.label).join(' and ');
  const listed = facts.identifiers.map((i) => `${i.label} ("${i.value}", ${plural(i.count, 'time')})`).join(', ');
  return {
    title: `${labels} sent unencrypted to ${facts.destination}${where}`,
    explanation:
      `${facts.identifiers.length === 1 ? 'The identifier' : 'The identifiers'} ${listed} ${facts.identifiers.length === 1 ? 'appears' : 'appear'} unencrypted ` +
      `(${facts.encodings.join(', ')}) in ${facts.protocol.toUpperCase()} traffic to ${endSentence(`${facts.destination}${where}`)} Anyone on the network path can read ${facts.identifiers.length === 1 ? 'it' : 'them'}.` +
      (facts.claimedEncryption ? ' The policy claims the data is encrypted.' : ''),
  };
}

export function describeUnencryptedTransport(facts: {
  host: string;
  requestCount: number;
  firstRequest: { method: string; url: string } | null;
}): FindingWording {
  const example = facts.firstRequest ? ` (e.g. ${facts.firstRequest.method} ${facts.firstRequest.url})` : '';
  return {
    title: `Plain HTTP to ${facts.host} despite an encryption claim`,
    explanation: `The app made ${plural(facts.requestCount, 'unencrypted HTTP request')} to ${facts.host}${example}, while the policy claims data is encrypted in transit.`,
  };
}

export function describeUndisclosedCountry(facts: {
  country: string;
  disclosed: string[];
  organisations: string[];
  flowCount: number;
  bytes: number;
  carriesIdentifiers: boolean;
  unspecifiedTransferClause: boolean;
}): FindingWording {
  const name = nameCountry(facts.country);
  const disclosed = facts.disclosed.length > 0 ? facts.disclosed.map(nameCountry).join(', ') : 'no specific country';
  const who = facts.organisations.length > 0 ? ` used by ${facts.organisations.slice(0, 4).join(', ')}` : '';
  return {
    title: `Traffic to ${name}, a country the policy does not mention`,
    explanation:
      `${endSentence(`The capture shows ${plural(facts.flowCount, 'connection')} (${formatBytes(facts.bytes)}) to servers registered in ${name}${who}`)} ` +
      `The policy names ${disclosed} as where data is stored or sent.` +
      (facts.unspecifiedTransferClause ? ' It also says data may go to "other countries", without naming them.' : '') +
      (facts.carriesIdentifiers ? ' User identifiers travelled to these servers in plaintext.' : '') +
      ' Country is the registry country of the IP network, not a measured location.',
  };
}

export function describeProcessorCountry(facts: {
  organisation: string;
  country: string;
  /** Why the organisation is tied to the country: headquarters (own or a parent's) and/or its servers. */
  headquarters: { organisation: string; isParent: boolean } | null;
  serverFlowCount: number;
  label: 'omitted' | 'vague' | 'incorrect';
  /** Countries the policy names as where data goes, if any. */
  disclosed: string[];
  /** The user's jurisdictions of interest as written, or null in the default mode. */
  configured: string[] | null;
  carriesIdentifiers: boolean;
  /** Where the linked sub-processor list says the recipient is, as its row writes it. */
  listedLocation?: { nameInList: string; location: string };
}): FindingWording {
  const name = nameCountry(facts.country);
  const ties: string[] = [];
  if (facts.headquarters) {
    ties.push(
      facts.headquarters.isParent
        ? `its parent company ${facts.headquarters.organisation} is headquartered in ${name}`
        : `it is headquartered in ${name}`,
    );
  }
  if (facts.serverFlowCount > 0) ties.push(`the capture shows ${plural(facts.serverFlowCount, 'connection')} to its servers registered in ${name}`);
  const policy =
    facts.label === 'incorrect'
      ? `The policy says data is not transferred to ${name}.`
      : facts.disclosed.length > 0
        ? `The policy names ${facts.disclosed.map(nameCountry).join(', ')} as where data is stored or sent, and does not mention ${name}.` +
          (facts.label === 'vague' ? ' It says data may go to "other countries", without naming them.' : '')
        : `The policy does not mention ${name}.`;
  const why = facts.configured
    ? ` ${name} is among the jurisdictions of interest chosen for this audit (${facts.configured.join(', ')}).`
    : '';
  const listed = facts.listedLocation ? ` The linked sub-processor list gives the location of ${facts.listedLocation.nameInList} as ${endSentence(facts.listedLocation.location)}` : '';
  return {
    title:
      facts.label === 'incorrect'
        ? `${facts.organisation} is tied to ${name}, where the policy says data does not go`
        : `${facts.organisation} is tied to ${name}, which the policy never mentions`,
    explanation:
      `${facts.organisation} receives data from the app, and ${ties.join('; ')}. ${policy}${listed}${why}` +
      (facts.carriesIdentifiers ? ' User identifiers reached this recipient in plaintext.' : '') +
      (facts.serverFlowCount > 0 ? ' Server country is the registry country of the IP network, not a measured location.' : ''),
  };
}

const INFORMATIONAL =
  'This is informational: the capture covers only the sessions recorded, and many processors receive data from the company\u2019s servers rather than from the app.';

export function describeClaimedNotObserved(facts: { organisation: string; nameInPolicy: string; flowCount: number }): FindingWording {
  return {
    title: `The policy names ${facts.nameInPolicy}, but the capture shows no traffic to it`,
    explanation:
      `The policy names ${endSentence(facts.nameInPolicy === facts.organisation ? facts.organisation : `"${facts.nameInPolicy}" (${facts.organisation})`)} ` +
      `None of the ${plural(facts.flowCount, 'connection')} in the captured traffic goes to it. ${INFORMATIONAL}`,
  };
}

/** How many names of a list an explanation spells out; the report lists every one under the finding. */
const NAMES_IN_EXPLANATION = 10;
/** How many services apps contact directly the explanation names before only counting them. */
const NAMES_OF_DIRECT_SERVICES = 5;

export function describeListedNotObserved(facts: {
  /** The list as a report names it (URL or file name). */
  list: string;
  /** Organisations the list names. */
  listed: number;
  /** Those of them no flow goes to, in list order. */
  entries: readonly { nameInPolicy: string; confidence: 'high' | 'medium' | 'low' }[];
  flowCount: number;
}): FindingWording {
  const count = facts.entries.length;
  const listed = plural(facts.listed, 'company', 'companies');
  const unseen =
    facts.listed === 1 ? 'it was not seen' : count === facts.listed ? 'none of them was seen' : `${count} of them ${count === 1 ? 'was' : 'were'} not seen`;
  // Names such as "Agora Lab, Inc." hold commas, so the list is separated by semicolons.
  const names = facts.entries.map((e) => e.nameInPolicy);
  const shown = names.slice(0, NAMES_IN_EXPLANATION).join('; ');
  const more = count > NAMES_IN_EXPLANATION ? `; and ${count - NAMES_IN_EXPLANATION} more, all listed with their entries below` : '';
  const direct = facts.entries.filter((e) => e.confidence !== 'low').map((e) => e.nameInPolicy);
  // A few such names help a reader; forty do not (the entries below carry each one's confidence).
  const who =
    direct.length === count
      ? count === 1
        ? 'It'
        : 'All of them'
      : direct.length <= NAMES_OF_DIRECT_SERVICES
        ? `${direct.length} of them (${direct.join('; ')})`
        : `${direct.length} of them (confidence medium below)`;
  const telling =
    direct.length === 0
      ? ''
      : ` ${who} ${direct.length === 1 ? 'is a service' : 'are services'} apps usually contact directly, so ${direct.length === 1 ? 'its' : 'their'} absence says the most about what the capture covered.`;
  return {
    title: `The linked sub-processor list names ${listed}; ${unseen} in the traffic`,
    explanation:
      `The sub-processor list ${facts.list}, linked from the policy, names ${listed}; ${unseen} in the captured traffic: ${shown}${more}. ` +
      `None of the ${plural(facts.flowCount, 'connection')} in the captured traffic goes to ${count === 1 ? 'it' : 'them'}.${telling} ${INFORMATIONAL}`,
  };
}
