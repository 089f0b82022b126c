/**
 * Runs tshark (Wireshark's command-line dissector) on a capture and reduces its output to the facts the
 * conformance test compares: packet count, TCP/UDP conversations, DNS questions and answers, TLS/QUIC SNI and
 * HTTP Host values. Name resolution is off (`-n`) so tshark prints addresses, as claimcheck does.
 */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** One TCP or UDP conversation, keyed without direction. */
export interface ConversationCounts {
  frames: number;
  bytes: number;
}

/** A row of tshark's own `-z conv` table: frame counts exact, bytes as tshark printed them (`749 bytes`, `31 kB`). */
export interface ConversationTableRow {
  frames: number;
  bytesText: string;
}

/** What tshark says about one capture. */
export interface TsharkFacts {
  packetCount: number;
  /** Per conversation, frames and exact frame-length sums, from per-frame fields. */
  conversations: Map<string, ConversationCounts>;
  /** Per direction of a conversation (`buildDirectedKey`), frames and frame-length sums the source sent. */
  directions: Map<string, ConversationCounts>;
  /** tshark's `-z conv,tcp -z conv,udp` table. */
  conversationTable: Map<string, ConversationTableRow>;
  /** Names asked about in every DNS/mDNS/LLMNR message. */
  dnsQuestions: Set<string>;
  /** `name|type|value` of the A, AAAA and CNAME records in answer sections. */
  dnsAnswers: Set<string>;
  /** `conversation|server name` of every ClientHello (TLS over TCP, or inside a QUIC Initial). */
  serverNames: Set<string>;
  /** `conversation|host` of every plain HTTP request over TCP with a Host header (SSDP's HTTP-over-UDP is left out). */
  httpHosts: Set<string>;
}

/**
 * Fails loudly when tshark is missing: CI installs it (.ci/run), and a conformance test that silently skips
 * would pass without having compared anything.
 */
export function requireTshark(): void {
  const probe = spawnSync('tshark', ['--version'], { encoding: 'utf8' });
  if (probe.error !== undefined || probe.status !== 0) {
    throw new Error(
      'tshark is not installed or does not run: the tshark conformance tests compare claimcheck with it. ' +
        'Install the Debian package `tshark` (apt-get install tshark; .ci/run does this in CI).',
    );
  }
}

/** Builds the key of one direction of a conversation: what `src` sent to `dst`. */
export function buildDirectedKey(protocol: string, src: string, srcPort: number, dst: string, dstPort: number): string {
  return `${protocol} ${src} ${srcPort} > ${dst} ${dstPort}`;
}

/** Builds the direction-independent key tshark and claimcheck conversations are compared by. */
export function buildConversationKey(protocol: string, a: string, aPort: number, b: string, bPort: number): string {
  const ends = [`${a} ${aPort}`, `${b} ${bPort}`].sort();
  return `${protocol} ${ends[0]} ${ends[1]}`;
}

async function runTshark(args: string[]): Promise<string> {
  const { stdout } = await run('tshark', ['-n', ...args], { maxBuffer: 512 * 1024 * 1024, encoding: 'utf8' });
  return stdout;
}

const FIELDS = [
  'frame.number',
  'frame.len',
  'ip.src',
  'ip.dst',
  'ipv6.src',
  'ipv6.dst',
  'tcp.srcport',
  'tcp.dstport',
  'udp.srcport',
  'udp.dstport',
  'icmp.type',
  'icmpv6.type',
  'tls.handshake.type',
  'tls.handshake.extensions_server_name',
  'http.request.method',
  'http.host',
] as const;

/** Runs tshark three times (fields, conversation table, DNS as JSON) and collects its facts about `file`. */
export async function readTsharkFacts(file: string): Promise<TsharkFacts> {
  const [fieldsText, conversationText, dnsJson] = await Promise.all([
    runTshark(['-r', file, '-T', 'fields', '-E', 'separator=/t', '-E', 'occurrence=a', '-E', 'aggregator=,', ...FIELDS.flatMap((f) => ['-e', f])]),
    runTshark(['-r', file, '-q', '-z', 'conv,tcp', '-z', 'conv,udp']),
    runTshark(['-r', file, '-Y', 'dns || mdns || llmnr', '-T', 'json', '-J', 'dns mdns llmnr', '--no-duplicate-keys']),
  ]);
  const facts: TsharkFacts = {
    packetCount: 0,
    conversations: new Map(),
    directions: new Map(),
    conversationTable: parseConversationTable(conversationText),
    dnsQuestions: new Set(),
    dnsAnswers: new Set(),
    serverNames: new Set(),
    httpHosts: new Set(),
  };
  for (const line of fieldsText.split('\n')) {
    if (line === '') continue;
    facts.packetCount += 1;
    addFrameFields(facts, line);
  }
  collectDns(JSON.parse(dnsJson) as unknown, facts);
  return facts;
}

function addFrameFields(facts: TsharkFacts, line: string): void {
  const values = Object.fromEntries(FIELDS.map((f, i) => [f, (line.split('\t')[i] ?? '').split(',').filter((v) => v !== '')])) as Record<
    (typeof FIELDS)[number],
    string[]
  >;
  // A TCP/UDP header quoted inside an ICMP error is not part of that conversation (tshark's conv tap skips it).
  if (values['icmp.type'].length > 0 || values['icmpv6.type'].length > 0) return;
  const src = values['ip.src'][0] ?? values['ipv6.src'][0];
  const dst = values['ip.dst'][0] ?? values['ipv6.dst'][0];
  if (src === undefined || dst === undefined) return;
  const protocol = values['tcp.srcport'].length > 0 ? 'tcp' : values['udp.srcport'].length > 0 ? 'udp' : null;
  if (protocol === null) return;
  const srcPort = Number(values[`${protocol}.srcport`][0]);
  const dstPort = Number(values[`${protocol}.dstport`][0]);
  const key = buildConversationKey(protocol, src, srcPort, dst, dstPort);
  const counts = facts.conversations.get(key) ?? { frames: 0, bytes: 0 };
  counts.frames += 1;
  counts.bytes += Number(values['frame.len'][0]);
  facts.conversations.set(key, counts);
  const directedKey = buildDirectedKey(protocol, src, srcPort, dst, dstPort);
  const directed = facts.directions.get(directedKey) ?? { frames: 0, bytes: 0 };
  directed.frames += 1;
  directed.bytes += Number(values['frame.len'][0]);
  facts.directions.set(directedKey, directed);
  const types = values['tls.handshake.type'];
  if (types.includes('1')) {
    for (const name of values['tls.handshake.extensions_server_name']) facts.serverNames.add(`${key}|${name.toLowerCase()}`);
  }
  if (protocol === 'tcp' && values['http.request.method'].length > 0) {
    for (const host of values['http.host']) facts.httpHosts.add(`${key}|${stripPort(host.toLowerCase())}`);
  }
}

function stripPort(host: string): string {
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']'));
  const colon = host.indexOf(':');
  return colon >= 0 && host.indexOf(':', colon + 1) < 0 ? host.slice(0, colon) : host;
}

/**
 * Parses the text tables of `-z conv,tcp -z conv,udp`. Rows look like
 * `10.0.0.1:5000 <-> 10.0.0.2:443   3 289 bytes   4 460 bytes   7 749 bytes   2.33   0.13`.
 */
function parseConversationTable(text: string): Map<string, ConversationTableRow> {
  const rows = new Map<string, ConversationTableRow>();
  let protocol: string | null = null;
  for (const line of text.split('\n')) {
    if (/^TCP Conversations/.test(line)) protocol = 'tcp';
    else if (/^UDP Conversations/.test(line)) protocol = 'udp';
    const match = /^(\S+):(\d+)\s+<->\s+(\S+):(\d+)\s+\d+ \d+ \S+\s+\d+ \d+ \S+\s+(\d+) (\d+ \S+)\s/.exec(line);
    if (match === null || protocol === null) continue;
    const [, a, aPort, b, bPort, frames, bytesText] = match;
    rows.set(buildConversationKey(protocol, a ?? '', Number(aPort), b ?? '', Number(bPort)), { frames: Number(frames), bytesText: bytesText ?? '' });
  }
  return rows;
}

/** Walks tshark's JSON for DNS messages: `Queries` and `Answers` subtrees of every dns/mdns/llmnr layer. */
function collectDns(packets: unknown, facts: TsharkFacts): void {
  if (!Array.isArray(packets)) return;
  for (const packet of packets as { _source?: { layers?: Record<string, unknown> } }[]) {
    const layers = packet._source?.layers ?? {};
    for (const name of ['dns', 'mdns', 'llmnr']) {
      for (const layer of asList(layers[name])) {
        if (typeof layer !== 'object' || layer === null) continue;
        const record = layer as Record<string, unknown>;
        for (const query of entriesOf(record['Queries'])) {
          const qname = query['dns.qry.name'];
          if (typeof qname === 'string') facts.dnsQuestions.add(normalizeName(qname));
        }
        for (const answer of entriesOf(record['Answers'])) {
          const owner = answer['dns.resp.name'];
          const klass = Number(answer['dns.resp.class'] ?? 'NaN') & 0x7fff;
          if (typeof owner !== 'string' || klass !== 1) continue;
          const value = answer['dns.a'] ?? answer['dns.aaaa'] ?? answer['dns.cname'];
          const type = { '1': 'A', '28': 'AAAA', '5': 'CNAME' }[String(answer['dns.resp.type'])];
          if (type !== undefined && typeof value === 'string') {
            facts.dnsAnswers.add(`${normalizeName(owner)}|${type}|${type === 'CNAME' ? normalizeName(value) : value}`);
          }
        }
      }
    }
  }
}

function normalizeName(name: string): string {
  return name === '<Root>' ? '' : name.toLowerCase().replace(/\.$/, '');
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

/** The records of a `Queries`/`Answers` object; with --no-duplicate-keys repeated records become arrays. */
function entriesOf(section: unknown): Record<string, unknown>[] {
  if (typeof section !== 'object' || section === null) return [];
  return Object.values(section as Record<string, unknown>)
    .flatMap((v) => asList(v))
    .filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null);
}
