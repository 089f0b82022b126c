import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError } from '../model/errors.js';

function errorCode(error: unknown): string {
  return error instanceof Error && 'code' in error ? String(error.code) : String(error);
}

/**
 * Creates an output directory and its missing parents, one level at a time. Node's recursive
 * mkdir spins forever on some paths (e.g. under /proc), and its errors would surface as internal
 * errors; here every failure is one line naming the directory.
 */
export function ensureOutputDirectory(dir: string): void {
  const missing: string[] = [];
  let current = resolve(dir);
  for (;;) {
    try {
      if (!statSync(current).isDirectory()) throw new ConfigError(`${dir}: cannot create output directory (${current} is not a directory)`);
      break;
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      if (errorCode(error) !== 'ENOENT') throw new ConfigError(`${dir}: cannot create output directory (${errorCode(error)})`);
      const parent = dirname(current);
      if (parent === current) break;
      missing.unshift(current);
      current = parent;
    }
  }
  for (const path of missing) {
    try {
      mkdirSync(path);
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw new ConfigError(`${dir}: cannot create output directory (${errorCode(error)})`);
    }
  }
}

/** Runs a file write, turning file-system failures into one-line errors naming the file. */
export function writeOutputFile(path: string, write: () => void): void {
  try {
    write();
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`${path}: cannot write (${errorCode(error)})`);
  }
}
