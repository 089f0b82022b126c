/** The part of a parsed HTML node (cheerio / domhandler) that a search by tag name reads. */
interface HtmlNode {
  type: string;
  name?: string;
  children?: HtmlNode[];
}

/**
 * The elements of one tag name under `root`, in document order. A plain walk with an explicit stack:
 * cheerio's selector engine is quadratic in the number of top-level elements (a page of 60 000 bare
 * headings takes minutes in `$('a[href]')`), and deep nesting must not overflow the call stack.
 */
export function findHtmlElements<T extends HtmlNode>(root: { children?: T[] }, tag: string): T[] {
  const found: T[] = [];
  const stack: T[] = [...(root.children ?? [])].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as T;
    if (node.name === tag) found.push(node);
    // Every child of a node of the root's kind is of that kind too (a DOM's nodes share one type).
    const children = (node.children ?? []) as T[];
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child !== undefined) stack.push(child);
    }
  }
  return found;
}
