import { splitSentences } from './split-sentences.js';

/**
 * Lists under a lead-in. "We may share your information with:" followed by "law enforcement
 * authorities, when:" and "service providers;" says, in each item, who receives data, although no item
 * repeats the verb. Extraction reads blocks (paragraphs, list items, table rows) one sentence at a time,
 * so each block is given the lead-in sentences above it, nearest first (a nested list's lead-in, then the
 * outer one), to read with its own words.
 */

/** A block that goes on for longer than this is a paragraph, not a list item, and ends any list. */
const MAX_ITEM_LENGTH = 400;

/**
 * The lead-in sentences above each block (nearest first); empty for a block outside any list.
 * `above` are the lead-ins of the first block when the blocks are part of a longer text.
 */
export function followListLeadIns(blocks: readonly string[], above: readonly string[] = []): string[][] {
  const leadIns: string[][] = [];
  let chain: string[] = [...above];
  for (const raw of blocks) {
    const block = raw.trim();
    leadIns.push(chain);
    if (endsWithLeadIn(block)) chain = [lastSentence(block), ...chain];
    else if (!continuesList(block)) chain = [];
  }
  return leadIns;
}

/** A block that introduces a list ends with a colon. */
function endsWithLeadIn(block: string): boolean {
  return /:$/.test(block);
}

/**
 * A list goes on after an item that ends like one ("service providers;", "for fraud prevention, and",
 * "Search terms you enter") and is short; an item ending like a sentence ("… requires such disclosure.")
 * may be the last, and is taken to be, so that the paragraph after a list is not read as one of its items.
 */
function continuesList(block: string): boolean {
  return block !== '' && block.length < MAX_ITEM_LENGTH && !/[.!?]["”'’)\]]*$/.test(block);
}

function lastSentence(block: string): string {
  const sentences = splitSentences(block);
  const last = sentences[sentences.length - 1];
  return last === undefined ? block : last.text;
}
