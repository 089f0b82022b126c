import { escapeHtml as h } from './escape-text.js';
import type { CountryTraffic, OrganisationTraffic } from './report-model.js';
import { formatBytes, nameCountry } from './wording.js';

/** One bar row: a name, a CSS class for its colour, and its two measures. */
interface ChartRow {
  name: string;
  note: string;
  colour: string;
  flows: number;
  bytes: number;
}

function percent(part: number, whole: number): string {
  return whole > 0 ? `${((100 * part) / whole).toFixed(1)}%` : '0%';
}

/**
 * A bar chart as a plain table with CSS bars (no script, no image): it prints, it copies as text,
 * and screen readers read it as the numbers it is. Bars are scaled to the largest row; the share of
 * the total is printed beside each.
 */
function renderBarTable(caption: string, nameHeading: string, rows: readonly ChartRow[]): string {
  const totalBytes = rows.reduce((n, r) => n + r.bytes, 0);
  const totalFlows = rows.reduce((n, r) => n + r.flows, 0);
  const maxBytes = Math.max(0, ...rows.map((r) => r.bytes));
  const maxFlows = Math.max(0, ...rows.map((r) => r.flows));
  const body = rows
    .map(
      (r) => `<tr><th scope="row">${h(r.name)}${r.note ? `<div class="meta">${h(r.note)}</div>` : ''}</th><td class="bars"><span class="bar bytes ${h(r.colour)}" style="width:${percent(
        r.bytes,
        maxBytes,
      )}"></span><span class="bar flows ${h(r.colour)}" style="width:${percent(r.flows, maxFlows)}"></span></td><td class="num">${h(formatBytes(r.bytes))}<div class="meta">${percent(
        r.bytes,
        totalBytes,
      )}</div></td><td class="num">${r.flows}<div class="meta">${percent(r.flows, totalFlows)}</div></td></tr>`,
    )
    .join('\n');
  return `<table class="chart"><caption>${h(caption)}</caption><thead><tr><th scope="col">${h(nameHeading)}</th><th scope="col"><span class="key bytes"></span> bytes <span class="key flows"></span> flows</th><th scope="col" class="num">Bytes</th><th scope="col" class="num">Flows</th></tr></thead><tbody>
${body}
</tbody></table>`;
}

/** Bar chart of traffic by receiving organisation, coloured by how the policy covers it. */
export function renderOrganisationChart(rows: readonly OrganisationTraffic[]): string {
  return renderBarTable(
    'Bytes and flows by recipient organisation',
    'Organisation',
    rows.map((r) => ({
      name: r.organisation,
      note: r.label ? `${r.relation}, ${r.label}` : r.relation,
      colour: r.label ? `lab-${r.label}` : `rel-${r.relation}`,
      flows: r.flows,
      bytes: r.bytes,
    })),
  );
}

/** Bar chart of traffic by the registry country of the server addresses. */
export function renderCountryChart(rows: readonly CountryTraffic[]): string {
  return renderBarTable(
    'Bytes and flows by country of the server address (registry country, not a measured location)',
    'Country',
    rows.map((r) => ({
      name: r.country ? `${nameCountry(r.country)} (${r.country})` : 'Unknown',
      note: '',
      colour: 'rel-country',
      flows: r.flows,
      bytes: r.bytes,
    })),
  );
}
