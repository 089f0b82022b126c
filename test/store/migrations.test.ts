/**
 * Schema migrations are atomic, refuse newer databases, survive two processes opening a fresh
 * database at once, and carry data forward from every older version.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/model/errors.js';
import { currentSchemaVersion, migrateDatabase, openDatabase, readMigrations } from '../../src/store/open-database.js';
import { loadFlows } from '../../src/store/capture-repository.js';
import { findSnapshotInForce, listPolicySightings, listSnapshots } from '../../src/store/policy-repository.js';
import { readDatabaseState } from '../helpers/database-state.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

function tableNames(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
}

describe('migrateDatabase', () => {
  it('applies a failing migration not at all: version and schema stay as they were', () => {
    const path = join(tempDir(), 'failing.db');
    const db = new Database(path);
    try {
      const shipped = readMigrations();
      migrateDatabase(db, path, false, shipped);
      const tablesBefore = tableNames(db);
      const next = currentSchemaVersion() + 1;
      const broken = { version: next, name: `${next}-broken.sql`, sql: 'CREATE TABLE half_done (x); INSERT INTO half_done VALUES (1); THIS IS NOT SQL;' };
      expect(() => migrateDatabase(db, path, false, [...shipped, broken])).toThrow();
      expect(db.pragma('user_version', { simple: true })).toBe(currentSchemaVersion());
      expect(tableNames(db)).toEqual(tablesBefore);
    } finally {
      db.close();
    }
  });

  it('refuses to migrate a read-only handle on an old schema, and a newer schema at all', () => {
    const dir = tempDir();
    const old = join(dir, 'old.db');
    const raw = new Database(old);
    migrateDatabase(raw, old, false, readMigrations().slice(0, 1));
    raw.close();
    expect(() => openDatabase(old, { readonly: true })).toThrow(/out of date/);
    const newer = join(dir, 'newer.db');
    const rawNewer = new Database(newer);
    rawNewer.pragma(`user_version = ${currentSchemaVersion() + 1}`);
    rawNewer.close();
    expect(() => openDatabase(newer)).toThrow(ConfigError);
    expect(() => openDatabase(newer)).toThrow(`newer than this claimcheck supports (${currentSchemaVersion()})`);
  });

  it('carries rows of a version-1 database forward and adds the newer indexes', () => {
    const path = join(tempDir(), 'v1.db');
    const raw = new Database(path);
    migrateDatabase(raw, path, false, readMigrations().slice(0, 1));
    raw.prepare('INSERT INTO apps (name, created_at) VALUES (?, ?)').run('Old app', '2026-01-01T00:00:00Z');
    raw.close();
    const db = openDatabase(path);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(currentSchemaVersion());
      expect(db.prepare('SELECT name FROM apps').all()).toEqual([{ name: 'Old app' }]);
      const plan = db.prepare('EXPLAIN QUERY PLAN SELECT id FROM audits WHERE app_id = ? ORDER BY id DESC LIMIT 1').all(1) as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING (COVERING )?INDEX audits_app/);
    } finally {
      db.close();
    }
  });

  it('leaves the direction split of flows stored before version 11 unknown (null, not 0), so rules read them as before', () => {
    const path = join(tempDir(), 'v10.db');
    const raw = new Database(path);
    migrateDatabase(raw, path, false, readMigrations().filter((m) => m.version <= 10));
    raw.prepare('INSERT INTO apps (id, name, created_at) VALUES (1, ?, ?)').run('Old app', '2026-01-01T00:00:00Z');
    raw
      .prepare(
        `INSERT INTO captures (id, app_id, file_name, source_path, sha256, format, size_bytes, packet_count, first_time, last_time, imported_at, warning_count)
         VALUES (1, 1, 'a.pcap', '/a.pcap', ?, 'pcap', 10, 8, 0, 0, '2026-01-02T00:00:00Z', 0)`,
      )
      .run('a'.repeat(64));
    raw
      .prepare(
        `INSERT INTO flows (capture_id, protocol, client, client_port, server, server_port, packets, bytes, payload_bytes, first_time, last_time,
           first_frame, last_frame, sample_frames, encryption, host_names, http_requests)
         VALUES (1, 'tcp', '192.168.2.17', 50584, '17.248.176.75', 443, 8, 1067, 539, 0, 1, 1, 8, '[1]', 'tls', '[]', '[]')`,
      )
      .run();
    raw.close();
    const db = openDatabase(path);
    try {
      expect(db.prepare('SELECT client_packets, client_bytes, client_payload_bytes, server_packets, server_bytes, server_payload_bytes FROM flows').get()).toEqual({
        client_packets: null,
        client_bytes: null,
        client_payload_bytes: null,
        server_packets: null,
        server_bytes: null,
        server_payload_bytes: null,
      });
      const [flow] = loadFlows(db, [1]);
      expect(flow).toMatchObject({ packets: 8, bytes: 1067 });
      expect(flow?.clientToServer).toBeUndefined();
      expect(flow?.serverToClient).toBeUndefined();
    } finally {
      db.close();
    }
  });

  it('records, for captures imported before version 7, the identifiers that have hits as searched', () => {
    const path = join(tempDir(), 'v6.db');
    const raw = new Database(path);
    migrateDatabase(raw, path, false, readMigrations().filter((m) => m.version <= 6));
    raw.prepare('INSERT INTO apps (id, name, created_at) VALUES (1, ?, ?)').run('Old app', '2026-01-01T00:00:00Z');
    raw
      .prepare(
        `INSERT INTO captures (id, app_id, file_name, source_path, sha256, format, size_bytes, packet_count, first_time, last_time, imported_at, warning_count)
         VALUES (1, 1, 'a.pcap', '/a.pcap', ?, 'pcap', 10, 1, 0, 0, '2026-01-02T00:00:00Z', 0)`,
      )
      .run('a'.repeat(64));
    const hit = raw.prepare(
      `INSERT INTO identifier_hits (capture_id, label, value, encoding, frame, time, offset, context, encrypted, protocol, src, src_port, dst, dst_port)
       VALUES (1, ?, ?, ?, 1, 0, 0, '', 0, 'udp', '10.0.0.1', 1, '10.0.0.2', 2)`,
    );
    hit.run('user_id', 'u-48151623', 'raw');
    hit.run('user_id', 'u-48151623', 'base64');
    hit.run('room_id', 'room-7f3a9c', 'raw');
    raw.close();
    const db = openDatabase(path);
    try {
      expect(db.prepare('SELECT capture_id, label, value, searched_at FROM identifier_searches ORDER BY label').all()).toEqual([
        { capture_id: 1, label: 'room_id', value: 'room-7f3a9c', searched_at: '2026-01-02T00:00:00Z' },
        { capture_id: 1, label: 'user_id', value: 'u-48151623', searched_at: '2026-01-02T00:00:00Z' },
      ]);
      // Searches without a hit were not recorded then: the capture's record is marked incomplete.
      expect(db.prepare('SELECT identifier_searches_recorded AS recorded FROM captures').all()).toEqual([{ recorded: 0 }]);
    } finally {
      db.close();
    }
  });

  it('keeps policy versions stored before version 8 undated: chosen by fetch time, as before', () => {
    const path = join(tempDir(), 'v7.db');
    const raw = new Database(path);
    migrateDatabase(raw, path, false, readMigrations().filter((m) => m.version <= 7));
    raw.prepare('INSERT INTO apps (id, name, created_at) VALUES (1, ?, ?)').run('Old app', '2025-01-01T00:00:00Z');
    const insert = raw.prepare(
      `INSERT INTO policy_snapshots (id, app_id, source, sha256, fetched_at, format, bytes, text, title, extractor_version)
       VALUES (?, 1, ?, ?, ?, 'text', x'00', 'We keep data for 30 days.', NULL, '1')`,
    );
    insert.run(1, 'old.txt', 'a'.repeat(64), '2025-02-01T00:00:00.000Z');
    insert.run(2, 'new.txt', 'b'.repeat(64), '2025-08-01T00:00:00.000Z');
    raw.close();
    const db = openDatabase(path);
    try {
      expect(db.prepare('SELECT id, declared_date FROM policy_snapshots ORDER BY id').all()).toEqual([
        { id: 1, declared_date: null },
        { id: 2, declared_date: null },
      ]);
      const versions = listSnapshots(db, 1);
      expect(versions.map((v) => [v.id, v.declaredDate])).toEqual([
        [1, undefined],
        [2, undefined],
      ]);
      expect(findSnapshotInForce(db, 1, Date.parse('2025-05-01T00:00:00Z') / 1000)?.source).toBe('old.txt');
      expect(findSnapshotInForce(db, 1, null)?.source).toBe('new.txt');
    } finally {
      db.close();
    }
  });

  it('gives policy versions stored at version 8 one sighting each: the same versions in force after migration', () => {
    const path = join(tempDir(), 'v8.db');
    const raw = new Database(path);
    migrateDatabase(raw, path, false, readMigrations().filter((m) => m.version <= 8));
    raw.prepare('INSERT INTO apps (id, name, created_at) VALUES (1, ?, ?)').run('Old app', '2025-01-01T00:00:00Z');
    const insert = raw.prepare(
      `INSERT INTO policy_snapshots (id, app_id, source, sha256, fetched_at, format, bytes, text, title, extractor_version, role, declared_date)
       VALUES (?, 1, ?, ?, ?, 'text', x'00', 'We keep data for 30 days.', NULL, '1', ?, ?)`,
    );
    // An archived copy dated 2024-03-01 (read in 2025) and the current version read in 2025; a linked list has no sighting.
    insert.run(1, 'archived.txt', 'a'.repeat(64), '2025-08-01T00:00:00.000Z', 'policy', '2024-03-01');
    insert.run(2, 'current.txt', 'b'.repeat(64), '2025-02-01T00:00:00.000Z', 'policy', null);
    insert.run(3, 'list.html', 'c'.repeat(64), '2025-02-01T00:00:00.000Z', 'subprocessor-list', null);
    const moments = ['2024-01-01T00:00:00.000Z', '2024-06-01T00:00:00.000Z', '2025-03-01T00:00:00.000Z', null];
    // The rule of schema 8, in its own SQL: the version dated last at or before the moment, else the newest.
    const newest = `SELECT id FROM policy_snapshots WHERE app_id = 1 AND role = 'policy'`;
    const before = moments.map((iso) => {
      const dated = iso === null ? undefined : (raw.prepare(`${newest} AND COALESCE(declared_date, fetched_at) <= ? ORDER BY COALESCE(declared_date, fetched_at) DESC, id DESC LIMIT 1`).get(iso) as { id: number } | undefined);
      return (dated ?? (raw.prepare(`${newest} ORDER BY COALESCE(declared_date, fetched_at) DESC, id DESC LIMIT 1`).get() as { id: number })).id;
    });
    expect(before).toEqual([2, 1, 2, 2]);
    raw.close();
    const inForce = (db: Database.Database): unknown[] => moments.map((iso) => findSnapshotInForce(db, 1, iso === null ? null : Date.parse(iso) / 1000)?.id);
    const db = openDatabase(path);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(currentSchemaVersion());
      expect(db.prepare('SELECT snapshot_id, source, read_at, declared_date FROM policy_sightings ORDER BY id').all()).toEqual([
        { snapshot_id: 1, source: 'archived.txt', read_at: '2025-08-01T00:00:00.000Z', declared_date: '2024-03-01' },
        { snapshot_id: 2, source: 'current.txt', read_at: '2025-02-01T00:00:00.000Z', declared_date: null },
      ]);
      expect(inForce(db)).toEqual(before);
      expect(listSnapshots(db, 1).map((v) => v.id)).toEqual([1, 2]);
      expect(listPolicySightings(db, 1).map((g) => g.snapshotId)).toEqual([1, 2]);
    } finally {
      db.close();
    }
  });

  it('gives retention claims stored before version 10 the service as holder, leaving other claims as they were', () => {
    const path = join(tempDir(), 'v9.db');
    const raw = new Database(path);
    migrateDatabase(raw, path, false, readMigrations().filter((m) => m.version <= 9));
    raw.prepare('INSERT INTO apps (id, name, created_at) VALUES (1, ?, ?)').run('Old app', '2025-01-01T00:00:00Z');
    raw
      .prepare(
        `INSERT INTO policy_snapshots (id, app_id, source, sha256, fetched_at, format, bytes, text, title, extractor_version, role, declared_date)
         VALUES (1, 1, 'p.txt', ?, '2025-02-01T00:00:00.000Z', 'text', x'00', 'We keep data for 30 days. We share data with Google.', NULL, '1', 'policy', NULL)`,
      )
      .run('a'.repeat(64));
    const retention = { sectionPath: [], span: { start: 0, end: 25 }, quote: 'We keep data for 30 days.', polarity: 'affirmative', kind: 'retention', dataKind: 'data', periodDays: 30, vagueness: 'stated', trigger: 'for 30 days' };
    const processor = { sectionPath: [], span: { start: 26, end: 51 }, quote: 'We share data with Google.', polarity: 'affirmative', kind: 'processor', processorType: 'named', name: 'Google' };
    const insert = raw.prepare(`INSERT INTO claims (snapshot_id, kind, section_path, span_start, span_end, quote, polarity, details) VALUES (1, ?, '[]', ?, ?, ?, 'affirmative', ?)`);
    for (const claim of [retention, processor]) insert.run(claim.kind, claim.span.start, claim.span.end, claim.quote, JSON.stringify(claim));
    raw.close();
    const db = openDatabase(path);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(currentSchemaVersion());
      const rows = (db.prepare('SELECT details FROM claims ORDER BY id').all() as { details: string }[]).map((r) => JSON.parse(r.details) as Record<string, unknown>);
      expect(rows).toEqual([{ ...retention, holder: { kind: 'service' } }, processor]);
    } finally {
      db.close();
    }
  });

  it('two processes creating the same fresh database at once both succeed with one schema', async () => {
    const dir = tempDir();
    copyFileSync(resolve('policies/example-voice-app/murmur-privacy-policy.html'), join(dir, 'policy.html'));
    const runPolicyAdd = (app: string): Promise<{ status: number | null; stderr: string }> =>
      new Promise((resolvePromise, reject) => {
        const child = spawn(process.execPath, [resolve('dist/src/cli/main.js'), 'policy', 'add', 'policy.html', '--app', app], { cwd: dir });
        let stderr = '';
        child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
        child.on('error', reject);
        child.on('close', (status) => resolvePromise({ status, stderr }));
      });
    const results = await Promise.all(['First', 'Second', 'Third'].map(runPolicyAdd));
    for (const result of results) {
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    }
    const state = readDatabaseState(join(dir, 'claimcheck.db'));
    expect(state.schemaVersion).toBe(currentSchemaVersion());
    expect(state.integrity).toBe('ok');
    expect(state.counts.apps).toBe(3);
    expect(state.counts.policy_snapshots).toBe(3);
  });
});
