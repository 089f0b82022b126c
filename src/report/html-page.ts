import { escapeHtml as h } from './escape-text.js';

// The page runs no script at all and may load nothing: the CSP makes that a browser-enforced rule,
// on top of escaping every string that came from a policy or a capture.
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const STYLE = `
:root{--ink:#1b1b1b;--muted:#555;--line:#d0d0d0;--high:#b00020;--medium:#b45309;--low:#1d4ed8;--info:#4b5563}
*{box-sizing:border-box}
body{font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:1120px;margin:2em auto;padding:0 1.2em;color:var(--ink);overflow-wrap:break-word}
h1{font-size:1.7em;margin-bottom:.2em}h2{border-bottom:2px solid #222;padding-bottom:.2em;margin-top:2.2em}h3{margin:.2em 0 .4em}h4{margin:1.2em 0 .4em}
.lede{font-size:1.1em}
.meta{color:var(--muted);font-size:.85em}
code{font:.88em/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#f4f4f4;padding:0 .25em;overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%;margin:.5em 0 1em;font-size:.9em}
caption{text-align:left;font-weight:600;padding:.3em 0}
th,td{border:1px solid var(--line);padding:.3em .5em;text-align:left;vertical-align:top}
thead th{background:#f3f3f3}
td.num,th.num{text-align:right;white-space:nowrap}
.table-scroll{overflow-x:auto}
table.packets td{font-size:.95em}table.packets .nowrap{white-space:nowrap}table.packets tr.detail td{border-top:none;color:#333;background:#fcfcfc;font-size:.88em}table.packets tr.row td{border-bottom:none}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25em 1em;margin:1em 0}
dl.facts dt{font-weight:600}dl.facts dd{margin:0}
.tiles{display:flex;flex-wrap:wrap;gap:.6em;margin:1em 0}
.tile{border:1px solid var(--line);border-top:5px solid var(--info);border-radius:4px;padding:.4em .9em;min-width:7em}
.tile strong{display:block;font-size:1.6em;line-height:1.2}
.tile.sev-high{border-top-color:var(--high)}.tile.sev-medium{border-top-color:var(--medium)}.tile.sev-low{border-top-color:var(--low)}
.sev{display:inline-block;padding:0 .45em;border-radius:3px;color:#fff;background:var(--info);font-size:.85em;font-weight:600;text-transform:uppercase;letter-spacing:.03em}
.sev.sev-high{background:var(--high)}.sev.sev-medium{background:var(--medium)}.sev.sev-low{background:var(--low)}
.badge{display:inline-block;padding:0 .5em;border-radius:3px;background:#eee;font-size:.85em;margin:0 .3em .2em 0}
.finding{border:1px solid #ccc;border-left:6px solid var(--info);padding:.6em 1.1em 1em;margin:1.8em 0;border-radius:4px}
.finding.sev-high{border-left-color:var(--high)}.finding.sev-medium{border-left-color:var(--medium)}.finding.sev-low{border-left-color:var(--low)}
.fid{color:var(--muted);font-weight:400;margin-right:.3em}
figure.quote{margin:.5em 0 1em}
figure.quote figcaption{font-size:.85em;color:var(--muted)}
blockquote{margin:.3em 0;padding:.5em 1em;background:#fafafa;border-left:4px solid #bbb}
blockquote p{margin:0;white-space:pre-wrap}
mark{background:#ffe58a;padding:0 .1em;outline:1px solid #e0b400}
.silent{font-style:italic}
details.entries{margin:.4em 0 1em}details.entries summary{cursor:pointer;color:var(--muted);font-size:.92em}
ul.entries{margin:.4em 0;padding-left:1.2em;font-size:.92em}ul.entries li{margin:.25em 0}ul.entries q{background:#fafafa}
ul.caveats{margin:.3em 0;padding-left:1.2em;font-size:.92em}
.filters dt{font-size:.85em;color:var(--muted)}.filters dd{margin:0 0 .4em}
.charts{display:grid;grid-template-columns:1fr 1fr;gap:1.5em}
table.chart td.bars{width:40%;min-width:8em}
.bar{display:block;height:.8em;margin:.15em 0;background:#6b7280;min-width:1px}
.bar.flows{height:.45em;opacity:.55}
.key{display:inline-block;width:1.2em;height:.7em;background:#6b7280;vertical-align:middle}.key.flows{height:.4em;opacity:.55}
.lab-omitted,.lab-incorrect{background:var(--high)}.lab-vague{background:var(--medium)}.lab-consistent{background:#15803d}
.rel-first-party{background:#9ca3af}.rel-device-background{background:#d1d5db}.rel-peer{background:#a5b4fc}.rel-hosting{background:#0e7490}.rel-unknown{background:#6b7280}.rel-country{background:#374151}
@media (max-width:820px){.charts{grid-template-columns:1fr}dl.facts{grid-template-columns:1fr}}
@media print{body{max-width:none;margin:0}.finding{break-inside:avoid-page}a{color:inherit;text-decoration:none}}
`;

/**
 * Wraps a body in a self-contained page: inline CSS, a CSP that forbids every script and every
 * load, no referrer. `title` is plain text (escaped here); `body` must already be escaped HTML.
 */
export function renderHtmlPage(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
