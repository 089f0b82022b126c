/**
 * Sub-processor list reading throughput (`policy add --follow-subprocessors`): HTML text extraction
 * and the table reader over generated lists of catalog companies, as rows per second. Real lists have
 * tens to a few hundred rows; the large size shows that a hostile list cannot stall an import.
 */
import { EntityCatalog } from '../src/enrich/entity-catalog.js';
import { extractHtmlText } from '../src/policy/extract-html-text.js';
import { extractSubprocessorList } from '../src/policy/extract-subprocessor-list.js';

const SIZES = [50, 500, 5000];
const PURPOSES = ['Cloud hosting and storage', 'Crash and error reporting', 'Customer support tickets', 'Sending SMS verification codes'];
const LOCATIONS = ['United States', 'Ireland, United States', 'Germany', 'Singapore', 'EU', 'Global'];

/** Prints rows per second for reading a sub-processor table of each size. */
export async function runBenchmark(): Promise<void> {
  const catalog = EntityCatalog.loadDefault();
  const organisations = catalog.organisationNames();
  const names = organisations.map((o) => o.names[0] ?? o.entityId);
  for (const size of SIZES) {
    const rows: string[] = [];
    for (let i = 0; i < size; i++) {
      rows.push(`<tr><td>${names[i % names.length] ?? 'Acme'}</td><td>${PURPOSES[i % PURPOSES.length] ?? ''}</td><td>${LOCATIONS[i % LOCATIONS.length] ?? ''}</td></tr>`);
    }
    const html = `<h1>Sub-processors</h1><table><tr><th>Sub-processor</th><th>Purpose</th><th>Location</th></tr>${rows.join('')}</table>`;
    // Warm-up: cheerio loading and regex compilation are not part of the figure.
    extractSubprocessorList(extractHtmlText(html), { organisations });
    const started = process.hrtime.bigint();
    const claims = extractSubprocessorList(extractHtmlText(html), { organisations });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    process.stdout.write(
      `${size} rows (${(html.length / 1024).toFixed(0)} KiB, ${claims.length} claims): ${(size / seconds).toFixed(0)} rows/s (${(seconds * 1000).toFixed(0)} ms)\n`,
    );
  }
  benchmarkHostileHeadings(organisations);
}

/** Bare headings are the cost a hostile page can multiply: each is a section every block is placed in. */
const HOSTILE_HEADINGS = 60_000;

function benchmarkHostileHeadings(organisations: ReturnType<EntityCatalog['organisationNames']>): void {
  const filler = Array.from({ length: HOSTILE_HEADINGS }, (_, i) => `<h3>Region ${i}</h3><p>Nothing listed for region ${i}.</p>`).join('');
  const html = `<h1>Sub-processors</h1>${filler}<table><tr><th>Sub-processor</th><th>Purpose</th></tr><tr><td>Twilio Inc.</td><td>SMS codes</td></tr></table>`;
  const started = process.hrtime.bigint();
  const claims = extractSubprocessorList(extractHtmlText(html), { organisations });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(`${HOSTILE_HEADINGS} headings (${(html.length / 1024 / 1024).toFixed(1)} MiB, ${claims.length} claims): ${seconds.toFixed(1)} s\n`);
}
