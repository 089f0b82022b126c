/**
 * Worker-thread entry of `claimcheck batch`: audits the manifest rows the main thread sends, one at
 * a time, over its own database connection. SQLite's write lock (with a long busy timeout)
 * serialises the workers' short write transactions; parsing, extraction and attribution run in
 * parallel. Typed input errors come back as messages; anything else as an internal error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { describeDataSources } from '../enrich/describe-data-sources.js';
import { EntityCatalog } from '../enrich/entity-catalog.js';
import { lookupIpNetwork } from '../enrich/ip-network-database.js';
import { UserFacingError } from '../model/errors.js';
import { readToolVersion } from '../package-root.js';
import { openDatabase } from '../store/open-database.js';
import { translateStoreError } from '../store/translate-store-error.js';
import { auditBatchApp } from './audit-batch-app.js';
import type { BatchWorkerReply, BatchWorkerRequest, BatchWorkerSetup } from './batch-messages.js';

/** Workers wait this long for another worker's write lock: a big capture's insert can take a while. */
const WORKER_BUSY_TIMEOUT_MS = 120_000;

const setup = workerData as BatchWorkerSetup;
const port = parentPort;
if (!port) throw new Error('batch-worker must run as a worker thread');
const db = openDatabase(setup.dbPath, { busyTimeoutMs: WORKER_BUSY_TIMEOUT_MS });
const catalog = EntityCatalog.loadDefault();
const toolVersion = readToolVersion();
const deps = { catalog, network: lookupIpNetwork, now: () => new Date(), toolVersion, dataSources: describeDataSources(catalog, toolVersion) };

port.on('message', (request: BatchWorkerRequest) => {
  if (request.kind === 'stop') {
    db.close();
    port.close();
    return;
  }
  auditBatchApp(db, request.row, deps).then(
    (result): void => port.postMessage({ kind: 'done', line: request.row.line, ...result } satisfies BatchWorkerReply),
    (error: unknown): void => {
      const translated = translateStoreError(error, setup.dbPath);
      const reply: BatchWorkerReply =
        translated instanceof UserFacingError
          ? { kind: 'failed', line: request.row.line, message: translated.hint ? `${translated.message} (${translated.hint})` : translated.message, internal: false }
          : { kind: 'failed', line: request.row.line, message: translated instanceof Error ? (translated.stack ?? translated.message) : String(translated), internal: true };
      port.postMessage(reply);
    },
  );
});
port.postMessage({ kind: 'ready' } satisfies BatchWorkerReply);
