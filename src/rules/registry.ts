import { claimedNotObserved } from './claimed-not-observed.js';
import { otherHolderRetention } from './other-holder-retention.js';
import { plaintextIdentifier } from './plaintext-identifier.js';
import { processorCountry } from './processor-country.js';
import type { Rule } from './rule.js';
import { undisclosedCountry } from './undisclosed-country.js';
import { undisclosedRecipient } from './undisclosed-recipient.js';
import { unencryptedTransport } from './unencrypted-transport.js';
import { vagueRetention } from './vague-retention.js';

/** Every rule, in report order. Adding a rule means adding its file and one line here. */
export const RULES: readonly Rule[] = [
  undisclosedRecipient,
  plaintextIdentifier,
  unencryptedTransport,
  undisclosedCountry,
  processorCountry,
  vagueRetention,
  otherHolderRetention,
  claimedNotObserved,
];
