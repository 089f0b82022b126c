/**
 * Remembers a pure function's answers by its text argument. An audit attributes every flow of an app,
 * and flows repeat a few hundred servers and host names many times over, so address parsing, Public
 * Suffix List lookups and catalog matching would otherwise redo the same work per flow. Bounded: past
 * `limit` entries the memory starts afresh, so a long batch run over thousands of apps cannot grow it
 * without end. Answers are shared between callers, so they must be values or frozen objects.
 */
export function memoiseByText<T>(compute: (text: string) => T, limit = 50_000): (text: string) => T {
  const answers = new Map<string, T>();
  return (text) => {
    const known = answers.get(text);
    if (known !== undefined || answers.has(text)) return known as T;
    const answer = compute(text);
    if (answers.size >= limit) answers.clear();
    answers.set(text, answer);
    return answer;
  };
}
