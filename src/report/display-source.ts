import { basename, isAbsolute, relative, sep } from 'node:path';

/**
 * How a policy source appears in a report. URLs stay as they are. A local file is shown relative to
 * the working directory when it lies inside it, else by its file name: reports get published, and an
 * absolute path names the researcher's machine and home directory without helping anyone verify the
 * quote (the snapshot's sha256 does that).
 */
export function formatPolicySource(source: string, workingDirectory: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) return source;
  if (!isAbsolute(source)) return source;
  const inside = relative(workingDirectory, source);
  if (inside !== '' && !inside.startsWith('..') && !isAbsolute(inside)) return inside.split(sep).join('/');
  return basename(source);
}
