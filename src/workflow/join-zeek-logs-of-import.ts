import type { CaptureSummary } from '../model/capture-summary.js';
import type { CaptureFormat } from '../model/observation.js';
import { detectCaptureFormat } from '../capture/detect-capture-format.js';
import { indexZeekConnections } from '../capture/index-zeek-connections.js';
import { joinZeekConnections } from '../capture/join-zeek-connections.js';
import { findAppId } from '../store/app-repository.js';
import { findCaptureBySha } from '../store/capture-repository.js';
import type { StoreDatabase } from '../store/open-database.js';

/**
 * Indexes the Zeek logs among an import's files by connection id and returns what joins each log's summary with
 * the others (see join-zeek-connections.ts). Logs this app imported before are left out of the index: their flows
 * are stored already, so evidence moved onto them would be lost. Without Zeek logs this reads nothing.
 * @throws ImportError naming a file that cannot be read or is not a Zeek log.
 */
export async function prepareZeekJoin(
  db: StoreDatabase,
  files: readonly string[],
  appName: string,
  format: CaptureFormat | undefined,
): Promise<(summary: CaptureSummary) => CaptureSummary> {
  const zeekLogs: string[] = [];
  for (const file of files) if ((await detectCaptureFormat(file, format)) === 'zeek') zeekLogs.push(file);
  if (zeekLogs.length === 0) return (summary) => summary;
  const appId = findAppId(db, appName);
  const index = await indexZeekConnections(zeekLogs, (_file, sha256) => appId === null || findCaptureBySha(db, appId, sha256) === null);
  return (summary) => joinZeekConnections(summary, index);
}
