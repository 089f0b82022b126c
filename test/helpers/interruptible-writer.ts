/**
 * Child process for kill tests (run compiled: `node dist/test/helpers/interruptible-writer.js`).
 * It runs one real writing workflow (import, policy add, audit, or a migration) against a database,
 * counting every row-writing statement. When the count reaches the requested pause point it prints
 * `paused <n>` and blocks synchronously — inside whatever transaction is open — until the parent
 * kills it (or writes a line to resume). A workflow that finishes first prints `done <writes>`.
 *
 * Deterministic kill points, unlike kill-after-a-delay, guarantee the kill lands mid-write.
 *
 * Usage: interruptible-writer <mode> <db> <pauseAt> <input> <app>
 *   mode: import | policy | audit | migrate   pauseAt: 1-based write number, or 0 for never
 */
import Database from 'better-sqlite3';
import { readSync, writeSync } from 'node:fs';
import { migrateDatabase, openDatabase, readMigrations, type StoreDatabase } from '../../src/store/open-database.js';

const [mode, dbPath, pauseText, input, appName] = process.argv.slice(2);
const pauseAt = Number(pauseText ?? '0');
let writes = 0;

/** Blocks the whole process (and so the open transaction) until stdin yields a line or closes. */
function blockUntilResumed(): void {
  writeSync(1, `paused ${writes}\n`);
  const buffer = Buffer.alloc(64);
  const nap = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      if (readSync(0, buffer, 0, buffer.length, null) >= 0) return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(nap, 0, 0, 10);
    }
  }
}

function countWrite(): void {
  writes += 1;
  if (writes === pauseAt) blockUntilResumed();
}

/** Wraps a statement so that `run` (every INSERT/UPDATE/DELETE of the store) is counted first. */
function wrapStatement<T extends object>(statement: T): T {
  return new Proxy(statement, {
    get(target, property) {
      const value = Reflect.get(target, property, target) as unknown;
      if (typeof value !== 'function') return value;
      if (property === 'run') {
        return (...args: unknown[]) => {
          countWrite();
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
}

/** A database handle whose prepared statements count their writes. */
function wrapDatabase(db: StoreDatabase): StoreDatabase {
  return new Proxy(db, {
    get(target, property) {
      const value = Reflect.get(target, property, target) as unknown;
      if (typeof value !== 'function') return value;
      if (property === 'prepare') return (sql: string) => wrapStatement(target.prepare(sql));
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
}

async function main(): Promise<void> {
  if (!mode || !dbPath || !input) throw new Error('usage: interruptible-writer <mode> <db> <pauseAt> <input> <app>');
  const now = (): Date => new Date('2026-11-23T00:00:00Z');
  if (mode === 'migrate') {
    // `input` is extra SQL run as one more migration after the shipped ones; pause() inside it blocks.
    const raw = new Database(dbPath);
    raw.pragma('journal_mode = WAL');
    raw.function('pause', () => {
      countWrite();
      return 0;
    });
    const shipped = readMigrations();
    const next = (shipped.at(-1)?.version ?? 0) + 1;
    migrateDatabase(raw, dbPath, false, [...shipped, { version: next, name: `${next}-test.sql`, sql: input }]);
    raw.close();
  } else {
    const db = wrapDatabase(openDatabase(dbPath));
    try {
      // Each mode loads only its own modules: a child starts faster, and the kill tests stay quick.
      if (mode === 'import') {
        const { importCapture } = await import('../../src/workflow/import-capture.js');
        await importCapture(db, input, { appName: appName ?? 'App', identifiers: [{ label: 'user_id', value: '8f3a0c19' }], now });
      } else if (mode === 'policy') {
        const { loadCatalog } = await import('../../src/cli/cli-context.js');
        const { analysePolicy, storePolicy } = await import('../../src/workflow/add-policy.js');
        const analysed = await analysePolicy(input, { organisations: loadCatalog().organisationNames(), now });
        storePolicy(db, appName ?? 'App', analysed, now, ['example.org']);
      } else if (mode === 'audit') {
        const { createAuditDependencies } = await import('../../src/cli/cli-context.js');
        const { runAudit } = await import('../../src/audit/run-audit.js');
        // No IP data: loading it costs seconds per child and has nothing to do with what is written when.
        runAudit(db, input, { ...createAuditDependencies(), network: () => ({ asn: null, asnOwner: null, country: null }), now });
      } else {
        throw new Error(`unknown mode ${mode}`);
      }
    } finally {
      db.close();
    }
  }
  writeSync(1, `done ${writes}\n`);
}

await main();
