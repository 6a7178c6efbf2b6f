// report:frontmatter — every edition opens with YAML front matter holding at least its title.
import type { Root, Yaml } from 'mdast';
import { isMap, isScalar, parseDocument } from 'yaml';
import { quickMapping } from '../shared/yaml.ts';
import type { VFile } from 'vfile';
import { report, type CheckOptions } from './context.ts';
import { closest } from '../shared/suggest.ts';

const ruleId = 'report:frontmatter';
const known = new Set(['title', 'country', 'source-hash', 'draft']);

export interface FrontMatter {
  title?: string;
  /** The country's name in this edition's language, for labels such as "Back to {country}". */
  country?: string;
  'source-hash'?: string;
  /** A translation still being written (on the original: the whole report): builds leave it out. */
  draft?: boolean;
}

declare module 'vfile' {
  interface DataMap {
    frontmatter: FrontMatter;
    /** Where each front matter value starts in the edition. */
    frontmatterPlaces: Record<string, { line: number; column: number }>;
  }
}

export default function frontmatter(options: CheckOptions) {
  return (tree: Root, file: VFile): void => {
    const node = tree.children[0];
    if (file.data.frontmatterUnclosed) {
      report(file, 'error', 'Unclosed front matter: the `---` on line 1 has no closing `---`, so its fields are read as text', { line: 1, column: 1 }, ruleId,
        'end the front matter with a line of three dashes after its last field:\n---\ntitle: <the report title>\n---');
      return;
    }
    if (!node || node.type !== 'yaml') {
      report(file, 'error', 'Missing front matter, expected a `---` block with `title:` at the top of the file', { line: 1, column: 1 }, ruleId,
        'start the file with:\n---\ntitle: <the report title>\n---');
      return;
    }
    const read = readYaml(node, file);
    if (!read) return;
    const { data, keys } = read;
    file.data.frontmatter = data as FrontMatter;
    file.data.frontmatterPlaces = Object.fromEntries([...read.values].map(([key, offset]) => [key, yamlPoint(node, offset)]));
    const at = (key: string) => (keys.has(key) ? yamlPoint(node, keys.get(key)!) : undefined);
    // An unknown key that is a misspelling of a known one ("titel"): named where that key is missed.
    const misspelt = new Map<string, string>();
    for (const key of Object.keys(data)) {
      const meant = known.has(key) ? undefined : closest(key, known);
      if (meant) misspelt.set(key, meant);
    }
    const spelt = (key: string) => [...misspelt].find(([, meant]) => meant === key)?.[0];
    if (typeof data.title !== 'string' || data.title.trim() === '') {
      const typo = data.title === undefined ? spelt('title') : undefined;
      report(file, 'error', 'Missing `title` in front matter, expected a non-empty string', (typo ? at(typo) : undefined) ?? node, ruleId,
        typo ? `spell \`${typo}:\` as \`title:\`` : 'add `title: <the report title>`');
    }
    for (const key of ['country'] as const) {
      if (data[key] !== undefined && (typeof data[key] !== 'string' || data[key].trim() === '')) {
        report(file, 'error', `Unexpected \`${key}\`, expected a non-empty string`, at(key) ?? node, ruleId, `write \`${key}: <text>\` or remove the line`);
      }
    }
    if (data.draft !== undefined && typeof data.draft !== 'boolean') {
      report(file, 'error', `Unexpected \`draft: ${String(data.draft)}\`, expected true or false`, at('draft') ?? node, ruleId,
        'write `draft: true` while the edition is being written (builds leave it out), and remove the line when it is done');
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
        const meant = misspelt.get(key);
        report(file, 'warning', `Unknown front matter key \`${key}\`${meant ? ` (did you mean \`${meant}\`?)` : ''}, expected one of ${[...known].join(', ')}`, at(key) ?? node, ruleId,
          meant ? 'correct its spelling: as it is, it is not read' : 'check its spelling, or remove it: it is not published');
      }
    }
  };
}

/** Aliases a front matter may use before it is refused: a handful is plenty, and a "billion
 * laughs" document expands exponentially with each level of them. */
const maxAliasCount = 50;

/** The front matter as data, with the offset of each top-level key in the YAML text (read from
 * the YAML parser's own nodes: a key is text, never a pattern to search with). */
function readYaml(node: Yaml, file: VFile): { data: Record<string, unknown>; keys: Map<string, number>; values: Map<string, number> } | undefined {
  // The fast reader takes a front matter it reads as `yaml` would; `yaml` reads any other, and
  // says what is wrong with it (src/shared/yaml.ts).
  const quick = quickMapping(node.value, maxAliasCount);
  if (quick) return { data: quick.value, keys: quick.keys, values: quick.values };
  const doc = parseDocument(node.value, { prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const [offset] = error.pos;
      report(file, 'error', `Invalid YAML in front matter: ${error.message.split('\n')[0]}`, yamlPoint(node, offset), ruleId,
        'write one `key: value` per line; quote values that contain a colon or start with [ { " or \'');
    }
    return undefined;
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount });
  } catch (error) {
    report(file, 'error', `Invalid YAML in front matter: ${(error as Error).message.split('\n')[0]}`, node, ruleId,
      'write the values out instead of repeating them with &anchors and *aliases');
    return undefined;
  }
  if (data === null || data === undefined) {
    // `---` then `---`: nothing between the fences.
    report(file, 'error', 'Missing `title` in front matter, which is empty', node, ruleId, 'write `title: <the report title>` between the two `---` lines');
    return undefined;
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    report(file, 'error', 'Unexpected front matter, expected `key: value` lines', node, ruleId, 'write `title: <the report title>`');
    return undefined;
  }
  const keys = new Map<string, number>();
  // Where each plain value's text starts (inside its quotes), for a writer's message about a
  // character of the title.
  const values = new Map<string, number>();
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      const key = pair.key;
      if (!isScalar(key) || !key.range || keys.has(String(key.value))) continue;
      keys.set(String(key.value), key.range[0]);
      const value = pair.value;
      if (isScalar(value) && value.range) values.set(String(key.value), value.range[0] + (value.type === 'QUOTE_DOUBLE' || value.type === 'QUOTE_SINGLE' ? 1 : 0));
    }
  }
  return { data: data as Record<string, unknown>, keys, values };
}

/** The source point of a character offset inside the YAML block (which starts after `---`). */
function yamlPoint(node: Yaml, offset: number) {
  const start = node.position?.start.line ?? 1;
  const before = node.value.slice(0, offset).split('\n');
  return { line: start + before.length, column: before.at(-1)!.length + 1 };
}
