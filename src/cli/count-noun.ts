/** "1 claim", "2 claims": counts on the command line agree with their noun. */
export function countNoun(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
