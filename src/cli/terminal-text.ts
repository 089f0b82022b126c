import { stripControlCharacters } from '../report/escape-text.js';

/**
 * Text from policies and captures may carry terminal escape sequences; everything printed that
 * came from input passes through here so it cannot move the cursor, recolour or retitle a terminal.
 */
export function safeTerminalText(text: string): string {
  return stripControlCharacters(text).replace(/\r/g, '');
}
