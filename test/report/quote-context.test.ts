import { describe, expect, it } from 'vitest';
import { findQuoteContext, type PolicyText } from '../../src/report/quote-context.js';

/** A policy text with one section per [heading, body] pair, spans computed from the text itself. */
function buildPolicy(parts: [string, string][]): PolicyText {
  let text = '';
  const sections: PolicyText['sections'] = [];
  for (const [heading, body] of parts) {
    text += `${heading}\n\n`;
    sections.push({ headingPath: [heading], span: { start: text.length, end: text.length + body.length } });
    text += `${body}\n\n`;
  }
  return { sha256: 'f'.repeat(64), text: text.trimEnd(), sections };
}

function spanOf(policy: PolicyText, quote: string): { start: number; end: number } {
  const start = policy.text.indexOf(quote);
  return { start, end: start + quote.length };
}

describe('findQuoteContext', () => {
  const policy = buildPolicy([
    ['Sharing', 'We use Amplitude for analytics. We may share usage data with other providers.\n\nWe do not sell your data.'],
    ['Security', 'We use encryption. No method is completely secure.'],
  ]);

  it('shows the rest of the quote’s own section, and nothing of the next section', () => {
    const quote = 'We may share usage data with other providers.';
    const context = findQuoteContext(policy, spanOf(policy, quote), quote);
    expect(context).toEqual({
      before: 'We use Amplitude for analytics. ',
      after: '\n\nWe do not sell your data.',
      span: policy.sections[0]?.span,
      sectionSpan: policy.sections[0]?.span,
    });
  });

  it('before + quote + after is exactly the text at context.span', () => {
    const quote = 'No method is completely secure.';
    const context = findQuoteContext(policy, spanOf(policy, quote), quote);
    expect(context).not.toBeNull();
    if (context) expect(policy.text.slice(context.span.start, context.span.end)).toBe(context.before + quote + context.after);
  });

  it('returns null when the stored span no longer points at the quote', () => {
    const quote = 'We use encryption.';
    const span = spanOf(policy, quote);
    expect(findQuoteContext(policy, { start: span.start + 1, end: span.end + 1 }, quote)).toBeNull();
    expect(findQuoteContext(policy, { start: 0, end: policy.text.length + 5 }, quote)).toBeNull();
  });

  it('shortens a long section at sentence boundaries and says so through sectionSpan', () => {
    const filler = (n: number, word: string): string => Array.from({ length: n }, (_, i) => `${word} sentence number ${i} is here.`).join(' ');
    const quote = 'Recordings are kept temporarily.';
    const long = buildPolicy([['Retention', `${filler(40, 'Earlier')} ${quote} ${filler(40, 'Later')}`]]);
    const context = findQuoteContext(long, spanOf(long, quote), quote);
    expect(context).not.toBeNull();
    if (!context) return;
    expect(context.span.start).toBeGreaterThan(context.sectionSpan.start);
    expect(context.span.end).toBeLessThan(context.sectionSpan.end);
    expect(context.before).toMatch(/^Earlier sentence number \d+ is here\./);
    expect(context.after).toMatch(/Later sentence number \d+ is here\.$/);
    expect(context.before.length).toBeLessThanOrEqual(480);
    expect(context.after.length).toBeLessThanOrEqual(480);
  });

  it('falls back to the surrounding paragraph when no section covers the quote', () => {
    const text = 'Intro paragraph.\n\nFirst sentence. The quote is here. Last sentence.\n\nOther paragraph.';
    const quote = 'The quote is here.';
    const context = findQuoteContext({ sha256: 'f'.repeat(64), text, sections: [] }, spanOf({ sha256: '', text, sections: [] }, quote), quote);
    expect(context && { before: context.before, after: context.after }).toEqual({ before: 'First sentence. ', after: ' Last sentence.' });
  });
});
