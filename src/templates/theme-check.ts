// template:theme — templates/theme.yaml has every key Folio reads, each a value the writers can
// use: lengths within bounds, colours as #rrggbb, a page with room for text. Without this a
// designer's typo reached the writers: "big" as the body size made a PDF that pdf-lib could not
// read back, "reddish" as a colour failed every edition as Folio's own fault, a leading of 0
// published overlapping lines, and a measure of `38em; } body { display:none` hid every web page.
// The schema (theme.schema.json, compiled ahead to theme.validate.ts by scripts/validators.js)
// says what one value may be; checkTheme adds what relates two (leading and type size, page size
// and its width). Positions come from the YAML document, read again only when there is a problem.
import type { ErrorObject } from 'ajv';
import { isMap, isNode, isScalar, parseDocument, type Document } from 'yaml';
import type { Diagnostic } from '../shared/diagnostic.ts';
import { closest } from '../shared/suggest.ts';
import { lineColumn } from '../shared/yaml.ts';
import schema from './theme.schema.json' with { type: 'json' };
import validateTheme from './theme.validate.ts';

const validate = validateTheme as ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

export const themeRule = 'template:theme';

/** CSS's page sizes (CSS Paged Media), portrait, in points. */
const pageSizes: Record<string, readonly [number, number]> = {
  A5: [419.53, 595.28], A4: [595.28, 841.89], A3: [841.89, 1190.55], B5: [498.9, 708.66], B4: [708.66, 1000.63],
  'JIS-B5': [515.91, 728.5], 'JIS-B4': [728.5, 1031.81], letter: [612, 792], legal: [612, 1008], ledger: [792, 1224],
};

/** The least room a page leaves for text, each way: two inches. */
const leastText = 144;

type Path = (string | number)[];

interface SchemaNode {
  type?: string;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  $ref?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
}

/** The schema of the value at `path` ($refs followed). */
function schemaAt(path: Path): SchemaNode | undefined {
  const defs = (schema as { $defs: Record<string, SchemaNode> }).$defs;
  const deref = (node: SchemaNode | undefined): SchemaNode | undefined => (node?.$ref ? defs[node.$ref.split('/').pop()!] : node);
  let node = deref(schema as SchemaNode);
  for (const step of path) node = deref(typeof step === 'number' ? node?.items : node?.properties?.[step]);
  return node;
}

/** What a value at `path` must be, in words. */
function expected(path: Path): string {
  const node = schemaAt(path);
  const name = path.filter((p) => typeof p === 'string');
  const last = name[name.length - 1];
  if (node?.type === 'number') {
    if (last === 'superscript') return `a fraction of the text size around it, from ${node.minimum} to ${node.maximum}`;
    return `a length in points, from ${node.minimum} to ${node.maximum}`;
  }
  if (node?.type === 'object') return 'a mapping of keys to values';
  if (node?.type === 'array') return 'a list, such as [Georgia, serif]';
  if (name[0] === 'colours') return 'a colour, "#" and six hexadecimal digits, in quotes since YAML reads an unquoted # as a comment: "#0b4f8a"';
  if (last === 'size') return `a CSS page size: ${Object.keys(pageSizes).join(', ')}, optionally followed by " landscape"`;
  if (last === 'measure') return 'a CSS length in em, rem, ch or px, such as 38em';
  if (name[0] === 'fonts' && (last === 'family' || last === 'fallback')) return 'a font family name, without quotes, commas, semicolons or braces';
  if (name[0] === 'fonts') return 'the path of a .ttf or .otf file inside an npm package, such as @expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf';
  return 'a text';
}

/** `sizes.body`, `fonts.body.fallback[1]`. */
function dotted(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** The value as a message quotes it. */
function shown(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'object') return Array.isArray(value) ? 'a list' : 'a mapping';
  const text = typeof value === 'string' ? `"${value}"` : String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** Every problem of a theme: `data` as `text` (the file's, shown as `file`) says it. */
export function checkTheme(file: string, text: string, data: unknown): Diagnostic[] {
  let doc: Document | undefined;
  const document = (): Document => (doc ??= parseDocument(text, { prettyErrors: false }));
  /** Where the value at `path` is written, else its nearest written parent; `key` points at the key. */
  const offsetOf = (path: Path, key = false): number => {
    for (let n = path.length; n > 0; n--) {
      const parent = n > 1 ? document().getIn(path.slice(0, n - 1), true) : document().contents;
      if (key && n === path.length && isMap(parent)) {
        const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === path[n - 1]);
        if (pair && isNode(pair.key) && pair.key.range) return pair.key.range[0];
      }
      const node = document().getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return node.range[0];
    }
    return 0;
  };
  const problems: Diagnostic[] = [];
  const at = (offset: number, message: string, hint: string) => {
    problems.push({ file, ...lineColumn(text, offset), severity: 'error', message: `Theme: ${message}`, ruleId: themeRule, hint });
  };
  if (!validate(data)) {
    for (const error of validate.errors ?? []) {
      const path: Path = error.instancePath.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, '/').replace(/~0/g, '~')));
      if (error.keyword === 'required') {
        const missing = String(error.params.missingProperty);
        at(offsetOf(path), `missing "${dotted([...path, missing])}"`, `every theme needs it: ${expected([...path, missing])}`);
      } else if (error.keyword === 'additionalProperties') {
        const extra = String(error.params.additionalProperty);
        const near = closest(extra, Object.keys(schemaAt(path)?.properties ?? {}));
        at(offsetOf([...path, extra], true), `unknown key "${dotted([...path, extra])}"`, near ? `did you mean "${near}"?` : `Folio reads only ${Object.keys(schemaAt(path)?.properties ?? {}).join(', ')} here`);
      } else {
        const value = path.reduce<unknown>((v, step) => (v as Record<string | number, unknown> | undefined)?.[step], data);
        at(offsetOf(path), `"${dotted(path)}" is ${shown(value)}`, `it must be ${expected(path)}`);
      }
    }
    return problems;
  }
  // What relates two values, once each is sound.
  const theme = data as {
    page: { size: string; width: number; height: number; margin: Record<'top' | 'bottom' | 'left' | 'right', number>; 'footer-offset': number };
    sizes: Record<string, number>;
    spacing: Record<string, number>;
  };
  const { page, sizes, spacing } = theme;
  const [name, landscape] = page.size.split(' ');
  const [short, long] = pageSizes[name!]!;
  const [width, height] = landscape ? [long, short] : [short, long];
  if (Math.abs(width - page.width) > 1 || Math.abs(height - page.height) > 1) {
    at(offsetOf(['page', 'size']), `page size ${page.size} is ${width} × ${height} pt, but "page.width" and "page.height" say ${page.width} × ${page.height}`,
      'make them agree: the web page prints on the size, the PDF and the Word file use the width and height');
  }
  const across = page.width - page.margin.left - page.margin.right;
  if (across < leastText) {
    at(offsetOf(['page', 'margin']), `the margins leave a text column ${+across.toFixed(2)} pt wide`, `the page's width less its left and right margins must be at least ${leastText} pt`);
  }
  const down = page.height - page.margin.top - page.margin.bottom;
  if (down < leastText) {
    at(offsetOf(['page', 'margin']), `the margins leave ${+down.toFixed(2)} pt of the page's height for text`, `the page's height less its top and bottom margins must be at least ${leastText} pt`);
  }
  // A line too short for its type: ten ems of body text (some twenty characters), four ems of a
  // heading (eight or so), else words are cut between letters line after line.
  if (across >= leastText) {
    for (const [key, ems] of [['body', 10], ['title', 4], ['h2', 4], ['h3', 4]] as const) {
      if (across < sizes[key]! * ems) {
        at(offsetOf(['sizes', key]), `"sizes.${key}" is ${sizes[key]} pt, too large for a text column ${+across.toFixed(2)} pt wide`,
          `the column must hold ${ems} ems of it (${sizes[key]! * ems} pt), or its words are cut between letters: make the type at most ${+(across / ems).toFixed(2)} pt or the margins narrower`);
      }
    }
  }
  const footer = page['footer-offset'];
  if (footer < sizes.small! / 2 || footer + sizes.small! > page.margin.bottom) {
    at(offsetOf(['page', 'footer-offset']), `the running footer's baseline ${footer} pt above the page's edge is ${footer < sizes.small! / 2 ? 'too close to the edge' : 'inside the text area'}`,
      `with small type of ${sizes.small} pt and a bottom margin of ${page.margin.bottom} pt it must be from ${sizes.small! / 2} to ${page.margin.bottom - sizes.small!} pt`);
  }
  for (const [leading, size] of [['leading', 'body'], ['footnote-leading', 'footnote']] as const) {
    if (sizes[leading]! < sizes[size]!) {
      at(offsetOf(['sizes', leading]), `"sizes.${leading}" is ${sizes[leading]}, less than the ${sizes[size]} pt type it spaces`, 'lines would overprint one another: the leading (baseline to baseline) must be at least the type size');
    }
  }
  if (across >= leastText && spacing['footnote-rule']! > across) {
    at(offsetOf(['spacing', 'footnote-rule']), `"spacing.footnote-rule" is ${spacing['footnote-rule']} pt, wider than the ${+across.toFixed(2)} pt text column`, 'the rule above the notes must fit the column');
  }
  return problems;
}
