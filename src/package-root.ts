import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedRoot: string | null = null;

/**
 * The directory holding claimcheck's own package.json. Found by walking up, because compiled
 * code (dist/src/…) and sources run by the tests (src/…) sit at different depths.
 */
export function findPackageRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string };
      if (pkg.name === 'claimcheck') {
        cachedRoot = dir;
        return dir;
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('claimcheck package.json not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

let cachedVersion: string | null = null;

/** claimcheck's version from its package.json (read once: an audit asks for it three times). */
export function readToolVersion(): string {
  if (cachedVersion === null) {
    const pkg = JSON.parse(readFileSync(join(findPackageRoot(), 'package.json'), 'utf8')) as { version: string };
    cachedVersion = pkg.version;
  }
  return cachedVersion;
}
