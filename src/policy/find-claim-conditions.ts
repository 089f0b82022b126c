import type { ClaimCondition } from '../model/claim.js';

/**
 * Clause markers and what they make of the clause. Longest first, so "only if" wins over "if" and
 * "in order to" over "to". Purposes introduced by a bare "to" need a verb after it ("to provide").
 */
const MARKERS: readonly { kind: ClaimCondition['kind']; pattern: string }[] = [
  { kind: 'exception', pattern: 'except(?:\\s+(?:as|where|when|if|for|that|to\\s+the\\s+extent))?' },
  { kind: 'exception', pattern: 'other\\s+than' },
  { kind: 'exception', pattern: 'unless' },
  { kind: 'exception', pattern: 'with\\s+the\\s+exception\\s+of' },
  { kind: 'condition', pattern: 'only\\s+(?:if|when|where)' },
  { kind: 'condition', pattern: 'provided\\s+that' },
  { kind: 'condition', pattern: 'if' },
  { kind: 'condition', pattern: 'when(?:ever)?' },
  { kind: 'condition', pattern: 'where\\s+(?:required|permitted|necessary|appropriate|applicable|you)' },
  { kind: 'condition', pattern: 'with\\s+your\\s+(?:consent|permission)' },
  { kind: 'condition', pattern: 'to\\s+the\\s+extent' },
  // A denial narrowed to one meaning of its verb: "we do not sell personal information as traditionally understood".
  { kind: 'condition', pattern: 'as\\s+(?:(?:that\\s+term|the\\s+term|it)\\s+is\\s+|is\\s+)?(?:traditionally|commonly|conventionally)\\s+(?:understood|defined)' },
  { kind: 'condition', pattern: 'in\\s+the\\s+(?:traditional|conventional|ordinary|usual|common|classic)\\s+sense(?:\\s+of\\s+the\\s+(?:word|term))?' },
  { kind: 'purpose', pattern: 'in\\s+order\\s+to' },
  { kind: 'purpose', pattern: 'so\\s+that' },
  { kind: 'purpose', pattern: 'for\\s+the\\s+purposes?\\s+of' },
  { kind: 'purpose', pattern: 'solely\\s+(?:to|for)' },
  {
    kind: 'purpose',
    pattern:
      'to(?=\\s+(?:help\\s+)?(?:provide|operate|improve|deliver|process|comply|protect|prevent|detect|investigate|enforce|respond|fulfil|fulfill|perform|support|maintain|personali[sz]e|show|serve|measure|analy[sz]e|send|offer|complete|verify|secure|facilitate|enable|run|develop|understand|communicate|administer|carry)\\b)',
  },
];
const MARKER = new RegExp(`(?<![\\p{L}\\p{N}])(?:${MARKERS.map((m) => `(${m.pattern})`).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
/** A clause ends at the next clause break; a purpose or condition rarely runs longer than this. */
const MAX_CLAUSE = 160;
/** More would be the whole sentence again. */
const MAX_CONDITIONS = 4;

/**
 * Finds the clauses that scope a claim in its sentence: exceptions ("except as required by law",
 * "unless you opt out"), conditions ("if you connect your account", "where required by law", "with your
 * consent") and purposes ("to provide the service", "for the purposes of fraud prevention"). Each runs
 * from its marker to the next comma, semicolon or sentence end. Order follows the sentence.
 */
export function findClaimConditions(sentence: string): ClaimCondition[] {
  const conditions: ClaimCondition[] = [];
  MARKER.lastIndex = 0;
  for (let m = MARKER.exec(sentence); m !== null && conditions.length < MAX_CONDITIONS; m = MARKER.exec(sentence)) {
    const index = m.slice(1).findIndex((group) => group !== undefined);
    const marker = MARKERS[index];
    if (marker === undefined) continue;
    const rest = sentence.slice(m.index, m.index + MAX_CLAUSE);
    const end = /[,;:()]|\.(?=\s|$)|\s[-–—]\s/.exec(rest.slice(m[0].length));
    const text = rest.slice(0, end === null ? rest.length : m[0].length + end.index).trim();
    // A marker alone ("if", "to") with nothing after it says nothing.
    if (text.split(/\s+/).length < 2) continue;
    conditions.push({ kind: marker.kind, text });
    MARKER.lastIndex = m.index + text.length;
  }
  return conditions;
}
