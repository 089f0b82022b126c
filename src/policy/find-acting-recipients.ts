import type { PhraseMatch } from './compile-phrase-pattern.js';

/** A capitalised word; dots only inside ("Amazon.com"), so "DPF. Reddit" is not one name. */
export const NAME_WORD = "[\\p{Lu}\\d][\\p{L}\\p{N}&'’\\-]*(?:\\.[\\p{L}\\p{N}]+)*";
const NAME_RUN = `${NAME_WORD}(?:\\s+(?:&\\s+)?${NAME_WORD}){0,3}`;
const MODALS = '(?:(?:may|might|also|will|can|could|automatically|then|only|securely|currently|temporarily)\\s+){0,2}';

/**
 * What a company does with the service's data when it is the one doing it: receives, stores, carries …
 * Not "access" (a noun as often: "Employee access to …"), "keep"/"retain" (read as retention, whose
 * holder is named by extract-holder-processor-claims.ts) or "record"/"log" (mostly the company itself,
 * under an abbreviation the policy never defines: "SRL may record information").
 */
const HANDLING_VERB =
  '(?:receives?|stores?|process(?:es)?|hosts?|handles?|carr(?:y|ies)|transmits?|relays?|routes?|analy[sz]es?|delivers?)';
/** The data or traffic it handles: "receives usage events", "stores call metadata", "carries the audio of calls". */
const HANDLED_OBJECT =
  "(?:[\\w'’-]+\\s+){0,3}?(?:information|data|cookies?|identifiers?|IP\\s+address(?:es)?|events?|audio|voice|video|calls?|messages?|recordings?|metadata|payments?|transactions?|logs?|content|traffic|analytics|e-?mails?|notifications?|streams?|media|files?|photos?|images?|reports?|details|requests?|tickets?|communications?|chats?|uploads?|backups?)\\b";
/** A service the company runs for the app: "Agora provides our voice infrastructure", "AWS hosts our servers". */
const SERVICE_VERB = '(?:provides?|suppl(?:y|ies)|operates?|runs?|manages?|powers?|hosts?)';
const OWN_SERVICE_OBJECT = "(?:our|the\\s+app['’]s|the\\s+service['’]s)\\s+(?:[\\w'’-]+\\s+){0,3}?[\\w'’-]+\\b";
const ACTION = `${MODALS}(?:${HANDLING_VERB}\\s+${HANDLED_OBJECT}|${SERVICE_VERB}\\s+${OWN_SERVICE_OBJECT})`;

/** "Mixpanel receives …": the name right before the action. A negated action ("does not store") never matches. */
const NAME_ACTS = new RegExp(`(?<![\\p{L}\\p{N}'’])(${NAME_RUN})\\s+${ACTION}`, 'gud');
/** "Agora, our real-time audio partner, stores …": the name, then what it is. */
const NAME_THEN_DESCRIPTION_ACTS = new RegExp(
  `(?<![\\p{L}\\p{N}'’])(${NAME_RUN}),\\s+(?:our|an?|the|which\\s+is|who\\s+is)\\s+[^,.;:()]{1,60},\\s+${ACTION}`,
  'gud',
);
/** "Our real-time audio partner, Agora, stores …", "Our analytics provider (Mixpanel) receives …": what it is, then the name. */
const DESCRIPTION_THEN_NAME_ACTS = new RegExp(
  `\\b(?:[Oo]ur|[Tt]he|[Ii]ts)\\s+[^,.;:()]{1,60}?(?:,\\s+|\\s+\\()(${NAME_RUN})\\s*[,)]\\s+${ACTION}`,
  'gud',
);

/** Words that end a name run: a modal or pronoun opening the sentence ("May access …", "We’ll keep …"). */
const NOT_A_NAME = /^(?:May|Might|Will|Can|Could|Should|Would|Must|Shall|Then|Also|We|You|They|It|He|She|This|That|These|Those|There|Here|Only|All|Any|Each|Some|Such|Our|Your|Their|Its)$|['’](?:ll|re|ve|d|s|t)$/u;

/** Handling that stays on the user's device. */
const ON_DEVICE = /^\s*(?:\w+\s+){0,3}?(?:on|in)\s+(?:your|the\s+user['’]s|the|their)\s+(?:own\s+)?(?:device|phone|computer|browser)s?\b|^\s*(?:\w+\s+){0,2}?locally\b/i;

/** One company named as doing something with the service's data, and the words that say so. */
export interface ActingRecipient {
  /** The capitalised words taken as the name (may still carry a fused heading; the caller trims it). */
  name: PhraseMatch;
  /** From the name to the end of the action: the claim's cue. */
  cue: PhraseMatch;
}

/**
 * Finds companies named as the subject of handling the service's data ("Agora carries the audio of
 * calls", "Our analytics provider (Mixpanel) receives usage events") or of running a service for it
 * ("Agora provides our voice infrastructure"). Such a sentence discloses the company as a recipient
 * although no sharing verb is used. Whether the words are a company's name is for the caller to judge.
 */
export function findActingRecipients(text: string): ActingRecipient[] {
  const found: ActingRecipient[] = [];
  for (const pattern of [NAME_ACTS, NAME_THEN_DESCRIPTION_ACTS, DESCRIPTION_THEN_NAME_ACTS]) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      const span = m.indices?.[1];
      if (span === undefined) continue;
      const [spanStart, runEnd] = span;
      // "Apple Health stores your health data on your device": kept on the user's device, not received.
      if (ON_DEVICE.test(text.slice(m.index + m[0].length, m.index + m[0].length + 40))) continue;
      // "… Collection May receive": only the words after the last one that cannot be in a name.
      const words = [...text.slice(spanStart, runEnd).matchAll(/\S+/gu)];
      const lastBad = words.findLastIndex((w) => NOT_A_NAME.test(w[0]));
      if (lastBad === words.length - 1) continue;
      const runStart = spanStart + (lastBad < 0 ? 0 : (words[lastBad + 1]?.index ?? 0));
      const run = text.slice(runStart, runEnd);
      found.push({
        name: { start: runStart, end: runEnd, text: run },
        cue: { start: m.index, end: m.index + m[0].length, text: m[0] },
      });
      // Overlapping forms ("Agora, … partner, stores" also holds "partner, stores"): resume after the name.
      pattern.lastIndex = runEnd;
    }
  }
  return found;
}
