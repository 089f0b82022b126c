import { detectFormatFromBytes } from '../capture/detect-capture-format.js';

/** Words no privacy policy, notice or sub-processor list can do without. */
const POLICY_VOCABULARY = /\b(?:privacy|personal|data|information|cookies?)\b/i;

/**
 * Why a readable text document is not a privacy policy at all, or null. A capture or a spreadsheet given to
 * `policy add` by mistake would otherwise be stored with no claims, and an audit would then call every recipient
 * undisclosed. Deliberately loose: any text that mentions privacy, personal data, information or cookies passes.
 */
export function describeNotAPolicy(bytes: Uint8Array, text: string): string | null {
  const capture = detectFormatFromBytes(bytes.subarray(0, 4096));
  if (capture !== null) return `not a policy document: this is a ${capture === 'har' ? 'HAR' : capture === 'zeek' ? 'Zeek log' : capture} capture`;
  if (!POLICY_VOCABULARY.test(text)) return 'not a policy document: the text never mentions privacy, personal data, information or cookies';
  return null;
}
