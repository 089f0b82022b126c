import type { BatchApp } from './read-batch-manifest.js';

/** Data a batch worker starts with. */
export interface BatchWorkerSetup {
  dbPath: string;
}

/** Main thread → worker. */
export type BatchWorkerRequest = { kind: 'audit'; row: BatchApp } | { kind: 'stop' };

/** Worker → main thread. */
export type BatchWorkerReply =
  | { kind: 'ready' }
  | { kind: 'done'; line: number; auditId: number; findings: number; warnings: string[] }
  | { kind: 'failed'; line: number; message: string; internal: boolean };
