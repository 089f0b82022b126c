/**
 * Terminal escape sequences (CSI such as ESC[31m, OSC such as ESC]0;title BEL, and two-byte ESC
 * sequences) as whole units: removing only the ESC byte would leave "[31m" behind as text.
 */
const ESCAPE_SEQUENCES = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])|\u009b[0-?]*[ -/]*[@-~]/g;

// C0/C1 controls and bidi overrides: they can rewrite a terminal or disguise text in a report.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Removes terminal escape sequences, then any remaining control character (keeps tab, CR and newline). */
export function removeControlSequences(text: string): string {
  return text.replace(ESCAPE_SEQUENCES, '').replace(CONTROL_CHARACTERS, '');
}
