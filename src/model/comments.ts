// HTML comments (`<!-- … -->`) are notes for translators and editors: allowed in any edition,
// never published. The checks refuse every other kind of raw HTML.

/** Only HTML comments, and the space between them. */
export function isComment(html: string): boolean {
  return /^\s*(?:<!--[\s\S]*?-->\s*)+$/.test(html);
}
