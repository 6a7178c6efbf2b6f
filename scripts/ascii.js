// Makes the bundle's text ASCII, for scripts/compile.js. esbuild escapes non-ASCII characters in
// strings and names but leaves them in comments and regular expressions (a few dozen, from
// Folio's Cyrillic letter classes and its dependencies' comments). One such character makes the
// whole 3.8 MB bundle a two-byte string for V8: decoding it as UTF-8 then cost a fresh process
// ~5 ms more than ASCII and twice the memory, and V8 hashed and flattened the larger string too.
// In a comment an escape is just text; in a regular expression `\uXXXX` (one per UTF-16 unit)
// matches what the character did, with or without the `u` flag. Anything else (a template
// literal's raw text) is left as it is, and the bundle then stays valid, only slower to load.
import { parse } from 'acorn';

const NON_ASCII = /[^\x00-\x7f]/;
const escape = (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** A regular expression literal's text with its non-ASCII characters escaped. An identity escape
 * (`\’`, only valid without the `u` flag) means the character itself, so it becomes the escape. */
function escapeRegExp(text) {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      const next = text[i + 1];
      out += NON_ASCII.test(next) ? escape(next) : c + next;
      i++;
    } else {
      out += NON_ASCII.test(c) ? escape(c) : c;
    }
  }
  return out;
}

/** `code` (a script) with the non-ASCII characters of its comments and regular expressions
 * escaped; the result is parsed again, so a mistake fails the compile rather than the command. */
export function asciiOnly(code) {
  if (!NON_ASCII.test(code)) return code;
  const spans = [];
  parse(code, {
    ecmaVersion: 'latest',
    sourceType: 'script',
    allowReturnOutsideFunction: true,
    onComment: (block, text, start, end) => {
      if (NON_ASCII.test(text)) spans.push({ start, end, regexp: false });
    },
    onToken: (token) => {
      if (token.type.label === 'regexp' && NON_ASCII.test(code.slice(token.start, token.end))) spans.push({ start: token.start, end: token.end, regexp: true });
    },
  });
  spans.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const { start, end, regexp } of spans) {
    const text = code.slice(start, end);
    out += code.slice(at, start) + (regexp ? escapeRegExp(text) : text.replace(/[^\x00-\x7f]/g, escape));
    at = end;
  }
  out += code.slice(at);
  parse(out, { ecmaVersion: 'latest', sourceType: 'script', allowReturnOutsideFunction: true });
  return out;
}
