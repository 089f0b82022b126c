import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CaptureFormat, Observation } from '../../src/model/observation.js';
import { createReadStats, type ReadStats } from '../../src/capture/link-frame.js';
import { readObservationBatches } from '../../src/capture/read-capture.js';

/** The shared real captures, relative to the repository root (tests run from /work/main). */
export const CAPTURES_DIR = resolve(process.cwd(), '../shared/data/captures');

/** Path of one shared capture. */
export function capturePath(name: string): string {
  return join(CAPTURES_DIR, name);
}

/** Yields `bytes` in pieces of `size` bytes, like a file stream with a small highWaterMark. */
export async function* chunkBytes(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, Math.min(bytes.length, i + size));
}

/** Reads all observations of an in-memory capture. */
export async function collectObservations(
  bytes: Uint8Array,
  format: CaptureFormat,
  chunkSize = 65536,
): Promise<{ observations: Observation[]; stats: ReadStats }> {
  const stats = createReadStats();
  const observations: Observation[] = [];
  for await (const batch of readObservationBatches(chunkBytes(bytes, chunkSize), 'memory.bin', format, stats)) {
    observations.push(...batch);
  }
  return { observations, stats };
}

/** Writes bytes to a fresh temporary file and returns its path. */
export function writeTempFile(name: string, bytes: Uint8Array | string): string {
  const dir = mkdtempSync(join(tmpdir(), 'claimcheck-capture-'));
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

/** Narrows observations to one kind. */
export function ofKind<K extends Observation['kind']>(observations: Observation[], kind: K): Extract<Observation, { kind: K }>[] {
  return observations.filter((o): o is Extract<Observation, { kind: K }> => o.kind === kind);
}
