// HTML comments (`<!-- … -->`) are notes for translators and editors: allowed in any edition,
// never published. The checks refuse every other kind of raw HTML.

const space = /\s/;

/** Only HTML comments, and the space between them. One pass over the text: the regular
 * expression this replaces, /^\s*(?:<!--[\s\S]*?-->\s*)+$/, backtracks exponentially on a line of
 * comments followed by anything else. */
export function isComment(html: string): boolean {
  let i = 0;
  let comments = 0;
  for (;;) {
    while (i < html.length && space.test(html[i]!)) i++;
    if (i === html.length) return comments > 0;
    if (!html.startsWith('<!--', i)) return false;
    const end = html.indexOf('-->', i + 4);
    if (end === -1) return false;
    i = end + 3;
    comments++;
  }
}
