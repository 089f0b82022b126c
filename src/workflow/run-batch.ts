import { Worker } from 'node:worker_threads';
import type { AuditResult } from '../model/audit.js';
import { listAuditedAppNames, requireApp } from '../store/app-repository.js';
import { loadAudit } from '../store/audit-repository.js';
import { openDatabase } from '../store/open-database.js';
import type { BatchWorkerReply, BatchWorkerRequest, BatchWorkerSetup } from './batch-messages.js';
import { describeChangedBatchInputs } from './describe-changed-batch-inputs.js';
import type { BatchApp } from './read-batch-manifest.js';

/** How one manifest row ended in this run. */
export type BatchStatus = 'audited' | 'skipped' | 'failed' | 'internal-error';

/** One row of the batch summary: the row's outcome and, when it has one, the app's latest audit. */
export interface BatchOutcome {
  line: number;
  app: string;
  status: BatchStatus;
  /** Error message of a failed row. */
  message: string | null;
  /** Warnings of a row audited in this run. */
  warnings: string[];
  audit: AuditResult | null;
}

/** Options of {@link runBatch}. */
export interface RunBatchOptions {
  /** Worker threads to run (at most one per pending row). */
  workers: number;
  /** Audit again apps that already have an audit (default: skip them unless their inputs changed, which makes a rerun resume). */
  redo: boolean;
  /** Called after each finished row with the count done and the total pending. */
  onProgress?: (done: number, total: number) => void;
}

const WORKER_URL = new URL('./batch-worker.js', import.meta.url);

/** Sends rows to a pool of workers and collects their replies, one row per idle worker. */
function auditInWorkers(dbPath: string, rows: readonly BatchApp[], options: RunBatchOptions): Promise<Map<number, BatchWorkerReply>> {
  const replies = new Map<number, BatchWorkerReply>();
  if (rows.length === 0) return Promise.resolve(replies);
  const queue = [...rows];
  const count = Math.max(1, Math.min(options.workers, rows.length));
  return new Promise((resolve, reject) => {
    let running = count;
    const next = (worker: Worker): void => {
      const row = queue.shift();
      worker.postMessage((row ? { kind: 'audit', row } : { kind: 'stop' }) satisfies BatchWorkerRequest);
    };
    for (let i = 0; i < count; i++) {
      const worker = new Worker(WORKER_URL, { workerData: { dbPath } satisfies BatchWorkerSetup });
      worker.on('message', (reply: BatchWorkerReply) => {
        if (reply.kind !== 'ready') {
          replies.set(reply.line, reply);
          options.onProgress?.(replies.size, rows.length);
        }
        next(worker);
      });
      worker.on('error', reject);
      worker.on('exit', () => {
        running -= 1;
        if (running === 0) {
          if (replies.size < rows.length) reject(new Error(`batch workers stopped with ${rows.length - replies.size} rows unfinished`));
          else resolve(replies);
        }
      });
    }
  });
}

/**
 * The rows to run, each with why an app already audited runs again: every row with `redo`; otherwise rows
 * of apps never audited, and rows whose files differ from those of the app's latest audit.
 */
async function selectPendingRows(dbPath: string, rows: readonly BatchApp[], redo: boolean): Promise<Map<number, string | null>> {
  // Opening once here creates and migrates the database before the workers race to do it.
  const db = openDatabase(dbPath);
  const pending = new Map<number, string | null>();
  try {
    const audited = listAuditedAppNames(db);
    for (const row of rows) {
      if (redo || !audited.has(row.app)) {
        pending.set(row.line, null);
        continue;
      }
      const app = requireApp(db, row.app);
      const latest = loadAudit(db, app);
      const changed = latest === null ? 'no audit stored' : await describeChangedBatchInputs(db, app.id, row, latest);
      if (changed !== null) pending.set(row.line, changed);
    }
  } finally {
    db.close();
  }
  return pending;
}

/**
 * Audits every manifest row in worker threads (policy, captures, audit), skipping apps already
 * audited with the same inputs unless `redo`, then reads each app's latest audit for the summary.
 * Rows that fail are reported, not fatal: the others go on, and a rerun picks the failed ones up again.
 */
export async function runBatch(dbPath: string, rows: readonly BatchApp[], options: RunBatchOptions): Promise<BatchOutcome[]> {
  const reasons = await selectPendingRows(dbPath, rows, options.redo);
  const pending = rows.filter((row) => reasons.has(row.line));
  const replies = await auditInWorkers(dbPath, pending, options);

  const db = openDatabase(dbPath, { readonly: true });
  try {
    return rows.map((row): BatchOutcome => {
      const reply = replies.get(row.line);
      const status: BatchStatus = reply === undefined ? 'skipped' : reply.kind === 'done' ? 'audited' : reply.kind === 'failed' && reply.internal ? 'internal-error' : 'failed';
      const message = reply?.kind === 'failed' ? reply.message : null;
      let audit: AuditResult | null = null;
      if (status === 'audited' || status === 'skipped') audit = loadAudit(db, requireApp(db, row.app));
      const reason = reasons.get(row.line);
      const warnings = [...(reason ? [`audited again: ${reason}`] : []), ...(reply?.kind === 'done' ? reply.warnings : [])];
      return { line: row.line, app: row.app, status, message, warnings, audit };
    });
  } finally {
    db.close();
  }
}
