/**
 * How a finding's sentence reads a limit without a period. A claim's trigger lists the limit phrases it matched,
 * separated by ";", and not all of them describe keeping: "promptly deleted", "automatically deleted" and an event
 * that starts the deletion ("Once you have asked us to close your account…") describe the end. Quoted after "is kept",
 * they read 'Information is kept "promptly deleted; after the lapse…"' or 'data is kept "Once you have asked us…"'
 * (trial 8, items 3 and 19), so phrases are sorted into what says how long data is kept and what says when it goes.
 */

const DELETION_WORD = /\b(?:deleted|removed|erased|destroyed|purged|discarded|anonymi[sz]ed|de-identified)\b|(?<=\b(?:promptly|immediately|automatically)\s+)delete\b/i;
/** An event the deletion follows: "Once you have asked us…", "when the call ends", "upon termination". */
const EVENT_OPENING = /^(?:once|when|whenever|after|as\s+soon\s+as|upon|if)\b/i;

/** The predicate after the data kind: 'is kept "temporarily"', 'is kept "for a minimum period" and then deleted "automatically"'. */
export function describeRetentionLimit(trigger: string, dataKind: string | null = null): string {
  const be = isPlural(dataKind) ? 'are' : 'is';
  const phrases = trigger.split(';').map((p) => p.trim()).filter((p) => p !== '');
  const kept: string[] = [];
  const deleted: string[] = [];
  for (const phrase of phrases) {
    if (DELETION_WORD.test(phrase)) {
      // "promptly deleted" → "promptly": the verb is in the sentence already.
      const rest = phrase.replace(DELETION_WORD, ' ').replace(/\s+/g, ' ').trim();
      if (rest !== '') deleted.push(rest);
      else if (deleted.length === 0) deleted.push('');
    } else if (EVENT_OPENING.test(phrase)) deleted.push(phrase.charAt(0).toLowerCase() + phrase.slice(1));
    else kept.push(phrase);
  }
  const quote = (list: readonly string[]): string => list.filter((p) => p !== '').map((p) => `"${p}"`).join(' and ');
  if (deleted.length === 0) return `${be} kept ${quote(kept)} without stating for how long`;
  const gone = `deleted${deleted.some((p) => p !== '') ? ` ${quote(deleted)}` : ''}`;
  if (kept.length === 0) return `${be} ${gone}, without stating how soon after that`;
  return `${be} kept ${quote(kept)} and then ${gone}, without stating for how long`;
}

/**
 * Whether a data kind takes "are": "contacts", "basic account details", "texts, images, videos and audio data" (a list),
 * not "information", "Personal Data", "address", "status" ('contacts is kept', trial 8 item 19).
 */
export function isPlural(dataKind: string | null): boolean {
  if (dataKind === null) return false;
  if (/,|\s(?:and|or)\s/i.test(dataKind.split(/\s+of\s+/i)[0] ?? '')) return true;
  // "list of friends": the noun before "of" is the head.
  const head = dataKind.trim().split(/\s+of\s+/i)[0]?.split(/\s+/).at(-1) ?? '';
  return /[^s]s$/i.test(head) && !/(?:us|is|ics)$/i.test(head);
}
