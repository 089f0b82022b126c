/**
 * `npm run bench`: runs every benchmark module in this directory (files named `*-bench.ts`, each
 * exporting `runBenchmark(): Promise<void>` that prints its own figures) in name order.
 * Pass names to run a subset: `npm run bench -- capture policy`.
 */
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface BenchmarkModule {
  runBenchmark(): Promise<void>;
}

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('-bench.js'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();
if (files.length === 0) {
  process.stderr.write(`no benchmarks match ${wanted.join(', ') || '(any)'}\n`);
  process.exitCode = 2;
}
for (const file of files) {
  process.stdout.write(`\n== ${file.replace(/-bench\.js$/, '')} ==\n`);
  const module = (await import(pathToFileURL(`${here}/${file}`).href)) as BenchmarkModule;
  await module.runBenchmark();
}
