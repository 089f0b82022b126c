import type { ExtractedPolicy } from '../model/policy.js';
import corporate from './lexicons/corporate-suffixes.json' with { type: 'json' };
import countries from './lexicons/countries.json' with { type: 'json' };
import lexicon from './lexicons/first-party-names.json' with { type: 'json' };
import regions from './lexicons/regions.json' with { type: 'json' };

const GENERIC = new Set(lexicon.genericWords);
const LEADING_NOISE = new Set(lexicon.leadingNoise);
const TRAILING_NOISE = new Set(lexicon.trailingNoise);
/** "Japan" is the most repeated proper noun of LINE's policy: a place is never the company. */
const PLACES = new Set([...Object.values(countries.countries), ...Object.values(regions.regions)].flat().map((n) => n.toLowerCase().replace(/^the\s+/, '')));

const SUFFIX_ALTERNATION = [...corporate.suffixes]
  .sort((a, b) => b.length - a.length)
  .map((s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/\s+/g, '\\s+'))
  .join('|');
/** "Time Inc.", "Caribou Coffee Company, Inc.": a legal form at the end of a name (case-sensitive, as written). */
const SUFFIX_AT_END = new RegExp(`,?\\s+(?:${SUFFIX_ALTERNATION})$`, 'u');
/**
 * A capitalised word, dots only inside ("Liquor.com", "ABITA.COM") or after a short abbreviation ("Bros.",
 * "St."); a leading digit only before a capital ("3M"). Title words of the policy itself ("Privacy",
 * "Policy", "Notice") are never part of a name, so a heading does not run into the name after it.
 */
const WORD =
  "(?<![\\p{L}\\p{N}'’.\\-])(?!(?:[Pp]rivacy|PRIVACY|[Pp]olicy|POLICY|[Ss]tatement|STATEMENT|[Nn]otice|NOTICE|[Tt]erms|TERMS)(?![\\p{L}]))(?:\\p{Lu}|\\p{N}+\\p{Lu})[\\p{L}\\p{N}'’\\-]*(?:\\.[\\p{L}\\p{N}]+)*(?:(?<=\\b(?:Bros|St|Mt|Ft|Jr|Sr|Intl|Assn|Dept))\\.)?";
const RUN = `${WORD}(?:\\s+(?:(?:&|of|for|the|de|du)\\s+)*${WORD}){0,6}`;
/** A capitalised run with an optional legal form: "Barnes & Noble, Inc.", "Federal Reserve Bank of St. Louis". */
const NAME = `${RUN}(?:,?\\s+(?:${SUFFIX_ALTERNATION}))?`;
const QUALIFIERS = lexicon.titleQualifiers.map(anyCase).join('|');
const SITE = '(?:[Ww]eb\\s*[Ss]ites?|[Ss]ites?|[Aa]pps?|[Aa]pplications?)';

/** "Vox Media Privacy Policy", "THE HILL'S PRIVACY POLICY", "Welcome to Snap Inc.’s Privacy Policy". */
const TITLED = new RegExp(
  `(${NAME})(?:['’]s)?\\s*[-–:|]?\\s+(?:(?:${QUALIFIERS})\\s+)*${anyCase('privacy')}\\s+(?:${['policy', 'statement', 'notice', 'highlights'].map(anyCase).join('|')})`,
  'gu',
);
/** `Quora, Inc. (collectively "Quora," "we" or "us")`, `The Media Research Center (THE MRC or we)`. */
const DEFINED = new RegExp(`(?:(${NAME})\\s*)?\\(([^()]{0,200})\\)`, 'gu');
/** A parenthesis that defines "we": quoted (`"we," "us"`) or listed (`THE MRC or we`), not a clause that says "we". */
const DEFINES_WE = /[“"‘']\s*(?:we|us|our)\s*[,.]?\s*[”"’']|(?:^|,|\bor|\band|\bcollectively)\s+(?:we|us|our)\s*$/i;
/**
 * "Kaleida Health is required by law", "Geekdo takes your privacy seriously", "IMDb knows that you care",
 * "Austin Community College (ACC) is committed", "Farlex is a privately owned corporation", "Mohegan Sun
 * does not share or sell your personal information".
 */
const SELF_DESCRIBED = new RegExp(
  `(?:^|[.!?:]\\s+|\\n\\s*|\\d{4}\\s+|(?:[Pp]olicy|POLICY|[Ss]tatement|STATEMENT|[Nn]otice|NOTICE)\\s+)(${NAME})(?:\\s*\\(([^()]{1,60})\\))?\\s+(?:(?:is|are)\\s+(?:(?:very|strongly|fully|wholly|deeply|firmly)\\s+)?(?:committed|dedicated|sensitive|concerned|required\\s+by\\s+law)|takes?\\s+(?:(?:your|the|user|customer|visitor)\\s+)?(?:privacy|the\\s+private|protecting)|respects?\\s+(?:your|the|user)|values?\\s+(?:your|the)|recogni[sz]es?\\s+(?:that|the\\s+importance)|knows?\\s+that\\s+you|cares?\\s+about|appreciates?\\s+(?:your|the)|understands?\\s+that|has\\s+(?:created|developed|adopted|prepared|established)\\s+this|is\\s+an?\\s+(?:[\\w-]+\\s+){0,3}(?:company|corporation|organi[sz]ation|institution|non-?profit|business|publisher|firm)\\b|(?:does|will)\\s+not\\s+(?:\\w+\\s+)?(?:collect|sell|rent|share|disclose)|never\\s+(?:sells|rents|shares|discloses))`,
  'gu',
);
/** "This is the web site of the Federal Reserve Bank", "the Website is maintained by the American Association …", "X is the owner and operator of". */
const OPERATOR = new RegExp(
  `\\b(?:[Tt]his\\s+is\\s+the\\s+(?:official\\s+)?${SITE}\\s+of|(?:[Tt]his|[Tt]he|[Oo]ur)\\s+(?:[\\p{L}.]+\\s+){0,2}${SITE}\\s*(?:\\([^()]{0,80}\\)\\s*)?(?:is|are)\\s+(?:(?:owned|operated|maintained|run|published|provided|created)\\s*(?:,|and)?\\s*)+by)\\s+(?:the\\s+)?(${NAME})|(${NAME})\\s+is\\s+the\\s+(?:sole\\s+)?(?:owner\\s+and\\s+operator|operator|owner|publisher)\\s+of`,
  'gu',
);
/** "© 2015 Time Inc.", "Copyright 2008 Abita and ABITA.COM, LLC": a year must follow, so "Copyright Policy" is no name. */
const COPYRIGHT = new RegExp(`(?:©|\\([Cc]\\)|Copyright|COPYRIGHT)\\s*(?:©\\s*)?(?:\\d{4}(?:\\s*[-–]\\s*\\d{4})?)\\s*[.,]?\\s*(?:by\\s+)?(?:the\\s+)?(${NAME})`, 'gu');
/** "Welcome to Snap", "Thank you for visiting Fortune", "The data controller for our App is BeReal SAS". */
const WELCOMED = new RegExp(`(?:\\bWelcome\\s+to|\\bThank\\s+you\\s+for\\s+(?:visiting|choosing|using)|\\bcontroller\\b[^.]{0,60}?\\bis)\\s+(?:the\\s+)?(${NAME})`, 'gu');
/** "Time Inc. and its subsidiaries": a company named with its own group in the opening text. */
const WITH_GROUP = new RegExp(`(${RUN},?\\s+(?:${SUFFIX_ALTERNATION}))\\s*,?\\s+(?:and|together\\s+with|with)\\s+its\\s+(?:(?:parent|corporate|operating|affiliated)\\s+)?(?:subsidiaries|affiliates|companies|entities|affiliated\\s+companies)`, 'gu');
/** Every capitalised run with a legal form, to find the one the policy repeats ("Time Inc." 25 times on fortune.com). */
const CORPORATE = new RegExp(`(${RUN},?\\s+(?:${SUFFIX_ALTERNATION}))(?![\\p{L}\\p{N}])`, 'gu');

/**
 * Names the policy uses for its own company, lower-cased, so that they are not reported as recipients:
 * the name in the title or the opening heading ("Vox Media Privacy Policy"), names defined as "we"
 * (`Quora, Inc. (collectively "Quora," "we" or "us")`) or defined in the opening sentence's subject
 * (`Caribou Coffee Company, Inc. ("Caribou Coffee") knows`), the subject of a self-description ("PBS is
 * committed to protecting"), the operator of the site ("This is the web site of the Federal Reserve
 * Bank of St. Louis"), the copyright holder, the name after "Welcome to" / "Thank you for visiting",
 * a company named with its own subsidiaries in the opening ("Time Inc. and its subsidiaries"), the
 * company name with a legal form the policy repeats most, and its most repeated proper noun (these two, when
 * they are catalogued companies, only as {@link FirstPartyHints} and the text allow: "Google" counted most in
 * a small app's policy is a recipient, "Microsoft" on msn.com the operator). A name
 * with a legal form is also kept without it ("time inc.", and "caribou coffee company"), unless what is
 * left is an ordinary word of the policy ("Time"); generic words ("Site", "Company", "Web") never are names.
 */
export function detectFirstPartyNames(policy: ExtractedPolicy, hints: FirstPartyHints = {}): string[] {
  const text = policy.text;
  const names = new OwnNames(text);
  const mayOperate = (name: string | null | undefined): boolean => name === null || name === undefined || isCataloguedOperator(text, name, hints, names.list());
  const opening = text.slice(0, 6000);
  const head = text.slice(0, 3000);

  for (const m of (policy.title ?? '').matchAll(TITLED)) names.add(m[1]);
  for (const m of text.slice(0, 400).matchAll(TITLED)) {
    // "as described in the Google privacy policy" in the opening text names another company's policy, not this
    // one, unless Google operates the app.
    const titleLine = /(?:^|\n)\s*$/.test(text.slice(0, m.index));
    if (titleLine || mayOperate(m[1])) names.add(m[1]);
  }
  for (const m of opening.matchAll(DEFINED)) {
    const inside = m[2] ?? '';
    const alias = firstDefinedTerm(inside);
    // "(collectively the "Company")" defines the company as surely as "we" does.
    if (DEFINES_WE.test(inside) || (alias !== null && /^(?:the\s+)?company$/i.test(alias))) {
      names.add(m[1]);
      if (alias !== null) names.add(alias);
      // `Buffalo Wild Wings, Inc., its franchisees, … (collectively "BWW," "we" or "us")`: the companies the sentence defines as "we".
      for (const before of opening.slice(Math.max(0, m.index - 300), m.index).split(/[.!?][”"]?\s+(?=\p{Lu})/u).slice(-1)[0]?.matchAll(CORPORATE) ?? []) names.add(before[1]);
    } else if (m[1] !== undefined && m.index < 1500 && alias !== null && isSubjectAfter(opening.slice(m.index + m[0].length)) && isDerivedAlias(alias, m[1])) {
      // `Liquor.com Holdings, Inc. ("Liquor.com") takes …`; not `subsidiaries of Amazon.com, Inc. ("Amazon").`
      names.add(m[1]);
      names.add(alias);
    }
  }
  for (const m of head.matchAll(SELF_DESCRIBED)) {
    names.add(m[1]);
    if (m[2] !== undefined) names.add(firstDefinedTerm(m[2]));
  }
  for (const m of head.matchAll(OPERATOR)) names.add(m[1] ?? m[2]);
  for (const m of text.matchAll(COPYRIGHT)) names.add(m[1]);
  for (const m of text.matchAll(WELCOMED)) names.add(m[1]);
  for (const m of text.slice(0, 2000).matchAll(WITH_GROUP)) names.add(m[1]);
  // Counting is the weakest kind of evidence: a small app may name "Google Inc." or "Google" more often than
  // itself, and taking that for its own name would hide Google as a recipient. A catalogued company counted
  // most must also be known as the operator (below).
  const corporateName = findMostRepeatedCorporateName(text);
  if (mayOperate(corporateName)) names.add(corporateName);
  // The weakest signal: a later word or a prefix of a name already found ("Investment" of Zacks Investment
  // Research, "Latin" of LatinPost) is not the company's short name; a first word ("Bluesky" of Bluesky Social) is.
  const frequentWritten = findMostFrequentProperNoun(text);
  const frequent = frequentWritten?.toLowerCase();
  const isPartOfFound = (name: string): boolean => frequent !== undefined && (name.split(/[\s.,]+/).slice(1).includes(frequent) || (name.startsWith(frequent) && !/^[\s.,]/.test(name.slice(frequent.length)) && name !== frequent));
  if (frequent !== undefined && !names.list().some(isPartOfFound) && mayOperate(frequentWritten)) names.add(frequentWritten);
  return names.list();
}

/** What the caller knows beyond the policy's text, to tell the operator from a company it discusses. */
export interface FirstPartyHints {
  /** Entity id of the catalogued organisation a name refers to ("Google" → google); undefined for other names. */
  resolveOrganisation?: (name: string) => string | undefined;
  /**
   * Entity ids of the catalogued organisations that operate the app's domains (the policy URL's host,
   * `--app-domain`, an OPP-115 policy's domain): msn.com → microsoft. Absent when no domain is known; empty
   * when domains are known and no catalogued organisation operates them.
   */
  operators?: ReadonlySet<string>;
}

/**
 * "other Microsoft products and services", "other Google services", "other Meta apps", "the Verizon family of
 * companies": the policy counts its own products among the company's. A policy that only uses a company's
 * service ("We use Google Analytics", "as described in Google's privacy policy") does not speak so.
 */
const OWN_PRODUCTS_AFTER = String.raw`\s+(?:(?:[Cc]ompany|[Gg]roup)\s+)?(?:products|services|sites|websites|web\s+sites|apps|applications|properties|brands|offerings|companies|entities|businesses)\b`;

/**
 * Whether a name found by counting (or in the opening text) may be the operator's: any name outside the
 * catalog; a catalogued organisation only when it operates the app's domains, when a name found on firmer
 * ground is the same organisation ("Snapchat" counted, "Snap Inc." in the title), or when the policy counts its
 * own products among that organisation's ("It does not apply to other Microsoft products and services", msn.com).
 */
function isCataloguedOperator(text: string, name: string, hints: FirstPartyHints, found: readonly string[]): boolean {
  const resolve = hints.resolveOrganisation;
  const entityId = resolve?.(name);
  if (resolve === undefined || entityId === undefined) return true;
  if (hints.operators?.has(entityId) === true || found.some((own) => resolve(own) === entityId)) return true;
  const written = stripSuffix(name.trim()).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  return new RegExp(`\\b[Oo]ther\\s+${written}${OWN_PRODUCTS_AFTER}|\\b${written}\\s+family\\s+of\\b`, 'u').test(text);
}

/**
 * Whether a mention is one of the company's own names: the same name, the name followed by more words
 * ("Snap Inc." for "snap", "Snapchat" for a long enough "snap"), the same name written without its legal
 * form or spaced differently ("Tulsa World" for "tulsaworld"), or a heading fused before a name with a
 * legal form ("Collect Through Time Inc.").
 */
export function isOwnName(mention: string, firstPartyNames: readonly string[]): boolean {
  const lower = mention.replace(/\s+/g, ' ').trim().toLowerCase();
  const core = stripSuffix(mention.replace(/\s+/g, ' ').trim()).toLowerCase();
  // "Tulsa World" for "tulsaworld" (from Tulsaworld.com): the same letters, spaced.
  const squeezed = core.replace(/[^\p{L}\p{N}]/gu, '');
  // "Time Inc" for "time inc.", "Murmur Labs Ltd" for "murmur labs limited": both with a legal form, the same name before it.
  const withForm = core !== lower.replace(/[,.]+$/, '');
  return firstPartyNames.some(
    (own) =>
      lower === own ||
      core === own ||
      (withForm && hasSuffix(own) && core === stripLowerSuffix(own)) ||
      (own.length >= 5 && squeezed === own.replace(/[^\p{L}\p{N}]/gu, '')) ||
      lower.startsWith(`${own} `) ||
      lower.startsWith(`${own},`) ||
      (own.length >= 4 && lower.startsWith(own)) ||
      (own.includes(' ') && hasSuffix(own) && lower.endsWith(` ${own}`)),
  );
}

/** The set of own names, each checked and normalised as it is added. */
class OwnNames {
  private readonly names = new Set<string>();
  private readonly lowerCounts = new Map<string, number>();
  private readonly capitalCounts = new Map<string, number>();

  constructor(text: string) {
    // Words of web and e-mail addresses ("bereal.com", "privacy@quora.com") are not counted.
    for (const m of text.matchAll(/(?<![\p{L}\p{N}./@-])([\p{L}][\p{L}\p{N}]*)(?![\p{L}\p{N}@]|\.[\p{L}\p{N}])/gu)) {
      const word = m[1] ?? '';
      const counts = /^\p{Ll}/u.test(word) ? this.lowerCounts : this.capitalCounts;
      counts.set(word.toLowerCase(), (counts.get(word.toLowerCase()) ?? 0) + 1);
    }
  }

  add(written: string | null | undefined): void {
    if (written === null || written === undefined) return;
    // "Reddit’s UK GDPR Article 27 representative", "THE HILL'S": a possessive ends the name.
    const name = trimNoise(written.replace(/\s+/g, ' ').replace(/['’][sS](?:\s.*)?$/u, '').trim());
    if (name === null) return;
    this.keep(name.toLowerCase());
    const core = stripSuffix(name);
    if (core !== name) this.keep(core.toLowerCase());
    // "LatinPost.com", "Tulsaworld.com": the site's name is the domain's label too.
    const label = /^([\p{L}\p{N}-]+)\.(?:com|org|net|edu|gov|tv|io|co|us)$/iu.exec(core)?.[1];
    if (label !== undefined) this.keep(label.toLowerCase());
  }

  list(): string[] {
    return [...this.names];
  }

  /** A one-word name must not be a generic word or an ordinary word of the policy ("Time" in "Time Inc."). */
  private keep(name: string): void {
    if (name.length < 2) return;
    const words = name.split(' ');
    if (PLACES.has(name) || words.every((w) => GENERIC.has(w) || /^(?:&|of|for|the|de|du|and)$/.test(w))) return;
    if (words.length === 1 && !/[.\d]/.test(name)) {
      const lower = this.lowerCounts.get(name) ?? 0;
      if (lower > Math.max(1, (this.capitalCounts.get(name) ?? 0) * 0.1)) return;
    }
    this.names.add(name);
  }
}

/** Drops heading words fused before a name ("Privacy Policy PBS") and after it ("Minnesota Vikings Website"). */
function trimNoise(name: string): string | null {
  const words = name.split(' ');
  while (words.length > 0 && LEADING_NOISE.has((words[0] ?? '').toLowerCase())) words.shift();
  while (words.length > 1 && TRAILING_NOISE.has((words[words.length - 1] ?? '').toLowerCase())) words.pop();
  while (words.length > 0 && /^(?:&|of|for|the|de|du)$/i.test(words[words.length - 1] ?? '')) words.pop();
  const trimmed = words.join(' ').replace(/[,:;]+$/, '');
  return /^[\p{Lu}\p{N}]/u.test(trimmed) || /^[a-z]+[A-Z]/.test(trimmed) ? trimmed : null;
}

function stripSuffix(name: string): string {
  return name.replace(SUFFIX_AT_END, '').replace(/[,.]+$/, '');
}

/** "time inc." → "time", "bluesky social, pbc" → "bluesky social": a lower-cased own name without its legal form. */
function stripLowerSuffix(lowerName: string): string {
  const suffix = [...corporate.suffixes].sort((a, b) => b.length - a.length).find((s) => lowerName.endsWith(` ${s.toLowerCase()}`));
  return suffix === undefined ? lowerName : lowerName.slice(0, -suffix.length - 1).replace(/,$/, '').trim();
}

function hasSuffix(lowerName: string): boolean {
  return corporate.suffixes.some((s) => lowerName.endsWith(` ${s.toLowerCase()}`) || lowerName.endsWith(`, ${s.toLowerCase()}`));
}

/** The first term a parenthesis defines: `collectively, "Quora," "we"` → Quora; `THE MRC or we` → THE MRC. */
function firstDefinedTerm(inside: string): string | null {
  const quoted = /^\s*(?:(?:hereinafter|collectively|together|jointly)(?:\s+(?:referred\s+to\s+as|called))?,?\s*)?(?:the\s*)?[“"‘']\s*([^“”"‘’']{2,40}?)\s*[,.]?\s*[”"’']/i.exec(inside);
  const term = quoted?.[1] ?? /^\s*([\p{Lu}][\p{L}\p{N}.&\s-]{1,40}?)\s*(?:,|\bor\b|\band\b|$)/u.exec(inside)?.[1];
  const cleaned = term?.replace(/[,.]$/, '').trim();
  return cleaned !== undefined && /^[\p{Lu}\p{N}]/u.test(cleaned) && !/^(?:we|us|our)$/i.test(cleaned) ? cleaned : null;
}

/** The definition is the subject of its sentence: a verb follows (`("Caribou Coffee") knows`, `("SCEA") is committed`), not a full stop. */
function isSubjectAfter(after: string): boolean {
  return /^\s*,?\s*(?:(?:we|has|have|is|are|was|respects|takes|knows|values|follows|operates|owns|provides|appreciates|recogni[sz]es|understands|collects|uses|offers|makes|is\s+committed)\b)/u.test(after) && !/^\s*,?\s*(?:its|this|is\s+a\s+subsidiary)\b/.test(after);
}

/** "Caribou Coffee" in "Caribou Coffee Company, Inc.", "SCEA" for "Sony Computer Entertainment America LLC". */
function isDerivedAlias(alias: string, name: string): boolean {
  const nameWords = name.toLowerCase().split(/[\s.,]+/).filter((w) => w.length > 1 && !GENERIC.has(w));
  if (alias.toLowerCase().split(/[\s.,]+/).some((w) => nameWords.includes(w))) return true;
  const initials = name.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w)).map((w) => w[0]).join('');
  return alias.length >= 2 && alias === alias.toUpperCase() && initials.startsWith(alias.replace(/[^\p{Lu}]/gu, ''));
}

/** The company name with a legal form that the policy repeats most, if it clearly dominates (4+ times, twice the next). */
function findMostRepeatedCorporateName(text: string): string | null {
  const counts = new Map<string, { written: string; count: number }>();
  for (const m of text.matchAll(CORPORATE)) {
    const written = trimNoise((m[1] ?? '').replace(/\s+/g, ' '));
    if (written === null) continue;
    const key = stripSuffix(written).toLowerCase();
    const entry = counts.get(key) ?? { written, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  const ranked = [...counts.values()].sort((a, b) => b.count - a.count);
  const [first, second] = ranked;
  return first !== undefined && first.count >= 4 && first.count >= 2 * (second?.count ?? 0) ? first.written : null;
}

/**
 * The company's own name is by far the most repeated proper noun of its policy ("Pinterest" 110
 * times). Words that also occur in lower case ("Data", "Services", "We") are not proper nouns.
 */
function findMostFrequentProperNoun(text: string): string | null {
  const capitalised = new Map<string, number>();
  for (const m of text.matchAll(/(?<![\p{L}\p{N}])(\p{Lu}[\p{L}\p{N}]+)(?![\p{L}\p{N}])/gu)) {
    const word = m[1] ?? '';
    capitalised.set(word, (capitalised.get(word) ?? 0) + 1);
  }
  const lower = new Map<string, number>();
  for (const m of text.matchAll(/(?<![\p{L}\p{N}])(\p{Ll}[\p{L}\p{N}]+)(?![\p{L}\p{N}])/gu)) {
    const word = m[1] ?? '';
    lower.set(word, (lower.get(word) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestCount = 0;
  for (const [word, count] of capitalised) {
    const key = word.toLowerCase();
    if (GENERIC.has(key) || (lower.get(key) ?? 0) > count * 0.1) continue;
    if (word.length < 3 || word === word.toUpperCase()) continue;
    if (count > bestCount) {
      best = word;
      bestCount = count;
    }
  }
  return bestCount >= 10 ? best : null;
}

/** "privacy" → `(?:[Pp]rivacy|PRIVACY)`: titles are written in title case, lower case or capitals; names are not. */
function anyCase(phrase: string): string {
  const words = phrase.split(/\s+/);
  const title = words.map((w) => `[${w[0]?.toUpperCase() ?? ''}${w[0] ?? ''}]${w.slice(1)}`).join('\\s+');
  return `(?:${title}|${words.map((w) => w.toUpperCase()).join('\\s+')})`;
}
