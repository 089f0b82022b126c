import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/policy/split-sentences.js';

const texts = (text: string): string[] => splitSentences(text).map((s) => s.text);

describe('splitSentences', () => {
  it('maps sentences to exact offsets', () => {
    const text = '  We collect data.  We share it!\n\nA new block? Yes.';
    for (const sentence of splitSentences(text)) expect(text.slice(sentence.start, sentence.end)).toBe(sentence.text);
    expect(texts(text)).toEqual(['We collect data.', 'We share it!', 'A new block?', 'Yes.']);
  });

  it('never splits across blocks, even without punctuation', () => {
    expect(texts('A list item without a stop\n\nNext item')).toEqual(['A list item without a stop', 'Next item']);
  });

  it('keeps abbreviations, domains and company names inside sentences', () => {
    expect(texts('We use vendors, e.g. Google, and i.e. others. Then more.')).toEqual(['We use vendors, e.g. Google, and i.e. others.', 'Then more.']);
    expect(texts('Telegram Messenger Inc. (“Telegram”) runs the app. We are here.')).toHaveLength(2);
    expect(texts('Data goes to the U.S. and Canada. We store it in the U.S. We also use it.')).toEqual([
      'Data goes to the U.S. and Canada.',
      'We store it in the U.S.',
      'We also use it.',
    ]);
    expect(texts('See bsky.social for details. Done.')).toEqual(['See bsky.social for details.', 'Done.']);
    expect(texts('We rely on the EU-U.S. Data Privacy Framework. Done.')).toEqual(['We rely on the EU-U.S. Data Privacy Framework.', 'Done.']);
    expect(texts('Version 2.5 applies. Done.')).toEqual(['Version 2.5 applies.', 'Done.']);
  });

  it('splits only inside the given range and handles very long blocks', () => {
    const text = 'Skip me. Take me. And me.';
    expect(splitSentences(text, { start: 9, end: text.length }).map((s) => s.text)).toEqual(['Take me.', 'And me.']);
    const long = 'We keep logs for a while. '.repeat(2000).trim();
    const sentences = splitSentences(long);
    expect(sentences).toHaveLength(2000);
    for (const s of sentences) expect(long.slice(s.start, s.end)).toBe(s.text);
  });

  it('survives text that looks like the tokenizer placeholders', () => {
    const text = 'We keep {{DELIM_0}} data. And {{NUMBER_1}} more.';
    for (const s of splitSentences(text)) expect(text.slice(s.start, s.end)).toBe(s.text);
  });
});
