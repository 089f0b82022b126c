import { detectFormatFromBytes } from '../capture/detect-capture-format.js';
import { detectPolicyLanguage } from './detect-policy-language.js';

/** Words no privacy policy, notice or sub-processor list can do without. */
const POLICY_VOCABULARY = /\b(?:privacy|personal|data|information|cookies?)\b/i;

/**
 * Why a readable text document is not a privacy policy at all, or null. A capture or a spreadsheet given to
 * `policy add` by mistake would otherwise be stored with no claims, and an audit would then call every recipient
 * undisclosed. Deliberately loose: any text that mentions privacy, personal data, information or cookies passes, and
 * text in another language is left to the language check (`--any-language` may keep it).
 */
export function describeNotAPolicy(bytes: Uint8Array, text: string): string | null {
  const capture = detectFormatFromBytes(bytes.subarray(0, 4096));
  if (capture !== null) return `not a policy document: this is a ${capture === 'har' ? 'HAR' : capture === 'zeek' ? 'Zeek log' : capture} capture`;
  // Text in another language (a known one, or mostly another script) is left to the language check.
  const language = detectPolicyLanguage(text);
  if (language.code !== 'en' && (language.code !== 'und' || language.share > language.englishShare || isMostlyNonLatin(text))) return null;
  if (!POLICY_VOCABULARY.test(text)) return 'not a policy document: the text never mentions privacy, personal data, information or cookies';
  return null;
}

function isMostlyNonLatin(text: string): boolean {
  const letters = text.match(/\p{L}/gu) ?? [];
  const latin = letters.filter((letter) => /\p{Script=Latin}/u.test(letter)).length;
  return letters.length > 0 && latin / letters.length < 0.5;
}
