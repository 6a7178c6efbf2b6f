// Every link and image target of an edition is judged here, once, for the checks and for every
// writer: which schemes a publication may carry (web and mail links; javascript:, data:, file:
// and the like could run code or read the reader's disk), which targets are places in the
// edition, which are files beside it; and how a URL is written into formats that take only ASCII.
import { isAbsolute, join, normalize } from 'node:path';

const schemePattern = /^([a-z][a-z0-9+.-]*):/i;
const webSchemes = ['http', 'https', 'mailto', 'tel'];

export type Target =
  /** `#id`: a place in the edition. */
  | { kind: 'fragment'; id: string }
  /** An http, https, mailto or tel URL. */
  | { kind: 'web' }
  /** A relative path: a file beside the edition. */
  | { kind: 'file'; path: string }
  /** Anything else: another scheme, an absolute or protocol-relative path. */
  | { kind: 'refused'; reason: string };

/** What a URL written in an edition points at. Browsers ignore control characters and spaces
 * inside a scheme (`java\tscript:`), so they are ignored here too before the scheme is read. */
export function targetOf(url: string): Target {
  if (url.startsWith('#')) return { kind: 'fragment', id: safeDecode(url.slice(1)) };
  const bare = url.replace(/[\u0000-\u0020\u007f]/g, '');
  const scheme = schemePattern.exec(bare);
  if (scheme) {
    return webSchemes.includes(scheme[1].toLowerCase()) ? { kind: 'web' } : { kind: 'refused', reason: `the ${scheme[1].toLowerCase()}: scheme` };
  }
  if (bare.startsWith('//') || bare.startsWith('\\\\') || bare.startsWith('/\\') || bare.startsWith('\\/')) {
    return { kind: 'refused', reason: 'an address without a scheme' };
  }
  const path = safeDecode(url.split(/[?#]/)[0]);
  if (path === '' || isAbsolute(path) || path.startsWith('\\') || normalize(path).split(/[\\/]/)[0] === '..') {
    return { kind: 'refused', reason: 'a path outside the report folder' };
  }
  return { kind: 'file', path };
}

/** Whether a writer may emit this URL as a link: a web or mail link, or a place in the edition. */
export function isSafeUrl(url: string): boolean {
  const target = targetOf(url);
  return target.kind === 'web' || target.kind === 'fragment' || target.kind === 'file';
}

/** The file a relative URL names inside `dir`, or undefined for anything else. */
export function localPath(url: string, dir: string): string | undefined {
  const target = targetOf(url);
  return target.kind === 'file' ? join(dir, target.path) : undefined;
}

/** `decodeURIComponent` that keeps a malformed escape (`%E0%A4%A`) as written instead of throwing. */
export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The URL in printable ASCII, as a PDF URI action requires: every other character (spaces,
 * Cyrillic, controls) percent-encoded as UTF-8; what is already ASCII, `%` escapes and `\`
 * included, is kept as written so the link goes where a browser would take it. */
export function asciiUrl(url: string): string {
  let out = '';
  for (const ch of url) {
    const code = ch.codePointAt(0)!;
    if (code > 0x20 && code < 0x7f) out += ch;
    else for (const byte of Buffer.from(ch, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
