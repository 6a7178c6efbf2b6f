// Which link targets a publication may carry: web and mail links, and in-document or relative
// ones. Anything else (javascript:, data:, vbscript:) could run code in a reader's browser.
const scheme = /^([a-z][a-z0-9+.-]*):/i;

export function isSafeUrl(url: string): boolean {
  const match = scheme.exec(url.replace(/[\u0000-\u0020]/g, ''));
  return !match || ['http', 'https', 'mailto', 'tel'].includes(match[1].toLowerCase());
}
