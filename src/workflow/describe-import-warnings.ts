import { describeEmptyCapture } from '../model/describe-empty-capture.js';
import { describeCaptureTimeGap } from '../model/describe-capture-time-gap.js';
import { describeHitsNotStored, describeLocalClients } from '../report/report-wording.js';
import type { ImportOutcome } from './import-capture.js';

/**
 * Warnings worth a line when a capture is imported without the `import` command's own output (a batch row):
 * a capture with no IP traffic to attribute, record times that jump by months, several local client addresses, and identifier hits counted past the
 * stored-hit cap.
 */
export function describeImportWarnings(file: string, outcome: ImportOutcome): string[] {
  if (outcome.status === 'already-imported') return [];
  const capped = describeHitsNotStored(outcome.status === 'imported' ? outcome.summary.identifierHitsNotStored : outcome.hitsNotStored);
  const empty = outcome.status === 'imported' ? describeEmptyCapture(file, outcome.summary) : null;
  const gap = outcome.status === 'imported' ? describeCaptureTimeGap(file, outcome.summary) : null;
  const clients = outcome.status === 'imported' ? describeLocalClients(file, outcome.summary.flows) : null;
  return [...(empty !== null ? [empty] : []), ...(gap !== null ? [gap] : []), ...(clients !== null ? [clients] : []), ...(capped !== null ? [`${file}: ${capped}`] : [])];
}
