import { stripControlCharacters } from '../report/escape-text.js';

/**
 * Text from policies and captures may carry terminal escape sequences; everything printed that
 * came from input passes through here so it cannot move the cursor, recolour or retitle a terminal.
 */
export function safeTerminalText(text: string): string {
  return stripControlCharacters(text).replace(/\r/g, '');
}

/**
 * Like {@link safeTerminalText} for text that must stay on one line (error messages): a newline
 * inside a file name or URL is shown as `\n` instead of starting a line a script would misread.
 */
export function safeTerminalLine(text: string): string {
  return safeTerminalText(text).replace(/\n/g, '\\n').replace(/\t/g, ' ');
}
