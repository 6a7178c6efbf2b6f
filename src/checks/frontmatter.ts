// report:frontmatter — every edition opens with YAML front matter holding at least its title.
import type { Root, Yaml } from 'mdast';
import { parseDocument } from 'yaml';
import type { VFile } from 'vfile';
import { report, type CheckOptions } from './context.ts';

const ruleId = 'report:frontmatter';
const known = new Set(['title', 'country', 'source-hash']);

export interface FrontMatter {
  title?: string;
  /** The country's name in this edition's language, for labels such as "Back to {country}". */
  country?: string;
  'source-hash'?: string;
}

declare module 'vfile' {
  interface DataMap {
    frontmatter: FrontMatter;
  }
}

export default function frontmatter(options: CheckOptions) {
  return (tree: Root, file: VFile): void => {
    const node = tree.children[0];
    if (!node || node.type !== 'yaml') {
      report(file, 'error', 'Missing front matter, expected a `---` block with `title:` at the top of the file', { line: 1, column: 1 }, ruleId,
        'start the file with:\n---\ntitle: <the report title>\n---');
      return;
    }
    const data = read(node, file);
    if (!data) return;
    file.data.frontmatter = data as FrontMatter;
    const at = (key: string) => keyPlace(node, key);
    if (typeof data.title !== 'string' || data.title.trim() === '') {
      report(file, 'error', 'Missing `title` in front matter, expected a non-empty string', node, ruleId, 'add `title: <the report title>`');
    }
    for (const key of ['country'] as const) {
      if (data[key] !== undefined && (typeof data[key] !== 'string' || data[key].trim() === '')) {
        report(file, 'error', `Unexpected \`${key}\`, expected a non-empty string`, at(key) ?? node, ruleId, `write \`${key}: <text>\` or remove the line`);
      }
    }
    const hash = data['source-hash'];
    if (hash !== undefined && (typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash))) {
      report(file, 'error', 'Unexpected `source-hash`, expected the 64-digit sha256 of the original edition', at('source-hash') ?? node, ruleId,
        'copy the hash of the original edition the translation was made from');
    }
    if (hash !== undefined && options.isOriginal) {
      report(file, 'warning', 'Unexpected `source-hash` in the original edition', at('source-hash') ?? node, ruleId, 'only translations record the original they were made from');
    }
    for (const key of Object.keys(data)) {
      if (!known.has(key)) {
        report(file, 'warning', `Unknown front matter key \`${key}\`, expected one of ${[...known].join(', ')}`, at(key) ?? node, ruleId,
          'check its spelling, or remove it: it is not published');
      }
    }
  };
}

function read(node: Yaml, file: VFile): Record<string, unknown> | undefined {
  const doc = parseDocument(node.value, { prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const [offset] = error.pos;
      report(file, 'error', `Invalid YAML in front matter: ${error.message.split('\n')[0]}`, yamlPoint(node, offset), ruleId,
        'write one `key: value` per line; quote values that contain a colon or start with [ { " or \'');
    }
    return undefined;
  }
  const data: unknown = doc.toJS();
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    report(file, 'error', 'Unexpected front matter, expected `key: value` lines', node, ruleId, 'write `title: <the report title>`');
    return undefined;
  }
  return data as Record<string, unknown>;
}

/** The source point of a character offset inside the YAML block (which starts after `---`). */
function yamlPoint(node: Yaml, offset: number) {
  const start = node.position?.start.line ?? 1;
  const before = node.value.slice(0, offset).split('\n');
  return { line: start + before.length, column: before.at(-1)!.length + 1 };
}

function keyPlace(node: Yaml, key: string) {
  const match = new RegExp(`^${key.replace(/[-]/g, '\\-')}\\s*:`, 'm').exec(node.value);
  return match ? yamlPoint(node, match.index) : undefined;
}
