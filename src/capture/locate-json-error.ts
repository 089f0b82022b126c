/**
 * Finds where a JSON document goes wrong, as a line and column, for error messages that must point at the
 * problem. V8's own messages give a position only for some errors, and quote the surrounding text for others.
 */

/** Where parsing failed: `atEnd` when the text is a valid beginning that stops too early (a cut file). */
export interface JsonErrorLocation {
  line: number;
  column: number;
  atEnd: boolean;
  /** The offending character, when not at the end. */
  character: string | null;
}

/**
 * Locates the first syntax error of `text`, or returns null when it parses. Every prefix that ends before the
 * error fails only for ending early, and every prefix that contains it fails for another reason, so a binary
 * search over prefix lengths finds the error in about log2(n) parses.
 */
export function locateJsonError(text: string): JsonErrorLocation | null {
  const whole = failsOtherThanAtEnd(text);
  if (whole === null) return null;
  if (whole === false) return toLocation(text, text.length, true);
  let low = 0;
  let high = text.length;
  // Invariant: the prefix of length `high` contains the error; that of length `low` does not.
  while (high - low > 1) {
    const middle = (low + high) >>> 1;
    if (failsOtherThanAtEnd(text.slice(0, middle)) === true) high = middle;
    else low = middle;
  }
  return toLocation(text, high - 1, false);
}

/** null: parses; false: fails only because the text ends; true: fails for another reason. */
function failsOtherThanAtEnd(text: string): boolean | null {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    if (/Unexpected end of JSON input/.test(message)) return false;
    // V8 names the position for most errors; one at the very end means the text stopped, not that it is wrong.
    const position = /at position (\d+)/.exec(message);
    if (position !== null) return Number(position[1]) < text.length;
    // A prefix cut inside a literal (`tru`) is reported as a bad token.
    return !isValidPrefix(text);
  }
}

/** True for a text that is a valid beginning cut inside `true`, `false` or `null`. */
function isValidPrefix(text: string): boolean {
  const tail = /(?:t(?:r(?:u)?)?|f(?:a(?:l(?:s)?)?)?|n(?:u(?:l)?)?)$/.exec(text);
  return tail !== null && failsOtherThanAtEnd(text.slice(0, tail.index)) === false;
}

function toLocation(text: string, index: number, atEnd: boolean): JsonErrorLocation {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: index - lineStart + 1, atEnd, character: atEnd ? null : (text[index] ?? null) };
}
